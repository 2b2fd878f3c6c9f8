"""Managing users: create focal points and colleagues, issue reset links, deactivate."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from forms.secretariat import UserForm

from ...conventions import list_conventions
from ...extensions import db
from ...geography.names import country_name, sort_key
from ...i18n import LANGUAGE_NAMES
from ...inputs import int_arg
from ...mail import on_its_way
from ...models import Party, Role, User
from ...policy import can
from ...questionnaire.translate import qt
from ...redirects import safe_target
from .. import users as accounts
from ..labels import ROLE_LABELS
from . import bp
from .common import MAX_ID


def _allowed():
    if not can(current_user, "users.manage"):
        abort(403)


def _user_form() -> UserForm:
    form = UserForm()
    parties = sorted(
        (
            (pid, country_name(iso3))
            for pid, iso3 in db.session.execute(select(Party.id, Party.iso3))
        ),
        key=lambda party: sort_key(party[1]),
    )
    form.party.choices = [SelectChoice(0, "—")] + [SelectChoice(pid, name) for pid, name in parties]
    form.convention.choices = [SelectChoice(c.code, qt(c.title)) for c in list_conventions()]
    form.convention.data = form.convention.data or form.convention.choices[0].value
    form.role.choices = [
        SelectChoice(r.value, ROLE_LABELS[r.value]) for r in accounts.creatable_roles(current_user)
    ]
    form.language.choices = [SelectChoice("", "—")] + [
        SelectChoice(code, LANGUAGE_NAMES.get(code, code))
        for code in current_app.config["ORT_LANGUAGES"]
    ]
    return form


def parties_for_filter(form) -> list[tuple[int, str]]:
    return [(c.value, c.label) for c in form.party.choices[1:]]


def _list_filters():
    active = request.args.get("active")
    return {
        "party_id": int_arg("party"),
        "role": request.args.get("role") or None,
        "active": {"1": True, "0": False}.get(active),
        "search": (request.args.get("q") or "")[:100] or None,
    }


@bp.route("/users", methods=["GET", "POST"])
def users():
    _allowed()
    form = _user_form()
    if form.validate_on_submit():
        party = db.session.get(Party, form.party.data) if form.party.data else None
        try:
            user = accounts.create_user(
                current_user,
                email=form.email.data,
                name=form.name.data,
                role=Role(form.role.data),
                party=party,
                convention=form.convention.data,
                language=form.language.data or None,
            )
        except accounts.UserError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(
                _(
                    "The account %(email)s was created. Issue a password link so that its owner "
                    "can set a password.",
                    email=user.email,
                ),
                "success",
            )
            return redirect(url_for("secretariat.users", q=user.email))
    filters = _list_filters()
    return render_template(
        "secretariat/users.html",
        form=form,
        users=accounts.list_users(**filters),
        filters=filters,
        parties=parties_for_filter(form),
    ), 200 if request.method == "GET" else 400


def _target(user_id) -> User:
    _allowed()
    return db.get_or_404(User, user_id)


def _set_active(user_id, active: bool):
    user = _target(user_id)
    try:
        accounts.set_active(current_user, user, active)
    except accounts.UserError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(
            _("%(email)s can log in again.", email=user.email)
            if active
            else _("%(email)s can no longer log in.", email=user.email),
            "success",
        )
    return redirect(safe_target(request.form.get("back"), url_for("secretariat.users")))


@bp.post(f"/users/<int(min=1, max={MAX_ID}):user_id>/deactivate")
def deactivate_user(user_id):
    return _set_active(user_id, False)


@bp.post(f"/users/<int(min=1, max={MAX_ID}):user_id>/reactivate")
def reactivate_user(user_id):
    return _set_active(user_id, True)


@bp.post(f"/users/<int(min=1, max={MAX_ID}):user_id>/reset-link")
def reset_link(user_id):
    user = _target(user_id)
    try:
        message = accounts.issue_reset(current_user, user)
    except accounts.UserError as exc:
        flash(str(exc), "error")
        return redirect(url_for("secretariat.users"), 303)
    db.session.commit()
    return render_template(
        "secretariat/reset_link.html", user=user, message=message, on_its_way=on_its_way(message)
    )
