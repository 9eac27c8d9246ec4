"""Who gets a copy of the submitted notification and by when, ticked off as the copies go
(Dorset 002 3.6 and 2.6; BCP 003 section 5): one service per transition.

    copies_create    at the submission, a row per entry of the partnership's setting
    copy_add         someone else, e.g. a partnership where the child lived (Dorset 002 2.6)
    copies_mark_sent one or more rows were sent a copy on a date
    copy_unmark      a row ticked by mistake is not sent after all
    copy_remove      an added row not sent is not needed

The rows record only that a copy went; the e-mail at the submission (services/submission.py)
says only that a notification was made.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.calendar import local_date
from cases.clock import calendar_for
from cases.errors import InvalidTransition
from cases.models import Membership, User
from notifications import permissions
from notifications.choices import NotificationStatus
from notifications.models import NotificationCopy, SeriousIncidentNotification
from notifications.services._common import audit, require

# A partnership without the `notification_copies` setting: its business manager, within the
# 5 working days the Panel's notification has. No seed names it for North Lincolnshire (004):
# this is the application's default, not a procedure's.
DEFAULT_COPIES = [
    {
        "key": "business_manager",
        "label": "The partnership's business manager",
        "when": "within_working_days",
        "working_days": 5,
        "source": "The application's default: the partnership's procedure names no one",
    }
]
LABEL_MAX = 255
NOTE_MAX = 2000


def copies_setting(partnership) -> list[dict]:
    workflow = partnership.workflow if isinstance(partnership.workflow, dict) else {}
    rows = workflow.get("notification_copies")
    return rows if isinstance(rows, list) and rows else DEFAULT_COPIES


def due_date(row: dict, notification: SeriousIncidentNotification, submitted_on) -> datetime.date:
    """ "immediately": the day of the submission; "within N working days": N working days
    after the local authority became aware (day zero), on the partnership's calendar."""
    if row.get("when") != "within_working_days":
        return submitted_on
    day_zero = notification.awareness_date or notification.case.awareness_date or submitted_on
    calendar = calendar_for(notification.case.partnership)
    return calendar.add_working_days(day_zero, int(row.get("working_days") or 0))


def _require_manager(membership, notification) -> None:
    require(
        permissions.can_manage_notification(membership, notification.case), permissions.NOT_ALLOWED
    )


def _require_submitted(notification) -> None:
    if notification.status != NotificationStatus.SUBMITTED:
        raise InvalidTransition(
            "Copies are recorded once the notification has been submitted to the National Panel."
        )


def _locked(copy: NotificationCopy) -> NotificationCopy:
    return (
        NotificationCopy.objects.select_for_update(of=("self",))
        .select_related("notification", "notification__case", "notification__case__partnership")
        .get(pk=copy.pk)
    )


def live_copies(notification):
    return notification.copies.filter(removed_at__isnull=True).select_related("sent_by")


@transaction.atomic
def copies_create(
    *, actor: User, notification: SeriousIncidentNotification, submitted_on: datetime.date
) -> list[NotificationCopy]:
    """Called by notification_submit (which checked who may): the partnership's list."""
    if notification.copies.exists():
        return list(live_copies(notification))
    rows = [
        NotificationCopy(
            partnership_id=notification.partnership_id,
            notification=notification,
            position=n,
            key=row["key"],
            label=row["label"][:LABEL_MAX],
            due_date=due_date(row, notification, submitted_on),
            added_by=actor,
        )
        for n, row in enumerate(copies_setting(notification.case.partnership), start=1)
    ]
    NotificationCopy.objects.bulk_create(rows)
    audit(
        actor=actor,
        obj=notification,
        case=notification.case,
        action="copies_create",
        changes={"copies": [None, [f"{r.label}, due {r.due_date:%-d %B %Y}" for r in rows]]},
    )
    return rows


