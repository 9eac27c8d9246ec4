from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cases.models.tenancy import Agency, Partnership


class Invitation(models.Model):
    """A business manager's invitation: the only way into the service (no self-registration)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="invitations"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=200, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    roles = models.JSONField(default=list)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")
    # Accepting an invitation happens before any partnership is chosen: the token is the key.
    unscoped = models.Manager()  # noqa: DJ012 - must follow `objects`, the default manager

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"
