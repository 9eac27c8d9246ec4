"""Starting a rapid review. The review is opened whenever the case's `rapid_review` stage
starts (the National Panel's acknowledgement, notifications.services.submission, or the
business manager from the case page), so there is one record per running clock."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.clock import event_day_zero
from cases.errors import InvalidTransition
from cases.models import Case, CaseStage, Deadline, DeadlineStatus, Membership, User
from cases.services.cases import case_stage_set
from cases.services.deadlines import stage_restart
from rapid_reviews import permissions
from rapid_reviews.choices import LIVE_STATUSES, ReviewSource
from rapid_reviews.models import RapidReview

STAGE = "rapid_review"


def day_zero_event(partnership) -> str:
    stage = (partnership.workflow or {}).get("stages", {}).get(STAGE) or {}
    return (stage.get("day_zero") or {}).get("event", "notification")


def live_review(case: Case) -> RapidReview | None:
    return RapidReview.objects.filter(case=case, status__in=LIVE_STATUSES).first()


def stage_running(case: Case) -> bool:
    """The stage's clock runs (an open step) whether or not a review record was opened."""
    return Deadline.objects.filter(case=case, stage=STAGE, status=DeadlineStatus.OPEN).exists()


def _source_of(case: Case) -> str:
    """What started a review opened by the stage itself: the Panel's acknowledgement, a
    submitted notification, or else the executive's decision."""
    from notifications.models import SeriousIncidentNotification

    notifications = SeriousIncidentNotification.objects.filter(
        case=case, submitted_at__isnull=False
    )
    if notifications.filter(rapid_review_acknowledged_on__isnull=False).exists():
        return ReviewSource.PANEL_ACKNOWLEDGEMENT
    if notifications.exists():
        return ReviewSource.NOTIFICATION
    return ReviewSource.EXECUTIVE_DECISION


def _open(*, actor, case: Case, day_zero: datetime.date, source: str) -> RapidReview:
    review = RapidReview.objects.create(
        partnership_id=case.partnership_id,
        case=case,
        source=source,
        day_zero=day_zero,
        day_zero_event=day_zero_event(case.partnership),
        started_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="rapid_review.start",
        obj=review,
        case=case,
        changes={
            "source": [None, source],
            "day_zero": [None, day_zero.isoformat()],
            "day_zero_event": [None, review.day_zero_event],
        },
    )
    return review


def on_stage_started(actor, case: Case, stage: str, day_zero: datetime.date) -> None:
    """cases.extensions stage-started listener: the rapid review stage opens its record."""
    if stage == STAGE and live_review(case) is None:
        _open(actor=actor, case=case, day_zero=day_zero, source=_source_of(case))


@transaction.atomic
def rapid_review_start(
    *,
    actor: User,
    membership: Membership,
    case: Case,
    source: str,
    day_zero: datetime.date | None = None,
) -> RapidReview:
    """The business manager starts the rapid review from the case page. Day zero is the date
    of the event the settings name (`stages.rapid_review.day_zero.event`); a date given here
    is used only while the case has not recorded that event."""
    if not permissions.can_manage_review(membership, case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if live_review(case) is not None or stage_running(case):
        raise InvalidTransition("The rapid review of this case has already started.")
    errors = {}
    if source not in ReviewSource.values:
        errors["source"] = "Select what started the rapid review"
    day_zero = event_day_zero(case, STAGE) or day_zero
    if day_zero is None:
        errors["day_zero"] = "Enter the date of day zero"
    elif day_zero > timezone.localdate():
        errors["day_zero"] = "Date of day zero must be today or in the past"
    if errors:
        raise ValidationError(errors)
    review = _open(actor=actor, case=case, day_zero=day_zero, source=source)
    # After a withdrawn review the stage's closed steps are reopened on the new day zero.
    stage_restart(actor=actor, case=case, stage=STAGE, day_zero=day_zero)
    case_stage_set(actor=actor, case=case, stage=CaseStage.RAPID_REVIEW, reason="Rapid review")
    return review
