"""Celery wired into Flask, as Flask's documentation describes it.

`celery_init_app(app)` makes a Celery app whose tasks run inside `app.app_context()`, reads
its settings from `app.config["CELERY"]` and keeps it in `app.extensions["celery"]`. The
settings below hold for every task, in production (Redis) and in the embedded default
(Kombu's SQLAlchemy transport) alike; tasks never run "eagerly" in the caller.
"""

from __future__ import annotations

from celery import Celery, Task
from flask import Flask, current_app, has_app_context

#: The task modules, imported before the Celery app is finalised.
TASK_MODULES = (
    "reporting.tasks.mail",
    "reporting.tasks.webhooks",
    "reporting.tasks.jobs",
    "reporting.tasks.notifications",
)

#: How often the worker's scheduler (beat) looks for work whose message may have been lost.
SWEEP_SECONDS = 60.0


def celery_settings(config) -> dict:
    """Celery's settings from the app's configuration (`TASK_QUEUE`, `ORT_MAIL_*`)."""
    queue = config["TASK_QUEUE"]
    broker = queue["broker_url"]
    settings = {
        "broker_url": broker,
        "result_backend": queue["result_backend"],
        "task_default_queue": queue["task_default_queue"],
        # A task is acknowledged when it has finished, not when it was received: if its
        # worker dies (killed, out of memory, host lost) the message goes back to the queue.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        # One message at a time per worker process: none waits in a busy worker's memory.
        "worker_prefetch_multiplier": 1,
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "task_always_eager": False,
        "result_expires": 7 * 24 * 3600,
        "broker_connection_retry_on_startup": True,
        "timezone": "UTC",
        "enable_utc": True,
        "worker_hijack_root_logger": False,
        "beat_schedule": {
            "mail.requeue-stale": {
                "task": "reporting.tasks.mail.requeue_stale_mail",
                "schedule": SWEEP_SECONDS,
            },
            "webhooks.deliver-due": {
                "task": "reporting.tasks.webhooks.deliver_due_webhooks",
                "schedule": SWEEP_SECONDS,
            },
            "jobs.remove-expired": {
                "task": "reporting.tasks.jobs.remove_expired_files",
                "schedule": 3600.0,
            },
            "notifications.publications": {
                "task": "reporting.tasks.notifications.notify_publications",
                "schedule": SWEEP_SECONDS,
            },
        },
        # The retry policy of mail comes from the configuration (Celery reads these task
        # attributes when it binds the task, annotations first).
        "task_annotations": {
            "reporting.tasks.mail.deliver_mail": {
                "max_retries": config["ORT_MAIL_MAX_RETRIES"],
                "retry_backoff": config["ORT_MAIL_RETRY_BACKOFF"],
                "retry_backoff_max": config["ORT_MAIL_RETRY_BACKOFF_MAX"],
                "retry_jitter": True,
            }
        },
    }
    if broker.startswith(("redis://", "rediss://")):
        settings["broker_transport_options"] = {
            "visibility_timeout": queue["visibility_timeout"],
            "unacked_restore_interval": min(10, queue["visibility_timeout"]),
        }
        settings["result_backend_transport_options"] = {"retry_policy": {"timeout": 5.0}}
    elif broker.startswith("sqla+"):
        # Kombu's SQLAlchemy transport begins its own SQLite transactions (BEGIN
        # IMMEDIATE): ORT's engine listener must not begin one first.
        settings["broker_transport_options"] = {"execution_options": {"ort_driver_begins": True}}
    return settings


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            # Called in-process inside this app's context (the CLI sending in the
            # foreground): keep that context and its session.
            if has_app_context() and current_app._get_current_object() is app:
                return self.run(*args, **kwargs)
            with app.app_context():
                return self.run(*args, **kwargs)

    app.config.setdefault("CELERY", celery_settings(app.config))
    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.set_default()
    for module in TASK_MODULES:
        __import__(module)
    app.extensions["celery"] = celery_app
    return celery_app
