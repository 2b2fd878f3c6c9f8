"""`flask --app app ort ...`: set-up, reference data, users and format tools."""

from flask.cli import AppGroup

from . import api, backup, data, exports, formats, integrity, mail, translations, users

ort = AppGroup("ort", help="ORT administration commands.")
for module in (data, formats, translations, users, mail, exports, api, integrity, backup):
    module.register(ort)
