"""The reminder sweep: every five minutes (config/celery.py), hand each reminder that is due now
to the outbox, once.

It goes partnership by partnership, each inside its own scope (so row-level security applies:
ADR 0009). For each, it only reads Deadline rows: one indexed query for open deadlines due on or
before the partnership's reminder horizon, then the policy (cases.reminders.policy) decides in
memory which step is current today and the recipient index (cases.reminders.recipients) who gets
it. Every
(deadline, step, recipient) becomes an in-app Notification and, unless the person takes the
daily digest, an outbox e-mail, both keyed ``reminder:<deadline>:<step>:<user>`` and inserted
with ON CONFLICT DO NOTHING: two sweeps at once, a retry or a restart after a crash queue each
reminder once. The number of queries grows with the number of partnerships, not of deadlines.

The sweep also re-dispatches outbox rows whose task was lost, marks rows abandoned mid-send as
uncertain (in each partnership, then once for e-mails of no partnership), and records a
heartbeat (a global row). Every query also names its partnership and every row written carries it.
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases.calendar import LONDON, WorkingCalendar
from cases.db import insert_new
from cases.emails import (
    QueuedEmail,
    email_enqueue_many,
    email_render,
    outbox_mark_uncertain,
    outbox_redispatch,
)
from cases.models import (
    ClosureDay,
    Deadline,
    DeadlineStatus,
    Notification,
    NotificationKind,
    OutboundEmail,
    Partnership,
    SweepHeartbeat,
)
from cases.reminders.policy import (
    ESCALATION,
    ReminderPolicy,
    Step,
    current_steps,
    digest_status,
)
from cases.reminders.recipients import Recipient, RecipientIndex
from cases.reminders.render import ReminderRenderer, subject_label
from cases.tenancy import partnership_scope
from cases.workflow.vocabulary import STAGES

SWEEP_NAME = "reminders"


@dataclass(frozen=True)
class _Due:
    """The fields of an open deadline the sweep needs (read with values_list: no model
    instances for thousands of rows). Attribute names match Deadline's, for the recipients."""

    pk: int
    partnership_id: int
    case_id: int
    stage: str
    label: str
    due: datetime.date
    statutory: bool
    responsible_roles: list
    responsible_agency_types: list
    responsible_agency_id: int | None
    responsible_user_id: int | None
    reference: str
    case_is_restricted: bool


_DUE_FIELDS = (
    "pk",
    "partnership_id",
    "case_id",
    "stage",
    "label",
    "due",
    "statutory",
    "responsible_roles",
    "responsible_agency_types",
    "responsible_agency_id",
    "responsible_user_id",
    "case__reference",
    "case__is_restricted",
)


@dataclass
class _Partnership:
    id: int
    slug: str
    name: str
    policy: ReminderPolicy
    calendar: WorkingCalendar
    horizon: datetime.date
    case_url: str | None = None


def reminders_sweep(*, now: datetime.datetime | None = None) -> dict:
    """Run one sweep as of ``now`` (default: the current time). Safe to run concurrently."""
    now = now or timezone.now()
    started = time.monotonic()
    _heartbeat(started_at=timezone.now())
    result = dict.fromkeys(("reminders", "emails", "digests", "redispatched", "uncertain"), 0)
    local_now = now.astimezone(LONDON)
    remind = local_now.hour >= settings.REMINDER_SEND_FROM_HOUR
    for row in (
        Partnership.objects.filter(is_active=True)
        .order_by("pk")
        .values_list("id", "slug", "name", "workflow__reminder_policy")
    ):
        with partnership_scope(row[0]):
            p = _partnership(row, local_now.date()) if remind else None
            for name, count in (_remind(local_now.date(), p) if p else {}).items():
                result[name] += count
            result["redispatched"] += outbox_redispatch(now=now, partnership_id=row[0])
            result["uncertain"] += outbox_mark_uncertain(now=now, partnership_id=row[0])
    result["redispatched"] += outbox_redispatch(now=now, partnership_id=None)
    result["uncertain"] += outbox_mark_uncertain(now=now, partnership_id=None)
    duration_ms = int((time.monotonic() - started) * 1000)
    _heartbeat(finished_at=timezone.now(), duration_ms=duration_ms, result=result)
    return result


