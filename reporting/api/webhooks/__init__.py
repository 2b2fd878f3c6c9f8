"""Webhooks: a client registers a URL and is told of changes as they enter the feed.

- `registry`: register, list and remove a client's webhooks (URL checks, secret);
- `signing`: the HMAC-SHA256 signature of a payload, as receivers verify it;
- `delivery`: send due deliveries, retry with exponential back-off, log the outcome.
Deliveries are queued by `reporting.api.feed` when an event gets its feed position.
"""
