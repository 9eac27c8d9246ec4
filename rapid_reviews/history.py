"""How the rapid reviews app's audit events read in the case history (cases.history_display),
registered from RapidReviewsConfig.ready()."""

from cases.history_display import ActionLabel, register_actions
from rapid_reviews.choices import ReviewSource

LABELS = {
    "rapid_review.start": ActionLabel(
        "started the rapid review",
        labels={"day_zero_event": "Day zero counted from"},
        choices={"source": ReviewSource.choices},
    ),
    "rapid_review.day_zero": ActionLabel("moved the rapid review's day zero"),
    "rapid_review.withdraw": ActionLabel("withdrew the rapid review"),
}


def register() -> None:
    register_actions(LABELS)
