"""The rapid review of a case: 15 working days from the day zero the partnership's settings
name (docs/rapid-reviews.md). Its milestones are the case's `rapid_review` deadlines."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Case, Partnership
from rapid_reviews.choices import LIVE_STATUSES, ReviewSource, ReviewStatus


class RapidReview(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="rapid_reviews")
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.IN_PROGRESS
    )
    source = models.CharField(max_length=30, choices=ReviewSource.choices)
    day_zero = models.DateField()
    day_zero_event = models.CharField(
        max_length=40, help_text="The event the partnership's settings count day zero from."
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    withdrawn_reason = models.TextField(blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=[s.value for s in LIVE_STATUSES]),
                name="rapid_review_one_live_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"Rapid review of {self.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse(
            "rapid_reviews:detail",
            kwargs={"partnership_slug": self.case.partnership.slug, "pk": self.pk},
        )
