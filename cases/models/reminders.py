from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from cases.models.deadlines import Deadline
from cases.models.tenancy import Partnership


class NotificationKind(models.TextChoices):
    REMINDER = "reminder", "Reminder"
    ESCALATION = "escalation", "Escalation"


class Notification(models.Model):
    """The in-app copy of one reminder: (deadline, step, recipient), written by the reminder
    sweep with the same unique key as its e-mail, so it exists at most once."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="notifications")
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    step = models.CharField(max_length=60)
    step_date = models.DateField(help_text="The day the reminder was for.")
    message = models.CharField(max_length=400)
    emailed = models.BooleanField(
        default=True, help_text="False when the person gets the daily digest instead."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # A member's reminders, newest first, every page of them
            # (cases.reminders.selectors.notifications_for).
            models.Index(
                fields=["partnership", "user", "-created_at", "-id"],
                name="notification_user_recent_id",
            ),
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class SweepHeartbeat(models.Model):
    """When a periodic sweep last ran (one row per sweep), so a late one can be shown."""

    name = models.CharField(max_length=50, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_duration_ms = models.PositiveIntegerField(null=True, blank=True)
    last_result = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.name} last finished {self.last_finished_at}"
