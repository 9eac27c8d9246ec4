"""The 7-minute briefing (Synopsis of Learning)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Case, Partnership
from lcspr.choices import (
    BriefingStatus,
)
from lcspr.models.review import LearningReview, LocalReview


class SevenMinuteBriefing(models.Model):
    """The Synopsis of Learning of an LCSPR or a learning review (exactly one), in the format of
    a 7-minute briefing (lcspr/briefing.py); signed off through the partnership's
    `synopsis_of_learning` chain, then published on the website."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="briefings")
    local_review = models.ForeignKey(
        LocalReview, on_delete=models.PROTECT, null=True, blank=True, related_name="briefings"
    )
    learning_review = models.ForeignKey(
        LearningReview, on_delete=models.PROTECT, null=True, blank=True, related_name="briefings"
    )
    status = models.CharField(
        max_length=20, choices=BriefingStatus.choices, default=BriefingStatus.DRAFT
    )
    title = models.CharField(max_length=200)
    background = models.TextField("Background", blank=True)
    why_it_matters = models.TextField("Why it matters", blank=True)
    information = models.TextField("Information", blank=True)
    think_about = models.TextField("Think about", blank=True)
    questions = models.TextField("Questions to ask yourself and your team", blank=True)
    what_to_do = models.TextField("What should I do now", blank=True)
    further_information = models.TextField("Further information and resources", blank=True)
    published_on = models.DateField(null=True, blank=True)
    web_address = models.URLField(max_length=500, blank=True)
    contacts_told = models.JSONField(
        default=list, blank=True, help_text="The e-mail addresses told of the publication."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "7-minute briefing"
        constraints = [
            models.CheckConstraint(
                condition=Q(local_review__isnull=False, learning_review__isnull=True)
                | Q(local_review__isnull=True, learning_review__isnull=False),
                name="briefing_for_exactly_one_review",
            ),
            models.UniqueConstraint(fields=["local_review"], name="briefing_one_per_lcspr"),
            models.UniqueConstraint(
                fields=["learning_review"], name="briefing_one_per_learning_review"
            ),
        ]

    def __str__(self) -> str:
        return f"7-minute briefing of {self.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:briefing_detail",
            kwargs={"partnership_slug": self.case.partnership.slug, "pk": self.pk},
        )

    @property
    def review(self):
        return self.local_review or self.learning_review
