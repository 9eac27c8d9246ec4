"""Starting an LCSPR. The review is opened whenever the case's `lcspr` stage starts (the rapid
review's outcome, rapid_reviews.services.report.rapid_review_conclude, or the business manager
from the case page after the National Panel's recommendation), so there is one record per
running clock."""

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
from lcspr import permissions
from lcspr.choices import LIVE_STATUSES, LcsprSource
from lcspr.models import LocalReview

STAGE = "lcspr"


def day_zero_event(partnership) -> str:
    stage = (partnership.workflow or {}).get("stages", {}).get(STAGE) or {}
    return (stage.get("day_zero") or {}).get("event", "review_decision")


def live_lcspr(case: Case) -> LocalReview | None:
    return LocalReview.objects.filter(case=case, status__in=LIVE_STATUSES).first()


def stage_running(case: Case) -> bool:
    return Deadline.objects.filter(case=case, stage=STAGE, status=DeadlineStatus.OPEN).exists()


def _open(*, actor, case: Case, day_zero: datetime.date, source: str) -> LocalReview:
    review = LocalReview.objects.create(
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
        action="lcspr.start",
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
    """cases.extensions stage-started listener: the `lcspr` stage opens its record (the rapid
    review's outcome starts it)."""
    if stage == STAGE and live_lcspr(case) is None:
        _open(actor=actor, case=case, day_zero=day_zero, source=LcsprSource.RAPID_REVIEW_DECISION)
        case_stage_set(actor=actor, case=case, stage=CaseStage.LCSPR, reason="LCSPR started")


@transaction.atomic
def lcspr_start(
    *,
    actor: User,
    membership: Membership,
    case: Case,
    source: str,
    day_zero: datetime.date | None = None,
) -> LocalReview:
    """The business manager starts the LCSPR from the case page (after the National Panel's
    recommendation, or the partners' own decision). Day zero is the date of the event the
    settings name; a date given here is used only while the case has not recorded it."""
    if not permissions.can_manage_lcspr(membership, case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if live_lcspr(case) is not None or stage_running(case):
        raise InvalidTransition("The LCSPR of this case has already started.")
    errors = {}
    if source not in LcsprSource.values:
        errors["source"] = "Select what started the LCSPR"
    day_zero = event_day_zero(case, STAGE) or day_zero
    if day_zero is None:
        errors["day_zero"] = "Enter the date of the decision to start the LCSPR"
    elif day_zero > timezone.localdate():
        errors["day_zero"] = "The date of the decision must be today or in the past"
    if errors:
        raise ValidationError(errors)
    review = _open(actor=actor, case=case, day_zero=day_zero, source=source)
    stage_restart(actor=actor, case=case, stage=STAGE, day_zero=day_zero)
    case_stage_set(actor=actor, case=case, stage=CaseStage.LCSPR, reason="LCSPR")
    return review


def lcspr_events(case) -> dict:
    """The day-zero event the LCSPR records (cases.extensions case event provider): its target
    publication date, the `publication` stage's day zero."""
    review = live_lcspr(case) or LocalReview.objects.filter(case=case).first()
    if review is None or review.target_publication_date is None:
        return {}
    return {"publication_date": review.target_publication_date}
