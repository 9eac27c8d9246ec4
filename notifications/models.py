"""The Serious Incident Notification to the Child Safeguarding Practice Review Panel, made by
the local authority within 5 working days of becoming aware (day zero: Dorset 002 2.3), an
agency's request that the local authority notify (Dorset 002 2.1, BCP 003 section 6), and the
National Panel's replies to the partnership's rapid review."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Agency, Attachment, Case, Notice, Partnership
from notifications.choices import (
    CONTRARY_VIEWS,
    PANEL_STATUS_COLOURS,
    STATUS_COLOURS,
    AbuseOrNeglect,
    CareStatus,
    Harm,
    Location,
    NotificationStatus,
    PanelDecision,
    PanelResponseStatus,
    PartnershipView,
    Reconsideration,
    RequestAnswer,
)

MAX_CHILDREN = 4  # the national form names up to four children


def _text(label: str, help_text: str = "") -> models.TextField:
    return models.TextField(label, blank=True, help_text=help_text)


class SeriousIncidentNotification(models.Model):
    """One notification of a case, its answers in the national form's order."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notifications")
    status = models.CharField(
        max_length=20, choices=NotificationStatus.choices, default=NotificationStatus.DRAFT
    )
    # The national form, in its order.
    other_children = _text(
        "Note of any other children", "Other children involved, beyond the four named."
    )
    incident_date = models.DateField("Date of the incident", null=True, blank=True)
    awareness_date = models.DateField(
        "Date the local authority became aware",
        null=True,
        blank=True,
        help_text="Day zero of the 5 working days, not day one.",
    )
    location = models.CharField(
        "Where it happened", max_length=20, choices=Location.choices, blank=True
    )
    care_status = models.CharField(
        "Child in care or care leaver", max_length=20, choices=CareStatus.choices, blank=True
    )
    abuse_or_neglect = models.CharField(
        "Abuse or neglect", max_length=20, choices=AbuseOrNeglect.choices, blank=True
    )
    harm = models.CharField(
        "Death or serious harm", max_length=20, choices=Harm.choices, blank=True
    )
    characteristics = models.JSONField(default=list, blank=True)
    characteristics_other = _text("Other characteristics")
    outline = _text("Outline of the incident")
    immediate_action = _text("Immediate action taken")
    learning = _text("Immediate learning identified")
    criteria = _text(
        "How the incident meets the criteria of section 16C(1) of the Children Act 2004"
    )
    # The lifecycle.
    referral_id = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    national_reference = models.CharField(max_length=60, blank=True)
    submitted_copy = models.ForeignKey(
        Attachment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rapid_review_acknowledged_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["draft", "in_sign_off", "ready"]),
                name="notification_one_live_per_case",
            )
        ]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return f"Serious incident notification for {self.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse("notifications:detail", args=[self.case.partnership.slug, self.pk])

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS.get(self.status, "grey")

    @property
    def is_editable(self) -> bool:
        return self.status == NotificationStatus.DRAFT

    @property
    def is_child_in_care_death(self) -> bool:
        return self.care_status == CareStatus.CHILD_IN_CARE and self.harm == Harm.DIED


class NotificationChild(models.Model):
    """One of the (up to four) children the notification names."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(
        SeriousIncidentNotification, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=1)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=10, blank=True)
    ethnicity = models.CharField(max_length=40, blank=True)
    nhs_number = models.CharField("NHS number", max_length=12, blank=True)
    address = models.TextField(blank=True)
    subject_id = models.PositiveIntegerField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class NotificationRequest(models.Model):
    """An agency other than the local authority thinks a notification is due and raises it with
    the local authority (Dorset 002 2.1; BCP 003 section 6); if they do not agree, the
    disagreement is escalated (Dorset: "to the PDSCP Executive")."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notification_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, related_name="+")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("Why a notification is due")
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.CharField(max_length=20, choices=RequestAnswer.choices, blank=True)
    answer_reason = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.CharField(max_length=200, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Request to notify on {self.case.reference}"


class PanelResponse(models.Model):
    """One round of the National Panel's reply to a rapid review: sent on `submitted_on` (or,
    after the Panel asked for more, the further information), considered at the Panel's meeting,
    answered with a decision. A decision contrary to the partnership's goes back to its
    decision-makers, whose reconsideration is recorded (Lincolnshire 000 chapter 4; BCP 003
    section 7)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="panel_responses")
    notice = models.ForeignKey(
        Notice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="the rapid review's submission",
    )
    round = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=30, choices=PanelResponseStatus.choices, default=PanelResponseStatus.AWAITING
    )
    submitted_on = models.DateField("Date the rapid review was sent to the National Panel")
    partnership_view = models.CharField(
        "The partnership's decision, as sent to the Panel",
        max_length=20,
        choices=PartnershipView.choices,
        blank=True,
    )
    meeting_date = models.DateField("Date of the National Panel's meeting", null=True, blank=True)
    received_on = models.DateField("Date the Panel's reply arrived", null=True, blank=True)
    decision = models.CharField(
        "The Panel's decision", max_length=20, choices=PanelDecision.choices, blank=True
    )
    comments = models.TextField("What the Panel said", blank=True)
    letter = models.ForeignKey(
        Attachment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="the Panel's letter",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reconsidered_by_body = models.CharField(max_length=200, blank=True)
    reconsideration = models.CharField(
        "The decision-makers' answer", max_length=20, choices=Reconsideration.choices, blank=True
    )
    reconsideration_reasons = models.TextField("Reasons", blank=True)
    reconsidered_on = models.DateField("Date they reconsidered", null=True, blank=True)
    reconsidered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-submitted_on", "-round", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["awaiting", "information_requested"]),
                name="panel_response_one_open_per_case",
            )
        ]
        indexes = [
            models.Index(
                fields=["partnership", "status"],
                name="panel_response_open",
                condition=~models.Q(status="concluded"),
            )
        ]

    def __str__(self) -> str:
        return f"National Panel response for {self.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse("panel_responses:detail", args=[self.case.partnership.slug, self.pk])

    @property
    def status_colour(self) -> str:
        return PANEL_STATUS_COLOURS.get(self.status, "grey")

    @property
    def is_contrary(self) -> bool:
        return (self.partnership_view, self.decision) in CONTRARY_VIEWS


class NotificationCopy(models.Model):
    """Someone who gets a copy of the submitted notification and by when, ticked off once sent
    (Dorset 002 3.6 and 2.6; BCP 003 section 5). Rows come from the partnership's
    `notification_copies` setting at the submission; others are added on the notification (a
    partnership where the child lived). Records only that a copy went: never the copy itself."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    notification = models.ForeignKey(
        SeriousIncidentNotification, on_delete=models.PROTECT, related_name="copies"
    )
    position = models.PositiveSmallIntegerField(default=1)
    # The setting's row; blank for a row added on the notification.
    key = models.CharField(max_length=50, blank=True)
    label = models.CharField("Who gets a copy", max_length=255)
    note = models.TextField("Note", blank=True)
    due_date = models.DateField("Due", null=True, blank=True)
    sent_on = models.DateField("Date sent", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["partnership", "sent_on", "due_date"])]

    def __str__(self) -> str:
        return self.label

    @property
    def is_added(self) -> bool:
        return not self.key
