"""SMTP that knows when the relay may already have the message (ADR 0005, docs/reminders.md).

Django's SMTP backend raises the same exceptions whether the relay refused the connection or
closed it after taking the message. This one notes when the message data starts to go over the
wire; any error (or Celery's soft time limit) from then on is raised as
cases.emails.MaybeDelivered, so the outbox marks the e-mail uncertain instead of sending it again.
Errors before that (connecting, signing in, the relay refusing the sender or the recipients) are
raised as they are, and the outbox retries.
"""

import logging
import smtplib

from django.core.mail.backends.smtp import EmailBackend as DjangoEmailBackend

from cases.emails import MaybeDelivered

log = logging.getLogger(__name__)


class EmailBackend(DjangoEmailBackend):
    def _send(self, email_message):
        connection = self.connection
        data = connection.data
        handed_over = False

        def tracked_data(msg):
            nonlocal handed_over
            handed_over = True
            return data(msg)

        connection.data = tracked_data
        try:
            return super()._send(email_message)
        except BaseException as exc:
            if handed_over:
                raise MaybeDelivered(str(exc) or type(exc).__name__) from exc
            raise
        finally:
            connection.data = data

    def close(self):
        # A connection that broke mid-send may fail again on QUIT; that must not hide the
        # error above (or turn a delivered message into a failed one).
        try:
            super().close()
        except (OSError, smtplib.SMTPException) as exc:
            log.info("Closing the SMTP connection failed: %s", exc)
            self.connection = None
