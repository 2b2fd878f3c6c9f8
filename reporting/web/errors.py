"""Error pages for every request outside the API, in the user's language.

One handler for the whole application, so that a wrong address, a forbidden secretariat
page, an oversized upload or a server error never shows the framework's English page.
A database that does not answer is a 503 that shows a post's values back (to copy or send
again); a submitted version whose content no longer matches its hash is a 409, never
shown. The API answers the same errors as problem+json (`reporting.api.errors`).
"""

from __future__ import annotations

import logging

from flask import current_app, render_template, request, session
from flask_babel import force_locale, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from ..api.errors import api_error, is_api_request
from ..api.problems import ApiProblem
from ..extensions import db
from ..reports.versions import SnapshotAltered

log = logging.getLogger(__name__)

#: What a database that does not answer raises: connection refused or dropped, SQLite
#: locked past its busy timeout, no free connection in the pool.
DATABASE_DOWN = (OperationalError, InterfaceError, PoolTimeout)
#: Posted fields that are the form's machinery, not what the user typed.
_TECHNICAL_FIELDS = ("csrf_token", "lock_version", "_replay")

#: code -> (title, explanation); other codes use the 400 wording.
MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The page could not understand what your browser sent. Go back and try again."),
    ),
    403: (_l("Not allowed"), _l("Your account cannot do this.")),
    404: (_l("Page not found"), _l("There is no such page, or it is not yours to see.")),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
    413: (
        _l("Too large to send"),
        _l(
            "What you sent is larger than %(size)s MB, so none of it was saved. "
            "Go back and send smaller files."
        ),
    ),
    429: (
        _l("Too many attempts"),
        _l("There were too many attempts from your address. Wait a few minutes, then try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l(
            "The server could not complete this request. What you saved before is "
            "safe. Please try again in a moment; if it happens again, tell the "
            "secretariat."
        ),
    ),
}


def register(app) -> None:
    """The application's error handlers: HTTP errors, a database outage, an altered version."""
    app.register_error_handler(HTTPException, error_page)
    for error in DATABASE_DOWN:
        app.register_error_handler(error, database_unavailable)
    app.register_error_handler(SnapshotAltered, snapshot_altered)


def error_page(error: HTTPException):
    if is_api_request():
        return api_error(error)
    code = error.code or 500
    if code >= 500:
        db.session.rollback()  # a failed transaction must not break the page that reports it
    title, text = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    size = format_decimal(current_app.config.get("MAX_CONTENT_LENGTH", 0) / 1024 / 1024, "#,##0.#")
    try:
        body = render_template(
            "errors/error.html", code=code, title=title, text=text % {"size": size}
        )
    except Exception:  # the page itself failed (database down, ...): still answer, plainly
        log.exception("error page %s could not be rendered", code)
        return error
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return body, code, headers


def _rollback() -> None:
    try:
        db.session.rollback()
    except SQLAlchemyError:  # the connection is gone: nothing to roll back
        log.warning("rollback failed after a database error", exc_info=True)


def database_unavailable(error: SQLAlchemyError):
    """503 while the database does not answer; a post's values come back on the page."""
    log.error(
        "database unavailable during %s %s: %s",
        request.method,
        request.path,
        type(error).__name__,
        exc_info=error,
    )
    _rollback()
    if is_api_request():
        return api_error(ApiProblem("service-unavailable", headers={"Retry-After": "30"}))
    return unavailable_page()


def unavailable_page():
    """The translated 503 page, with what was posted (hidden, to send again, and shown)."""
    posted = [(k, v) for k, v in request.form.items(multi=True)] if request.method == "POST" else []
    shown = [
        (k, v)
        for k, v in posted
        if v.strip() and k not in _TECHNICAL_FIELDS and not k.endswith("-original")
    ]
    context = dict(
        title=_("The service is unavailable"),
        text=_(
            "The database cannot be reached at the moment, so nothing was saved. Try again "
            "in a few minutes."
        )
        + (
            " " + _("What you sent is kept on this page: send it again with the button below.")
            if shown
            else ""
        ),
        posted=posted,
        shown=shown,
        files=bool(request.files),
        action=request.full_path.rstrip("?"),
    )
    headers = {"Retry-After": "30"}
    try:
        return (
            render_template("errors/unavailable.html", layout="base.html", **context),
            503,
            headers,
        )
    except Exception:  # the layout needs the database too (the user, the Party): a bare page
        log.warning("the full 503 page could not be rendered", exc_info=True)
    with force_locale(_fallback_locale()):
        return (
            render_template("errors/unavailable.html", layout="errors/_bare.html", **context),
            503,
            headers,
        )


def _fallback_locale() -> str:
    """The request's language without asking the database (the user's preference)."""
    languages = current_app.config["ORT_LANGUAGES"]
    for candidate in (request.args.get("lang"), session.get("lang")):
        if candidate is not None and candidate in languages:
            return candidate
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def snapshot_altered(error: SnapshotAltered):
    """A version whose content no longer matches its hash is refused, never shown (409)."""
    text = _(
        "The stored answers of this submitted version no longer match the fingerprint "
        "(SHA-256) recorded when it was submitted: they may have been altered, so they "
        "are not shown. The problem has been logged and is shown to the secretariat."
    )
    if is_api_request():
        return api_error(ApiProblem("integrity-error", text))
    return render_template(
        "errors/error.html", code=409, title=_("This version cannot be shown"), text=text
    ), 409
