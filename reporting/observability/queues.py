"""How many tasks wait in the queue, read at scrape time from the broker.

Kombu answers a queue declaration with the number of messages waiting, whatever the
transport: a Redis list's length, or the visible rows of the embedded broker's
`kombu_message` table. One cheap question per scrape; a broker that does not answer
leaves the metric out (and `ort_task_queue_up` at 0) instead of failing the scrape.
"""

from __future__ import annotations

import logging

from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily

log = logging.getLogger(__name__)
TIMEOUT = 2


def queue_length(celery, queue: str) -> int:
    with celery.connection_for_read() as connection:
        connection.ensure_connection(max_retries=0, timeout=TIMEOUT)
        answer = connection.default_channel.queue_declare(
            queue=queue, durable=True, auto_delete=False
        )
        return answer.message_count


class QueueCollector:
    """`ort_task_queue_length{queue}` and `ort_task_queue_up`, asked when scraped."""

    def __init__(self, celery):
        self.celery = celery

    def collect(self):
        queue = self.celery.conf.task_default_queue
        up = GaugeMetricFamily(
            "ort_task_queue_up", "1 when the task queue's broker answered the scrape, else 0."
        )
        try:
            length = queue_length(self.celery, queue)
        except Exception as exc:  # kombu raises transport-specific errors
            log.warning(
                "metrics: the broker did not give the queue length (%s)", type(exc).__name__
            )
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        gauge = GaugeMetricFamily(
            "ort_task_queue_length", "Tasks waiting in the queue.", labels=["queue"]
        )
        gauge.add_metric([queue], length)
        yield gauge


def queue_registry(celery) -> CollectorRegistry:
    registry = CollectorRegistry()
    registry.register(QueueCollector(celery))
    return registry
