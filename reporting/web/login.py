"""Logging in and out, and setting a password through a one-time link."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import func, select

from forms.auth import ForgotPasswordForm, LoginForm, LogoutForm, SetPasswordForm

from .. import audit
from ..auth import authenticate, issue_reset_link, sessions, user_for_reset_token
from ..auth.login import AccountLocked, set_password
from ..extensions import db
from ..models import User
from ..redirects import safe_target
from . import replay
from .blueprint import expired_form, web_blueprint

bp = web_blueprint(Blueprint("auth", __name__))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("home.index"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_target(request.args.get("next"), "")
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data)
        except AccountLocked as locked:
            db.session.commit()  # the audit trail of the refused attempt
            form.password.errors.append(
                _(
                    "Too many failed attempts: this account takes no log-in until %(time)s. "
                    "Wait, or set a new password through “Forgot your password?”.",
                    time=format_datetime(locked.until, "short"),
                )
            )
            return render_template("auth/login.html", form=form), 429
        if user is not None:
            nonce = replay.take_nonce()
            sessions.begin(user)
            db.session.commit()
            carried = replay.release(form.replay.data, nonce)
            if carried is not None:
                return render_template("auth/replay.html", replay=carried, save=replay.SAVE)
            return redirect(safe_target(form.next.data, url_for("home.index")))
        db.session.commit()  # the audit trail of the failed attempt
        form.password.errors.append(_("The e-mail address or the password is not correct."))
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 401


def login_for_replay():
    """The login page for a post that arrived without a session, carrying its values."""
    form = LoginForm(formdata=None)
    form.next.data = request.path
    form.replay.data = replay.capture()
    flash(
        _("Your session has expired. Log in again: what you typed is kept and will be saved then."),
        "warning",
    )
    return render_template("auth/login.html", form=form), 401


def login_after_csrf_error():
    """The login form itself expired (left open for long): try again, keeping what it carried."""
    form = LoginForm(formdata=None)
    form.email.data = request.form.get("email", "")
    form.next.data = request.form.get("next", "")
    form.replay.data = request.form.get("replay", "")
    flash(_("The login form had expired. Please enter your password again."), "warning")
    return render_template("auth/login.html", form=form), 400


@bp.errorhandler(CSRFError)
def _expired_form(error):
    """The login form expired: it comes back with what it carried (a page's values too)."""
    if request.endpoint == "auth.login":
        return login_after_csrf_error()
    return expired_form(error)


@bp.post("/logout")
def logout():
    form = LogoutForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        user = current_user._get_current_object()
        audit.record("user.logout", user, party_id=user.party_id)
        sessions.end(user)  # here and on every other device
        db.session.commit()
        flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    """Ask for a password link by e-mail. The answer is the same whether or not the account
    exists, and the link goes only to the account's address."""
    from ..mail import send_mail

    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalars(select(User).where(func.lower(User.email) == email)).first()
        if user is not None and user.active:
            link = issue_reset_link(user)
            with force_locale(user.language or "en"):
                subject = _("Set a new password for the online reporting tool")
                body = render_template("auth/mail/password_link.txt", user=user, link=link)
            send_mail([user.email], subject, body, purpose="password_reset", secret=True)
            audit.record("user.password_link", user, party_id=user.party_id)
            db.session.commit()
        flash(
            _(
                "If an account exists for this address, a link to set a new password is on its "
                "way. If nothing arrives, ask the secretariat."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/password/<string(maxlength=300):token>", methods=["GET", "POST"])
def reset_password(token):
    user = user_for_reset_token(token)
    if user is None:
        return render_template("auth/link_invalid.html"), 400
    form = SetPasswordForm()
    if form.validate_on_submit():
        set_password(user, form.password.data)
        db.session.commit()
        flash(_("Your password is set. Log in with it now."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form, user=user)
