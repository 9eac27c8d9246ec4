"""The LCSPR's review panel and its terms of reference (Swindon 001 sections 5-8 and
Appendices 5 and 6; Dorset 002 7.8; BCP 003 sections 10-11).

A panel member is a member of the partnership or an outside expert by name, role and
organisation. Each records a declaration of conflicts of interest (with the chair's decision)
and signs a confidentiality agreement before seeing anything of the case
(lcspr.services.panel). The terms of reference come in numbered versions: version 1 is signed
off at the first panel meeting, a later one is approved by the review group; old versions are
kept (lcspr.services.panel_terms)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Meeting, Membership, Partnership
from lcspr.choices import PanelConflicts, PanelPartner, PanelRole, PanelTermsStatus
from lcspr.models.review import LocalReview


class PanelMember(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(LocalReview, on_delete=models.PROTECT, related_name="panel")
    membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A member of the partnership; empty for someone from outside it.",
    )
    name = models.CharField(max_length=200, blank=True, help_text="Someone from outside.")
    job_title = models.CharField("Job title or role", max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254, blank=True, help_text="Someone from outside.")
    panel_role = models.CharField("Role on the panel", max_length=30, choices=PanelRole.choices)
    statutory_partner = models.CharField(
        max_length=30,
        choices=PanelPartner.choices,
        blank=True,
        help_text="The statutory partner a statutory partner representative speaks for.",
    )
    conflicts = models.CharField(
        "Conflicts of interest", max_length=20, choices=PanelConflicts.choices, blank=True
    )
    conflicts_details = models.TextField("Details of the conflict of interest", blank=True)
    chair_decision = models.TextField("The chair's decision", blank=True)
    declared_on = models.DateField("Date of the declaration", null=True, blank=True)
    confidentiality_signed_on = models.DateField(
        "Date the confidentiality agreement was signed", null=True, blank=True
    )
    access_granted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the member was put on the case's access list for the panel.",
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "membership"],
                condition=Q(removed_at__isnull=True, membership__isnull=False),
                name="lcspr_panel_member_once",
            ),
            models.CheckConstraint(
                condition=Q(membership__isnull=False) | ~Q(name=""),
                name="lcspr_panel_member_or_named",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:panel_member",
            kwargs={
                "partnership_slug": self.review.case.partnership.slug,
                "pk": self.review_id,
                "member_pk": self.pk,
            },
        )

    @property
    def display_name(self) -> str:
        if self.membership_id:
            user = self.membership.user
            return user.get_full_name() or user.email
        return self.name

    @property
    def role_text(self) -> str:
        text = self.get_panel_role_display()
        if self.statutory_partner:
            text += f": {self.get_statutory_partner_display()}"
        return text

    @property
    def declarations_recorded(self) -> bool:
        return bool(self.conflicts) and self.confidentiality_signed_on is not None


class PanelTerms(models.Model):
    """One version of the LCSPR's terms of reference (Swindon 001 Appendix 5's headings) and
    its timeline (Appendix 6: a step and its date a row, `timeline` as a list of
    {"step": ..., "date": "YYYY-MM-DD" or ""})."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(LocalReview, on_delete=models.PROTECT, related_name="terms")
    version = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=PanelTermsStatus.choices, default=PanelTermsStatus.DRAFT
    )
    overview = models.TextField(blank=True)
    purpose = models.TextField("Purpose and principles", blank=True)
    process = models.TextField(blank=True)
    methodology = models.TextField(blank=True)
    lead_reviewer = models.TextField(blank=True)
    lines_of_enquiry = models.TextField("Key lines of enquiry", blank=True)
    timeframe = models.TextField("Timeframe for the review", blank=True)
    family_involvement = models.TextField("Family involvement in the review", blank=True)
    agencies = models.TextField("Relevant agencies", blank=True)
    key_steps = models.TextField("Anticipated timing of key steps", blank=True)
    timeline = models.JSONField(default=list, blank=True)
    change_summary = models.TextField(
        "What changed", blank=True, help_text="For a version after the first."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The panel meeting version 1 was signed off at.",
    )
    approved_by = models.CharField(
        max_length=300, blank=True, help_text="Who approved a later version (the review group)."
    )
    approved_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who recorded the sign-off or the approval.",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["review", "-version"]
        verbose_name = "LCSPR terms of reference"
        verbose_name_plural = "LCSPR terms of reference"
        constraints = [
            models.UniqueConstraint(
                fields=["review", "version"], name="lcspr_terms_one_row_per_version"
            ),
            models.UniqueConstraint(
                fields=["review"],
                condition=Q(status="draft"),
                name="lcspr_terms_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"Terms of reference, version {self.version}"

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:terms_version",
            kwargs={
                "partnership_slug": self.review.case.partnership.slug,
                "pk": self.review_id,
                "version": self.version,
            },
        )

    @property
    def timeline_rows(self) -> list[tuple[str, datetime.date | None]]:
        """The timeline for display: (step, date or None)."""
        return [
            (
                row.get("step", ""),
                datetime.date.fromisoformat(row["date"]) if row.get("date") else None,
            )
            for row in self.timeline or []
        ]
