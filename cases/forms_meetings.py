"""Forms of the meeting pages (cases/views/meetings.py). The rules are in
cases.services.meetings, shared with the API; these forms read the answers and say at once
everything that is missing. `service_fields` puts a service's error on the field it is about."""

import datetime
import re

from django import forms
from django.utils import timezone

from cases.models import MeetingKind, MeetingRole
from cases.services.meetings import InviteeDetails
from config.widgets import GovukDateField

DURATIONS = [
    ("", "Choose how long it lasts"),
    ("60", "1 hour"),
    ("90", "1 hour 30 minutes"),
    ("120", "2 hours"),
    ("180", "3 hours"),
    ("210", "Half a day (3 hours 30 minutes)"),
    ("420", "A full day (7 hours)"),
]
ENDS_AFTER_STARTS = "The meeting must end after it starts"
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


def parse_time(text: str) -> datetime.time | None:
    """10am, 2:30pm, 14:00, 9.15, midday, noon; None if it is not a real time."""
    value = (text or "").strip().lower().replace(" ", "")
    if value in {"midday", "noon", "12noon"}:
        return datetime.time(12, 0)
    found = _TIME.match(value)
    if not found:
        return None
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), found.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class TimeField(forms.CharField):
    def __init__(self, *args, what: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["required"] = f"Enter the time the meeting {what}"
        self.widget.attrs.update(
            {"class": "govuk-input govuk-input--width-5", "spellcheck": "false"}
        )

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        parsed = parse_time(text) if len(text) <= 20 else None
        if parsed is None:
            raise forms.ValidationError("Enter a real time, like 10am, 2:30pm or 14:00")
        return parsed


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class MeetingDetailsForm(forms.Form):
    """Kind, title, when and where: the change form, and the first part of scheduling."""

    service_fields = {"starts_at": "start_time", "ends_at": "end_time"}

    kind = forms.ChoiceField(
        label="What kind of meeting is it?",
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of meeting"},
    )
    title = forms.CharField(
        label="Title (optional)",
        max_length=200,
        required=False,
        help_text="For example, Rapid review meeting, day 1. Leave it empty to use the kind of "
        "meeting. The invitation e-mail does not include it.",
    )
    date = GovukDateField(
        label="Date of the meeting",
        help_text="For example, 2 3 2027",
        error_messages={"required": "Enter the date of the meeting"},
    )
    start_time = TimeField(
        label="Start time", help_text="For example, 10am or 14:00", what="starts"
    )
    end_time = TimeField(
        label="End time",
        help_text="For example, 1pm. Or choose how long it lasts below.",
        what="ends",
        required=False,
    )
    duration = forms.ChoiceField(label="How long it lasts", choices=DURATIONS, required=False)
    location = forms.CharField(
        label="Where (optional)",
        max_length=300,
        required=False,
        help_text="For example, Committee Room 2, Civic Offices. Leave it empty for an online "
        "meeting.",
    )
    online_link = forms.CharField(
        label="Online meeting link (optional)",
        max_length=500,
        required=False,
        help_text="The web address to join, starting https://",
    )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        duration = data.get("duration")
        if end is not None and duration:
            self.add_error("duration", "Enter an end time or choose how long it lasts, not both")
        elif end is None and not duration and "end_time" not in self.errors:
            self.add_error(
                "end_time", "Enter the time the meeting ends or choose how long it lasts"
            )
        if day is None or start is None:
            return data
        data["starts_at"] = _aware(day, start)
        if duration:
            data["ends_at"] = data["starts_at"] + datetime.timedelta(minutes=int(duration))
        elif end is not None:
            data["ends_at"] = _aware(day, end)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", ENDS_AFTER_STARTS)
        return data


def member_label(membership) -> str:
    user = membership.user
    parts = [user.get_full_name()]
    if membership.agency_id:
        parts.append(membership.agency.name)
    if membership.job_title:
        parts.append(membership.job_title)
    return ", ".join(parts)


class ExternalPersonMixin(forms.Form):
    """Someone from outside the partnership (a critical friend, a co-opted adviser)."""

    external_name = forms.CharField(label="Full name", max_length=200, required=False)
    external_email = forms.EmailField(
        label="E-mail address",
        required=False,
        error_messages={
            "invalid": "Enter an e-mail address in the correct format, like name@example.com"
        },
    )
    external_agency = forms.ChoiceField(label="Agency (optional)", required=False, choices=())
    external_role = forms.ChoiceField(
        label="Role in the meeting", choices=MeetingRole.choices, initial=MeetingRole.OTHER
    )

    def _set_agencies(self, agencies):
        self.agencies = {str(a.pk): a for a in agencies}
        self.fields["external_agency"].choices = [("", "None or not listed")] + [
            (str(a.pk), a.name) for a in agencies
        ]

    def external_person(self) -> InviteeDetails | None:
        data = self.cleaned_data
        if not (data.get("external_name") or data.get("external_email")):
            return None
        return InviteeDetails(
            name=data.get("external_name", ""),
            email=data.get("external_email", ""),
            agency=self.agencies.get(data.get("external_agency") or ""),
            role=data.get("external_role") or MeetingRole.OTHER,
        )

    def _check_external(self, data):
        name, email = data.get("external_name"), data.get("external_email")
        if email and not name:
            self.add_error(
                "external_name", "Enter the name of the person from outside the partnership"
            )
        if name and not email and "external_email" not in self.errors:
            self.add_error(
                "external_email",
                "Enter the e-mail address of the person from outside the partnership",
            )


class MeetingScheduleForm(ExternalPersonMixin, MeetingDetailsForm):
    service_fields = {
        **MeetingDetailsForm.service_fields,
        "invitees": "members",
        "invitees_name": "external_name",
        "invitees_email": "external_email",
        "invitees_agency": "external_agency",
        "invitees_role": "external_role",
    }

    members = forms.MultipleChoiceField(
        label="Who from the partnership is invited?",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=(),
        help_text="Each is e-mailed an invitation to add to their calendar.",
    )
    chair = forms.ChoiceField(
        label="Who chairs it? (optional)",
        required=False,
        choices=(),
        help_text="One of the people invited.",
    )
    field_order = [
        "kind",
        "title",
        "date",
        "start_time",
        "end_time",
        "duration",
        "location",
        "online_link",
        "members",
        "chair",
    ]

    def __init__(self, *args, members=(), agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        choices = [(str(m.pk), member_label(m)) for m in members]
        self.fields["members"].choices = choices
        self.fields["chair"].choices = [("", "Not decided")] + choices
        self._set_agencies(agencies)

    def clean(self):
        data = super().clean()
        self._check_external(data)
        nobody = not data.get("members") and not data.get("external_name")
        if nobody and "external_name" not in self.errors:
            self.add_error("members", "Select who is invited to the meeting")
        chair = data.get("chair")
        if chair and chair not in (data.get("members") or []):
            self.add_error("chair", "Select a chair from the people invited")
        return data

    def invitees(self) -> list[InviteeDetails]:
        chair = self.cleaned_data.get("chair")
        people = [
            InviteeDetails(
                membership=self.members[pk], role=MeetingRole.CHAIR if pk == chair else ""
            )
            for pk in self.cleaned_data.get("members", [])
        ]
        external = self.external_person()
        return people + ([external] if external else [])


class InviteeAddForm(ExternalPersonMixin):
    service_fields = {
        "person": "member",
        "person_name": "external_name",
        "person_email": "external_email",
        "person_agency": "external_agency",
        "person_role": "role",
    }

    member = forms.ChoiceField(label="A member of the partnership", required=False, choices=())
    role = forms.ChoiceField(
        label="Their role in the meeting",
        choices=[("", "As their membership says")] + MeetingRole.choices,
        required=False,
    )
    field_order = ["member", "role", "external_name", "external_email", "external_agency"]

    def __init__(self, *args, members=(), agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["member"].choices = [("", "Someone from outside (below)")] + [
            (str(m.pk), member_label(m)) for m in members
        ]
        self._set_agencies(agencies)
        del self.fields["external_role"]

    def clean(self):
        data = super().clean()
        member = data.get("member")
        if member and (data.get("external_name") or data.get("external_email")):
            self.add_error("member", "Choose a member or enter someone from outside, not both")
        elif not member:
            if not (data.get("external_name") or data.get("external_email")):
                self.add_error("member", "Choose a member or enter someone from outside")
            self._check_external(data)
        return data

    def person(self) -> InviteeDetails:
        data = self.cleaned_data
        if data.get("member"):
            return InviteeDetails(membership=self.members[data["member"]], role=data.get("role"))
        return InviteeDetails(
            name=data.get("external_name", ""),
            email=data.get("external_email", ""),
            agency=self.agencies.get(data.get("external_agency") or ""),
            role=data.get("role") or MeetingRole.OTHER,
        )


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label="Who attended?",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=(),
        help_text="Everyone not ticked did not attend.",
    )
    apologies = forms.MultipleChoiceField(
        label="Who sent apologies?",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=(),
    )
    notes = forms.CharField(
        label="Notes of the meeting (optional)",
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, invitees=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (
                str(i.pk),
                f"{i.display_name}, {i.agency_name or 'no agency'} ({i.get_role_display()})",
            )
            for i in invitees
        ]
        self.fields["attended"].choices = choices
        self.fields["apologies"].choices = choices

    def clean(self):
        data = super().clean()
        if set(data.get("attended") or []) & set(data.get("apologies") or []):
            self.add_error("apologies", "Someone who attended cannot also have sent apologies")
        return data


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the meeting is cancelled"},
        help_text="Kept on the meeting and in the case history. The cancellation e-mail does "
        "not include it.",
    )


class MeetingDocumentForm(forms.Form):
    service_fields = {"file": "file"}

    attachment = forms.ChoiceField(label="A document of the case", required=False, choices=())
    file = forms.FileField(
        label="Or upload a file",
        required=False,
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV or plain text, up "
        "to 20MB. It is added to the case's documents too.",
    )
    description = forms.CharField(
        label="Description of the upload (optional)",
        max_length=255,
        required=False,
        help_text="For example, Agenda, or Police briefing report.",
    )

    def __init__(self, *args, attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.attachments = {str(a.pk): a for a in attachments}
        self.fields["attachment"].choices = [("", "None: upload a file instead")] + [
            (str(a.pk), a.description or a.original_name) for a in attachments
        ]

    def clean(self):
        data = super().clean()
        chosen, uploaded = data.get("attachment"), data.get("file")
        if chosen and uploaded:
            self.add_error("attachment", "Choose a document or upload a file, not both")
        elif not chosen and not uploaded and "file" not in self.errors:
            self.add_error("attachment", "Choose a document of the case or upload a file")
        data["attachment"] = self.attachments.get(chosen or "")
        return data