def _heartbeat(**fields) -> None:
    defaults = {}
    if "started_at" in fields:
        defaults["last_started_at"] = fields["started_at"]
    if "finished_at" in fields:
        defaults["last_finished_at"] = fields["finished_at"]
        defaults["last_duration_ms"] = fields["duration_ms"]
        defaults["last_result"] = fields["result"]
    updated = SweepHeartbeat.objects.filter(name=SWEEP_NAME).update(**defaults)
    if not updated:
        SweepHeartbeat.objects.get_or_create(name=SWEEP_NAME, defaults=defaults)


def _partnership(row: tuple, today: datetime.date) -> _Partnership | None:
    """The partnership in scope with its policy and calendar; None when today is not one of its
    working days."""
    pk, slug, name, policy_data = row
    calendar = WorkingCalendar(
        ClosureDay.objects.filter(partnership_id=pk, removed_at__isnull=True).values_list(
            "date", flat=True
        )
    )
    if not calendar.is_working_day(today):
        return None
    policy = ReminderPolicy.from_settings(policy_data)
    return _Partnership(pk, slug, name, policy, calendar, policy.horizon(today, calendar))


class _Plan:
    """What one sweep will write: notifications, e-mails and digest items.

    Candidates are collected first; those whose key already exists (an earlier sweep today)
    are dropped with one query before anything is rendered, so the sweeps after the first one
    of the day cost little. The unique keys, not this check, make sending at most once."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.candidates: list[tuple[str, _Due, _Partnership, Step, Recipient]] = []
        self.notifications: list[Notification] = []
        self.emails: list[QueuedEmail] = []
        self.digests: dict[tuple[int, int], list[dict]] = defaultdict(list)
        self.digest_to: dict[tuple[int, int], Recipient] = {}
        self.partnerships: dict[int, _Partnership] = {}

    def add(self, deadline: _Due, p: _Partnership, step: Step, recipients) -> None:
        for r in recipients:
            key = f"reminder:{deadline.pk}:{step.key}:{r.user_id}"
            self.candidates.append((key, deadline, p, step, r))

    def build(self) -> None:
        """Notifications and e-mails for the candidates not queued by an earlier sweep."""
        keys = [c[0] for c in self.candidates]
        done = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
        rendered: dict[tuple[int, str], object] = {}
        renderer = ReminderRenderer()
        for key, deadline, p, step, r in self.candidates:
            if key in done:
                continue
            by_email = step.kind == ESCALATION or not r.digest
            self.notifications.append(
                Notification(
                    partnership_id=p.id,
                    user_id=r.user_id,
                    deadline_id=deadline.pk,
                    key=key,
                    kind=NotificationKind(step.kind),
                    step=step.key,
                    step_date=self.today,
                    message=f"{deadline.reference} – “{deadline.label}” {step.text}"[:400],
                    emailed=by_email,
                )
            )
            if by_email:
                cache_key = (deadline.pk, step.key)
                if cache_key not in rendered:
                    url = _case_url(p, deadline)
                    rendered[cache_key] = renderer.render(
                        _shared(deadline, p, step), _values(deadline, p, step, url)
                    )
                self.emails.append(QueuedEmail(key, r.email, rendered[cache_key], p.id))

    def add_digest_item(self, deadline: _Due, p: _Partnership, recipients) -> None:
        for r in recipients:
            if not r.digest:
                continue
            self.digest_to[(p.id, r.user_id)] = r
            self.partnerships[p.id] = p
            self.digests[(p.id, r.user_id)].append(
                {
                    "reference": deadline.reference,
                    "step_label": deadline.label,
                    "status": digest_status(deadline.due, self.today),
                    "overdue": deadline.due < self.today,
                    "due": deadline.due,
                    "url": _case_url(p, deadline),
                }
            )

    def digest_emails(self) -> list[QueuedEmail]:
        keys = {
            pair: f"digest:{pair[0]}:{pair[1]}:{self.today.isoformat()}" for pair in self.digests
        }
        done = set(
            OutboundEmail.objects.filter(key__in=list(keys.values())).values_list("key", flat=True)
        )
        emails = []
        for (partnership_id, user_id), items in sorted(self.digests.items()):
            key = keys[(partnership_id, user_id)]
            if key in done:
                continue
            p = self.partnerships[partnership_id]
            items.sort(key=lambda item: (item["due"], item["reference"], item["step_label"]))
            context = {
                "partnership_name": p.name,
                "today": self.today,
                "items": items,
                "overdue_count": sum(1 for item in items if item["overdue"]),
                "notifications_url": settings.SITE_URL
                + reverse("cases:notifications", kwargs={"partnership_slug": p.slug}),
            }
            emails.append(
                QueuedEmail(
                    key,
                    self.digest_to[(partnership_id, user_id)].email,
                    email_render("reminder_digest", context),
                    partnership_id,
                )
            )
        return emails


_PK_PLACEHOLDER = 2_147_483_647


def _case_url(p: _Partnership, deadline: _Due) -> str:
    """The case page's address: reversed once per partnership and sweep, the id filled in."""
    if p.case_url is None:
        path = reverse(
            "cases:case_detail", kwargs={"partnership_slug": p.slug, "pk": _PK_PLACEHOLDER}
        )
        p.case_url = settings.SITE_URL + path
    return p.case_url.replace(str(_PK_PLACEHOLDER), str(deadline.case_id))


