import uuid

from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from cases.models.tenancy import Partnership


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


def rendered_path(instance: "RenderedDocument", filename: str) -> str:
    return f"rendered/{instance.partnership_id}/{uuid.uuid4().hex}.pdf"


class RenderedDocument(models.Model):
    """One version of one record's PDF (cases/rendered/), rendered once by a Celery task.

    ``version`` is a hash of the HTML the PDF is made from, so it changes whenever anything
    printed changes (answers, people, agencies, lookup labels, the template itself)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    version = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    file = models.FileField(upload_to=rendered_path, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "object_id", "version"],
                name="rendered_document_one_per_version",
            )
        ]
        indexes = [
            models.Index(
                fields=["partnership", "kind", "object_id"], name="rendered_document_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} PDF of {self.object_id} ({self.get_status_display()})"
