"""The outbox: with a mail server, mails go to the task queue once committed and the task
sends them; otherwise they are queued, logged and kept. (A real worker: tests/tasks/.)"""

import logging
import socket
from datetime import timedelta

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.mail import send_mail, send_queued
from reporting.mail.outbox import DELIVER_MAIL, TransientMailError
from reporting.models import OutboxMessage, OutboxStatus
from reporting.models.types import utcnow


@pytest.fixture
def mailman(app):
    state = app.extensions["mailman"]
    state.outbox = []
    return state


@pytest.fixture
def mail_server(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")


def test_without_a_mail_server_mail_is_queued_logged_and_not_sent(
    app, mailman, secretariat, caplog, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    with caplog.at_level(logging.INFO, logger="reporting.mail.outbox"):
        message = send_mail(
            ["fp@example.org"], "Reminder", "Please report.", purpose="reminder", user=secretariat
        )
    assert message.status == OutboxStatus.queued and message.sent_at is None
    assert message.created_by_id == secretariat.id
    assert db.session.scalars(select(OutboxMessage)).all() == [message]
    assert mailman.outbox == []
    assert "fp@example.org" in caplog.text and "Please report." in caplog.text


def test_with_a_mail_server_mail_is_sent_by_a_task_after_commit(
    app, mailman, mail_server, enqueued
):
    message = send_mail(
        ["a@example.org", "b@example.org"], "Subject é", "Body ü", purpose="reminder"
    )
    assert message.status == OutboxStatus.queued and mailman.outbox == []
    assert enqueued == []  # nothing is sent before the row is committed
    db.session.commit()
    assert enqueued == [(DELIVER_MAIL, (message.id,))]
    enqueued.run()
    assert message.status == OutboxStatus.sent and message.sent_at is not None
    [sent] = mailman.outbox
    assert sent.to == ["a@example.org", "b@example.org"]
    assert sent.subject == "Subject é" and sent.body == "Body ü"
    assert sent.from_email == app.config["MAIL_DEFAULT_SENDER"]


def test_a_rolled_back_mail_sends_no_task(app, mail_server, enqueued):
    send_mail(["a@example.org"], "Never", "rolled back", purpose="reminder")
    db.session.rollback()
    db.session.commit()
    assert enqueued == []


def test_a_mail_that_was_sent_is_not_sent_twice(app, mailman, mail_server, enqueued):
    message = send_mail(["a@example.org"], "Once", "1", purpose="reminder")
    db.session.commit()
    enqueued.extend(enqueued[:])  # the task delivered twice (e.g. after its worker died)
    enqueued.run()
    assert message.status == OutboxStatus.sent and len(mailman.outbox) == 1


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_refused_smtp_connection_marks_the_mail_failed_and_keeps_it(app, mailman, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setattr(mailman, "backend", "smtp")
    monkeypatch.setattr(mailman, "server", "127.0.0.1")
    monkeypatch.setattr(mailman, "port", _closed_port())
    message = send_mail(["fp@example.org"], "Reminder", "Please report.", purpose="reminder")
    with pytest.raises(TransientMailError):  # in a worker: retried with back-off
        app.extensions["celery"].tasks[DELIVER_MAIL](message.id)
    assert message.status == OutboxStatus.failed
    assert "ConnectionRefusedError" in message.error
    assert db.session.get(OutboxMessage, message.id) is message


def test_queued_mail_is_sent_once_a_server_is_configured(app, mailman, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    first = send_mail(["a@example.org"], "One", "1", purpose="reminder")
    second = send_mail(["b@example.org"], "Two", "2", purpose="reminder")
    assert send_queued() == (0, 0)  # still no server: nothing happens
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    assert send_queued() == (2, 0)
    assert first.status == second.status == OutboxStatus.sent
    assert [m.subject for m in mailman.outbox] == ["One", "Two"]
    assert send_queued() == (0, 0)  # nothing left


def test_the_sweep_sends_again_a_mail_whose_task_was_lost(app, mail_server, enqueued):
    lost = send_mail(["a@example.org"], "Lost", "1", purpose="reminder")
    lost.created_at = utcnow() - timedelta(minutes=11)
    send_mail(["b@example.org"], "Just written", "2", purpose="reminder")  # its task is on its way
    db.session.commit()
    enqueued.clear()
    app.extensions["celery"].tasks["reporting.tasks.mail.requeue_stale_mail"]()
    assert enqueued == [(DELIVER_MAIL, (lost.id,))]
