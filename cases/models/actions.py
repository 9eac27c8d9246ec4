"""Action items: one shared model for the actions a case's reviews produce (issue 13). The rapid
review report's "learning and actions by agency" rows become items when the review is submitted;
the LCSPR issue builds its full action plan on the same model (progress updates, RAG, reminders).
The source is a generic relation: the report now, the LCSPR report later."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django_scopes import ScopedManager

from cases.models.cases import Case
from cases.models.tenancy import Agency, Partnership


class ActionItemStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class ActionItem(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="action_items")
    # Where it came from: a stage app's record (the rapid review report, an LCSPR report).
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField()
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(
        max_length=200, blank=True, help_text="The agency as the source names it."
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    what = models.TextField()
    due_date = models.DateField(null=True, blank=True)
    success_measure = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["case", "id"]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return f"{self.owner_label}: {self.what[:60]}"

    @property
    def owner_label(self) -> str:
        return self.owner_agency.name if self.owner_agency_id else self.owner_name
