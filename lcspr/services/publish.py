"""Recording the LCSPR's publication: the date, the web address and (Swindon 001 section 9) the
submission to the NSPCC national repository. Working Together's copies to the National Panel,
the Secretary of State and Ofsted must have gone first (the `prepublication_copies` notice,
recorded as sent, docs/notices.md). A report published on another day than its target moves
the publication steps still open (the year online among them); `publish` and the six months'
`lcspr_complete` are met (late if after the six months)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import CaseStage, Deadline, Membership, Notice, NoticeKind, NoticeStatus, User
from cases.services.cases import case_stage_set
from cases.services.deadlines import deadline_meet, stage_recompute
from lcspr import permissions
from lcspr.choices import LcsprStatus
from lcspr.models import LocalReview
from lcspr.services.start import STAGE
from lcspr.services.target import COMPLETE_STEP, PUBLICATION

PUBLISH_STEP = "publish"
COPIES_FIRST = (
    "Record the copies sent to the National Panel, the Secretary of State and Ofsted before"
    " publication first (a notice of copies of the report before publication, marked as sent)"
)


def copies_sent_on(review: LocalReview) -> datetime.date | None:
    notice = (
        Notice.objects.filter(
            case=review.case, kind=NoticeKind.PREPUBLICATION_COPIES, status=NoticeStatus.SENT
        )
        .order_by("-sent_on")
        .first()
    )
    return notice.sent_on if notice else None


NOT_TO_BE_PUBLISHED = (
    "The partnership decided not to publish the report: send the information about"
    " improvements instead"
)


def publication_refusal(review: LocalReview) -> str:
    """Why the report cannot be published yet (issue 14): the partnership decided not to
    publish it, or no version has been signed off as the final report."""
    from lcspr.services.drafts import final_version
    from lcspr.services.not_published import decision_of

    if decision_of(review) is not None:
        return NOT_TO_BE_PUBLISHED
    if final_version(review) is None:
        return (
            "The report has no final version yet: upload it, record its legal read and"
            " anonymisation check, and have it signed off through the report's sign-off chain"
        )
    return ""


@transaction.atomic
def lcspr_publish(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    published_on: datetime.date | None,
    web_address: str,
    nspcc_submitted_on: datetime.date | None = None,
) -> LocalReview:
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    review = (
        LocalReview.objects.select_for_update()
        .select_related("case__partnership")
        .get(pk=review.pk)
    )
    if review.status != LcsprStatus.IN_PROGRESS:
        raise InvalidTransition(
            f"The LCSPR is {review.get_status_display().lower()}: only one in progress is"
            " published."
        )
    if publication_refusal(review) == NOT_TO_BE_PUBLISHED:
        raise InvalidTransition(NOT_TO_BE_PUBLISHED)
    today = timezone.localdate()
    web_address = (web_address or "").strip()
    errors = {}
    if published_on is None:
        errors["published_on"] = "Enter the date the report was published"
    elif published_on > today:
        errors["published_on"] = "The date the report was published must be today or in the past"
    elif published_on < review.day_zero:
        errors["published_on"] = "The date the report was published must be after the LCSPR started"
    if not web_address:
        errors["web_address"] = "Enter the web address of the published report"
    else:
        try:
            URLValidator(schemes=["https", "http"])(web_address)
        except ValidationError:
            errors["web_address"] = (
                "Enter a web address in the correct format, like https://www.example.org/report"
            )
    if nspcc_submitted_on is not None and nspcc_submitted_on > today:
        errors["nspcc_submitted_on"] = (
            "The date it was sent to the NSPCC repository must be today or in the past"
        )
    sent = copies_sent_on(review)
    if "published_on" not in errors and sent is None:
        errors["published_on"] = COPIES_FIRST
    elif "published_on" not in errors and sent > published_on:
        errors["published_on"] = "The report must be published after the copies were sent"
    if errors:
        raise ValidationError(errors)
    refusal = publication_refusal(review)
    if refusal:
        raise InvalidTransition(refusal)
    review.status = LcsprStatus.PUBLISHED
    review.published_on = published_on
    review.web_address = web_address
    review.nspcc_submitted_on = nspcc_submitted_on
    review.published_by = actor
    review.save()
    case = review.case
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="lcspr.publish",
        obj=review,
        case=case,
        changes={
            "status": [LcsprStatus.IN_PROGRESS.value, LcsprStatus.PUBLISHED.value],
            "published_on": [None, published_on.isoformat()],
            "web_address": [None, web_address],
        },
    )
    steps = Deadline.objects.filter(case=case, stage=PUBLICATION)
    if steps.exists():
        if published_on != review.target_publication_date:
            stage_recompute(
                actor=actor,
                case=case,
                stage=PUBLICATION,
                day_zero=published_on,
                reason="Published on another day than the target publication date",
            )
        deadline_meet(
            actor=actor, case=case, stage=PUBLICATION, key=PUBLISH_STEP, met_on=published_on
        )
    deadline_meet(actor=actor, case=case, stage=STAGE, key=COMPLETE_STEP, met_on=published_on)
    case_stage_set(actor=actor, case=case, stage=CaseStage.PUBLICATION, reason="LCSPR published")
    return review
