"""Withdrawing a rapid review: the record keeps its reason; the stage's open steps close
(cases.services.deadlines.stage_close) and the case is free for a new review."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import Membership, User
from cases.services.deadlines import stage_close
from rapid_reviews import permissions
from rapid_reviews.choices import LIVE_STATUSES, ReviewStatus
from rapid_reviews.models import RapidReview
from rapid_reviews.services.start import STAGE

REASON_MISSING = "Enter why you are withdrawing the rapid review"


@transaction.atomic
def rapid_review_withdraw(
    *, actor: User, membership: Membership, review: RapidReview, reason: str
) -> RapidReview:
    if not permissions.can_manage_review(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    review = RapidReview.objects.select_for_update().get(pk=review.pk)
    if review.status not in LIVE_STATUSES:
        raise InvalidTransition(
            f"The rapid review is {review.get_status_display().lower()}: it cannot be withdrawn."
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": REASON_MISSING})
    before = review.status
    review.status = ReviewStatus.WITHDRAWN
    review.withdrawn_reason = reason
    review.withdrawn_by = actor
    review.withdrawn_at = timezone.now()
    review.save(
        update_fields=["status", "withdrawn_reason", "withdrawn_by", "withdrawn_at", "updated_at"]
    )
    stage_close(
        actor=actor, case=review.case, stage=STAGE, reason=f"Rapid review withdrawn: {reason}"
    )
    audit_record(
        actor=actor,
        partnership=review.case.partnership,
        action="rapid_review.withdraw",
        obj=review,
        case=review.case,
        changes={"status": [before, ReviewStatus.WITHDRAWN.value]},
        note=reason,
    )
    return review
