from django.db import models


class ReviewStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted to the National Panel"
    CONCLUDED = "concluded", "Concluded"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A case has at most one review in these states (a database constraint).
LIVE_STATUSES = (ReviewStatus.IN_PROGRESS, ReviewStatus.SUBMITTED)


class ReviewSource(models.TextChoices):
    NOTIFICATION = "notification", "Serious incident notification"
    PANEL_ACKNOWLEDGEMENT = "panel_acknowledgement", "The National Panel's acknowledgement"
    EXECUTIVE_DECISION = "executive_decision", "Executive decision"


class MilestoneStatus(models.TextChoices):
    """A milestone as the review shows it (from its deadline's status and the date)."""

    DONE = "done", "Done"
    OPEN = "open", "Open"
    OVERDUE = "overdue", "Overdue"
    WAIVED = "waived", "Waived"
    MISSED = "missed", "Missed"


class TermsStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    AGREED = "agreed", "Agreed"


class RequestStatus(models.TextChoices):
    """An agency information request and its return (issue 13)."""

    SENT = "sent", "Sent"
    IN_PROGRESS = "in_progress", "In progress"
    QUALITY_ASSURED = "quality_assured", "Quality assured"
    RETURNED = "returned", "Returned"
    CLOSED = "closed_without_response", "Closed without a response"


# Waiting for the agency: chased, late, on My work.
OPEN_REQUEST_STATUSES = (
    RequestStatus.SENT,
    RequestStatus.IN_PROGRESS,
    RequestStatus.QUALITY_ASSURED,
)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_SIGN_OFF = "in_sign_off", "In sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    SUBMITTED = "submitted", "Submitted to the National Panel"


class ReviewDecision(models.TextChoices):
    """What the partnership decided after the National Panel's response (issue 13)."""

    LCSPR = "lcspr", "A local child safeguarding practice review (LCSPR)"
    LEARNING_REVIEW = "learning_review", "A learning review"
    CLOSURE = "closure", "No further review: close"
