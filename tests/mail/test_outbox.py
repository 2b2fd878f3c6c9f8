"""The outbox: mails are sent when a server is configured, otherwise queued, logged and kept."""
import logging
import socket

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.mail import send_mail, send_queued
from reporting.models import OutboxMessage, OutboxStatus


@pytest.fixture
def mailman(app):
    state = app.extensions["mailman"]
    state.outbox = []
    return state


@pytest.fixture
def mail_server(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")


def test_without_a_mail_server_mail_is_queued_logged_and_not_sent(
        app, mailman, secretariat, caplog, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    with caplog.at_level(logging.INFO, logger="reporting.mail.outbox"):
        message = send_mail(["fp@example.org"], "Reminder", "Please report.", purpose="reminder",
                            user=secretariat)
    assert message.status == OutboxStatus.queued and message.sent_at is None
    assert message.created_by_id == secretariat.id
    assert db.session.scalars(select(OutboxMessage)).all() == [message]
    assert mailman.outbox == []
    assert "fp@example.org" in caplog.text and "Please report." in caplog.text


def test_with_a_mail_server_mail_is_sent_and_recorded(app, mailman, mail_server):
    message = send_mail(["a@example.org", "b@example.org"], "Subject é", "Body ü",
                        purpose="reminder")
    assert message.status == OutboxStatus.sent and message.sent_at is not None
    [sent] = mailman.outbox
    assert sent.to == ["a@example.org", "b@example.org"]
    assert sent.subject == "Subject é" and sent.body == "Body ü"
    assert sent.from_email == app.config["MAIL_DEFAULT_SENDER"]


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
