from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cases.models import Partnership
from referrals.choices import AbuseOrNeglect, AlternativeReview, ExecutiveVerdict, Harm
from referrals.models.referral import Referral

USER = settings.AUTH_USER_MODEL


class TriageRecord(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class InformationRequest(TriageRecord):
    """The business manager asks the referrer for more information; the clock shows the wait."""

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="information_requests"
    )
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    # Lincolnshire Appendix B, "call for limited agency information / summary of involvement":
    # asked of another agency while triage goes on; empty when the referrer is asked.
    agency = models.ForeignKey(
        "cases.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Asked of",
    )
    question = models.TextField("What information is needed")
    respond_by = models.DateField("Reply by", null=True, blank=True)
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Information request {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.responded_at is None


class ReviewGroupListing(TriageRecord):
    """The referral is on the agenda of a review group meeting (SIRG, PRG, CSPRG)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="listings")
    meeting_date = models.DateField("Date of the meeting")
    note = models.TextField("Note for the agenda", blank=True)
    scheduled_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Review group meeting on {self.meeting_date:%d %b %Y}"


class TriageDecision(TriageRecord):
    """A pathway decision with its rationale, date and who took it (Appendix B)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=40)
    outcome_label = models.CharField(max_length=255)
    learning_option = models.CharField(max_length=60, blank=True)
    learning_option_label = models.CharField(max_length=255, blank=True)
    alternative_review = models.CharField(
        max_length=30, choices=AlternativeReview.choices, blank=True
    )
    rationale = models.TextField()
    decided_on = models.DateField()
    decided_by = models.CharField(
        max_length=300, help_text="Who took the decision, e.g. the review group meeting."
    )
    attendees = models.TextField(blank=True)
    listing = models.ForeignKey(
        ReviewGroupListing, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.outcome_label} ({self.decided_on:%d %b %Y})"


class Recommendation(TriageRecord):
    """Recommendation to the executive (Lincolnshire Appendix D), generated from the referral
    and completed by the business manager."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="recommendations")
    decision = models.ForeignKey(TriageDecision, on_delete=models.PROTECT, related_name="+")
    discussed_on = models.DateField("Date discussed at the review group", null=True, blank=True)
    # Appendix D, "please replicate for any additional children": one entry per child,
    # {"child": id, "name", "legal_status", "child_protection_plan"}.
    children = models.JSONField(default=list, blank=True)
    # Written as one block per recommendation before the per-child entries; kept for those.
    legal_status = models.TextField("Legal status at the time of the incident", blank=True)
    child_protection_plan = models.TextField(
        "Child protection plan: start date and category", blank=True
    )
    services_involved = models.TextField(
        "Other services involved at the time or before the incident, with dates", blank=True
    )
    harm = models.CharField("Reason: death or serious harm", max_length=20, choices=Harm.choices)
    abuse_or_neglect = models.CharField(
        "Reason: neglect or abuse", max_length=20, choices=AbuseOrNeglect.choices
    )
    incident_date = models.DateField("Date of the incident", null=True, blank=True)
    characteristics = models.JSONField(default=list, blank=True)
    characteristics_other = models.TextField(blank=True)
    outline = models.TextField("Incident outline")
    actions_taken = models.TextField("What actions have been taken", blank=True)
    rationale = models.TextField("Rationale for the recommendation")
    prepared_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Recommendation to the executive {self.pk}"


class ExecutiveDecision(TriageRecord):
    """The executive's response to a recommendation (Appendix D, last box), or their
    confirmation of an outcome the review group recommended without that form (seed 004)."""

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="executive_decisions"
    )
    recommendation = models.OneToOneField(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="executive_decision",
        null=True,
        blank=True,
    )
    verdict = models.CharField(max_length=10, choices=ExecutiveVerdict.choices)
    rationale = models.TextField()
    meeting_date = models.DateField()
    attendees = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} ({self.meeting_date:%d %b %Y})"


class NotificationAgreement(TriageRecord):
    """A statutory partner's word on a recommended notification (issue 12): where the statutory
    partners decide (Swindon, seed 001: "all three safeguarding partners to agree which
    incidents should be notified") each partner's representative records agreement or
    disagreement; where the local authority decides (Dorset 2.1, BCP section 5) another
    partner's disagreement is recorded as an escalation (``escalated_to``), never sent back to
    the referrer. The latest record of an agency for a recommendation is its word."""

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="notification_agreements"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="agreements",
        null=True,
        blank=True,
    )
    agency = models.ForeignKey("cases.Agency", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey("cases.Membership", on_delete=models.PROTECT, related_name="+")
    agrees = models.BooleanField()
    rationale = models.TextField()
    escalated_to = models.CharField(max_length=255, blank=True)
    recorded_at = models.DateTimeField()

    class Meta(TriageRecord.Meta):
        indexes = [models.Index(fields=["partnership", "referral", "agency"])]

    def __str__(self) -> str:
        return f"{'Agrees' if self.agrees else 'Does not agree'} ({self.recorded_at:%d %b %Y})"
