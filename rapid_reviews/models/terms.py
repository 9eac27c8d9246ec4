"""The rapid review's terms of reference (Lincolnshire 000 Appendix E), in numbered versions:
a draft, sent for approval, agreed once every statutory partner agency has approved it
("Initial TOR Agreed", "3 Key Statutory Partners"). Revising an agreed version starts the next
draft; old versions are kept."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Agency, Partnership
from cases.models.meetings import MeetingRole
from rapid_reviews.choices import TermsStatus
from rapid_reviews.models.review import RapidReview


class TermsOfReference(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    rapid_review = models.ForeignKey(RapidReview, on_delete=models.PROTECT, related_name="terms")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=TermsStatus.choices, default=TermsStatus.DRAFT)
    # Appendix E's headings, in its order.
    background = models.TextField(blank=True)
    purpose = models.TextField(blank=True)
    people_in_scope = models.TextField(
        blank=True,
        verbose_name="Children and significant others in scope",
        help_text="One a line: name, relationship to the child, date of birth, address, NHS"
        " number.",
    )
    scope_agreed_on = models.DateField(
        null=True, blank=True, verbose_name="Date the statutory partners agreed the scope"
    )
    scope_from = models.DateField(null=True, blank=True, verbose_name="Scope period from")
    scope_to = models.DateField(null=True, blank=True, verbose_name="Scope period to")
    include_earlier_information = models.BooleanField(
        default=True,
        verbose_name="Partners also include a summary of key earlier information",
    )
    contributors = models.TextField(blank=True, help_text="One agency a line.")
    methodology = models.TextField(blank=True)
    reporting = models.TextField(blank=True)
    chronology_due = models.DateField(
        null=True, blank=True, verbose_name="Chronologies to be returned by"
    )
    meeting_dates = models.TextField(blank=True, verbose_name="Rapid review panel meeting dates")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["rapid_review", "-version"]
        verbose_name = "terms of reference"
        verbose_name_plural = "terms of reference"
        constraints = [
            models.UniqueConstraint(
                fields=["rapid_review", "version"], name="terms_one_row_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"Terms of reference, version {self.version}"

    def get_absolute_url(self) -> str:
        return reverse(
            "rapid_reviews:terms_version",
            kwargs={
                "partnership_slug": self.rapid_review.case.partnership.slug,
                "pk": self.rapid_review_id,
                "version": self.version,
            },
        )


class TermsOfReferenceMember(models.Model):
    """A row of Appendix E's "Rapid Review Group Membership" table."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    terms = models.ForeignKey(TermsOfReference, on_delete=models.PROTECT, related_name="members")
    organisation = models.CharField(max_length=200)
    person_name = models.CharField(max_length=200, blank=True, verbose_name="Individual")
    role = models.CharField(max_length=30, choices=MeetingRole.choices)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["terms", "id"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.person_name or 'to be named'}"


class TermsOfReferenceApproval(models.Model):
    """One statutory partner agency's approval of one version."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    terms = models.ForeignKey(TermsOfReference, on_delete=models.PROTECT, related_name="approvals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_for_agency = models.BooleanField(
        default=False, help_text="A business manager recorded the agency's approval."
    )
    approved_at = models.DateTimeField(auto_now_add=True)
    comments = models.TextField(blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["terms", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["terms", "agency"], name="terms_one_approval_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} approved version {self.terms.version}"
