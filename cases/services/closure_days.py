"""A partnership's own closure days (not working days). Added and removed by a business manager,
audited; a removed day is archived, never deleted. Running deadlines do not move: a business
manager recomputes a stage when it should."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases import permissions
from cases.audit import audit_record
from cases.models import ClosureDay, Membership, User

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def _check(membership: Membership) -> None:
    if not permissions.can_manage_workflow(membership):
        raise PermissionDenied("Only a business manager can change the closure days.")


@transaction.atomic
def closure_day_add(
    *, actor: User, membership: Membership, date: datetime.date, reason: str
) -> ClosureDay:
    _check(membership)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the partnership is closed that day."})
    if len(reason) > 200:
        raise ValidationError({"reason": "Reason must be 200 characters or fewer."})
    if not EARLIEST <= date <= LATEST:
        raise ValidationError({"date": "Enter a date between 2000 and 2100."})
    if date.weekday() >= 5:
        raise ValidationError({"date": "That is a weekend day: it is not a working day anyway."})
    partnership = membership.partnership
    exists = ClosureDay.objects.filter(
        partnership=partnership, date=date, removed_at__isnull=True
    ).exists()
    if exists:
        raise ValidationError({"date": f"{date:%-d %B %Y} is already a closure day."})
    day = ClosureDay.objects.create(
        partnership=partnership, date=date, reason=reason, added_by=actor
    )
    audit_record(
        actor=actor,
        partnership=partnership,
        action="closure_day.add",
        obj=day,
        changes={"date": [None, date.isoformat()], "reason": [None, reason]},
    )
    return day


@transaction.atomic
def closure_day_remove(*, actor: User, membership: Membership, closure_day: ClosureDay) -> None:
    _check(membership)
    day = ClosureDay.objects.select_for_update().get(
        pk=closure_day.pk, partnership=membership.partnership_id
    )
    if day.removed_at is not None:
        return
    day.removed_at = timezone.now()
    day.removed_by = actor
    day.save(update_fields=["removed_at", "removed_by"])
    audit_record(
        actor=actor,
        partnership=membership.partnership,
        action="closure_day.remove",
        obj=day,
        changes={"date": [day.date.isoformat(), None], "reason": [day.reason, None]},
    )
