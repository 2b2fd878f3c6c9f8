"""A webhook delivery through a real worker: sent when the publication commits, retried by
Celery at the back-off's time, signed and logged on its delivery row."""

from reporting.api.clients import create_client
from reporting.api.webhooks.registry import PUBLISHED_EVENTS, register
from reporting.api.webhooks.signing import verify
from reporting.extensions import db
from reporting.models import DeliveryStatus, Role, WebhookDelivery
from tests.api.factories import make_report, party
from tests.api.test_webhooks import Receiver
from tests.conftest import _cycle, make_user

from .conftest import wait_for


def test_a_publication_is_delivered_by_the_worker_and_a_failure_retried(worker):
    client, _ = create_client("Partner of the worker test", "read:published,webhooks:manage")
    with Receiver() as receiver:
        webhook = register(client, receiver.url, list(PUBLISHED_EVENTS))
        secret, webhook_id = webhook.secret, webhook.id
        focal = make_user("fp.tasks@example.org", Role.focal_point, party("MEX"), name="Ana Focal")
        analyst = make_user("analyst.tasks@example.org", Role.secretariat, name="Sam Analyst")
        db.session.commit()
        receiver.statuses = [500]  # the first attempt fails; the retry is answered 204
        make_report(party("MEX"), _cycle("2023-short"), "accepted", focal, analyst)
        db.session.commit()

        def delivered():
            row = db.session.query(WebhookDelivery).filter_by(webhook_id=webhook_id).first()
            return row if row is not None and row.status == DeliveryStatus.delivered else None

        row = wait_for(delivered, worker)
        assert (row.attempts, row.response_code, row.error) == (2, 204, None)
        assert len(receiver.requests) == 2
        _, headers, body = receiver.requests[-1]
        assert headers["X-ORT-Event"] == "report.published"
        assert verify(secret, int(headers["X-ORT-Timestamp"]), body, headers["X-ORT-Signature"])
