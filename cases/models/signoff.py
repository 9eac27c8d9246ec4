"""The partnership's internal sign-off chain of a document, before it goes out (issue 12).

One model for every stage app's documents (the notification, the rapid review report, the LCSPR
report, the 7-minute briefing...): the document is a generic relation, so any record can have a
sign-off (ADR 0013). The steps are copied from Partnership.workflow["sign_off_chains"] when the
chain starts, so a later change of the settings never alters a running chain. Written only by
cases.services.signoff; read through cases.signoff (permissions and selectors).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from cases.models.cases import Case
from cases.models.tenancy import Partnership
from cases.workflow.vocabulary import chain_name


class SignOffStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    RETURNED = "returned", "Returned for changes"
    SIGNED_OFF = "signed_off", "Signed off"
    WITHDRAWN = "withdrawn", "Withdrawn"


RUNNING_STATUSES = (SignOffStatus.IN_PROGRESS, SignOffStatus.RETURNED)


class SignOffDecision(models.TextChoices):
    APPROVED = "approved", "Signed off"
    RETURNED = "returned", "Returned for changes"
    RESUBMITTED = "resubmitted", "Resubmitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SignOff(models.Model):
    """One run of a document through its chain. ``position`` is the index in ``steps`` of the
    step whose people act now (while in progress), or of the first step (while returned: the
    drafter changes the draft and resubmits). ``version`` counts the drafts: 1, then one more
    on each resubmission."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="sign_offs")
    document_type = models.CharField(max_length=50)
    # The document: any stage app's record (ADR 0013), of the same partnership and case.
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("content_type", "object_id")
    # [{key, label, responsible: {roles, agency_types}}], as the settings said at the start.
    steps = models.JSONField()
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=12, choices=SignOffStatus.choices, default=SignOffStatus.IN_PROGRESS
    )
    version = models.PositiveSmallIntegerField(default=1)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = "sign-off"
        constraints = [
            # One running chain per document and type; a new one may start once it ends.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "document_type"],
                condition=models.Q(status__in=["in_progress", "returned"]),
                name="sign_off_one_running_per_document",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in SignOffStatus]),
                name="sign_off_known_status",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "case"], name="sign_off_case"),
            models.Index(
                fields=["partnership", "status"],
                name="sign_off_running",
                condition=models.Q(status__in=["in_progress", "returned"]),
            ),
            models.Index(fields=["content_type", "object_id"], name="sign_off_document"),
        ]

    def __str__(self) -> str:
        return f"{self.document_label} sign-off"

    @property
    def document_label(self) -> str:
        """notification -> "Notification", lcspr_report -> "LCSPR report"."""
        return chain_name(self.document_type)

    @property
    def current_step(self) -> dict | None:
        if self.status not in RUNNING_STATUSES or not self.steps:
            return None
        return self.steps[min(self.position, len(self.steps) - 1)]

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATUSES


class SignOffAction(models.Model):
    """One decision on one step of one version: who, when, what, and their comments. Never
    changed: the chain's record of what happened."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    sign_off = models.ForeignKey(SignOff, on_delete=models.PROTECT, related_name="actions")
    version = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField()
    step_key = models.CharField(max_length=50)
    step_label = models.CharField(max_length=255)
    decision = models.CharField(max_length=12, choices=SignOffDecision.choices)
    comments = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acted_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["acted_at", "id"]
        verbose_name = "sign-off decision"

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.step_label}"
