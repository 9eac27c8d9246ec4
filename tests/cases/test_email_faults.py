"""At most once through a misbehaving relay: a real SMTP conversation on loopback (aiosmtpd,
bench/smtp_relay.py) with the production backend (cases.smtp_backend), and Celery's soft time
limit as the worker raises it (a signal while waiting for the relay)."""

import signal
from contextlib import contextmanager

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone

from bench.smtp_relay import Relay
from cases import emails
from cases.models import EmailStatus, OutboundEmail


@pytest.fixture
def relay(settings):
    relay = Relay().start()
    settings.EMAIL_BACKEND = "cases.smtp_backend.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = relay.port
    settings.EMAIL_TIMEOUT = 5
    yield relay
    relay.stop()


def _queue(world, n=1) -> list[OutboundEmail]:
    return [
        emails.email_enqueue(
            key=f"fault-test:{i}",
            to=f"person{i}@example.test",
            template="reminder_digest",
            context={"partnership_name": "Alpha", "today": timezone.localdate(), "items": []},
            partnership=world.alpha.partnership,
        )
        for i in range(n)
    ]


@contextmanager
def soft_time_limit_after(seconds: float):
    """What billiard does when a task's soft time limit passes: a signal whose handler raises
    SoftTimeLimitExceeded in the middle of whatever the task is doing."""

    def handler(signum, frame):
        raise SoftTimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _status(email) -> str:
    email.refresh_from_db()
    return email.status


def test_a_relay_that_takes_the_message_is_sent(world, relay):
    (email,) = _queue(world)
    assert emails.email_send(email.pk) is True
    assert _status(email) == EmailStatus.SENT
    assert relay.received == [str(email.pk)]


def test_a_relay_that_drops_the_connection_after_the_data_makes_it_uncertain(
    world, relay, monkeypatch
):
    relay.mode = "drop"
    (email,) = _queue(world)
    assert emails.email_send(email.pk) is False
    assert _status(email) == EmailStatus.UNCERTAIN  # not "failed": it was delivered
    assert "may have reached the mail relay" in email.last_error
    # Never sent again: not by the sweep, not by a late duplicate task.
    redispatched = []
    monkeypatch.setattr(emails, "dispatch_many", lambda ids, _: redispatched.extend(ids))
    later = timezone.now() + timezone.timedelta(hours=1)
    emails.outbox_redispatch(now=later, partnership_id=world.alpha.partnership.pk)
    assert email.pk not in redispatched
    relay.mode = "ok"
    assert emails.email_send(email.pk) is False
    assert relay.received == [str(email.pk)]


def test_a_relay_that_refuses_the_recipient_is_retried(world, relay):
    relay.mode = "refuse"
    (email,) = _queue(world)
    assert emails.email_send(email.pk) is False
    assert _status(email) == EmailStatus.FAILED and email.attempts == 1
    relay.mode = "ok"
    assert emails.email_send(email.pk) is True
    assert relay.received == [str(email.pk)]


def test_the_soft_time_limit_while_the_relay_answers_makes_it_uncertain_and_stops_the_batch(
    world, relay
):
    from cases.tasks import send_outbound_emails

    relay.mode, relay.delay = "slow", 3
    first, second, third = _queue(world, 3)
    with pytest.raises(SoftTimeLimitExceeded), soft_time_limit_after(0.5):
        send_outbound_emails.run([first.pk, second.pk, third.pk])
    assert _status(first) == EmailStatus.UNCERTAIN
    # The batch stopped: the others were never claimed and wait for the next dispatch.
    assert [_status(second), _status(third)] == [EmailStatus.PENDING, EmailStatus.PENDING]
    assert relay.received == [str(first.pk)]


def test_the_soft_time_limit_before_the_relay_took_anything_leaves_it_pending(
    world, relay, monkeypatch
):
    from cases import smtp_backend

    def stuck_connecting(self):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(smtp_backend.EmailBackend, "open", stuck_connecting)
    (email,) = _queue(world)
    with pytest.raises(SoftTimeLimitExceeded):
        emails.email_send(email.pk)
    assert _status(email) == EmailStatus.PENDING and email.attempts == 0
    assert relay.received == []
