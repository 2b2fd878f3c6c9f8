"""Outgoing mail through one outbox: reminders, password-reset links, notices.

Interface (for every module that writes mail):

    from reporting.mail import send_mail
    message = send_mail(["fp@example.org"], subject, body, purpose="password_reset", user=actor)

`send_mail` records an `OutboxMessage` and flushes (the caller commits). When
`MAIL_SERVER` is configured, a worker of the task queue sends it through SMTP once the
caller's transaction has committed (task `reporting.tasks.mail.deliver_mail`;
Flask-Mailman with `MAIL_PORT`, `MAIL_USE_TLS`, `MAIL_USE_SSL`, `MAIL_USERNAME`,
`MAIL_PASSWORD`, `MAIL_DEFAULT_SENDER` from the environment) and marks it `sent`, or
`failed` with the reason (a server that is down or busy is tried again with exponential
back-off, `ORT_MAIL_MAX_RETRIES` times); without a server it stays `queued` and is logged; the secretariat sees on
/secretariat/outbox that it was written, and its body unless it is `secret` (a password
or invitation link, which only its recipient, or an operator with `flask ort mail show`,
may read). `send_queued()` (also `flask ort mail send-queued`) sends what was
queued once a server is configured.
"""

from .outbox import init_mail, mail, mail_configured, on_its_way, send_mail, send_queued

__all__ = ["init_mail", "mail", "mail_configured", "on_its_way", "send_mail", "send_queued"]
