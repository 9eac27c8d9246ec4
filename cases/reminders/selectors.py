"""Reads for reminders: a person's notifications and deadlines, the sweep's heartbeat and the
e-mails a business manager should know about."""

import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases.emails import MAX_ATTEMPTS
from cases.models import (
    Deadline,
    DeadlineStatus,
    EmailStatus,
    Membership,
    Notification,
    OutboundEmail,
    SweepHeartbeat,
)
from cases.permissions import visible_cases
from cases.reminders.recipients import RecipientIndex


def notifications_for(*, membership: Membership) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(partnership=membership.partnership_id, user=membership.user_id)
        .select_related("deadline", "deadline__case")
        .order_by("-created_at", "-id")
    )


def notification_for_user(*, membership: Membership, pk: int) -> Notification:
    """One of the member's own notifications; 404 alike for missing or someone else's."""
    return get_object_or_404(notifications_for(membership=membership), pk=pk)


def unread_count(*, membership: Membership) -> int:
    return notifications_for(membership=membership).filter(read_at__isnull=True).count()


def sweep_status(*, now: datetime.datetime | None = None) -> dict:
    """When the reminder sweep last finished, and whether that is late."""
    from cases.services.reminders import SWEEP_NAME

    now = now or timezone.now()
    beat = SweepHeartbeat.objects.filter(name=SWEEP_NAME).first()
    finished = beat.last_finished_at if beat else None
    late_after = datetime.timedelta(minutes=settings.REMINDER_SWEEP_LATE_MINUTES)
    return {
        "last_finished_at": finished,
        "late": finished is None or now - finished > late_after,
        "late_minutes": settings.REMINDER_SWEEP_LATE_MINUTES,
    }


def outbox_problems(*, membership: Membership) -> QuerySet[OutboundEmail]:
    """The partnership's e-mails that may not have gone: uncertain ones (never resent
    automatically) and failed ones with no attempts left."""
    return OutboundEmail.objects.filter(
        Q(status=EmailStatus.UNCERTAIN) | Q(status=EmailStatus.FAILED, attempts__gte=MAX_ATTEMPTS),
        partnership=membership.partnership_id,
    ).order_by("-created_at")


# What the feed and the recipient rules read (a deadline's notes and a case's summary are not).
FEED_FIELDS = (
    "partnership",
    "case",
    "due",
    "label",
    "statutory",
    "responsible_user",
    "responsible_roles",
    "responsible_agency_types",
    "responsible_agency",
    "case__reference",
    "case__is_restricted",
)


def responsible_deadlines(*, membership: Membership) -> list[Deadline]:
    """Open deadlines of cases the member can see, for which the member gets the reminders."""
    deadlines = list(
        Deadline.objects.filter(
            partnership=membership.partnership_id,
            status=DeadlineStatus.OPEN,
            case__in=visible_cases(membership),
        )
        .select_related("case")
        .only(*FEED_FIELDS)
        .order_by("due", "pk")
    )
    index = RecipientIndex.load(
        [membership.partnership_id], {d.case_id: d.case.is_restricted for d in deadlines}
    )
    return [
        d for d in deadlines if any(r.user_id == membership.user_id for r in index.responsible(d))
    ]
