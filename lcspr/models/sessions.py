"""Reflective practitioner sessions of an LCSPR and the practitioners' feedback on the draft
findings (Swindon 001 "Reflective Practitioner Session", "Practitioner Feedback", Appendices
11-13), and the comms plan with its reactive statement (Dorset 002 7.16-7.20, BCP 003
section 12).

A session is a meeting of the case (cases.models.Meeting, kind "practitioner_session"): its
invitees, attendance, papers and iCalendar come from there. The session keeps what is its own:
face to face or virtual, the reply-by date, and its editable copies of the invitation, the
briefing and the agenda (lcspr/session_wording.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from cases.models import Meeting, MeetingInvitee, Membership, Partnership
from lcspr.models.review import LocalReview


class SessionFormat(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    VIRTUAL = "virtual", "Virtual"


class FindingsView(models.TextChoices):
    AGREES = "agrees", "Agrees with the findings"
    PARTLY = "partly", "Agrees with some of the findings"
    DISAGREES = "disagrees", "Disagrees with the findings"


class CommsChannel(models.TextChoices):
    BRIEFING = "briefing", "Briefing in person"
    EMAIL = "email", "E-mail or letter"
    PRESS_RELEASE = "press_release", "Press release"
    WEBSITE = "website", "Website"
    SOCIAL_MEDIA = "social_media", "Social media"
    MEETING = "meeting", "Meeting"
    OTHER = "other", "Other"


class CommsItemStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DONE = "done", "Done"
    NOT_NEEDED = "not_needed", "Not needed"


class PractitionerSession(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        LocalReview, on_delete=models.PROTECT, related_name="practitioner_sessions"
    )
    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="practitioner_session"
    )
    format = models.CharField(max_length=20, choices=SessionFormat.choices)
    reply_by = models.DateField("reply by", null=True, blank=True)
    invitation_text = models.TextField("invitation")
    briefing_text = models.TextField("briefing")
    agenda_text = models.TextField("agenda")
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    invited = models.JSONField(
        default=list, blank=True, help_text="The invitees (ids) sent the invitation."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "reflective practitioner session"

    def __str__(self) -> str:
        return f"Reflective practitioner session of {self.review.case.reference}"

    def get_absolute_url(self) -> str:
        return reverse(
            "lcspr:session_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class PractitionerFeedback(models.Model):
    """One practitioner's (an invitee's) feedback on the draft findings after the session:
    the lead reviewer sees every practitioner's, each practitioner their own."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        PractitionerSession, on_delete=models.PROTECT, related_name="feedback"
    )
    invitee = models.ForeignKey(MeetingInvitee, on_delete=models.PROTECT, related_name="+")
    view = models.CharField("view of the findings", max_length=20, choices=FindingsView.choices)
    comments = models.TextField()
    given_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["given_on", "id"]
        verbose_name_plural = "practitioner feedback"
        constraints = [models.UniqueConstraint(fields=["session", "invitee"], name="feedback_once")]

    def __str__(self) -> str:
        return f"Feedback of {self.invitee_id} on session {self.session_id}"


class CommsPlan(models.Model):
    """An LCSPR's comms plan (Dorset 7.17: agreed at the comms planning meeting, 4 weeks before
    publication) and its reactive statement (7.18: agreed with the Executive Director)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.OneToOneField(LocalReview, on_delete=models.PROTECT, related_name="comms_plan")
    agreed_on = models.DateField("plan agreed on", null=True, blank=True)
    agreed_by = models.CharField("plan agreed by", max_length=200, blank=True)
    statement = models.TextField("reactive statement", blank=True)
    statement_owner = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    statement_agreed_on = models.DateField("statement agreed on", null=True, blank=True)
    statement_agreed_by = models.CharField("statement agreed by", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        verbose_name = "comms plan"

    def __str__(self) -> str:
        return f"Comms plan of {self.review.case.reference}"


class CommsPlanItem(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(CommsPlan, on_delete=models.PROTECT, related_name="items")
    audience = models.CharField(max_length=200)
    message = models.TextField()
    channel = models.CharField(max_length=20, choices=CommsChannel.choices)
    owner = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("due")
    status = models.CharField(
        max_length=20, choices=CommsItemStatus.choices, default=CommsItemStatus.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "comms plan item"

    def __str__(self) -> str:
        return f"{self.audience}: {self.get_channel_display()}"
