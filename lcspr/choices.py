from django.db import models


class LcsprStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"
    # The partnership decided not to publish the report; the LCSPR completed when the
    # information about improvements went to the Panel, the Secretary of State and Ofsted.
    NOT_PUBLISHED = "not_published", "Completed, not published"


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


class LegalReadOutcome(models.TextChoices):
    """The legal read of a named version of the LCSPR report (Dorset 002 7.15)."""

    APPROVED = "approved", "Approved"
    CHANGES_NEEDED = "changes_needed", "Changes needed"


class AnonymisationHitKind(models.TextChoices):
    """What the anonymisation check found of a case subject in a draft of the report."""

    FIRST_NAME = "first_name", "First name"
    LAST_NAME = "last_name", "Last name"
    FULL_NAME = "full_name", "Full name"
    ALIAS = "alias", "Alias or known-as name"
    DATE_OF_BIRTH = "date_of_birth", "Date of birth"
    ADDRESS = "address", "Address"
    POSTCODE = "postcode", "Postcode"
    NHS_NUMBER = "nhs_number", "NHS number"
