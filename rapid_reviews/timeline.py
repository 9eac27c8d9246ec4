"""The rapid review's clock and timeline: the shared stage timeline (cases.timeline) of its
`rapid_review` stage, counted from the review's day zero."""

from cases.timeline import stage_timeline
from rapid_reviews.services.start import STAGE


def review_clock(review, today=None) -> dict:
    return stage_timeline(review.case, STAGE, review.day_zero, today)
