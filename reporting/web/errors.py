"""Error pages for every request outside the API, in the user's language.

One handler for the whole application, so that a wrong address, a forbidden secretariat
page, an oversized upload or a server error never shows the framework's English page.
The API answers the same errors as problem+json (`reporting.api.errors`).
"""
from __future__ import annotations

import logging

from flask import current_app, render_template
from flask_babel import format_decimal, lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from ..api.errors import api_error, is_api_request
from ..extensions import db

log = logging.getLogger(__name__)

#: code -> (title, explanation); other codes use the 400 wording.
MESSAGES = {
    400: (_l("Bad request"), _l("The page could not understand what your browser sent. Go back and try again.")),
    403: (_l("Not allowed"), _l("Your account cannot do this.")),
    404: (_l("Page not found"), _l("There is no such page, or it is not yours to see.")),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
    413: (_l("Too large to send"), _l("What you sent is larger than %(size)s MB, so none of it was saved. "
                                     "Go back and send smaller files.")),
    429: (_l("Too many attempts"), _l("There were too many attempts from your address. Wait a few minutes, "
                                     "then try again.")),
    500: (_l("Something went wrong"), _l("The server could not complete this request. What you saved before is "
                                        "safe. Please try again in a moment; if it happens again, tell the "
                                        "secretariat.")),
}


def error_page(error: HTTPException):
    if is_api_request():
        return api_error(error)
    code = error.code or 500
    if code >= 500:
        db.session.rollback()  # a failed transaction must not break the page that reports it
    title, text = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    size = format_decimal(current_app.config.get("MAX_CONTENT_LENGTH", 0) / 1024 / 1024, "#,##0.#")
    try:
        body = render_template("errors/error.html", code=code, title=title, text=text % {"size": size})
    except Exception:  # the page itself failed (database down, ...): still answer, plainly
        log.exception("error page %s could not be rendered", code)
        return error
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return body, code, headers
