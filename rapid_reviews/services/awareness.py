"""The case's awareness date changed (cases.services.cases.case_update): the live review's
milestones move, the backstop and any step counted from awareness, and so does day zero where
the partnership counts the review from awareness (registered from RapidReviewsConfig.ready()
with cases.extensions.register_awareness_listener)."""

from cases.audit import audit_record
from cases.services.deadlines import stage_recompute
from rapid_reviews.choices import LIVE_STATUSES
from rapid_reviews.models import RapidReview
from rapid_reviews.services.start import STAGE, stage_running

AWARENESS = "awareness"


def review_follow_awareness(actor, membership, case) -> None:
    review = (
        RapidReview.objects.select_for_update().filter(case=case, status__in=LIVE_STATUSES).first()
    )
    if review is None or case.awareness_date is None or not stage_running(case):
        return
    if review.day_zero_event == AWARENESS and review.day_zero != case.awareness_date:
        before = review.day_zero
        review.day_zero = case.awareness_date
        review.save(update_fields=["day_zero", "updated_at"])
        audit_record(
            actor=actor,
            partnership=case.partnership,
            action="rapid_review.day_zero",
            obj=review,
            case=case,
            changes={"day_zero": [before.isoformat(), review.day_zero.isoformat()]},
            note="The date the local authority became aware was changed on the case",
        )
    stage_recompute(
        actor=actor,
        case=case,
        stage=STAGE,
        day_zero=review.day_zero,
        reason="The case's date the local authority became aware was corrected",
    )


def review_follow_day_zero(actor, case, stage: str, day_zero, reason: str) -> None:
    """cases.extensions stage-recomputed listener: the case page's "Correct day zero" moved the
    rapid review stage, so the live review's day zero (its "day N of 15") moves with it."""
    if stage != STAGE:
        return
    review = (
        RapidReview.objects.select_for_update().filter(case=case, status__in=LIVE_STATUSES).first()
    )
    if review is None or review.day_zero == day_zero:
        return
    before = review.day_zero
    review.day_zero = day_zero
    review.save(update_fields=["day_zero", "updated_at"])
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="rapid_review.day_zero",
        obj=review,
        case=case,
        changes={"day_zero": [before.isoformat(), day_zero.isoformat()]},
        note=reason,
    )