@transaction.atomic
def copy_add(
    *,
    actor: User,
    membership: Membership,
    notification: SeriousIncidentNotification,
    label: str,
    note: str = "",
    due_date: datetime.date | None = None,
) -> NotificationCopy:
    _require_manager(membership, notification)
    _require_submitted(notification)
    label, note = (label or "").strip(), (note or "").strip()
    errors = {}
    if not label:
        errors["label"] = "Enter who gets a copy"
    elif len(label) > LABEL_MAX:
        errors["label"] = f"Who gets a copy must be {LABEL_MAX} characters or fewer"
    if len(note) > NOTE_MAX:
        errors["note"] = f"Note must be {NOTE_MAX} characters or fewer"
    if errors:
        raise ValidationError(errors)
    last = notification.copies.order_by("-position").values_list("position", flat=True).first()
    copy = NotificationCopy.objects.create(
        partnership_id=notification.partnership_id,
        notification=notification,
        position=(last or 0) + 1,
        label=label,
        note=note,
        due_date=due_date,
        added_by=actor,
    )
    changes = {"label": [None, label]}
    if note:
        changes["note"] = [None, note]
    if due_date:
        changes["due_date"] = [None, due_date.isoformat()]
    audit(actor=actor, obj=copy, case=notification.case, action="copy_add", changes=changes)
    return copy


def sent_on_errors(sent_on, notification) -> dict:
    if sent_on is None:
        return {"sent_on": "Enter the date the copy was sent"}
    if sent_on > timezone.localdate():
        return {"sent_on": "Date the copy was sent must be today or in the past"}
    if notification.submitted_at and sent_on < local_date(notification.submitted_at):
        return {
            "sent_on": "Date the copy was sent must be the same as or after the date the"
            " notification was submitted"
        }
    return {}


@transaction.atomic
def copies_mark_sent(
    *,
    actor: User,
    membership: Membership,
    notification: SeriousIncidentNotification,
    copies: list[NotificationCopy],
    sent_on: datetime.date | None,
) -> list[NotificationCopy]:
    """The copies went on `sent_on` (today or before, not before the submission): one or more
    ticked at once, as they often go in one e-mail."""
    _require_manager(membership, notification)
    _require_submitted(notification)
    errors = sent_on_errors(sent_on, notification)
    if not copies:
        errors["copies"] = "Select who was sent a copy"
    if errors:
        raise ValidationError(errors)
    done = []
    for copy in copies:
        copy = _locked(copy)
        if copy.notification_id != notification.pk:
            raise InvalidTransition("That copy is not one of this notification's.")
        if copy.removed_at is not None:
            raise InvalidTransition(f"{copy.label} was removed from the list.")
        if copy.sent_on is not None:
            raise InvalidTransition(
                f"{copy.label} is already recorded as sent on {copy.sent_on:%-d %B %Y}."
            )
        copy.sent_on, copy.sent_by = sent_on, actor
        copy.save(update_fields=["sent_on", "sent_by"])
        audit(
            actor=actor,
            obj=copy,
            case=notification.case,
            action="copy_sent",
            changes={"sent_on": [None, sent_on.isoformat()]},
        )
        done.append(copy)
    return done


@transaction.atomic
def copy_unmark(*, actor: User, membership: Membership, copy: NotificationCopy) -> NotificationCopy:
    """A copy recorded as sent by mistake: not sent after all."""
    _require_manager(membership, copy.notification)
    copy = _locked(copy)
    _require_submitted(copy.notification)
    if copy.sent_on is None or copy.removed_at is not None:
        raise InvalidTransition(f"{copy.label} is not recorded as sent.")
    before = copy.sent_on.isoformat()
    copy.sent_on, copy.sent_by = None, None
    copy.save(update_fields=["sent_on", "sent_by"])
    audit(
        actor=actor,
        obj=copy,
        case=copy.notification.case,
        action="copy_unsent",
        changes={"sent_on": [before, None]},
    )
    return copy


@transaction.atomic
def copy_remove(*, actor: User, membership: Membership, copy: NotificationCopy) -> NotificationCopy:
    """An added row that was not sent comes off the list (kept, marked removed). The rows from
    the partnership's setting stay: each is part of its procedure."""
    _require_manager(membership, copy.notification)
    copy = _locked(copy)
    _require_submitted(copy.notification)
    if not copy.is_added:
        raise InvalidTransition(f"{copy.label} is on the partnership's list: it cannot be removed.")
    if copy.sent_on is not None or copy.removed_at is not None:
        raise InvalidTransition(f"{copy.label} was sent a copy or is already removed.")
    copy.removed_at, copy.removed_by = timezone.now(), actor
    copy.save(update_fields=["removed_at", "removed_by"])
    audit(
        actor=actor,
        obj=copy,
        case=copy.notification.case,
        action="copy_remove",
        changes={"label": [copy.label, None]},
    )
    return copy
