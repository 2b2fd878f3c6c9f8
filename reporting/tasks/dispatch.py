"""Send a task only after the transaction that wrote its work has committed.

A task sent inside an open transaction could reach a worker before the rows it needs are
committed (the worker would not find them), or for work that is then rolled back. So
domain code only notes the task on its session; `_send_noted` sends it once the session
commits, and a rollback forgets it. If the broker cannot be reached the work is not lost:
its rows say what is left to do, and the periodic sweeps (or the `ort` commands) send it.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session, scoped_session

log = logging.getLogger(__name__)

_KEY = "ort.tasks_after_commit"


def enqueue_after_commit(session: Session | scoped_session[Any], task_name: str, *args) -> None:
    """Send task `task_name` (its full name) with `args` once `session` commits."""
    session.info.setdefault(_KEY, []).append((task_name, args))


def send(task_name: str, *args) -> None:
    """Send a task now (outside any transaction of ours); a broker failure is logged."""
    celery = current_app.extensions["celery"]
    try:
        celery.tasks[task_name].apply_async(args)
    except Exception:  # the broker is down: the rows keep the work for the sweep
        log.exception("Could not send task %s%r; the periodic sweep will send it", task_name, args)


def _send_noted(session: Session) -> None:
    noted = session.info.pop(_KEY, None)
    if not noted:
        return
    if not has_app_context():
        log.warning("Tasks noted outside an application context were not sent: %r", noted)
        return
    for task_name, args in noted:
        send(task_name, *args)


def _forget_noted(session: Session) -> None:
    session.info.pop(_KEY, None)


def listen() -> None:
    """Register the session listeners (once per process)."""
    if not event.contains(Session, "after_commit", _send_noted):
        event.listen(Session, "after_commit", _send_noted)
        event.listen(Session, "after_rollback", _forget_noted)
