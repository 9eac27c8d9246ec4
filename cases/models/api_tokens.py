from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiTokenEnd(models.TextChoices):
    REVOKED = "revoked", "Revoked"
    PASSWORD_CHANGED = "password_changed", "Ended when the password changed"
    NO_MEMBERSHIP = "no_membership", "Ended when the last membership ended"


class ApiTokenQuerySet(models.QuerySet):
    def live(self):
        """Not revoked or ended (an expired token is still listed, marked expired)."""
        return self.filter(ended_at__isnull=True)


class ApiToken(models.Model):
    """A person's named API token (ADR 0010). Only the SHA-256 of the secret is stored; the
    secret is shown once, when the token is made (cases.services.api_tokens). An ended token
    is kept, with when and why, so the history and the refusal can say what happened."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=ApiTokenEnd.choices, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "ended_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()
