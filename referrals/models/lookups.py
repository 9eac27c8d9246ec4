from django.db import models
from django_scopes import ScopedManager

from cases.models import Partnership
from referrals.choices import LookupKind


class ReferralLookup(models.Model):
    """A partnership's own answer lists: reasons, characteristics and resolution steps.

    Defaults come from the seeds (referrals.defaults) the first time a list is needed; a
    business manager renames, reorders, adds and retires entries. Referrals store keys, so a
    retired entry still shows its label on old referrals."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=LookupKind.choices)
    key = models.SlugField(max_length=60)
    label = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "key"], name="referral_lookup_unique_key"
            )
        ]

    def __str__(self) -> str:
        return self.label
