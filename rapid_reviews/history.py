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
}


def register() -> None:
    register_actions(LABELS)