def _shared(deadline: _Due, p: _Partnership, step: Step) -> dict:
    """What reminders of one kind in one partnership have in common."""
    return {
        "partnership_name": p.name,
        "stage_label": STAGES.get(deadline.stage, deadline.stage),
        "statutory": deadline.statutory,
        "overdue": step.overdue,
        "escalation": step.kind == ESCALATION,
        "escalated_to": step.audience.replace("_", " "),
    }


def _values(deadline: _Due, p: _Partnership, step: Step, url: str) -> dict:
    """What a reminder e-mail says about its case: reference, step, due date, link. Nothing
    about the child or the incident."""
    due = deadline.due
    return {
        "reference": deadline.reference,
        "step_label": deadline.label,
        "subject_label": subject_label(deadline.label),
        "reminder_text": step.text,
        "due_text": f"{due:%a} {due.day} {due:%b %Y}",
        "url": url,
    }


def _remind(today: datetime.date, p: _Partnership) -> dict:
    deadlines = [
        _Due(*row)
        for row in Deadline.objects.filter(
            status=DeadlineStatus.OPEN,
            due__lte=p.horizon,
            partnership_id=p.id,
            case__archived_at__isnull=True,
        )
        .order_by("pk")
        .values_list(*_DUE_FIELDS)
    ]
    if not deadlines:
        return {}
    index = RecipientIndex.load([p.id], {d.case_id: d.case_is_restricted for d in deadlines})
    plan = _Plan(today)
    for deadline in deadlines:
        for step in current_steps(p.policy, deadline.due, today, p.calendar):
            plan.add(deadline, p, step, index.for_audience(deadline, step.audience))
        plan.add_digest_item(deadline, p, index.responsible(deadline))
    plan.build()
    digests = plan.digest_emails()
    if not (plan.notifications or plan.emails or digests):
        return {}
    with transaction.atomic():
        plan.notifications.sort(key=lambda n: n.key)
        # What was really inserted: a concurrent sweep may have written the same keys first.
        return {
            "reminders": insert_new(Notification, plan.notifications),
            "emails": email_enqueue_many(plan.emails),
            "digests": email_enqueue_many(digests),
        }
