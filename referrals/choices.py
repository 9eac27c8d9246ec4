"""Fixed answer lists of the referral form (the seeds' tick boxes). Per-partnership lists
(reasons, characteristics, resolution steps) are lookups: see referrals.defaults."""

from django.db import models

from cases.models import PlanStatus  # yes / no / has been / don't know (Swindon 1.6)

__all__ = [
    "AlternativeReview",
    "ChallengeKind",
    "ChallengeStatus",
    "ExecutiveVerdict",
    "ExternalSource",
    "FamilyInvolvement",
    "Harm",
    "AbuseOrNeglect",
    "LookupKind",
    "PersonRole",
    "PlanStatus",
    "ReferralStatus",
    "StepOutcome",
    "YesNoDontKnow",
]


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Awaiting authorisation"
    RETURNED = "returned", "Returned for changes"
    SUBMITTED = "submitted", "Received: awaiting triage"
    INFORMATION_REQUESTED = "information_requested", "More information requested"
    IN_TRIAGE = "in_triage", "In triage"
    PREPARING_RECOMMENDATION = "preparing_recommendation", "Recommendation being prepared"
    AWAITING_EXECUTIVE = "awaiting_executive", "Awaiting executive decision"
    DECIDED = "decided", "Decision made"
    WITHDRAWN = "withdrawn", "Withdrawn"


# What each status looks like as a tag (includes/tag.html colours).
STATUS_COLOURS = {
    ReferralStatus.DRAFT: "grey",
    ReferralStatus.AWAITING_AUTHORISATION: "yellow",
    ReferralStatus.RETURNED: "orange",
    ReferralStatus.SUBMITTED: "blue",
    ReferralStatus.INFORMATION_REQUESTED: "orange",
    ReferralStatus.IN_TRIAGE: "blue",
    ReferralStatus.PREPARING_RECOMMENDATION: "purple",
    ReferralStatus.AWAITING_EXECUTIVE: "purple",
    ReferralStatus.DECIDED: "green",
    ReferralStatus.WITHDRAWN: "grey",
}

EDITABLE_STATUSES = frozenset({ReferralStatus.DRAFT, ReferralStatus.RETURNED})
TRIAGE_STATUSES = frozenset(
    {ReferralStatus.SUBMITTED, ReferralStatus.IN_TRIAGE, ReferralStatus.INFORMATION_REQUESTED}
)
# Statuses in which the partnership has the referral (received and not withdrawn).
RECEIVED_STATUSES = frozenset(
    {
        ReferralStatus.SUBMITTED,
        ReferralStatus.INFORMATION_REQUESTED,
        ReferralStatus.IN_TRIAGE,
        ReferralStatus.PREPARING_RECOMMENDATION,
        ReferralStatus.AWAITING_EXECUTIVE,
        ReferralStatus.DECIDED,
    }
)


class ExternalSource(models.TextChoices):
    """Swindon top tips: "Cases can also be referred by the Coroner, or Child Death Overview
    Panel"."""

    CORONER = "coroner", "The coroner"
    CDOP = "cdop", "The child death overview panel"
    OTHER = "other", "Another organisation without an account"


class YesNoDontKnow(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DONT_KNOW = "dont_know", "Don't know"


class DiscussionOutcome(models.TextChoices):
    AGREED = "agreed", "Yes, they agreed a notification is needed"
    NOT_AGREED = "not_agreed", "No, they did not agree"
    UNDECIDED = "undecided", "No decision yet"


class Harm(models.TextChoices):
    """Lincolnshire Appendix D "Death / Serious Harm"; Swindon 1.5."""

    DIED = "died", "The child died"
    SERIOUS_HARM = "serious_harm", "The child was seriously harmed"
    OTHER = "other", "Neither: a near miss, good practice or another concern"
    NOT_KNOWN = "not_known", "Not known yet"


class AbuseOrNeglect(models.TextChoices):
    """Lincolnshire Appendix D "Neglect / Abuse" (known or suspected)."""

    NEGLECT = "neglect", "Neglect"
    ABUSE = "abuse", "Abuse"
    BOTH = "both", "Abuse and neglect"
    NOT_KNOWN = "not_known", "Not known"


class PersonRole(models.TextChoices):
    """Who a family member or significant other is (cases.models.SubjectRole less the child)."""

    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    SIBLING = "sibling", "Sibling"
    SIGNIFICANT_OTHER = "significant_other", "Significant other"


class FamilyInvolvement(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No, it is not in the child's best interests"
    NOT_SURE = "not_sure", "Not sure yet"


class AlternativeReview(models.TextChoices):
    """Swindon section 1 and Appendix 1: the other statutory reviews."""

    DARDR = "dardr", "Domestic abuse related death review"
    SAR = "sar", "Safeguarding adult review"
    MAPPA = "mappa", "MAPPA serious case review"
    CHILD_DEATH_REVIEW = "child_death_review", "Child death review"


class ExecutiveVerdict(models.TextChoices):
    AGREE = "agree", "Agree with the recommendation"
    DISAGREE = "disagree", "Do not agree"


class ChallengeKind(models.TextChoices):
    CHALLENGE = "challenge", "Challenge to a decision"
    COMPLAINT = "complaint", "Complaint"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"
    UNRESOLVED = "unresolved", "Not resolved after the last step"
    WITHDRAWN = "withdrawn", "Withdrawn"


class StepOutcome(models.TextChoices):
    UPHELD = "upheld", "Resolved: the challenge or complaint is upheld"
    NOT_UPHELD = "not_upheld", "Resolved: the decision stands"
    ESCALATED = "escalated", "Not resolved: go to the next step"
    WITHDRAWN = "withdrawn", "Withdrawn by the person who raised it"


class LookupKind(models.TextChoices):
    REASON = "reason", "Reasons for referral"
    CHARACTERISTIC = "characteristic", "Characteristics of the case"
    CHALLENGE_STEP = "challenge_step", "Steps to resolve a challenge"
    COMPLAINT_STEP = "complaint_step", "Steps to resolve a complaint"
