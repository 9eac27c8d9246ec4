"""When the safeguarding partners decide not to publish the LCSPR report (Dorset 002 7.19,
Working Together): they publish only information about the improvements to be made, and must
send that information to the National Panel, the Secretary of State and Ofsted within the same
timescale as the copies of a report (N working days before the target publication date). The
decision is recorded with its reasons and a `not_published_improvements` notice
(cases.services.notices) falls due then; when that notice is recorded as sent
(on_notice_sent, a cases.extensions listener) the LCSPR completes without publication: its
six months' `lcspr_complete` is met on the day sent, and its publication steps close."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import Deadline, Membership, NoticeKind, User
from cases.services.deadlines import deadline_meet, stage_close
from cases.services.notices import notice_clock_deadline, notice_create
from lcspr import permissions
from lcspr.choices import LcsprStatus
from lcspr.models import LocalReview, NonPublicationDecision
from lcspr.services.start import STAGE
from lcspr.services.target import COMPLETE_STEP, PUBLICATION

KIND = NoticeKind.NOT_PUBLISHED_IMPROVEMENTS
REASONS_LIMIT = 10000


def decision_of(review: LocalReview) -> NonPublicationDecision | None:
    return (
        NonPublicationDecision.objects.filter(review=review)
        .select_related("notice", "recorded_by")
        .first()
    )


@transaction.atomic
def not_published_decide(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    decided_on: datetime.date | None,
    reasons: str,
) -> NonPublicationDecision:
    """Record the decision not to publish, with the reasons; the information about
    improvements is due by the copies' date before the target publication date."""
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    review = (
        LocalReview.objects.select_for_update()
        .select_related("case__partnership")
        .get(pk=review.pk)
    )
    if review.status != LcsprStatus.IN_PROGRESS:
        raise InvalidTransition(
            f"The LCSPR is {review.get_status_display().lower()}: only one in progress can be"
            " decided not to be published."
        )
    if NonPublicationDecision.objects.filter(review=review).exists():
        raise InvalidTransition("The decision not to publish the report is already recorded.")
    errors = {}
    reasons = (reasons or "").strip()
    if decided_on is None:
        errors["decided_on"] = "Enter the date of the decision"
    elif decided_on > timezone.localdate():
        errors["decided_on"] = "The date of the decision must be today or in the past"
    elif decided_on < review.day_zero:
        errors["decided_on"] = "The date of the decision must be after the LCSPR started"
    if not reasons:
        errors["reasons"] = "Enter why the report will not be published"
    elif len(reasons) > REASONS_LIMIT:
        errors["reasons"] = "The reasons must be 10,000 characters or fewer"
    if review.target_publication_date is None:
        errors["decided_on"] = (
            "Set the target publication date first: the information about improvements is due"
            " by the same date as the copies of a report"
        )
    if errors:
        raise ValidationError(errors)
    case = review.case
    step = notice_clock_deadline(case, KIND)
    notice = notice_create(
        actor=actor,
        membership=membership,
        case=case,
        kind=KIND,
        deadline=step,
        due_date=None if step is not None else review.target_publication_date,
        description=(
            "Information about the improvements to be made following the LCSPR (the report"
            " will not be published)."
        ),
        reason=reasons,
    )
    decision = NonPublicationDecision.objects.create(
        partnership_id=review.partnership_id,
        review=review,
        decided_on=decided_on,
        reasons=reasons,
        notice=notice,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="lcspr.not_published",
        obj=review,
        case=case,
        changes={
            "decided_on": [None, decided_on.isoformat()],
            "notice_due": [None, notice.due_date.isoformat()],
        },
        note=reasons[:500],
    )
    return decision


def on_notice_sent(actor, notice) -> None:
    """The information about improvements went: the LCSPR completes without publication."""
    if notice.kind != KIND:
        return
    decision = (
        NonPublicationDecision.objects.select_for_update()
        .filter(notice=notice, completed_on__isnull=True)
        .select_related("review__case__partnership")
        .first()
    )
    if decision is None or decision.review.status != LcsprStatus.IN_PROGRESS:
        return
    review, case = decision.review, decision.review.case
    decision.completed_on = notice.sent_on
    decision.save(update_fields=["completed_on"])
    review.status = LcsprStatus.NOT_PUBLISHED
    review.save(update_fields=["status", "updated_at"])
    deadline_meet(actor=actor, case=case, stage=STAGE, key=COMPLETE_STEP, met_on=notice.sent_on)
    if Deadline.objects.filter(case=case, stage=PUBLICATION).exists():
        stage_close(
            actor=actor,
            case=case,
            stage=PUBLICATION,
            reason="The report is not published: the information about improvements was sent",
        )
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="lcspr.complete_not_published",
        obj=review,
        case=case,
        changes={
            "status": [LcsprStatus.IN_PROGRESS.value, LcsprStatus.NOT_PUBLISHED.value],
            "completed_on": [None, notice.sent_on.isoformat()],
        },
    )
