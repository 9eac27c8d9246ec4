"""Recording the submission through the national portal (Dorset 002 3.4) and the National
Panel's acknowledgement that a rapid review is required (Dorset 002 5.9)."""

import datetime
import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.calendar import local_date
from cases.clock import event_day_zero
from cases.errors import InvalidTransition
from cases.models import CaseStage, Deadline, Membership, User
from cases.services.cases import case_stage_set
from cases.services.deadlines import deadline_meet, stage_start
from cases.services.documents import attachment_store
from notifications import permissions
from notifications.choices import NotificationStatus
from notifications.models import SeriousIncidentNotification
from notifications.services import _common
from notifications.services._common import locked, require
from notifications.services.copies import copies_create
from notifications.services.drafts import STAGE, _set_status, notification_sync

S = NotificationStatus
NOTIFY_STEP = "notify_panel"


def copy_file_name(notification, submitted_on: datetime.date, original: str) -> str:
    """Dorset 002 3.4: "The downloaded copy should include the date of notification in the
    document title"."""
    ext = os.path.splitext(original)[1].lower()[:10]
    return f"SIN {notification.case.reference} notified {submitted_on:%Y-%m-%d}{ext}"


@transaction.atomic
def notification_submit(
    *,
    actor: User,
    membership: Membership,
    notification: SeriousIncidentNotification,
    submitted_at: datetime.datetime,
    national_reference: str = "",
    copy=None,
) -> SeriousIncidentNotification:
    """Record that the signed-off notification went to the National Panel: it meets the
    clock's notify-the-Panel step, moves the case on to the rapid review, lists who gets a
    copy and by when (the partnership's `notification_copies`) and tells the partners that a
    notification was made: the e-mail carries no child's details."""
    require(
        permissions.can_manage_notification(membership, notification.case), permissions.NOT_ALLOWED
    )
    notification_sync(actor=actor, notification=notification)
    notification = locked(notification)
    if notification.status != S.READY:
        raise InvalidTransition(
            f"The notification is {notification.get_status_display().lower()}: only a signed-off"
            " notification is submitted."
        )
    if submitted_at is None:
        raise ValidationError({"submitted_at": "Enter the date the notification was submitted"})
    if submitted_at > timezone.now():
        raise ValidationError(
            {"submitted_at": "Date the notification was submitted must be today or in the past"}
        )
    submitted_on = local_date(submitted_at)
    case = notification.case
    attachment = None
    if copy is not None:
        copy.name = copy_file_name(notification, submitted_on, copy.name)
        attachment = attachment_store(
            actor=actor,
            case=case,
            uploaded=copy,
            description=f"Serious incident notification as submitted on {submitted_on:%-d %B %Y}",
        )
    _set_status(
        actor,
        notification,
        S.SUBMITTED,
        submitted_at=submitted_at,
        submitted_by=actor,
        national_reference=national_reference.strip()[:60],
        **({"submitted_copy": attachment} if attachment else {}),
    )
    deadline_meet(actor=actor, case=case, stage=STAGE, key=NOTIFY_STEP, met_on=submitted_on)
    case_stage_set(
        actor=actor, case=case, stage=CaseStage.RAPID_REVIEW, reason="Notification submitted"
    )
    copies_create(actor=actor, notification=notification, submitted_on=submitted_on)
    path = _common.detail_path(notification)
    _common.tell(
        key=f"notification:{notification.pk}:submitted",
        recipients=_common.partners(case.partnership_id),
        actor=actor,
        case=case,
        headline="The local authority has made a serious incident notification to the National"
        " Panel.",
        status=S.SUBMITTED.label,
        path=path,
    )
    return notification


@transaction.atomic
def notification_acknowledge(
    *,
    actor: User,
    membership: Membership,
    notification: SeriousIncidentNotification,
    acknowledged_on: datetime.date,
) -> list:
    """The National Panel says a rapid review is required (Dorset 002 5.9): the rapid review's
    clock starts from its day zero."""
    require(
        permissions.can_manage_notification(membership, notification.case), permissions.NOT_ALLOWED
    )
    notification = locked(notification)
    if notification.status != S.SUBMITTED or notification.rapid_review_acknowledged_on:
        raise InvalidTransition("Only a submitted notification not yet acknowledged can be.")
    if acknowledged_on is None:
        raise ValidationError({"acknowledged_on": "Enter the date the National Panel replied"})
    if acknowledged_on > timezone.localdate():
        raise ValidationError(
            {"acknowledged_on": "Date the National Panel replied must be today or in the past"}
        )
    _set_status(actor, notification, S.SUBMITTED, rapid_review_acknowledged_on=acknowledged_on)
    case = notification.case
    case_stage_set(actor=actor, case=case, stage=CaseStage.RAPID_REVIEW, reason="Rapid review")
    if Deadline.objects.filter(case=case, stage="rapid_review").exists():
        return list(Deadline.objects.filter(case=case, stage="rapid_review"))
    day_zero = event_day_zero(case, "rapid_review") or local_date(notification.submitted_at)
    return stage_start(actor=actor, case=case, stage="rapid_review", day_zero=day_zero)
