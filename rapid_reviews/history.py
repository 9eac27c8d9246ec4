"""How the rapid reviews app's audit events read in the case history (cases.history_display),
registered from RapidReviewsConfig.ready()."""

from cases.history_display import ActionLabel, register_actions
from rapid_reviews.choices import ReviewDecision, ReviewSource

LABELS = {
    "rapid_review.start": ActionLabel(
        "started the rapid review",
        labels={"day_zero_event": "Day zero counted from"},
        choices={"source": ReviewSource.choices},
    ),
    "rapid_review.day_zero": ActionLabel("moved the rapid review's day zero"),
    "rapid_review.withdraw": ActionLabel("withdrew the rapid review"),
    "rapid_review.terms_draft": ActionLabel("drafted the terms of reference"),
    "rapid_review.terms_update": ActionLabel("changed the draft terms of reference"),
    "rapid_review.terms_send": ActionLabel(
        "sent the terms of reference to the statutory partners for approval"
    ),
    "rapid_review.terms_approve": ActionLabel(
        "approved the terms of reference", labels={"agency": "For"}
    ),
    "rapid_review.terms_agreed": ActionLabel(
        "recorded the terms of reference as agreed by every statutory partner"
    ),
    "rapid_review.terms_revise": ActionLabel(
        "started a revision of the agreed terms of reference",
        labels={"from_version": "Revising version"},
    ),
    "rapid_review.request_send": ActionLabel(
        "sent an information request to {after[agency]}",
        labels={"agency": "To", "due_date": "Return due"},
    ),
    "rapid_review.return_save": ActionLabel(
        "saved the draft return of {after[agency]}", labels={"agency": "Of"}
    ),
    "rapid_review.return_quality_assure": ActionLabel(
        "quality-assured the return of {after[agency]}", labels={"agency": "Of"}
    ),
    "rapid_review.return_sign_off": ActionLabel(
        "signed off the return of {after[agency]}", labels={"agency": "Of"}
    ),
    "rapid_review.request_chase": ActionLabel(
        "chased the information request to {after[agency]}",
        labels={"agency": "To", "chase_count": "Chase number"},
    ),
    "rapid_review.return_on_behalf": ActionLabel(
        "entered the return of {after[agency]} on its behalf",
        labels={"agency": "For"},
    ),
    "rapid_review.request_close": ActionLabel(
        "closed the request to {after[agency]} without a response", labels={"agency": "To"}
    ),
    "rapid_review.report_draft": ActionLabel("drafted the rapid review report"),
    "rapid_review.report_save": ActionLabel(
        "changed the rapid review report", labels={"sections": "Sections changed"}
    ),
    "rapid_review.report_send": ActionLabel("sent the rapid review report for sign-off"),
    "rapid_review.report_decision": ActionLabel(
        "recorded the decision agreed at the rapid review meeting",
        labels={"meeting": "Agreed at", "held_on": "Held on"},
    ),
    "rapid_review.report_submit": ActionLabel(
        "submitted the rapid review report to the National Panel",
        labels={"sent_on": "Sent on"},
    ),
    "rapid_review.action_items": ActionLabel(
        "recorded the rapid review report's actions as action items",
        labels={"action_items": "Action items"},
    ),
    "rapid_review.conclude": ActionLabel(
        "recorded the outcome of the rapid review",
        labels={"decided_on": "Decided on"},
        choices={"decision": ReviewDecision.choices},
    ),
}


def register() -> None:
    register_actions(LABELS)
