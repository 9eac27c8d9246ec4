"""The answers of the national Child Safeguarding Incident Notification form, in its order
(Working Together; seeds: Dorset 002 sections 1-3, BCP 003 sections 5-6, Swindon 001 "Duty on
local authorities to notify")."""

from django.db import models


class NotificationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_SIGN_OFF = "in_sign_off", "In sign-off"
    READY = "ready", "Ready to submit"
    SUBMITTED = "submitted", "Submitted to the National Panel"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Statuses of a notification still in the making: one per case at a time.
LIVE_STATUSES = (
    NotificationStatus.DRAFT,
    NotificationStatus.IN_SIGN_OFF,
    NotificationStatus.READY,
)

STATUS_COLOURS = {
    NotificationStatus.DRAFT: "grey",
    NotificationStatus.IN_SIGN_OFF: "yellow",
    NotificationStatus.READY: "blue",
    NotificationStatus.SUBMITTED: "green",
    NotificationStatus.WITHDRAWN: "red",
}


class Location(models.TextChoices):
    """Section 16C(1) of the Children Act 2004 (a) and (b): every seed quotes it."""

    IN_AREA = "in_area", "In the local authority's area"
    OUTSIDE_ENGLAND = (
        "outside_england",
        "Outside England, while the child was normally resident in the local authority's area",
    )


class CareStatus(models.TextChoices):
    """Dorset 002 1.4: a looked-after child's death is notified whether or not abuse or neglect
    is suspected; care leavers count up to and including the age of 24."""

    NO = "no", "Neither"
    CHILD_IN_CARE = "child_in_care", "A child in care (looked after)"
    CARE_LEAVER = "care_leaver", "A care leaver (up to and including 24)"


class Harm(models.TextChoices):
    DIED = "died", "The child died"
    SERIOUS_HARM = "serious_harm", "The child was seriously harmed"


class AbuseOrNeglect(models.TextChoices):
    KNOWN = "known", "Known"
    SUSPECTED = "suspected", "Suspected"
    NEITHER = "neither", "Neither known nor suspected"


class RequestAnswer(models.TextChoices):
    PENDING = "", "Waiting for the local authority"
    AGREED = "agreed", "Agreed: the local authority will notify"
    DISAGREED = "disagreed", "Disagreed: the local authority will not notify"


class PartnershipView(models.TextChoices):
    """What the partnership decided and told the National Panel with its rapid review (Working
    Together; Lincolnshire 000 chapter 4, North Lincolnshire 004 "Rapid review process")."""

    LCSPR = "lcspr", "Carry out a local child safeguarding practice review"
    NO_REVIEW = "no_review", "No further review"
    NATIONAL_REVIEW = "national_review", "The case may need a national review"


class PanelDecision(models.TextChoices):
    """The National Panel's reply to a rapid review (North Lincolnshire 004: it "must decide
    whether recommendation is appropriate and whether to commission a national review")."""

    NATIONAL_REVIEW = "national_review", "The Panel will carry out a national review"
    LOCAL_REVIEW = "local_review", "A local review (LCSPR) is appropriate"
    NO_FURTHER_REVIEW = "no_further_review", "No further review"
    MORE_INFORMATION = "more_information", "The Panel asks for more information"


class PanelResponseStatus(models.TextChoices):
    AWAITING = "awaiting", "Waiting for the National Panel"
    INFORMATION_REQUESTED = "information_requested", "The Panel asked for more information"
    RECONSIDERATION = "reconsideration", "Back with the decision-makers"
    CONCLUDED = "concluded", "Concluded"


PANEL_STATUS_COLOURS = {
    PanelResponseStatus.AWAITING: "blue",
    PanelResponseStatus.INFORMATION_REQUESTED: "yellow",
    PanelResponseStatus.RECONSIDERATION: "orange",
    PanelResponseStatus.CONCLUDED: "green",
}

# A Panel view contrary to the partnership's decision on whether to undertake a review goes back
# to the decision-makers (Lincolnshire 000 chapter 4; BCP 003 section 7).
CONTRARY_VIEWS: frozenset[tuple[str, str]] = frozenset(
    {
        (PartnershipView.LCSPR, PanelDecision.NO_FURTHER_REVIEW),
        (PartnershipView.NO_REVIEW, PanelDecision.LOCAL_REVIEW),
        (PartnershipView.NO_REVIEW, PanelDecision.NATIONAL_REVIEW),
        (PartnershipView.NATIONAL_REVIEW, PanelDecision.NO_FURTHER_REVIEW),
    }
)


class Reconsideration(models.TextChoices):
    ACCEPT = "accept", "Follow the Panel's view"
    MAINTAIN = "maintain", "Keep the partnership's decision"
