"""Mail through a real worker: sent after commit to an SMTP server; transient refusals
retried with back-off, then `failed` with the server's answer in the outbox."""

from reporting.extensions import db
from reporting.mail import send_mail
from reporting.models import OutboxMessage, OutboxStatus

from .conftest import wait_for


def _settled(message_id):
    message = db.session.get(OutboxMessage, message_id)
    done = message.status == OutboxStatus.sent or (
        message.status == OutboxStatus.failed and message.error
    )
    return (message.status, message.error) if done else None


def test_a_committed_mail_is_sent_by_the_worker(worker, smtp_sink):
    message = send_mail(["fp@example.org"], "Your report é", "Body ü", purpose="reminder")
    message_id = message.id
    db.session.commit()
    status, error = wait_for(lambda: _settled(message_id), worker)
    assert (status, error) == (OutboxStatus.sent, None)
    [(recipients, content)] = [m for m in smtp_sink.messages if m[0] == ["fp@example.org"]]
    assert "Body" in content and "fp@example.org" in content


def test_a_busy_server_is_retried_then_the_mail_stays_failed_with_its_answer(worker, smtp_sink):
    message = send_mail(["busy@example.org"], "Later", "body", purpose="reminder")
    message_id = message.id
    db.session.commit()

    def given_up():
        # the first try and ORT_MAIL_MAX_RETRIES (2) retries, each one recorded
        return smtp_sink.tries.get("busy@example.org") == 3 and _settled(message_id)

    status, error = wait_for(given_up, worker)
    assert status == OutboxStatus.failed
    assert "SMTPRecipientsRefused" in error and "451" in error
    wait_for(lambda: "Retry in" in worker.output(), worker)


def test_a_mailbox_refused_for_good_fails_at_once(worker, smtp_sink):
    message = send_mail(["nobody@example.org"], "Never", "body", purpose="reminder")
    message_id = message.id
    db.session.commit()
    status, error = wait_for(lambda: _settled(message_id), worker)
    assert status == OutboxStatus.failed and "550" in error
    assert smtp_sink.tries["nobody@example.org"] == 1  # a 5xx answer is not retried
