"""The focal point's team page: invite colleagues as contributors, remove them, and hand
the focal-point role over to one of them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forms.assignments import HandOverForm
from forms.contributors import InviteContributorForm, RemoveContributorForm

from ..auth.contributors import ContributorError, invite_contributor, party_team, remove_contributor
from ..auth.handover import HandOverError, candidates, hand_over
from ..extensions import db
from ..mail import on_its_way
from ..models import User
from ..policy import can
from .blueprint import web_blueprint
from .common import MAX_ID

bp = web_blueprint(Blueprint("contributors", __name__, url_prefix="/team"))


def _manager_only():
    if not can(current_user, "party.manage_contributors", current_user.party_id):
        abort(403)


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    _manager_only()
    form = InviteContributorForm()
    if form.validate_on_submit():
        try:
            user, message = invite_contributor(
                current_user,
                email=form.email.data,
                name=form.name.data or "",
                language=form.language.data,
            )
        except ContributorError as exc:
            form.email.errors.append(str(exc))
        else:
            db.session.commit()
            if on_its_way(message):
                flash(
                    _(
                        "%(email)s is invited: they will receive an e-mail with a link to set "
                        "their password.",
                        email=user.email,
                    ),
                    "success",
                )
            else:
                # The link is the colleague's alone, never shown here.
                flash(
                    _(
                        "%(email)s is invited, but no e-mail could be sent from this server "
                        "yet. The invitation waits in the outbox; ask the secretariat to have "
                        "it sent.",
                        email=user.email,
                    ),
                    "warning",
                )
            return redirect(url_for("contributors.index"))
    elif not form.is_submitted():
        form.language.data = current_user.language or "en"
    return render_template(
        "contributors/index.html",
        form=form,
        team=party_team(current_user.party_id),
        remove_form=RemoveContributorForm(),
    )


@bp.post(f"/<int(min=1, max={MAX_ID}):user_id>/remove")
@login_required
def remove(user_id):
    _manager_only()
    user = db.session.get(User, user_id)
    if user is None or user.party_id != current_user.party_id:
        abort(404)
    if not RemoveContributorForm().validate_on_submit():
        abort(400)
    try:
        remove_contributor(current_user, user)
    except ContributorError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("%(email)s can no longer work on your reports.", email=user.email), "success")
    return redirect(url_for("contributors.index"))


@bp.route("/hand-over", methods=["GET", "POST"])
@login_required
def hand_over_role():
    """The focal point names a colleague who takes the role over (password and a box to
    tick confirm it); the secretariat is told, and nothing waits for it."""
    if not can(current_user, "party.hand_over", current_user.party_id):
        abort(403)
    people = candidates(current_user)
    form = HandOverForm()
    form.colleague.choices = [("", _("Choose…"))] + [
        (str(u.id), f"{u.name} ({u.email})" if u.name else u.email) for u in people
    ]
    status = 200
    if form.is_submitted():
        if form.validate():
            chosen = db.session.get(User, _int(form.colleague.data) or 0)
            if chosen is not None and chosen.party_id != current_user.party_id:
                abort(404)  # as for a removal: another Party's accounts do not exist here
            try:
                colleague = hand_over(current_user, _int(form.colleague.data), form.password.data)
            except HandOverError as exc:
                getattr(form, exc.field).errors.append(str(exc))
            else:
                db.session.commit()
                flash(
                    _(
                        "%(name)s is now the national focal point; you are a contributor. "
                        "The secretariat is informed.",
                        name=colleague.name or colleague.email,
                    ),
                    "success",
                )
                return redirect(url_for("home.index"))
        status = 400
    return render_template("contributors/hand_over.html", form=form, people=people), status


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None
