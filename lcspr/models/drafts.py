"""The LCSPR report's drafts: every uploaded version kept (Dorset 002 7.13), the legal read of a
named version (7.15), the anonymisation check of a version before publication, and the
partnership's decision not to publish the report (7.19: information about improvements only).
The services are in lcspr/services/drafts.py and lcspr/services/not_published.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Attachment, Case, Notice, Partnership, Subject
from lcspr.choices import AnonymisationHitKind, LegalReadOutcome
from lcspr.models.review import LocalReview


class ReportVersion(models.Model):
    """One uploaded version of the LCSPR report (DOCX or PDF, a document of the case), numbered
    1, 2, 3... in the order uploaded. The version the partnership's `lcspr_report` sign-off chain
    signs off becomes the final report (`final_at`)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        LocalReview, on_delete=models.PROTECT, related_name="report_versions"
    )
    number = models.PositiveIntegerField()
    document = models.ForeignKey(Attachment, on_delete=models.PROTECT, related_name="+")
    comments = models.TextField(blank=True, help_text="What changed in this version.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    final_at = models.DateTimeField(
        null=True, blank=True, help_text="When its sign-off chain made it the final report."
    )

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["review", "number"]
        verbose_name = "LCSPR report version"
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="report_version_number"),
            models.UniqueConstraint(
                fields=["review"],
                condition=Q(final_at__isnull=False),
                name="report_version_one_final",
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of the LCSPR report of {self.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:draft_detail",
            kwargs={
                "partnership_slug": self.case.partnership.slug,
                "pk": self.review_id,
                "version_pk": self.pk,
            },
        )


class LegalRead(models.Model):
    """Legal Services' read of a named version (Dorset 002 7.15): who, when, the outcome."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="legal_reads")
    adviser_name = models.CharField("Legal adviser", max_length=200)
    read_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=LegalReadOutcome.choices)
    comments = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["version", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"Legal read of version {self.version.number}: {self.get_outcome_display()}"


class AnonymisationCheck(models.Model):
    """One run of the anonymisation check over a version's text: who ran it, when, and what it
    found (its hits). `characters` is how much text was read: 0 means none (a scanned PDF)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="checks")
    characters = models.PositiveIntegerField(default=0)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    run_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["version", "run_at", "id"]

    def __str__(self) -> str:
        return f"Anonymisation check of version {self.version.number}"


class AnonymisationHit(models.Model):
    """A subject's identifying detail found in the text: the words as found, how often, and
    a few passages around it. Accepted with a reason (a professional who shares the name),
    or the version cannot become the final report."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    check_run = models.ForeignKey(AnonymisationCheck, on_delete=models.PROTECT, related_name="hits")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=AnonymisationHitKind.choices)
    found = models.CharField(max_length=300, help_text="The words as they appear in the text.")
    occurrences = models.PositiveIntegerField(default=1)
    contexts = models.JSONField(default=list, help_text="The surrounding words, a few times.")
    accepted_reason = models.TextField(blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["check_run", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} found in the report"


class NonPublicationDecision(models.Model):
    """The partnership's decision not to publish the LCSPR report (Dorset 002 7.19: only the
    information about the improvements to be made), with its reasons, and the notice of that
    information to the Panel, the Secretary of State and Ofsted, due by the same target date.
    The LCSPR completes (`completed_on`) when that notice is sent."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.OneToOneField(
        LocalReview, on_delete=models.PROTECT, related_name="non_publication"
    )
    decided_on = models.DateField()
    reasons = models.TextField()
    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="+")
    completed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        verbose_name = "decision not to publish"

    def __str__(self) -> str:
        return f"Decision not to publish the LCSPR of {self.review.case.reference}"
