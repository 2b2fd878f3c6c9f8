"""What the operators of ORT watch: JSON logs, request ids and Prometheus metrics.

- `context`: the request id (from `X-Request-Id` or new), the user and Party of a request;
- `logs`: JSON lines (or text) with that context on every record, one access line each;
- `hooks`: the request id header, the access line and the request metrics of every request;
- `metrics`: the Prometheus metrics (multiprocess under gunicorn) and their exposition;
- `queues`: the task queue's length, read from the broker when scraped;
- `tasks`: request ids carried to tasks, task durations, Celery's logging left to us;
- `views`: `/metrics`, for a bearer token (`ORT_METRICS_TOKEN`) or an admin.
"""

from flask import Flask


def init_observability(app: Flask) -> None:
    """Logging, the request hooks (registered before any other) and the task signals."""
    from . import tasks
    from .hooks import init_request_hooks
    from .logs import init_logs

    init_logs(app)
    init_request_hooks(app)
    tasks.connect()
