"""Tasks carry the id of the request that sent them, log with it, and are timed."""

from __future__ import annotations

import logging
import socket
import urllib.request
import uuid

from celery import shared_task

from reporting.observability import tasks
from reporting.observability.tasks import HEADER

from .conftest import sample

log = logging.getLogger("tests.observability")


@shared_task(name="tests.observability.say")
def say(text: str) -> str:
    log.info("task says %s", text)
    return text


def test_a_task_is_timed_by_name_and_state(app):
    task = app.extensions["celery"].tasks["tests.observability.say"]
    before = sample("ort_task_duration_seconds_count", task=task.name, state="SUCCESS")
    assert task.apply(("hello",)).get() == "hello"
    assert sample("ort_task_duration_seconds_count", task=task.name, state="SUCCESS") == before + 1


def test_a_task_logs_with_the_request_id_it_was_sent_with(app, caplog):
    task = app.extensions["celery"].tasks["tests.observability.say"]
    with caplog.at_level(logging.INFO, logger="tests.observability"):
        task.apply(("hi",), headers={HEADER: "from-a-page"})
        task.apply(("later",))
    first, second = [r for r in caplog.records if r.name == "tests.observability"]
    assert (first.request_id, first.task) == ("from-a-page", "tests.observability.say")
    assert second.request_id is None  # nothing leaks from one task into the next


def test_a_task_sent_during_a_request_carries_its_id(app):
    celery = app.extensions["celery"]
    queue = f"ort-rid-{uuid.uuid4().hex[:8]}"
    with app.test_request_context("/", headers={"X-Request-Id": "page-42"}):
        celery.send_task("tests.observability.say", args=["x"], queue=queue)
    celery.send_task("tests.observability.say", args=["y"], queue=queue)  # no request
    with celery.connection_for_read() as connection:
        waiting = connection.SimpleQueue(queue)
        messages = [waiting.get(timeout=5) for _ in range(2)]
        for message in messages:
            message.ack()
        waiting.close()
    assert [m.headers.get(HEADER) for m in messages] == ["page-42", None]


def test_a_worker_serves_its_metrics_on_its_port_when_given_one(app, monkeypatch):
    task = app.extensions["celery"].tasks["tests.observability.say"]
    task.apply(("counted",))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.delenv("ORT_WORKER_METRICS_PORT", raising=False)
    assert tasks._serve_worker_metrics() is None  # no port: nothing listens
    monkeypatch.setenv("ORT_WORKER_METRICS_PORT", str(port))
    server, _thread = tasks._serve_worker_metrics()
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read()
    finally:
        server.shutdown()
        server.server_close()
    assert (
        b'ort_task_duration_seconds_count{state="SUCCESS",task="tests.observability.say"}' in text
    )
