"""/webhooks: a client's own webhooks and their delivery log (scope webhooks:manage)."""

from flask.views import MethodView
from flask_babel import gettext as _
from sqlalchemy import select

from schemas.api.common import PAGED_HEADERS
from schemas.api.webhooks import (
    DeliveryQuery,
    DeliverySchema,
    WebhookCreatedSchema,
    WebhookIn,
    WebhookSchema,
)

from ...extensions import db
from ...models import WebhookDelivery
from ..auth import READ_ALL, READ_PUBLISHED, authenticate, has_scope, insufficient, require_scope
from ..blueprint import resource
from ..pagination import paginate
from ..problems import abort_problem
from ..webhooks import registry
from ..webhooks.targets import literal_target_allowed

blp = resource("webhooks", __name__, "Webhooks: be told of changes as they happen.", "/webhooks")
MANAGE = "webhooks:manage"
WEBHOOK_ID = "<int(min=1, max=2147483647):webhook_id>"


def _own_webhook(webhook_id: int):
    webhook = registry.client_webhook(authenticate(), webhook_id)
    if webhook is None:
        abort_problem("not-found", _("No webhook %(id)s.", id=webhook_id))
    return webhook


@blp.route("")
class Webhooks(MethodView):
    @require_scope(MANAGE)
    @blp.etag
    @blp.response(200, WebhookSchema(many=True))
    def get(self):
        """The client's active webhooks."""
        return db.session.scalars(registry.client_webhooks(authenticate())).all()

    @require_scope(MANAGE)
    @blp.arguments(WebhookIn)
    @blp.response(201, WebhookCreatedSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data):
        """Register a URL to be told of changes; the response holds the signing secret.

        Each event is POSTed as JSON (the same object as a /changes item) with
        `X-ORT-Event`, `X-ORT-Delivery`, `X-ORT-Timestamp` and
        `X-ORT-Signature: sha256=HMAC-SHA256(secret, "<timestamp>.<body>")`. Answer 2xx;
        anything else is retried with exponential back-off.
        """
        client = authenticate()
        if not has_scope(client, READ_PUBLISHED):  # events are what /changes shows
            insufficient(READ_PUBLISHED)
        if not literal_target_allowed(data["url"]):
            abort_problem(
                "validation-error",
                errors={"json": {"url": [_("Webhooks must call a public address.")]}},
            )
        if not has_scope(client, READ_ALL) and set(data["events"]) - set(registry.PUBLISHED_EVENTS):
            insufficient(READ_ALL, _("Events other than publications need the scope read:all."))
        try:
            webhook = registry.register(client, data["url"], data["events"])
        except registry.WebhookExists:
            abort_problem("conflict", _("A webhook with this URL exists already."))
        db.session.commit()
        return webhook


@blp.route(f"/{WEBHOOK_ID}")
class WebhookById(MethodView):
    @require_scope(MANAGE)
    @blp.etag
    @blp.response(200, WebhookSchema)
    def get(self, webhook_id):
        """One of the client's webhooks."""
        return _own_webhook(webhook_id)

    @require_scope(MANAGE)
    @blp.response(204)
    def delete(self, webhook_id):
        """Stop sending events to this webhook (its delivery log is kept)."""
        registry.remove(_own_webhook(webhook_id))
        db.session.commit()


@blp.route(f"/{WEBHOOK_ID}/deliveries")
class WebhookDeliveries(MethodView):
    @require_scope(MANAGE)
    @blp.etag
    @blp.arguments(DeliveryQuery, location="query", as_kwargs=True)
    @blp.response(200, DeliverySchema(many=True), headers=PAGED_HEADERS)
    def get(self, webhook_id, page, page_size):
        """The webhook's deliveries, newest first, with the outcome of their last attempt."""
        webhook = _own_webhook(webhook_id)
        query = (
            select(WebhookDelivery)
            .where(WebhookDelivery.webhook_id == webhook.id)
            .order_by(WebhookDelivery.id.desc())
        )
        deliveries, headers = paginate(query, page, page_size)
        return [delivery_json(d) for d in deliveries], headers


def delivery_json(delivery: WebhookDelivery) -> dict:
    return {
        "id": delivery.id,
        "event": delivery.event,
        "cursor": delivery.payload["cursor"],
        "status": delivery.status.value,
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "last_attempt_at": delivery.last_attempt_at,
        "delivered_at": delivery.delivered_at,
        "response_code": delivery.response_code,
        "error": delivery.error,
    }
