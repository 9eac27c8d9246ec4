from django.db import models

from cases.models.tenancy import Partnership


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    UNCERTAIN = "uncertain", "Unknown: the sender stopped mid-send"


class OutboundEmail(models.Model):
    """The e-mail outbox: the one path by which the service sends e-mail.

    Written in the same transaction as the event that causes it, with a unique key, so an
    e-mail is queued at most once; sent by a task that claims the row with a conditional update.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=250)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # An iCalendar object sent as invite.ics (a meeting's invitation, update or cancellation:
    # cases.services.meetings); its METHOD line gives the part's method parameter.
    calendar = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to} ({self.status})"
