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


class LearningTermsStatus(models.TextChoices):
    """A version of a learning review's terms of reference or lines of enquiry: a draft until
    the review's governance body approves it (BCP 003 Appendix A: "TOR and lines of enquiry set
    by CSPRG")."""

    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved by the governance body"


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


class PanelRole(models.TextChoices):
    """A participant's role on the LCSPR's review panel (Swindon 001 sections 5-8; Dorset 002
    7.8; BCP 003 section 11)."""

    CHAIR = "chair", "Chair"
    STATUTORY_PARTNER = "statutory_partner", "Statutory partner representative"
    LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
    EXPERT = "expert", "Expert"
    BUSINESS_MANAGER = "business_manager", "Business manager"
    OTHER = "other", "Other"


class PanelPartner(models.TextChoices):
    """The statutory partner a statutory partner representative speaks for: each must be on
    the panel."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    ICB = "icb", "Integrated care board (health)"


class PanelConflicts(models.TextChoices):
    NONE = "none", "No conflict of interest"
    DECLARED = "declared", "Conflict of interest declared"


class PanelTermsStatus(models.TextChoices):
    """A version of the LCSPR's terms of reference: version 1 is signed off at the first panel
    meeting; a later version is approved by the review group."""

    DRAFT = "draft", "Draft"
    SIGNED_OFF = "signed_off", "Signed off at the panel"
    APPROVED = "approved", "Approved by the review group"


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
