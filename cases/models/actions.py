"""Action plans: one shared model for the actions a case's reviews produce (issue 13, issue 14
"Action plans"). The rapid review report's "learning and actions by agency" rows become items
when the review is submitted; a business manager adds SMART actions for any stage. Each action
has one history of updates (ActionUpdate): progress notes with evidence, status changes and due
dates moved with the reason. Who may do what: cases.permissions (docs/action-plans.md).
The source is a generic relation: the report now, the LCSPR report later (none when added by
hand)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django_scopes import ScopedManager

from cases.models.cases import Attachment, Case
from cases.models.tenancy import Agency, Partnership


class ActionItemStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    # The agency says it is done: evidence expected; the review group checks and closes it.
    COMPLETED = "completed", "Completed"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


# Still for the agency to do (reminded, red when past due).
ACTIVE_STATUSES = (ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS)


class ActionStage(models.TextChoices):
    """Which sheet of the case's tracker an action belongs to (Dorset 002 8.2-8.6)."""

    NOTIFICATION = "notification", "Serious Incident Report"
    RAPID_REVIEW = "rapid_review", "Rapid Review"
    LCSPR = "lcspr", "LCSPR"
    LEARNING_REVIEW = "learning_review", "Learning review"


class ActionItem(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="action_items")
    stage = models.CharField(
        max_length=20, choices=ActionStage.choices, default=ActionStage.RAPID_REVIEW
    )
    # Where it came from: a stage app's record (the rapid review report, an LCSPR report).
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    recommendation = models.TextField(
        "recommendation or learning", blank=True, help_text="What the review found."
    )
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(
        max_length=200, blank=True, help_text="The agency as the source names it."
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    what = models.TextField("action")
    due_date = models.DateField("due", null=True, blank=True)
    success_measure = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    closed_on = models.DateField("date closed", null=True, blank=True)
    cancelled_reason = models.TextField("why it was cancelled", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["case", "id"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            # My work's "Actions for your agency": an agency's active actions by due date.
            models.Index(
                fields=["owner_agency", "due_date", "id"],
                name="action_active_agency",
                condition=models.Q(status__in=["open", "in_progress"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_label}: {self.what[:60]}"

    @property
    def owner_label(self) -> str:
        return self.owner_agency.name if self.owner_agency_id else self.owner_name

    @property
    def short_what(self) -> str:
        text = " ".join(self.what.split())
        return text if len(text) <= 80 else text[:79].rstrip() + "…"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def reference(self) -> str:
        return f"A{self.pk}"


class ActionUpdateKind(models.TextChoices):
    PROGRESS = "progress", "Progress update"
    STATUS = "status", "Status changed"
    DUE_MOVED = "due_moved", "Due date moved"


class ActionUpdate(models.Model):
    """One entry in an action's history."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    action = models.ForeignKey(ActionItem, on_delete=models.PROTECT, related_name="updates")
    kind = models.CharField(max_length=12, choices=ActionUpdateKind.choices)
    text = models.TextField("update", blank=True)
    evidence = models.ForeignKey(
        Attachment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    old_status = models.CharField(max_length=12, choices=ActionItemStatus.choices, blank=True)
    new_status = models.CharField(max_length=12, choices=ActionItemStatus.choices, blank=True)
    old_due_date = models.DateField(null=True, blank=True)
    new_due_date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["action", "created_at", "id"]
        indexes = [models.Index(fields=["action", "-created_at"], name="action_update_latest")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def summary(self) -> str:
        if self.kind == ActionUpdateKind.STATUS:
            return f"Status changed to {self.get_new_status_display().lower()}" + (
                f": {self.text}" if self.text else ""
            )
        if self.kind == ActionUpdateKind.DUE_MOVED:
            old = self.old_due_date.strftime("%-d %B %Y") if self.old_due_date else "not set"
            new = self.new_due_date.strftime("%-d %B %Y") if self.new_due_date else "not set"
            return f"Due date moved from {old} to {new}: {self.text}"
        return self.text


class ActionPlan(models.Model):
    """A case's plan for one stage, as a document: what the partnership's "action_plan"
    sign-off chain signs off (North Lincolnshire 004: the CSPRG's oversight, then the MARS
    Board; BCP 003: the CSPR Group, then the BCP SCP). Made when first sent for sign-off."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="action_plans")
    stage = models.CharField(max_length=20, choices=ActionStage.choices)
    signed_off_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="action_plan_once_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} action plan"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases:action_plan", args=[self.case.partnership.slug, self.case_id])


class ImpactStatement(models.Model):
    """What difference a case's reviews made, once its action plan is complete (BCP 003 section
    15: "The completed action plan is remitted into the BCP Quality Assurance Group (QAG) for
    follow up across agencies six months later ... The QAG produces an impact statement to
    evidence what difference has been made"). One per case; meets the `impact_statement` step
    of the partnership's action plan stage where its settings have one."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="impact_statement")
    written_on = models.DateField("date of the impact statement")
    produced_by = models.CharField("produced by", max_length=200)
    difference_made = models.TextField("what difference the review has made")
    evidence = models.TextField("evidence", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    def __str__(self) -> str:
        return "the impact statement"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases:impact_statement", args=[self.case.partnership.slug, self.case_id])
