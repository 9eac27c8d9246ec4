"""GOV.UK Notify as a Django e-mail backend.

EMAIL_BACKEND=cases.notify_backend.NotifyEmailBackend with NOTIFY_API_KEY (or NOTIFY_API_KEY_FILE)
and NOTIFY_TEMPLATE_ID: the ID of one generic e-mail template in Notify whose subject is
``((subject))`` and whose body is ``((body))``. Each message is sent to each recipient through
notifications-python-client with the plain-text part as the body (Notify renders its own HTML).

The outbox (cases.emails) decides when to send and records the outcome; this backend only talks
to Notify, and says when a failure may have come after Notify took the e-mail (MaybeDelivered:
a server error, a timeout waiting for the answer, a dropped connection), so that the outbox
marks it uncertain instead of sending it twice. Attachments and HTML alternatives are not sent.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend

from cases.emails import MaybeDelivered


def _default_client(api_key: str):
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(api_key)


class NotifyEmailBackend(BaseEmailBackend):
    # Tests replace this (or pass client=) with a fake: no network.
    client_factory = staticmethod(_default_client)

    def __init__(self, fail_silently=False, *, client=None, api_key=None, template_id=None, **kw):
        super().__init__(fail_silently=fail_silently, **kw)
        self.api_key = api_key or settings.NOTIFY_API_KEY
        self.template_id = template_id or settings.NOTIFY_TEMPLATE_ID
        if not self.template_id or (client is None and not self.api_key):
            raise ImproperlyConfigured("GOV.UK Notify needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID.")
        self._client = client

    @property
    def client(self):
        if self._client is None:
            self._client = self.client_factory(self.api_key)
        return self._client

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages or ():
            try:
                for address in message.recipients():
                    self._send_one(message, address)
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent

    def _send_one(self, message, address: str) -> None:
        try:
            self.client.send_email_notification(
                email_address=address,
                template_id=self.template_id,
                personalisation={"subject": message.subject, "body": message.body},
            )
        except Exception as exc:
            if _not_sent(exc):
                raise
            raise MaybeDelivered(str(exc)) from exc


def _not_sent(exc: Exception) -> bool:
    """True when Notify certainly did not take the e-mail: it answered with a client error
    (4xx: refused, rate limited) or the connection was never made. A server error, a timeout
    waiting for the answer or a dropped connection may come after Notify took it."""
    import requests
    from urllib3.exceptions import NewConnectionError

    response = getattr(exc, "response", None)
    if response is not None and getattr(response, "status_code", 500) < 500:
        return True
    cause = exc.__cause__ or exc
    if isinstance(cause, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(cause, requests.exceptions.ConnectionError) and cause.args:
        return isinstance(getattr(cause.args[0], "reason", None), NewConnectionError)
    return False
