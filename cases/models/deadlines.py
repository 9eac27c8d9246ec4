from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cases.models.cases import Case
from cases.models.tenancy import Agency, Partnership
from cases.workflow.vocabulary import STAGES


class DeadlineStatus(models.TextChoices):
    OPEN = "open", "Open"
    MET = "met", "Met"
    MISSED = "missed", "Missed"
    WAIVED = "waived", "Waived"


class Deadline(models.Model):
    """One milestone of a running stage, created from the partnership's workflow settings when
    the stage starts (cases.services.deadlines), closed by the service that completes the step."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="deadlines")
    stage = models.CharField(max_length=30, choices=list(STAGES.items()))
    key = models.CharField(max_length=60)
    label = models.CharField(max_length=300)
    day_zero = models.DateField()
    day = models.IntegerField(null=True, blank=True, help_text="Working day after day zero.")
    starts = models.DateField(null=True, blank=True)
    due = models.DateField(db_index=True)
    rule_text = models.TextField(blank=True)
    statutory = models.BooleanField(default=False)
    responsible_roles = models.JSONField(default=list, blank=True)
    responsible_agency_types = models.JSONField(default=list, blank=True)
    responsible_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    met_on = models.DateField(null=True, blank=True)
    waived_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["due", "key"]
        constraints = [
            models.UniqueConstraint(fields=["case", "stage", "key"], name="deadline_unique_step")
        ]
        indexes = [
            models.Index(
                fields=["status", "due"],
                name="deadline_open_due",
                condition=models.Q(status="open"),
            ),
            # The triage queue's next step per case (referrals.selectors.queue_rows).
            models.Index(
                fields=["case", "stage", "due", "key"],
                name="deadline_open_case_stage",
                condition=models.Q(status="open"),
            ),
            # A member's open deadlines, soonest first: reminders page, calendar feed
            # (cases.reminders.selectors.responsible_deadlines).
            models.Index(
                fields=["partnership", "due", "id"],
                name="deadline_open_partnership",
                condition=models.Q(status="open"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} (due {self.due:%d %b %Y})"

    @property
    def is_open(self) -> bool:
        return self.status == DeadlineStatus.OPEN
