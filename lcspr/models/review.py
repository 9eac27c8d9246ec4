"""The reviews after a rapid review: the LCSPR and the proportionate learning reviews.

The local child safeguarding practice review (LCSPR) of a case: six months from the day zero
the partnership's settings name (`stages.lcspr.day_zero.event`), and a target publication date
that the business manager sets and may move, from which the `publication` stage's steps count
back (docs/lcspr.md). Its milestones are the case's `lcspr` and `publication` deadlines."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Case, Partnership
from lcspr.choices import (
    LIVE_STATUSES,
    LcsprSource,
    LcsprStatus,
    LearningReviewStatus,
    LearningTermsStatus,
)


class LocalReview(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="local_reviews")
    status = models.CharField(
        max_length=20, choices=LcsprStatus.choices, default=LcsprStatus.IN_PROGRESS
    )
    source = models.CharField(max_length=30, choices=LcsprSource.choices)
    day_zero = models.DateField()
    day_zero_event = models.CharField(
        max_length=40, help_text="The event the partnership's settings count day zero from."
    )
    target_publication_date = models.DateField(null=True, blank=True)
    delay_reasons = models.TextField(
        blank=True, help_text="Why it will not be published within six months, as notified."
    )
    published_on = models.DateField(null=True, blank=True)
    web_address = models.URLField(max_length=500, blank=True)
    nspcc_submitted_on = models.DateField(
        "Date sent to the NSPCC national case review repository", null=True, blank=True
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
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
        verbose_name = "LCSPR"
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=[s.value for s in LIVE_STATUSES]),
                name="lcspr_one_live_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"LCSPR of {self.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:detail",
            kwargs={"partnership_slug": self.case.partnership.slug, "pk": self.pk},
        )


class LearningReview(models.Model):
    """A proportionate learning review instead of an LCSPR (BCP 003 Appendix A's menu: a
    practitioner learning brief, a multi-agency learning event, a focused case review, joint
    supervision, a single agency review or audit). The menu is the partnership's
    `learning_options` setting; the chosen option's timescale gives the due date, its lead and
    governance body the defaults (docs/lcspr.md)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="learning_reviews")
    status = models.CharField(
        max_length=20,
        choices=LearningReviewStatus.choices,
        default=LearningReviewStatus.IN_PROGRESS,
    )
    option = models.CharField(max_length=60, help_text="The learning_options key chosen.")
    option_label = models.CharField(max_length=200)
    lead = models.CharField(max_length=300)
    governance = models.CharField("Governance body", max_length=300)
    lines_of_enquiry = models.TextField("Terms of reference or lines of enquiry")
    day_zero = models.DateField(help_text="The date of the decision to undertake it.")
    due = models.DateField(null=True, blank=True, help_text="From the option's timescale.")
    summary_of_learning = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status=LearningReviewStatus.IN_PROGRESS),
                name="learning_review_one_live_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.option_label} of {self.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:learning_detail",
            kwargs={"partnership_slug": self.case.partnership.slug, "pk": self.pk},
        )


class LearningTerms(models.Model):
    """One version of a learning review's terms of reference or lines of enquiry (BCP 003
    Appendix A: set by the governance body, the CSPRG). Version 1 is the text given at the start;
    each version is a draft until the governance body approves it (who, and when, recorded by
    the business manager); an approved version is never changed, a change is the next version
    with what changed (cases.versions numbers them)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(LearningReview, on_delete=models.PROTECT, related_name="terms")
    version = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=LearningTermsStatus.choices, default=LearningTermsStatus.DRAFT
    )
    text = models.TextField("Terms of reference and lines of enquiry")
    change_summary = models.TextField(
        "What changed", blank=True, help_text="For a version after the first."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.CharField(
        max_length=300, blank=True, help_text="Who approved it: the governance body."
    )
    approved_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who recorded the approval.",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["review", "-version"]
        verbose_name = "learning review terms of reference"
        verbose_name_plural = "learning review terms of reference"
        constraints = [
            models.UniqueConstraint(
                fields=["review", "version"], name="learning_terms_one_row_per_version"
            ),
            models.UniqueConstraint(
                fields=["review"],
                condition=Q(status="draft"),
                name="learning_terms_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"Terms of reference version {self.version} of the {self.review}"

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:learning_terms_detail",
            kwargs={
                "partnership_slug": self.review.case.partnership.slug,
                "pk": self.review_id,
                "version": self.version,
            },
        )
