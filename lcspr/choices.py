from django.db import models


class LcsprStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A case has at most one LCSPR in these states (a database constraint).
LIVE_STATUSES = (LcsprStatus.IN_PROGRESS,)


class LcsprSource(models.TextChoices):
    """What started the review: Working Together counts the six months from the decision to
    initiate it (Swindon 001 section 3); Dorset from the National Panel's recommendation (002
    7.6)."""

    RAPID_REVIEW_DECISION = (
        "rapid_review_decision",
        "The partnership's decision after the rapid review",
    )
    PANEL_RECOMMENDATION = "panel_recommendation", "The National Panel's recommendation"
    PARTNERSHIP_DECISION = "partnership_decision", "A decision of the safeguarding partners"


class LearningReviewStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class BriefingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_SIGN_OFF = "in_sign_off", "In sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    PUBLISHED = "published", "Published"


class ReviewerDecision(models.TextChoices):
    """The business manager's decision on an independent reviewer candidate (BCP 003 s10)."""

    APPOINTED = "appointed", "Appointed"
    NOT_APPOINTED = "not_appointed", "Not appointed"
    WITHDREW = "withdrew", "Withdrew"


class ContactMethod(models.TextChoices):
    """How a family member was, or prefers to be, contacted (BCP 003 s11: in writing and by
    telephone; Swindon 001 s6: personal contact with the letter and leaflet)."""

    LETTER = "letter", "Letter"
    TELEPHONE = "telephone", "Telephone"
    MEETING = "meeting", "Meeting"
    EMAIL = "email", "E-mail"
    OTHER = "other", "Other"


class ParallelProcessKind(models.TextChoices):
    """Processes running alongside the review (Lincolnshire 000 "Links to other processes")."""

    CRIMINAL_INVESTIGATION = "criminal_investigation", "Criminal investigation"
    CORONER = "coroner", "Coroner's inquest"
    DOMESTIC_HOMICIDE_REVIEW = "domestic_homicide_review", "Domestic homicide review"
    SAFEGUARDING_ADULT_REVIEW = "safeguarding_adult_review", "Safeguarding adult review"
    MAPPA = "mappa", "MAPPA"
    DISCIPLINARY = "disciplinary", "Disciplinary process"
    OTHER = "other", "Other"


class ParallelProcessStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    CONCLUDED = "concluded", "Concluded"
