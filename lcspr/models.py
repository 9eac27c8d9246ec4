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

from cases.models import Attachment, Case, Partnership
from lcspr.choices import (
    LIVE_STATUSES,
    BriefingStatus,
    LcsprSource,
    LcsprStatus,
    LearningReviewStatus,
    ReviewerDecision,
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


class ReviewerCandidate(models.Model):
    """A candidate for the LCSPR's independent reviewer (BCP 003 section 10; Dorset 002 7.1-7.7):
    the CV with previous reviews, two referees, public liability and professional indemnity
    insurance, a declaration of conflicts of interest, the shortlist (with its cost) and the
    decision. The appointed one is a lead reviewer member of the partnership, who sees nothing
    of the case until the contract is recorded (lcspr.services.reviewers)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        LocalReview, on_delete=models.PROTECT, related_name="reviewer_candidates"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    cv = models.ForeignKey(
        Attachment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    previous_reviews = models.TextField(blank=True)
    referee_1_name = models.CharField("First referee's name", max_length=200, blank=True)
    referee_1_contact = models.CharField(
        "First referee's contact details", max_length=300, blank=True
    )
    referee_1_received_on = models.DateField(null=True, blank=True)
    referee_2_name = models.CharField("Second referee's name", max_length=200, blank=True)
    referee_2_contact = models.CharField(
        "Second referee's contact details", max_length=300, blank=True
    )
    referee_2_received_on = models.DateField(null=True, blank=True)
    public_liability_expires_on = models.DateField(null=True, blank=True)
    indemnity_expires_on = models.DateField(
        "Professional indemnity insurance expires on", null=True, blank=True
    )
    conflicts_declared_on = models.DateField(null=True, blank=True)
    conflicts = models.TextField(
        "Conflicts of interest", blank=True, help_text='What was declared; "None" if none.'
    )
    shortlisted = models.BooleanField(default=False)
    shortlist_notes = models.TextField(blank=True, help_text="Including the cost (Dorset 002 7.4).")
    interview_notes = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=ReviewerDecision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The lead reviewer member appointed.",
    )
    contract_recorded_on = models.DateField(null=True, blank=True)
    contract = models.ForeignKey(
        Attachment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review"],
                condition=Q(decision="appointed"),
                name="lcspr_one_appointed_reviewer",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:reviewer_detail",
            kwargs={
                "partnership_slug": self.review.case.partnership.slug,
                "pk": self.review_id,
                "candidate_pk": self.pk,
            },
        )


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
