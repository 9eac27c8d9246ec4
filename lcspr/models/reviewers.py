"""Candidates for the LCSPR's independent reviewer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Attachment, Partnership
from lcspr.choices import (
    ReviewerDecision,
)
from lcspr.models.review import LocalReview


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
