from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cases.models import Agency, Partnership
from referrals.choices import ChallengeKind, ChallengeStatus, StepOutcome
from referrals.models.referral import Referral

USER = settings.AUTH_USER_MODEL


class Challenge(models.Model):
    """A challenge to a decision, or a complaint, and its way through the partnership's
    resolution steps (North Lincolnshire's differences of opinion; Lincolnshire's escalation)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="challenges")
    kind = models.CharField(max_length=10, choices=ChallengeKind.choices)
    raised_by_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    raised_by_name = models.CharField("Who raised it", max_length=200)
    raised_on = models.DateField("Date raised")
    grounds = models.TextField("What is disagreed with, and why")
    steps = models.JSONField(default=list, help_text="The resolution steps when it was raised.")
    status = models.CharField(
        max_length=12, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == ChallengeStatus.OPEN


class ChallengeStep(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="records")
    position = models.PositiveSmallIntegerField()
    step_key = models.CharField(max_length=60)
    step_label = models.CharField(max_length=255)
    outcome = models.CharField(max_length=12, choices=StepOutcome.choices)
    notes = models.TextField()
    held_on = models.DateField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "position"], name="challenge_step_once")
        ]

    def __str__(self) -> str:
        return f"{self.step_label}: {self.get_outcome_display()}"
