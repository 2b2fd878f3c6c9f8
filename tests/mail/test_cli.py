"""`ort mail list` and `ort mail send-queued`."""

from reporting.mail import send_mail
from reporting.models import OutboxStatus


def test_mail_list_shows_status_purpose_recipients_and_subject(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    send_mail(["fp@example.org"], "Reminder: report due", "body", purpose="reminder")
    result = app.test_cli_runner().invoke(args=["ort", "mail", "list"])
    assert result.exit_code == 0
    assert "queued" in result.output and "reminder" in result.output
    assert "fp@example.org: Reminder: report due" in result.output


def test_send_queued_refuses_without_a_server_and_sends_with_one(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    app.extensions["mailman"].outbox = []
    message = send_mail(["fp@example.org"], "Reminder", "body", purpose="reminder")
    refused = app.test_cli_runner().invoke(args=["ort", "mail", "send-queued"])
    assert refused.exit_code != 0 and "MAIL_SERVER" in refused.output
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    result = app.test_cli_runner().invoke(args=["ort", "mail", "send-queued"])
    assert result.exit_code == 0 and "Sent 1, failed 0." in result.output
    assert message.status == OutboxStatus.sent
    assert len(app.extensions["mailman"].outbox) == 1
