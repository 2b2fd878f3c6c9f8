"""A real worker logs JSON lines, and a task sent while answering a request logs with that
request's id (reporting.observability)."""

import json

from reporting.extensions import db
from reporting.mail import send_mail
from reporting.models import OutboxMessage, OutboxStatus

from .conftest import wait_for


def test_the_worker_logs_a_tasks_lines_with_the_id_of_the_request_that_sent_it(
    tasks_app, worker, smtp_sink
):
    with tasks_app.test_request_context("/", headers={"X-Request-Id": "page-sent-mail"}):
        message_id = send_mail(["rid@example.org"], "Hello", "Body", purpose="reminder").id
        db.session.commit()  # the task is sent now, inside the request
    wait_for(lambda: db.session.get(OutboxMessage, message_id).status == OutboxStatus.sent, worker)

    def task_lines():
        lines = [json.loads(line) for line in worker.output().splitlines() if line.startswith("{")]
        return [line for line in lines if line.get("request_id") == "page-sent-mail"]

    lines = wait_for(task_lines, worker)
    assert {line["task"] for line in lines} == {"reporting.tasks.mail.deliver_mail"}
    assert all({"timestamp", "level", "logger", "message"} <= line.keys() for line in lines)
