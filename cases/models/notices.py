"""Statutory notices: one record per notice a partnership (or its local authority) must send to
national bodies, whichever stage needs it (docs/notices.md).

A notice has a kind, the bodies it goes to, what was sent (the case's documents and/or a
description), the date it is due (from a clock's step, a Deadline, or entered), and, once sent,
the date, who sent it and the evidence. Stage apps create notices through
cases.services.notices; the core never imports them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from cases.models.cases import Attachment, Case, past_only
from cases.models.deadlines import Deadline
from cases.models.tenancy import Partnership


class NoticeKind(models.TextChoices):
    LCSPR_DECISION = "lcspr_decision", "Decision whether to commission an LCSPR"
    LCSPR_DELAY = "lcspr_delay", "Delay: the LCSPR will not be published within six months"
    PREPUBLICATION_COPIES = "prepublication_copies", "Copies of the report before publication"
    RAPID_REVIEW_SUBMISSION = "rapid_review_submission", "Rapid review sent to the National Panel"
    NOT_PUBLISHED_IMPROVEMENTS = (
        "not_published_improvements",
        "Information about improvements (report not published)",
    )
    CHILD_IN_CARE_DEATH = "child_in_care_death", "Death of a child in care"
    OTHER = "other", "Other notice"


class NoticeRecipient(models.TextChoices):
    NATIONAL_PANEL = "national_panel", "Child Safeguarding Practice Review Panel"
    OFSTED = "ofsted", "Ofsted"
    SECRETARY_OF_STATE = "secretary_of_state", "Secretary of State (Department for Education)"
    OTHER_PARTNERSHIP = "other_partnership", "Another safeguarding partnership"
    NSPCC_REPOSITORY = "nspcc_repository", "NSPCC national case review repository"
    CQC = "cqc", "Care Quality Commission"
    HMICFRS = "hmicfrs", "HM Inspectorate of Constabulary and Fire & Rescue Services"


class NoticeStatus(models.TextChoices):
    DUE = "due", "Due"
    SENT = "sent", "Sent"
    CANCELLED = "cancelled", "Cancelled"


R = NoticeRecipient
# Who each kind goes to unless the partnership's workflow settings say otherwise
# (`notice_recipients`, set in the presets from the seeds; docs/notices.md).
DEFAULT_RECIPIENTS: dict[str, tuple[str, ...]] = {
    # Swindon 001, Strategic Leadership and Governance: the National Panel, DfE and Ofsted.
    NoticeKind.LCSPR_DECISION: (R.NATIONAL_PANEL, R.SECRETARY_OF_STATE, R.OFSTED),
    # Swindon 001 section 3: the National Panel and the Secretary of State, with the reasons.
    NoticeKind.LCSPR_DELAY: (R.NATIONAL_PANEL, R.SECRETARY_OF_STATE),
    # Working Together (Swindon 001 Formal Publication, North Lincolnshire 004 Final report).
    NoticeKind.PREPUBLICATION_COPIES: (R.NATIONAL_PANEL, R.SECRETARY_OF_STATE, R.OFSTED),
    NoticeKind.RAPID_REVIEW_SUBMISSION: (R.NATIONAL_PANEL,),
    # Dorset 002 7.19, BCP 003 section 12.
    NoticeKind.NOT_PUBLISHED_IMPROVEMENTS: (R.NATIONAL_PANEL, R.SECRETARY_OF_STATE, R.OFSTED),
    # Swindon 001 section 4, Dorset 002 1.4, BCP 003 section 5 c, North Lincolnshire 004.
    NoticeKind.CHILD_IN_CARE_DEATH: (R.SECRETARY_OF_STATE, R.OFSTED),
    NoticeKind.OTHER: (),
}
# The clock step a kind of notice usually meets: (stage, milestone key) of the case's deadlines.
KIND_STEPS: dict[str, tuple[str, str]] = {
    NoticeKind.PREPUBLICATION_COPIES: ("publication", "copies_to_panel"),
    NoticeKind.NOT_PUBLISHED_IMPROVEMENTS: ("publication", "copies_to_panel"),
    NoticeKind.RAPID_REVIEW_SUBMISSION: ("rapid_review", "submit_to_panel"),
}
# Kinds due a number of working days after the local authority became aware (the case's
# awareness date), when no step gives the date: a child in care's death within 5 working days
# (BCP 003 section 5: "within 5 working days of the incident").
KIND_WORKING_DAYS_AFTER_AWARENESS: dict[str, int] = {NoticeKind.CHILD_IN_CARE_DEATH: 5}
# Kinds that must say why.
KINDS_NEEDING_REASONS = frozenset({NoticeKind.LCSPR_DELAY})


class Notice(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField("kind of notice", max_length=40, choices=NoticeKind.choices)
    recipients = models.JSONField(
        "sent to", default=list, blank=True, help_text="Keys of NoticeRecipient."
    )
    other_partnership = models.CharField("which other partnership", max_length=200, blank=True)
    description = models.TextField("what is sent", blank=True)
    documents = models.ManyToManyField(
        Attachment,
        through="NoticeDocument",
        blank=True,
        related_name="notices",
        verbose_name="documents sent",
    )
    deadline = models.ForeignKey(
        Deadline,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name="step it meets",
    )
    due_date = models.DateField("due", null=True, blank=True)
    reason = models.TextField("reasons", blank=True)
    status = models.CharField(max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.DUE)
    sent_on = models.DateField("date sent", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="recorded as sent by",
    )
    sent_by_name = models.CharField(
        "sent by", max_length=200, blank=True, help_text="When someone else sent it."
    )
    evidence = models.ForeignKey(
        Attachment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="evidence of sending",
    )
    cancelled_reason = models.TextField("why it was cancelled", blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            # My work's "Notices due": the partnership's due notices, soonest first.
            models.Index(
                fields=["partnership", "due_date", "id"],
                name="notice_due",
                condition=models.Q(status="due"),
            ),
            models.Index(fields=["case", "created_at"], name="notice_case"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = past_only(self, sent_on="Date sent")
        if errors:
            raise ValidationError(errors)

    @property
    def is_due(self) -> bool:
        return self.status == NoticeStatus.DUE

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_due and self.due_date and self.due_date < timezone.localdate())

    @property
    def recipient_labels(self) -> list[str]:
        labels = dict(NoticeRecipient.choices)
        result = []
        for key in self.recipients or []:
            label = labels.get(key, key)
            if key == NoticeRecipient.OTHER_PARTNERSHIP and self.other_partnership:
                label = f"{label}: {self.other_partnership}"
            result.append(label)
        return result

    @property
    def sender_name(self) -> str:
        if self.sent_by_name:
            return self.sent_by_name
        return self.sent_by.get_full_name() if self.sent_by_id else ""

    @property
    def status_tag(self) -> tuple[str, str]:
        """(text, colour) of the GOV.UK tag: overdue in red."""
        if self.is_overdue:
            return "Overdue", "red"
        return {
            NoticeStatus.DUE: ("Due", "blue"),
            NoticeStatus.SENT: ("Sent", "green"),
            NoticeStatus.CANCELLED: ("Cancelled", "grey"),
        }[self.status]


class NoticeDocument(models.Model):
    """A document of the case sent with a notice (the notice's `documents`), with its own
    partnership so that row-level security holds it like every tenant table."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="+")
    attachment = models.ForeignKey(Attachment, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(partnership="partnership")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "attachment"], name="notice_document_once")
        ]

    def __str__(self) -> str:
        return f"{self.notice_id}: {self.attachment_id}"
