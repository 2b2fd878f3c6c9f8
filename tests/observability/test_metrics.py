"""/metrics: who may scrape it, and what it counts (requests, exports, mail, the queue)."""

from __future__ import annotations

import os
import re
import smtplib
import uuid

import pytest

from reporting.exports import ExportFilters, export_stream
from reporting.mail import send_mail
from reporting.mail.outbox import deliver
from reporting.observability.queues import queue_length

from ..web.helpers import login
from .conftest import sample


def test_without_a_token_the_metrics_do_not_exist(client):
    assert client.get("/metrics").status_code == 404


def test_a_wrong_or_malformed_token_is_refused(client, metrics_token):
    for header in (f"Bearer {metrics_token}x", "Bearer ", metrics_token, f"Basic {metrics_token}"):
        assert client.get("/metrics", headers={"Authorization": header}).status_code == 404


def test_an_unset_token_never_matches_an_empty_one(client):
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


def test_the_scraper_reads_them_with_its_token(client, metrics_token):
    response = client.get("/metrics", headers={"Authorization": f"Bearer {metrics_token}"})
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert "# TYPE ort_http_requests_total counter" in response.text
    assert "ort_http_request_duration_seconds_bucket" in response.text


def test_an_admin_reads_them_and_a_focal_point_does_not(client, admin, focal_point):
    login(client, admin)
    assert client.get("/metrics").status_code == 200
    login(client, focal_point)
    assert client.get("/metrics").status_code == 404


def test_requests_are_counted_and_timed_by_route_not_path(client, metrics_token, focal_point):
    labels = {"route": "health.healthz", "method": "GET", "status": "200"}
    before = sample("ort_http_requests_total", **labels)
    timed = sample("ort_http_request_duration_seconds_count", route="health.healthz", method="GET")
    client.get("/healthz")
    client.get("/healthz")
    assert sample("ort_http_requests_total", **labels) == before + 2
    assert (
        sample("ort_http_request_duration_seconds_count", route="health.healthz", method="GET")
        == timed + 2
    )
    login(client, focal_point)
    client.get("/reports/98765")
    client.get("/no/such/page/4711")
    text = client.get("/metrics", headers={"Authorization": f"Bearer {metrics_token}"}).text
    assert 'route="<unmatched>"' in text
    # No label holds a path or its ids (digits alone may be in any sample's value).
    labels = re.findall(r"\{([^}]*)\}", text)
    assert not [lab for lab in labels if "4711" in lab or "98765" in lab or "/no/such" in lab]


def test_exports_are_counted_by_shape_and_format(request_ctx):
    before = sample("ort_exports_total", shape="long", format="csv")
    export_stream("long", "csv", ExportFilters(cycles=["2025-full"]))
    assert sample("ort_exports_total", shape="long", format="csv") == before + 1


def test_mail_sent_and_failed_are_counted(app, monkeypatch):
    message = send_mail(["someone@example.org"], "Subject", "Body", purpose="notice")
    sent, failed = (
        sample("ort_mails_total", outcome="sent"),
        sample("ort_mails_total", outcome="failed"),
    )
    monkeypatch.setattr("reporting.mail.outbox.EmailMessage.send", lambda self: 1)
    deliver(message)

    def refused(self):
        raise smtplib.SMTPRecipientsRefused({"someone@example.org": (550, b"No such mailbox")})

    monkeypatch.setattr("reporting.mail.outbox.EmailMessage.send", refused)
    deliver(message)
    assert sample("ort_mails_total", outcome="sent") == sent + 1
    assert sample("ort_mails_total", outcome="failed") == failed + 1


@pytest.fixture
def own_queue(app, monkeypatch):
    """A queue of this test's own on the suite's broker, emptied after."""
    celery = app.extensions["celery"]
    name = f"ort-metrics-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(celery.conf, "task_default_queue", name)
    yield celery, name
    with celery.connection_for_read() as connection:
        queue = connection.SimpleQueue(name)
        while queue.qsize():
            queue.get(timeout=2).ack()
        queue.close()


def test_the_queue_length_is_read_from_the_broker_when_scraped(client, metrics_token, own_queue):
    celery, name = own_queue
    for _ in range(2):
        celery.send_task("reporting.tasks.mail.deliver_mail", args=[0], queue=name)
    text = client.get("/metrics", headers={"Authorization": f"Bearer {metrics_token}"}).text
    assert f'ort_task_queue_length{{queue="{name}"}} 2.0' in text
    assert "ort_task_queue_up 1.0" in text


def test_a_broker_that_does_not_answer_leaves_the_scrape_working(
    client, metrics_token, app, monkeypatch
):
    def down(*args, **kwargs):
        raise ConnectionRefusedError("no broker")

    monkeypatch.setattr("reporting.observability.queues.queue_length", down)
    response = client.get("/metrics", headers={"Authorization": f"Bearer {metrics_token}"})
    assert response.status_code == 200
    assert "ort_task_queue_up 0.0" in response.text
    assert "ort_task_queue_length" not in response.text


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL")
def test_on_redis_the_queue_length_is_the_lists_length():
    from celery import Celery

    celery = Celery("ort-metrics-test", broker=os.environ["TEST_REDIS_URL"])
    name = f"ort-metrics-{uuid.uuid4().hex[:8]}"
    assert queue_length(celery, name) == 0
    for _ in range(3):
        celery.send_task("reporting.tasks.mail.deliver_mail", args=[0], queue=name)
    try:
        assert queue_length(celery, name) == 3
    finally:
        with celery.connection_for_write() as connection:
            connection.default_channel.client.delete(name)
