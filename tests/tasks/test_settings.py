"""The settings every task runs with, and where the broker is, in each deployment."""

from pathlib import Path

from reporting.config import _task_queue


def test_tasks_are_acknowledged_late_json_only_and_never_run_eagerly(tasks_app):
    conf = tasks_app.extensions["celery"].conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_always_eager is False
    assert conf.accept_content == ["json"] and conf.task_serializer == "json"
    mail = tasks_app.extensions["celery"].tasks["reporting.tasks.mail.deliver_mail"]
    assert mail.max_retries == 2 and mail.retry_backoff == 1 and mail.retry_jitter


def test_the_broker_is_redis_or_the_embedded_one_beside_the_database(monkeypatch):
    instance = Path("/srv/ort/instance")
    for name in ("REDIS_URL", "ORT_BROKER_URL", "ORT_RESULT_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    sqlite = _task_queue(instance, f"sqlite:///{instance / 'ort.sqlite3'}")
    assert sqlite["broker_url"] == "sqla+sqlite:////srv/ort/instance/queue.sqlite3"
    assert sqlite["result_backend"] == "db+sqlite:////srv/ort/instance/queue.sqlite3"
    postgres = _task_queue(instance, "postgresql+psycopg://ort@db/ort")
    assert postgres["broker_url"] == "sqla+postgresql+psycopg://ort@db/ort"
    assert postgres["result_backend"] == "db+postgresql+psycopg://ort@db/ort"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    redis = _task_queue(instance, "postgresql+psycopg://ort@db/ort")
    assert redis["broker_url"] == redis["result_backend"] == "redis://127.0.0.1:6379/0"
