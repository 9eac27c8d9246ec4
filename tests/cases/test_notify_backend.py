"""GOV.UK Notify as the e-mail backend, with a fake client: no network."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from urllib3.exceptions import NewConnectionError, ProtocolError

from cases import emails
from cases.models import EmailStatus, OutboundEmail
from cases.notify_backend import NotifyEmailBackend

BACKEND = "cases.notify_backend.NotifyEmailBackend"


class FakeResponse:
    def __init__(self, status_code):
        self.status_code = status_code

    def json(self):
        return {"errors": [{"error": "BadRequestError", "message": "Can't send to this address"}]}


def notify_error(status_code):
    from notifications_python_client.errors import HTTPError

    return HTTPError(FakeResponse(status_code))


def connection_error(reason):
    """What requests raises, as the Notify client wraps it."""
    import requests
    from notifications_python_client.errors import HTTPError
    from urllib3.exceptions import MaxRetryError

    cause = requests.exceptions.ConnectionError(MaxRetryError(None, "/v2", reason))
    try:
        raise HTTPError.create(cause) from cause
    except HTTPError as exc:
        return exc


class FakeNotifyClient:
    def __init__(self, fail=None):
        self.sent = []
        self.fail = fail

    def send_email_notification(self, **kwargs):
        if self.fail is not None:
            raise self.fail
        self.sent.append(kwargs)
        return {"id": f"n-{len(self.sent)}"}


@pytest.fixture
def notify(settings, monkeypatch):
    settings.EMAIL_BACKEND = BACKEND
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_TEMPLATE_ID = "11111111-2222-3333-4444-555555555555"
    client = FakeNotifyClient()
    keys = []

    def factory(api_key):
        keys.append(api_key)
        return client

    monkeypatch.setattr(NotifyEmailBackend, "client_factory", staticmethod(factory))
    client.keys = keys
    return client


def test_sends_subject_and_plain_body_to_the_generic_template(notify):
    message = EmailMultiAlternatives("Subject line", "Body text", "from@x.test", ["a@x.test"])
    message.attach_alternative("<p>html</p>", "text/html")
    assert get_connection().send_messages([message]) == 1
    assert notify.keys == ["test-key"]
    assert notify.sent == [
        {
            "email_address": "a@x.test",
            "template_id": "11111111-2222-3333-4444-555555555555",
            "personalisation": {"subject": "Subject line", "body": "Body text"},
        }
    ]


def test_the_outbox_sends_through_notify_and_records_failures(world, notify, settings):
    email = OutboundEmail.objects.create(
        key="t:1", to="bm@x.test", subject="Reminder", body_text="Due Tue", body_html="<p>x</p>"
    )
    assert emails.email_send(email.pk) is True
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert notify.sent[0]["personalisation"]["body"] == "Due Tue"

    notify.fail = notify_error(400)
    failing = OutboundEmail.objects.create(key="t:2", to="x@x.test", subject="S", body_text="B")
    assert emails.email_send(failing.pk) is False
    failing.refresh_from_db()
    assert failing.status == EmailStatus.FAILED and "BadRequestError" in failing.last_error


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (lambda: notify_error(400), EmailStatus.FAILED),  # Notify refused it
        (lambda: notify_error(429), EmailStatus.FAILED),  # rate limited: not taken
        (lambda: connection_error(NewConnectionError(None, "refused")), EmailStatus.FAILED),
        (lambda: notify_error(500), EmailStatus.UNCERTAIN),  # may have taken it
        (lambda: connection_error(ProtocolError("Connection aborted.")), EmailStatus.UNCERTAIN),
        (lambda: RuntimeError("something else"), EmailStatus.UNCERTAIN),
    ],
    ids=["400", "429", "refused", "500", "dropped", "unknown"],
)
def test_a_failure_that_may_come_after_notify_took_it_is_uncertain(world, notify, error, status):
    notify.fail = error()
    email = OutboundEmail.objects.create(key="t:3", to="x@x.test", subject="S", body_text="B")
    assert emails.email_send(email.pk) is False
    email.refresh_from_db()
    assert email.status == status


def test_fail_silently_counts_only_what_went(notify):
    notify.fail = notify_error(400)
    backend = NotifyEmailBackend(fail_silently=True, client=notify)
    message = EmailMultiAlternatives("S", "B", "f@x.test", ["a@x.test"])
    assert backend.send_messages([message]) == 0
    assert backend.send_messages([]) == 0


def test_client_can_be_injected_directly(settings):
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_TEMPLATE_ID = "tid"
    fake = FakeNotifyClient()
    backend = NotifyEmailBackend(client=fake)
    backend.send_messages([EmailMultiAlternatives("S", "B", "f@x.test", ["a@x.test", "b@x.test"])])
    assert [s["email_address"] for s in fake.sent] == ["a@x.test", "b@x.test"]


def test_missing_configuration_is_refused(settings):
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_TEMPLATE_ID = ""
    with pytest.raises(ImproperlyConfigured):
        NotifyEmailBackend()


def test_settings_refuse_notify_without_its_key(monkeypatch):
    """config/settings.py stops start-up when Notify is chosen without its key and template."""
    import subprocess
    import sys

    env = {
        "EMAIL_BACKEND": BACKEND,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "test",
        "PATH": "/usr/bin:/bin",
    }
    code = "import django; django.setup()"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "NOTIFY_API_KEY" in result.stderr
    env.update(NOTIFY_API_KEY="k", NOTIFY_TEMPLATE_ID="t")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
