"""Withdrawing an LCSPR (the partners decide not to go on, or it was opened twice): the record
keeps its reason; the open steps of its clock and of its publication close
(cases.services.deadlines.stage_close); a delay notice not yet sent is cancelled; the case is
free for a new LCSPR."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import Deadline, Membership, NoticeStatus, User
from cases.services.deadlines import stage_close
from cases.services.notices import notice_cancel
from lcspr import permissions
from lcspr.choices import LcsprStatus
from lcspr.models import LocalReview
from lcspr.services.start import STAGE
from lcspr.services.target import PUBLICATION, open_delay_notice

REASON_MISSING = "Enter why you are withdrawing the LCSPR"


@transaction.atomic
def lcspr_withdraw(
    *, actor: User, membership: Membership, review: LocalReview, reason: str
) -> LocalReview:
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    review = LocalReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.status != LcsprStatus.IN_PROGRESS:
        raise InvalidTransition(
            f"The LCSPR is {review.get_status_display().lower()}: it cannot be withdrawn."
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_MISSING})
    if len(reason) > 5000:
        raise ValidationError({"reason": "The reason must be 5,000 characters or fewer"})
    review.status = LcsprStatus.WITHDRAWN
    review.withdrawn_reason = reason
    review.withdrawn_by = actor
    review.withdrawn_at = timezone.now()
    review.save(
        update_fields=["status", "withdrawn_reason", "withdrawn_by", "withdrawn_at", "updated_at"]
    )
    case = review.case
    for stage in (STAGE, PUBLICATION):
        if Deadline.objects.filter(case=case, stage=stage).exists():
            stage_close(actor=actor, case=case, stage=stage, reason=f"LCSPR withdrawn: {reason}")
    from lcspr.services.not_published import decision_of

    decision = decision_of(review)
    for pending in (
        open_delay_notice(review),
        decision.notice if decision and decision.notice.status == NoticeStatus.DUE else None,
    ):
        if pending is not None:
            notice_cancel(
                actor=actor,
                membership=membership,
                notice=pending,
                reason=f"The LCSPR was withdrawn: {reason}",
                check_permission=False,
            )
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="lcspr.withdraw",
        obj=review,
        case=case,
        changes={"status": [LcsprStatus.IN_PROGRESS.value, LcsprStatus.WITHDRAWN.value]},
        note=reason,
    )
    return review
