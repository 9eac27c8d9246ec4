"""The LCSPR's target publication date: set by the business manager and moved with a reason
(audited). It is the `publication` stage's day zero, so its steps (the copies N working days
before, Dorset's final review and comms meetings 5 and 4 weeks before, 002 7.16-7.19) start or
move with it. A target after the six months of the `lcspr_complete` step needs a delay notice
to the National Panel and the Secretary of State with the reasons (Swindon 001 section 3: "the
National Panel and Secretary of State should be informed and provided with the reason for the
delay"), recorded as a notice due now (and cancelled, if not yet sent, when the target comes
back within six months)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.calendar import add_months
from cases.clock import calendar_for
from cases.errors import InvalidTransition
from cases.models import (
    Deadline,
    DeadlineStatus,
    Membership,
    Notice,
    NoticeKind,
    NoticeStatus,
    User,
)
from cases.services.deadlines import stage_recompute, stage_restart, stage_start
from cases.services.notices import notice_cancel, notice_create
from lcspr import permissions
from lcspr.choices import LcsprStatus
from lcspr.models import LocalReview
from lcspr.services.start import STAGE

PUBLICATION = "publication"
COMPLETE_STEP = "lcspr_complete"
TEXT_LIMIT = 5000


def six_months_due(review: LocalReview) -> datetime.date:
    """When the review must be complete and published: its `lcspr_complete` step, or six months
    from day zero where the partnership's settings have no such step."""
    step = Deadline.objects.filter(case=review.case, stage=STAGE, key=COMPLETE_STEP).first()
    return step.due if step is not None else add_months(review.day_zero, 6)


def open_delay_notice(review: LocalReview) -> Notice | None:
    return Notice.objects.filter(
        case=review.case, kind=NoticeKind.LCSPR_DELAY, status=NoticeStatus.DUE
    ).first()


def _text(value: str) -> str:
    return (value or "").strip()


@transaction.atomic
def lcspr_target_set(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    target: datetime.date | None,
    reason: str = "",
    delay_reasons: str = "",
) -> LocalReview:
    """Set or move the target publication date. Moving it needs a reason; a target after six
    months needs the reasons for the delay, which go into the delay notice."""
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    review = (
        LocalReview.objects.select_for_update()
        .select_related("case__partnership")
        .get(pk=review.pk)
    )
    if review.status != LcsprStatus.IN_PROGRESS:
        raise InvalidTransition(
            f"The LCSPR is {review.get_status_display().lower()}: its target publication date"
            " no longer moves."
        )
    reason, delay_reasons = _text(reason), _text(delay_reasons)
    before = review.target_publication_date
    limit = six_months_due(review)
    errors = {}
    if target is None:
        errors["target"] = "Enter the target publication date"
    elif target <= timezone.localdate():
        errors["target"] = "The target publication date must be in the future"
    elif not calendar_for(review.case.partnership).is_working_day(target):
        errors["target"] = "The target publication date must be a working day"
    elif target == before:
        errors["target"] = "Enter a date different from the current target publication date"
    if before is not None and not reason:
        errors["reason"] = "Enter why the target publication date is moving"
    if target is not None and target > limit and not delay_reasons:
        errors["delay_reasons"] = (
            "Enter why the review will not be published within six months"
            f" (by {limit.strftime('%-d %B %Y')})"
        )
    for field, value in (("reason", reason), ("delay_reasons", delay_reasons)):
        if len(value) > TEXT_LIMIT:
            errors[field] = "The text must be 5,000 characters or fewer"
    if errors:
        raise ValidationError(errors)
    review.target_publication_date = target
    late = target > limit
    reasons_before = review.delay_reasons
    # Back within six months, the review is no longer delayed: the reasons stay on the delay
    # notice (cancelled, or sent), not on the review's page.
    review.delay_reasons = delay_reasons if late else ""
    review.save(update_fields=["target_publication_date", "delay_reasons", "updated_at"])
    case = review.case
    changes = {
        "target_publication_date": [before.isoformat() if before else None, target.isoformat()]
    }
    if review.delay_reasons != reasons_before:
        changes["delay_reasons"] = [reasons_before or None, review.delay_reasons or None]
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="lcspr.target",
        obj=review,
        case=case,
        changes=changes,
        note=reason,
    )
    if PUBLICATION in ((case.partnership.workflow or {}).get("stages") or {}):
        steps = Deadline.objects.filter(case=case, stage=PUBLICATION)
        if steps.exists() and not steps.filter(status=DeadlineStatus.OPEN).exists():
            # Every step closed: a withdrawn LCSPR's. This one's start again from its target.
            stage_restart(actor=actor, case=case, stage=PUBLICATION, day_zero=target)
        elif steps.exists():
            stage_recompute(
                actor=actor,
                case=case,
                stage=PUBLICATION,
                day_zero=target,
                reason=f"The target publication date moved: {reason}",
            )
        else:
            stage_start(actor=actor, case=case, stage=PUBLICATION, day_zero=target)
    pending = open_delay_notice(review)
    if not late and pending is not None:
        notice_cancel(
            actor=actor,
            membership=membership,
            notice=pending,
            reason="The target publication date is back within six months.",
            check_permission=False,
        )
    if late and pending is None:
        notice_create(
            actor=actor,
            membership=membership,
            case=case,
            kind=NoticeKind.LCSPR_DELAY,
            description=(
                f"The LCSPR of {case.reference} is now due to be published on"
                f" {target.strftime('%-d %B %Y')}, after the six months that end on"
                f" {limit.strftime('%-d %B %Y')}."
            ),
            due_date=timezone.localdate(),
            reason=delay_reasons,
            check_permission=False,
        )
    return review


def lcspr_follow_day_zero(actor, case, stage: str, day_zero, reason: str) -> None:
    """cases.extensions stage-recomputed listener: "Correct day zero" on the case page moved the
    LCSPR's clock (its day zero follows) or its publication steps (its target publication date
    follows, within six months; a later one is refused here, because only "Move" on the LCSPR
    page asks for the reasons for the delay)."""
    review = (
        LocalReview.objects.select_for_update()
        .filter(case=case, status=LcsprStatus.IN_PROGRESS)
        .first()
    )
    if review is None:
        return
    field = {STAGE: "day_zero", PUBLICATION: "target_publication_date"}.get(stage)
    before = getattr(review, field) if field else None
    if field is None or before == day_zero:
        return
    if field == "target_publication_date" and day_zero > six_months_due(review):
        raise ValidationError(
            {
                "day_zero": "The target publication date would fall after six months: move it"
                " on the LCSPR's page, which asks for the reasons for the delay"
            }
        )
    setattr(review, field, day_zero)
    review.save(update_fields=[field, "updated_at"])
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="lcspr.target" if field == "target_publication_date" else "lcspr.day_zero",
        obj=review,
        case=case,
        changes={field: [before.isoformat() if before else None, day_zero.isoformat()]},
        note=reason,
    )
