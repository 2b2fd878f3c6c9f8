"""Reminding the focal points of Parties that have not submitted."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from forms.secretariat import ReminderForm

from ...extensions import db
from ...mail import mail_configured
from ...policy import can
from .. import reminders
from . import bp
from .common import cycle_or_404


def _allowed():
    if not can(current_user, "users.manage"):
        abort(403)


@bp.route("/cycles/<code>/reminders", methods=["GET", "POST"])
def cycle_reminders(code):
    _allowed()
    cycle = cycle_or_404(code)
    candidates = reminders.candidates(cycle)
    form = ReminderForm()
    form.parties.choices = [SelectChoice(c.row.party_id, c.row.name) for c in candidates]
    if request.method == "GET":
        form.parties.data = [c.row.party_id for c in candidates if c.focal_points]
    if form.validate_on_submit():
        sent = reminders.send_reminders(
            cycle, form.parties.data, current_user, note=form.note.data, link=request.host_url
        )
        db.session.commit()
        flash(
            ngettext("%(num)d Party reminded.", "%(num)d Parties reminded.", len(sent)), "success"
        )
        if not mail_configured():
            flash(_("No mail server is configured: the messages are queued in the outbox."), "info")
        return redirect(url_for("secretariat.cycle_reminders", code=cycle.code))
    if request.method == "POST":
        flash(_("Choose at least one Party."), "error")
    return render_template(
        "secretariat/reminders.html",
        cycle=cycle,
        candidates=candidates,
        form=form,
        history=reminders.history(cycle),
        mail_configured=mail_configured(),
    )
