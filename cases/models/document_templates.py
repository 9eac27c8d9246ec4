"""A partnership's own wording of a registered letter or leaflet (cases.document_templates).

One row per partnership and template key, made on the first edit. Resetting to the registered
wording keeps the row and its text (``is_active`` off), so nothing a business manager wrote is
lost and the history can show it."""

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cases.models.tenancy import Partnership


class DocumentTemplate(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    body = models.TextField()
    is_active = models.BooleanField(
        default=True, help_text="Off once reset: the registered wording is used again."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "key"], name="document_template_one_per_key"
            )
        ]

    def __str__(self) -> str:
        """The registered template's name (the history reads "the template “…”")."""
        from cases.document_templates import template_spec

        spec = template_spec(self.key)
        return spec.label if spec else self.title
