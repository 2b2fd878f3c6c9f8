"""The task queue: long or outside-facing work runs in Celery workers, off the web workers.

- `app`: Celery wired into Flask (Flask's "Background Tasks with Celery" pattern): every
  task runs inside an application context; the broker and result settings, and the
  reliability settings every task shares (late acknowledgement, JSON only, ...);
- `dispatch`: `enqueue_after_commit(session, name, *args)`: a task is sent only once the
  transaction that wrote its work has committed, so the worker always finds the rows;
- `mail`, `webhooks`: one module of tasks per capability;
- `worker`: the worker's entry point (`celery -A reporting.tasks.worker worker`).
"""

from flask import Flask


def init_tasks(app: Flask) -> None:
    """Create the Celery app for `app` (`app.extensions["celery"]`) and send tasks on commit."""
    from . import dispatch
    from .app import celery_init_app

    celery_init_app(app)
    dispatch.listen()
