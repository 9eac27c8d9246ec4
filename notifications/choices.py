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
