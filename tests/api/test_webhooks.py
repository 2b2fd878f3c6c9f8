"""Webhooks: registered through the API, signed, retried with back-off, logged; delivered
to a real HTTP receiver on 127.0.0.1 started by the test."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from celery.exceptions import Retry

from reporting.api.feed import DELIVER_WEBHOOK
from reporting.api.webhooks.delivery import backoff, deliver_due
from reporting.api.webhooks.signing import verify
from reporting.api.webhooks.targets import resolved_target_allowed
from reporting.extensions import db
from reporting.models import DeliveryStatus, WebhookDelivery
from reporting.models.types import utcnow

from .conftest import bearer
from .factories import make_report, party


class Receiver:
    """An HTTP server that records what it is sent and answers with scripted statuses."""

    def __init__(self):
        self.requests = []
        self.statuses = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.path, self.headers, body))
                status = receiver.statuses.pop(0) if receiver.statuses else 204
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/ort"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def receiver(app, monkeypatch):
    monkeypatch.setitem(app.config, "ORT_WEBHOOK_ALLOW_PRIVATE_TARGETS", True)
    with Receiver() as receiver:
        yield receiver


@pytest.fixture
def hooks(webhook_token):
    return bearer(webhook_token)


def register(client, headers, url, events=None):
    body = {"url": url} if events is None else {"url": url, "events": events}
    response = client.post("/api/v1/webhooks", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def publish(short_cycle, focal_point, secretariat, iso3="MEX", **kw):
    report = make_report(party(iso3), short_cycle, "accepted", focal_point, secretariat, **kw)
    db.session.commit()
    return report


def test_a_client_registers_lists_and_removes_its_webhooks(client, hooks, receiver):
    created = register(client, hooks, receiver.url)
    assert len(created["secret"]) == 64
    assert created["events"] == ["report.published", "report.revised", "report.withdrawn"]
    listed = client.get("/api/v1/webhooks", headers=hooks).get_json()
    assert [w["id"] for w in listed] == [created["id"]] and "secret" not in listed[0]
    again = client.post("/api/v1/webhooks", json={"url": receiver.url}, headers=hooks)
    assert again.status_code == 409
    assert again.get_json()["type"].endswith("/problems/conflict")
    one = f"/api/v1/webhooks/{created['id']}"
    assert client.get(one, headers=hooks).get_json()["url"] == receiver.url
    assert client.delete(one, headers=hooks).status_code == 204
    assert client.get(one, headers=hooks).status_code == 404
    assert client.get("/api/v1/webhooks", headers=hooks).get_json() == []


def test_webhooks_are_private_to_their_client(client, hooks, receiver):
    from reporting.api.clients import create_client

    created = register(client, hooks, receiver.url)
    other = bearer(create_client("Other partner", "read:published webhooks:manage")[1])
    assert client.get(f"/api/v1/webhooks/{created['id']}", headers=other).status_code == 404
    assert client.get("/api/v1/webhooks", headers=other).get_json() == []


def test_partners_cannot_subscribe_to_unpublished_events(client, hooks, receiver):
    response = client.post(
        "/api/v1/webhooks",
        headers=hooks,
        json={"url": receiver.url, "events": ["report.submitted"]},
    )
    assert response.status_code == 403


def test_a_client_without_a_read_scope_is_told_nothing(
    client, receiver, short_cycle, focal_point, secretariat
):
    """webhooks:manage alone: events are what /changes shows, which needs read:published."""
    from reporting.api.clients import create_client
    from reporting.api.webhooks import registry

    owner, token = create_client("Hooks only", "webhooks:manage")
    response = client.post("/api/v1/webhooks", json={"url": receiver.url}, headers=bearer(token))
    assert response.status_code == 403
    assert response.get_json()["required_scope"] == "read:published"
    registry.register(owner, receiver.url, ["report.published"])  # e.g. made before the rule
    publish(short_cycle, focal_point, secretariat)
    assert deliver_due().delivered == [] and receiver.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/x",
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://[::1]/x",
        "http://169.254.169.254/",
    ],
)
def test_webhooks_to_private_addresses_are_refused(client, hooks, url):
    response = client.post("/api/v1/webhooks", json={"url": url}, headers=hooks)
    assert response.status_code == 422
    assert "url" in response.get_json()["errors"]["json"]


def test_a_delivery_target_that_resolves_to_a_private_address_is_refused(app):
    assert resolved_target_allowed("http://localhost:8080/hook") is False
    assert resolved_target_allowed("http://203.0.113.7/hook") is False  # TEST-NET: not global


def test_a_publication_is_posted_signed_to_the_receiver(
    client, hooks, receiver, short_cycle, focal_point, secretariat
):
    secret = register(client, hooks, receiver.url)["secret"]
    report = publish(short_cycle, focal_point, secretariat)
    run = deliver_due()
    assert len(run.delivered) == 1 and not run.retrying and not run.failed
    [(path, headers, body)] = receiver.requests
    assert path == "/hooks/ort"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-ORT-Event"] == "report.published"
    assert verify(secret, int(headers["X-ORT-Timestamp"]), body, headers["X-ORT-Signature"])
    assert not verify(
        "another secret", int(headers["X-ORT-Timestamp"]), body, headers["X-ORT-Signature"]
    )
    payload = json.loads(body)
    feed_item = client.get("/api/v1/changes", headers=hooks).get_json()["items"][0]
    assert payload == feed_item
    assert payload["report"] == {
        "id": report.id,
        "party": "MEX",
        "cycle": "2023-short",
        "url": f"/api/v1/reports/{report.id}",
    }
    assert deliver_due().delivered == []  # delivered once only


def test_failed_deliveries_are_retried_with_exponential_back_off(
    client, hooks, receiver, app, short_cycle, focal_point, secretariat
):
    hook = register(client, hooks, receiver.url)
    publish(short_cycle, focal_point, secretariat)
    receiver.statuses = [500, 503]
    now = utcnow()
    first = deliver_due(now=now)
    assert first.retrying and not first.delivered
    log = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=hooks).get_json()
    assert log[0]["status"] == "pending" and log[0]["attempts"] == 1
    assert log[0]["response_code"] == 500 and log[0]["error"] == "HTTP 500"
    base = app.config.get("ORT_WEBHOOK_RETRY_BASE", 60)
    assert backoff(1) == timedelta(seconds=base) and backoff(3) == timedelta(seconds=4 * base)

    assert deliver_due(now=now + timedelta(seconds=base - 1)).retrying == []  # not yet due
    assert deliver_due(now=now + timedelta(seconds=base)).retrying  # 503: again, later
    assert deliver_due(now=now + timedelta(seconds=2 * base)).retrying == []
    done = deliver_due(now=now + timedelta(seconds=3 * base))
    assert done.delivered
    log = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=hooks).get_json()
    assert (log[0]["status"], log[0]["attempts"], log[0]["response_code"]) == ("delivered", 3, 204)
    assert len(receiver.requests) == 3
    assert len({r[1]["X-ORT-Delivery"] for r in receiver.requests}) == 1


def test_a_delivery_gives_up_after_the_last_attempt(
    client, hooks, receiver, app, monkeypatch, short_cycle, focal_point, secretariat
):
    monkeypatch.setitem(app.config, "ORT_WEBHOOK_MAX_ATTEMPTS", 2)
    hook = register(client, hooks, receiver.url)
    publish(short_cycle, focal_point, secretariat)
    receiver.statuses = [302, 302]  # a redirect is not followed: it is a failure
    now = utcnow()
    deliver_due(now=now)
    run = deliver_due(now=now + timedelta(days=1))
    assert run.failed
    log = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=hooks).get_json()
    assert (log[0]["status"], log[0]["attempts"], log[0]["next_attempt_at"]) == ("failed", 2, None)
    assert log[0]["response_code"] == 302
    assert [r[0] for r in receiver.requests] == ["/hooks/ort", "/hooks/ort"]
    assert deliver_due(now=now + timedelta(days=30)).delivered == []


def test_an_embargoed_publication_is_sent_when_the_embargo_ends(
    client, hooks, receiver, short_cycle, focal_point, secretariat
):
    register(client, hooks, receiver.url)
    now = utcnow()
    publish(short_cycle, focal_point, secretariat, embargo_until=now + timedelta(hours=6))
    assert deliver_due(now=now).delivered == [] and receiver.requests == []
    assert len(deliver_due(now=now + timedelta(hours=7)).delivered) == 1
    assert json.loads(receiver.requests[0][2])["event"] == "report.published"


def test_secretariat_webhooks_can_follow_the_workflow(
    client, receiver, short_cycle, focal_point, secretariat
):
    from reporting.api.clients import create_client

    headers = bearer(create_client("Secretariat", "read:all webhooks:manage")[1])
    register(client, headers, receiver.url, events=["report.submitted"])
    make_report(party("KEN"), short_cycle, "submitted", focal_point, secretariat)
    db.session.commit()
    deliver_due()
    assert [json.loads(r[2])["event"] for r in receiver.requests] == ["report.submitted"]


def test_the_deliver_command_sends_due_deliveries(
    app, client, hooks, receiver, short_cycle, focal_point, secretariat
):
    register(client, hooks, receiver.url)
    publish(short_cycle, focal_point, secretariat)
    result = app.test_cli_runner().invoke(args=["ort", "webhooks", "deliver"])
    assert result.exit_code == 0, result.output
    assert "Delivered 1" in result.output
    assert len(receiver.requests) == 1


def test_the_api_needs_no_csrf_token_it_authenticates_with_bearer_tokens(app, hooks):
    from reporting import create_app

    guarded = create_app({**app.config, "WTF_CSRF_ENABLED": True})
    try:
        response = guarded.test_client().post(
            "/api/v1/webhooks", json={"url": "https://partner.example.org/ort"}, headers=hooks
        )
        assert response.status_code == 201, response.get_data(as_text=True)
    finally:
        with guarded.app_context():
            db.engine.dispose()


def test_each_delivery_is_a_task_sent_once_committed_and_retried_by_celery(
    app, client, hooks, receiver, short_cycle, focal_point, secretariat, enqueued
):
    register(client, hooks, receiver.url)
    publish(short_cycle, focal_point, secretariat)
    [(name, (delivery_id,))] = enqueued
    assert name == DELIVER_WEBHOOK
    task = app.extensions["celery"].tasks[DELIVER_WEBHOOK]
    receiver.statuses = [500]
    with pytest.raises(Retry):  # in a worker: run again at the delivery's next attempt
        task(delivery_id)
    delivery = db.session.get(WebhookDelivery, delivery_id)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.pending, 1)
    assert task(delivery_id) == "nothing to do"  # a duplicate before its time sends nothing
    delivery.next_attempt_at = utcnow() - timedelta(minutes=10)  # its task was lost
    db.session.commit()
    enqueued.clear()
    app.extensions["celery"].tasks["reporting.tasks.webhooks.deliver_due_webhooks"]()
    assert enqueued == [(DELIVER_WEBHOOK, (delivery_id,))]
    enqueued.run()
    assert delivery.status == DeliveryStatus.delivered and delivery.attempts == 2
