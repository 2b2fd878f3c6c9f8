"""The base of every form of the web interface."""
from flask_wtf import FlaskForm


class BaseForm(FlaskForm):
    """A CSRF-protected form (Flask-WTF) whose built-in messages follow the user's language.

    Labels are given with `lazy_gettext`, so a form class defined at import time still
    speaks the language of each request.
    """
