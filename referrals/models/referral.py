from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cases.models import Agency, Case, Partnership
from referrals.choices import (
    EDITABLE_STATUSES,
    STATUS_COLOURS,
    DiscussionOutcome,
    ExternalSource,
    FamilyInvolvement,
    Harm,
    PlanStatus,
    ReferralStatus,
    YesNoDontKnow,
)

USER = settings.AUTH_USER_MODEL


def _text(verbose_name: str, **kwargs) -> models.TextField:
    return models.TextField(verbose_name, blank=True, **kwargs)


class Referral(models.Model):
    """An agency's request that the partnership consider a case: the union of Lincolnshire's
    single case referral form (Appendix A) and Swindon's Part 1. Written only by
    referrals.services; the case is opened when the referral reaches the partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    status = models.CharField(
        max_length=30, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT
    )
    # Given when the referral is started, so a draft can be told apart from the first save.
    reference = models.CharField(max_length=30, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        help_text="The referring agency; empty for an external referrer.",
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    # External referrers without an account (Swindon top tips: the coroner, CDOP).
    is_external = models.BooleanField(default=False)
    external_source = models.CharField(
        "Who made the referral", max_length=20, choices=ExternalSource.choices, blank=True
    )

    # 1.1 Referral details (prefilled from the user).
    referrer_name = models.CharField("Name of referrer", max_length=200, blank=True)
    referrer_job_title = models.CharField("Job title", max_length=200, blank=True)
    referrer_organisation = models.CharField("Organisation", max_length=200, blank=True)
    referrer_phone = models.CharField("Telephone number", max_length=40, blank=True)
    referrer_email = models.EmailField("Email address", blank=True)
    referrer_address = _text("Address")

    # Lincolnshire section 4: details about the incident.
    incident_date = models.DateField("Date of the incident", null=True, blank=True)
    incident_location = models.CharField("Location of the incident", max_length=300, blank=True)
    harm = models.CharField(
        "What happened to the child", max_length=20, blank=True, choices=Harm.choices
    )
    what_happened = _text("What happened")
    why_now = _text("Why is this case being referred now")
    immediate_action = _text("Immediate action taken to keep the child and siblings safe")

    # Swindon 1.5 and Lincolnshire section 5.
    reasons = models.JSONField(default=list, blank=True)
    reason_other = _text("Other reason")
    reason_comment = _text("Why this is a serious case of local significance")
    # Swindon 1.6 and Lincolnshire Appendix D.
    characteristics = models.JSONField(default=list, blank=True)
    characteristics_other = _text("Other features")
    siblings_on_plan = models.CharField(
        "Are any siblings subject to a child protection plan",
        max_length=10,
        choices=PlanStatus.choices,
        blank=True,
    )
    criminal_proceedings = models.CharField(
        "Have criminal proceedings been started",
        max_length=10,
        choices=YesNoDontKnow.choices,
        blank=True,
    )
    conviction = models.CharField(
        "Has there been a conviction", max_length=10, choices=YesNoDontKnow.choices, blank=True
    )
    proceedings_details = _text("Details of the proceedings")

    # Discussed before referring: North Lincolnshire "Process of notification" (with a
    # safeguarding partner representative, whom and when); Dorset 2.1 and BCP section 6 (with the
    # local authority lead officer, and whether they agreed a notification is needed).
    discussed_with = models.CharField(
        "Who did you discuss the referral with before sending it", max_length=300, blank=True
    )
    discussed_on = models.DateField("Date of the discussion", null=True, blank=True)
    discussion_outcome = models.CharField(
        "Did they agree a notification to the National Panel is needed",
        max_length=20,
        choices=DiscussionOutcome.choices,
        blank=True,
    )

    # Swindon 1.7.
    summary_of_events = _text("Summary of events")
    why_meets_criteria = _text("Why you think this meets the criteria for a review")
    what_worked_well = _text("What worked well")
    worries = _text("What are you worried about")
    key_issues = _text("Key issues for the review")
    # Swindon top tips: consult key workers, involve the child and family.
    key_worker_consulted = models.CharField(
        "Have you told the allocated social worker or key worker",
        max_length=10,
        choices=YesNoDontKnow.choices,
        blank=True,
    )
    key_worker_views = _text("Their views")
    involve_family = models.CharField(
        "Should the child and family be involved in a review",
        max_length=10,
        choices=FamilyInvolvement.choices,
        blank=True,
    )
    family_involvement_views = _text("How should they be involved, and by whom")
    family_not_involved_reasons = _text("Why involving them is not in the child's best interests")
    anything_else = _text("Anything else that may help the decision")

    # Lifecycle (set by the services only).
    sent_for_authorisation_at = models.DateTimeField(null=True, blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(
        null=True, blank=True, help_text="Received by the partnership: day zero of triage."
    )
    received_on = models.DateField(null=True, blank=True)
    quality_assured_at = models.DateTimeField(null=True, blank=True)
    quality_assured_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quality_note = models.TextField(blank=True)
    outcome = models.CharField(max_length=40, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["partnership", "status"]),
            models.Index(fields=["partnership", "agency", "status"]),
            # The referral list and the triage queue, newest or oldest first
            # (referrals.selectors.referral_list).
            models.Index(
                fields=["partnership", "-submitted_at", "-created_at", "-id"],
                name="referral_list_recent",
            ),
            # The referral list sorted by when it was started, or by reference.
            models.Index(
                fields=["partnership", "-created_at", "-id"], name="referral_list_started"
            ),
            models.Index(fields=["partnership", "reference", "id"], name="referral_list_reference"),
        ]

    def __str__(self) -> str:
        return f"Referral {self.display_reference}"

    @property
    def display_reference(self) -> str:
        if self.reference:
            return self.reference
        if self.case_id and self.case.reference:
            return self.case.reference
        return f"draft {self.pk}" if self.pk else "draft"

    @property
    def child_label(self) -> str:
        """The first child's name (or initials, as the partnership prefers) and how many more
        (lists annotate it in one query: referrals.selectors.with_child_names)."""
        if hasattr(self, "first_child_name"):
            name, count = self.first_child_name, self.child_count or 0
            initials = self.child_initials_only
        else:
            children = self.children.filter(archived_at__isnull=True)
            first = children.first()
            name = f"{first.first_name} {first.last_name}".strip() if first else ""
            count = children.count()
            initials = self.partnership.lists_child_initials
        if not count:
            return "no child added yet"
        if name and initials:
            name = " ".join(f"{word[0].upper()}." for word in name.split())
        name = name or "a child not yet named"
        others = count - 1
        return f"{name} and {others} other child{'ren' if others > 1 else ''}" if others else name

    @property
    def title_with_status(self) -> str:
        return f"{self}, {self.get_status_display().lower()}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS.get(self.status, "grey")

    @property
    def referring_body(self) -> str:
        """The agency, or the external referrer recorded on its behalf."""
        if self.is_external:
            source = self.get_external_source_display() or "External referrer"
            if self.referrer_organisation:
                return f"{self.referrer_organisation} ({source.lower()}, entered on their behalf)"
            return f"{source} (entered on their behalf)"
        return str(self.agency) if self.agency_id else ""
