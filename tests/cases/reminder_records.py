"""Records the reminder tests (and the tenant crawler's registry) need, created on demand so
the shared world stays as it is for everyone else."""

import datetime

from django.utils import timezone

from cases.calendar import LONDON
from cases.models import ClosureDay, Deadline, Notification, NotificationKind, Role
from cases.services import deadlines as deadline_services

REGISTRY_STAGE = "lcspr"


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """An aware datetime in England on that day: the sweep's `now`."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def started_stage(side, stage: str = REGISTRY_STAGE) -> str:
    """The side's case with `stage` running (started once); returns the stage key."""
    if not Deadline.objects.filter(case=side.case, stage=stage).exists():
        deadline_services.stage_start(
            actor=side.user(Role.BUSINESS_MANAGER),
            case=side.case,
            stage=stage,
            day_zero=datetime.date(2026, 1, 5),
        )
    return stage


def a_deadline(side) -> Deadline:
    started_stage(side)
    return Deadline.objects.filter(case=side.case, stage=REGISTRY_STAGE).order_by("pk").first()


def a_notification(side) -> Notification:
    """A notification of the side's business manager."""
    deadline = a_deadline(side)
    user = side.user(Role.BUSINESS_MANAGER)
    notification, _ = Notification.objects.get_or_create(
        key=f"test:{deadline.pk}:{user.pk}",
        defaults={
            "partnership": side.partnership,
            "user": user,
            "deadline": deadline,
            "kind": NotificationKind.REMINDER,
            "step": "due",
            "step_date": timezone.localdate(),
            "message": f"{side.case.reference} – a step is due",
        },
    )
    return notification


def a_closure_day(side) -> ClosureDay:
    day, _ = ClosureDay.objects.get_or_create(
        partnership=side.partnership,
        date=datetime.date(2026, 12, 29),
        removed_at=None,
        defaults={"reason": "Office closed"},
    )
    return day
