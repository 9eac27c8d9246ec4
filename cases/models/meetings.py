"""Meetings of a case (issue 13): the terms of reference meeting, the rapid review meeting, the
action planning meeting, an LCSPR's panel... One model for every stage app's meetings
(docs/meetings.md): who is invited with their agency and role, who attended, whether the
partnership's quorum was met, the notes and the papers. Stage apps schedule them through
cases.services.meetings with their own `purpose` key and check `require_quorate` before
recording a decision taken at one.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager

from cases.models.cases import Attachment, Case
from cases.models.tenancy import Agency, Membership, Partnership


class MeetingKind(models.TextChoices):
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference meeting"
    RAPID_REVIEW = "rapid_review", "Rapid review meeting"
    ACTION_PLANNING = "action_planning", "Action planning meeting"
    LEADERSHIP = "leadership", "Leadership meeting"
    REVIEW_PANEL = "review_panel", "Review panel meeting"
    PRACTITIONER_SESSION = "practitioner_session", "Reflective practitioner session"
    OTHER = "other", "Other meeting"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class MeetingRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    STATUTORY_PARTNER = "statutory_partner", "Statutory partner representative"
    LEGAL_ADVISER = "legal_adviser", "Legal adviser"
    BUSINESS_MANAGER = "business_manager", "Business manager"
    CRITICAL_FRIEND = "critical_friend", "Critical friend"
    CO_OPTED = "co_opted", "Co-opted attendee"
    OTHER = "other", "Other"


def _day(moment) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def _time(moment) -> str:
    """GOV.UK style: 10am, 1:30pm, midday."""
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


class Meeting(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="meetings")
    purpose = models.CharField(
        max_length=40,
        blank=True,
        help_text='The stage app\'s key for what the meeting is for ("rapid_review", "lcspr").',
    )
    kind = models.CharField("kind of meeting", max_length=30, choices=MeetingKind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    location = models.CharField(max_length=300, blank=True)
    online_link = models.URLField("online meeting link", max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancelled_reason = models.TextField("why it was cancelled", blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # iCalendar: one UID for the meeting's life; SEQUENCE one more for each change sent, so
    # calendars replace the event instead of adding another.
    uid = models.CharField(max_length=200, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)
    quorate = models.BooleanField(
        null=True, blank=True, help_text="Unknown until the attendance is recorded."
    )
    quorum_reason = models.TextField(
        "why it was (not) quorate",
        blank=True,
        help_text="The partnership's rule and who met it, as when the attendance was recorded.",
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    papers_sent_at = models.DateTimeField(null=True, blank=True)
    documents = models.ManyToManyField(
        Attachment, through="MeetingDocument", blank=True, related_name="meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["case", "starts_at"], name="meeting_case"),
            models.Index(
                fields=["partnership", "starts_at"],
                name="meeting_upcoming",
                condition=models.Q(status="scheduled"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "cases:meeting_detail",
            kwargs={
                "partnership_slug": self.partnership.slug,
                "pk": self.case_id,
                "meeting_pk": self.pk,
            },
        )

    @property
    def when_text(self) -> str:
        """ "Tuesday 2 March 2027, 10am to 1:30pm" in UK time; the end's date too when it
        ends on another day (Lincolnshire's panel meets over two days)."""
        starts, ends = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        text = f"{_day(starts)}, {_time(starts)} to "
        return text + (
            _time(ends) if ends.date() == starts.date() else f"{_day(ends)}, {_time(ends)}"
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == MeetingStatus.SCHEDULED

    @property
    def status_tag(self) -> tuple[str, str]:
        """(text, colour) of the GOV.UK tag; a held meeting says whether it was quorate."""
        if self.status == MeetingStatus.HELD:
            return ("Held: quorate", "green") if self.quorate else ("Held: not quorate", "red")
        if self.status == MeetingStatus.CANCELLED:
            return "Cancelled", "grey"
        return "Scheduled", "blue"


class MeetingInvitee(models.Model):
    """Someone invited: a member of the partnership, or someone from outside it (a critical
    friend, a co-opted adviser) by name and e-mail address. Removing someone keeps the row
    (removed_at), like every record."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True, help_text="Someone from outside.")
    email = models.EmailField(blank=True, help_text="Someone from outside.")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(
        "role in the meeting", max_length=30, choices=MeetingRole.choices, default="other"
    )
    attended = models.BooleanField(null=True, blank=True)
    apologies = models.BooleanField("sent apologies", default=False)
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=models.Q(removed_at__isnull=True, membership__isnull=False),
                name="meeting_invitee_member_once",
            ),
            models.CheckConstraint(
                condition=models.Q(membership__isnull=False)
                | (~models.Q(name="") & ~models.Q(email="")),
                name="meeting_invitee_member_or_named",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.membership_id:
            user = self.membership.user
            return user.get_full_name() or user.email
        return self.name

    @property
    def address(self) -> str:
        return self.membership.user.email if self.membership_id else self.email

    @property
    def agency_name(self) -> str:
        return self.agency.name if self.agency_id else ""


class MeetingDocument(models.Model):
    """A document of the case among a meeting's papers, with its own partnership so that
    row-level security holds it like every tenant table."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    attachment = models.ForeignKey(Attachment, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "attachment"], name="meeting_document_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.attachment_id}"
