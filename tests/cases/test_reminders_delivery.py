"""At most once, on PostgreSQL: two sweeps at once, a worker killed between sending and
recording, a lost task, retries of failures; and the Celery wiring (beat schedule, task bases)."""

import datetime as dt
import threading

import pytest
from celery import shared_task
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.utils import timezone

from cases import emails
from cases.models import Agency, EmailStatus, Notification, OutboundEmail, Role
from cases.reminders import selectors
from cases.services import reminders as reminder_service
from cases.services.reminders import reminders_sweep
from cases.tasks_base import PartnershipTask
from tests.cases.reminder_records import at
from tests.cases.test_reminders_sweep import TODAY, make_deadline

D = dt.date


@pytest.fixture
def tworld(transactional_db):
    from tests.world import build_world

    return build_world()


def _send_inline(monkeypatch):
    """Workers, in the calling thread: every dispatched id is sent at once (claim and all)."""
    dispatched = []

    def dispatch(ids, partnership_id):
        dispatched.extend(ids)
        for email_id in ids:
            emails.email_send(email_id)

    monkeypatch.setattr(emails, "dispatch_many", dispatch)
    return dispatched


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_send_each_reminder_exactly_once(tworld, monkeypatch):
    side = tworld.alpha
    for i in range(5):
        make_deadline(side, TODAY, key=f"due_{i}")
        make_deadline(side, D(2026, 11, 13), key=f"late_{i}", roles=("slo",))
    dispatched = _send_inline(monkeypatch)

    # Both sweeps plan everything, then meet here and write at the same moment.
    barrier = threading.Barrier(2, timeout=20)
    original = reminder_service._Plan.digest_emails

    def meet_then_write(plan):
        barrier.wait()
        return original(plan)

    monkeypatch.setattr(reminder_service._Plan, "digest_emails", meet_then_write)
    errors, results = [], []

    def sweep():
        try:
            results.append(reminders_sweep(now=at(TODAY)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert len(results) == 2

    rows = list(OutboundEmail.objects.filter(key__startswith="reminder:"))
    # Both sweeps planned every e-mail; one row per key exists, each sent once, and the two
    # heartbeats report what each really inserted, not what each planned.
    assert rows and len(rows) == results[0]["emails"] + results[1]["emails"]
    assert all(r.status == EmailStatus.SENT and r.attempts == 1 for r in rows)
    assert len(mail.outbox) == len(rows)
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert sent == sorted((r.to, r.subject) for r in rows)
    # Both sweeps dispatched (some ids twice): the claim let each through once.
    assert len(dispatched) >= len(rows)
    assert Notification.objects.count() == results[0]["reminders"] + results[1]["reminders"]


class WorkerKilled(BaseException):
    """The process dies: not an Exception, so nothing in the sender catches it."""


DELIVERED: list = []


class CrashAfterSendBackend(BaseEmailBackend):
    """The mail server accepts the message, then the worker is killed before recording it."""

    def send_messages(self, messages):
        DELIVERED.extend(messages)
        raise WorkerKilled


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_killed_after_send_becomes_uncertain_and_is_never_resent(world, settings, monkeypatch):
    DELIVERED.clear()
    settings.EMAIL_BACKEND = "tests.cases.test_reminders_delivery.CrashAfterSendBackend"
    make_deadline(world.alpha, TODAY)
    reminders_sweep(now=at(TODAY))
    email = OutboundEmail.objects.filter(key__startswith="reminder:").first()
    with pytest.raises(WorkerKilled):
        emails.email_send(email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.SENDING and len(DELIVERED) == 1

    dispatched = []
    monkeypatch.setattr(emails, "dispatch_many", lambda ids, _: dispatched.extend(ids))
    now = timezone.now()
    # Not while a task could still be sending it (the hard time limit, 300 s, and a margin)...
    reminders_sweep(now=now + dt.timedelta(minutes=5))
    email.refresh_from_db()
    assert email.status == EmailStatus.SENDING
    # ...but at the first sweep after that: a business manager can judge it within minutes.
    reminders_sweep(now=now + dt.timedelta(minutes=6))
    email.refresh_from_db()
    assert email.status == EmailStatus.UNCERTAIN
    reminders_sweep(now=now + dt.timedelta(minutes=30))
    assert email.pk not in dispatched
    assert emails.email_send(email.pk) is False  # a late duplicate task: not claimed
    assert len(DELIVERED) == 1
    # Business managers are told.
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    assert email in selectors.outbox_problems(membership=bm)


def test_pending_rows_are_dispatched_again_after_a_broker_outage(world, monkeypatch):
    make_deadline(world.alpha, TODAY)
    reminders_sweep(now=at(TODAY))  # on-commit dispatch never ran: as if the broker was down
    pending = set(
        OutboundEmail.objects.filter(status=EmailStatus.PENDING).values_list("pk", flat=True)
    )
    assert pending
    queued = []
    from cases import tasks

    monkeypatch.setattr(tasks.send_outbound_emails, "delay", lambda ids, **_: queued.extend(ids))
    now = timezone.now()
    reminders_sweep(now=now + dt.timedelta(seconds=30))
    assert queued == []  # too soon: the worker may simply be busy
    # A minute on, the next sweep sends it again (not ten minutes on, as before).
    reminders_sweep(now=now + dt.timedelta(seconds=90))
    assert set(queued) >= pending
    # The task itself (eagerly, as a worker would): claims and sends each once.
    by_partnership = {}
    for pk, partnership_id in OutboundEmail.objects.filter(pk__in=pending).values_list(
        "pk", "partnership_id"
    ):
        by_partnership.setdefault(partnership_id, []).append(pk)
    for partnership_id, ids in by_partnership.items():
        scope = {"partnership_id": partnership_id}
        tasks.send_outbound_emails.apply(args=[ids], kwargs=scope)
        tasks.send_outbound_emails.apply(args=[ids], kwargs=scope)
    assert len(mail.outbox) == len(pending)


def test_a_broker_outage_at_dispatch_is_not_an_error(world, monkeypatch):
    from cases import tasks

    def down(ids, **_):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.send_outbound_emails, "delay", down)
    emails.dispatch_many([1, 2, 3], None)  # logged, left for the sweep


def test_failed_sends_are_retried_then_reported(world, settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.cases.test_reminders_delivery.FailingBackend"
    make_deadline(world.alpha, TODAY, roles=("slo",), responsible_user=world.alpha.all_roles.user)
    reminders_sweep(now=at(TODAY))
    email = OutboundEmail.objects.get(key__startswith="reminder:")
    _send_inline(monkeypatch)
    emails.email_send(email.pk)
    minutes = 0
    for _ in range(10):
        minutes += 6
        reminders_sweep(now=timezone.now() + dt.timedelta(minutes=minutes))
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == emails.MAX_ATTEMPTS
    assert "SMTP server down" in email.last_error
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    assert email in selectors.outbox_problems(membership=bm)


def test_beat_schedule_is_in_one_place_and_names_a_real_task():
    from config.celery import app

    entry = app.conf.beat_schedule["reminders-sweep"]
    assert entry["schedule"] == 300.0
    assert entry["task"] in app.tasks
    assert entry["options"]["expires"] < entry["schedule"]
    assert list(app.conf.beat_schedule) == ["reminders-sweep"]


def test_sweep_task_runs_across_partnerships(world):
    from cases import tasks

    make_deadline(world.alpha, timezone.localdate())
    make_deadline(world.beta, timezone.localdate())
    tasks.reminders_sweep.apply()
    assert selectors.sweep_status()["late"] is False


@shared_task(base=PartnershipTask)
def _agencies_in_scope(*, partnership_id):
    return Agency.objects.count()


def test_partnership_task_runs_in_its_partnership_scope(world):
    assert Agency.objects.count() == 8  # the test itself runs with scopes disabled
    result = _agencies_in_scope.apply(kwargs={"partnership_id": world.alpha.partnership.pk})
    assert result.get() == 4
    with pytest.raises(TypeError):
        _agencies_in_scope.apply(args=[world.alpha.partnership.pk]).get()
