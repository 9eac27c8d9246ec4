"""The rapid review report (Swindon 001 Appendix 4, Lincolnshire 000 Appendix G): one per
review, its sections a dict checked against rapid_reviews.report_sections, every saved version
kept with who changed which sections. The review's outcome (the partnership's decision after the
National Panel's response) is kept beside it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Partnership
from rapid_reviews.choices import ReportStatus, ReviewDecision
from rapid_reviews.models.review import RapidReview


class RapidReviewReport(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    rapid_review = models.OneToOneField(
        RapidReview, on_delete=models.PROTECT, related_name="report"
    )
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    content = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The rapid review meeting that agreed the decision against the criteria and the
    # recommendation: only a quorate one (Swindon 001, The Rapid Review Meeting).
    decision_meeting = models.ForeignKey(
        "cases.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        verbose_name = "rapid review report"

    def __str__(self) -> str:
        return f"Rapid review report, version {self.version}"

    def get_absolute_url(self) -> str:
        return reverse(
            "rapid_reviews:report",
            kwargs={
                "partnership_slug": self.rapid_review.case.partnership.slug,
                "pk": self.rapid_review_id,
            },
        )

    @property
    def case(self):
        return self.rapid_review.case

    @property
    def case_id(self):
        return self.rapid_review.case_id


class RapidReviewReportVersion(models.Model):
    """One saved version: the whole content as it was, the sections this save changed."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(RapidReviewReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    changed_sections = models.JSONField(default=list)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)
    comment = models.CharField(max_length=500, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_one_row_per_version")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"


class RapidReviewOutcome(models.Model):
    """The partnership's decision after the National Panel's response: an LCSPR, a learning
    review or closure, with the date and the rationale. The date is the day zero event of the
    stage it starts (`review_decision`, `learning_review_decision`)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    rapid_review = models.OneToOneField(
        RapidReview, on_delete=models.PROTECT, related_name="outcome"
    )
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices)
    decided_on = models.DateField()
    rationale = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.decided_on})"
