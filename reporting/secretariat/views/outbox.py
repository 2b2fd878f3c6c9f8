"""The outbox: every mail the tool wrote, with its status (queued without a mail server)."""

from flask import abort, render_template
from flask_login import current_user
from sqlalchemy import func, select

from ...extensions import db
from ...inputs import int_arg
from ...mail import mail_configured
from ...models import OutboxMessage
from ...policy import can
from . import bp

PAGE = 50


@bp.get("/outbox")
def outbox():
    if not can(current_user, "users.manage"):
        abort(403)
    page = int_arg("page", 1, high=100_000)
    total = db.session.scalar(select(func.count(OutboxMessage.id)))
    messages = db.session.scalars(
        select(OutboxMessage)
        .order_by(OutboxMessage.id.desc())
        .limit(PAGE)
        .offset((page - 1) * PAGE)
    ).all()
    return render_template(
        "secretariat/outbox.html",
        messages=messages,
        page=page,
        pages=max(1, -(-total // PAGE)),
        mail_configured=mail_configured(),
    )
