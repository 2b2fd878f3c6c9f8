"""The base of every form of the web interface."""

from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField

from reporting.inputs import NUL_MESSAGE, has_nul


class BaseForm(FlaskForm):
    """A CSRF-protected form (Flask-WTF) whose built-in messages follow the user's language.

    Labels are given with `lazy_gettext`, so a form class defined at import time still
    speaks the language of each request. No field of any form, nested ones (a report
    page's answers and table rows) included, takes a NUL character: the database could
    not store it, so it is an error at its field and the page shows what was typed.
    """

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return refuse_nul(self) and valid


def refuse_nul(form) -> bool:
    """Add an error to every field of `form` (recursively) whose data holds a NUL."""
    clean = True
    for field in _leaf_fields(form):
        if has_nul(field.data) or has_nul(getattr(field, "raw_data", None)):
            field.errors = [*field.errors, NUL_MESSAGE]
            clean = False
    return clean


def _leaf_fields(form):
    for field in form:
        if isinstance(field, FormField):
            yield from _leaf_fields(field.form)
        elif isinstance(field, FieldList):
            for entry in field.entries:
                yield from _leaf_fields(entry.form) if isinstance(entry, FormField) else [entry]
        elif isinstance(field, Field):
            yield field
