"""Forms of the practitioner session and comms plan pages (lcspr.session_views); the services
check everything again and list every error at once."""

from django import forms

from cases.forms_meetings import MeetingScheduleForm, member_label
from config.widgets import GovukDateField
from lcspr.models.sessions import CommsChannel, CommsItemStatus, FindingsView, SessionFormat


class SessionScheduleForm(MeetingScheduleForm):
    """When and where (half a day by default, Swindon 001), face to face or virtual, the date
    to reply by, and who is invited: members, and one practitioner from outside (more from the
    session's meeting page)."""

    service_fields = {**MeetingScheduleForm.service_fields}

    format = forms.ChoiceField(
        label="Is the session face to face or virtual?",
        choices=SessionFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the session is face to face or virtual"},
    )
    reply_by = GovukDateField(
        label="Reply by (optional)",
        required=False,
        help_text="The date to say who will attend or nominate a representative.",
    )
    field_order = [
        "format",
        "date",
        "start_time",
        "end_time",
        "duration",
        "location",
        "online_link",
        "reply_by",
        "members",
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("duration", "210")
        super().__init__(*args, **kwargs)
        for name in ("kind", "title", "chair", "external_role"):
            del self.fields[name]
        self.fields["members"].label = "Which practitioners from the partnership are invited?"
        self.fields["members"].help_text = (
            "Those who worked with the child and family. The invitation is e-mailed when you "
            "send it from the session's page."
        )
        self.fields["external_name"].label = "A practitioner from outside: full name (optional)"
        self.fields["location"].label = "Where (face to face)"
        self.fields["online_link"].label = "Online meeting link (virtual)"


def _textarea(label, message, rows=12):
    return forms.CharField(
        label=label,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message},
        help_text="Placeholders filled in when sent: $child_initials, $session_date, "
        "$session_time, $venue, $lead_reviewer, $reply_by, $partnership.",
    )


class SessionTextsForm(forms.Form):
    invitation_text = _textarea("Invitation (Appendix 11)", "Enter the invitation")
    briefing_text = _textarea("Briefing (Appendix 12)", "Enter the briefing", rows=16)
    agenda_text = _textarea("Agenda (Appendix 13)", "Enter the agenda", rows=16)


class FeedbackForm(forms.Form):
    invitee = forms.ChoiceField(
        label="Practitioner",
        choices=(),
        error_messages={"required": "Select the practitioner"},
    )
    view = forms.ChoiceField(
        label="Does the practitioner agree with the draft findings?",
        choices=FindingsView.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the practitioner agrees with the findings"},
    )
    comments = forms.CharField(
        label="Feedback on the draft findings",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The accuracy of the analysis, and how the learning can be put into practice.",
        error_messages={"required": "Enter the feedback on the draft findings"},
    )
    given_on = GovukDateField(
        label="Date the feedback was given",
        past_only=True,
        error_messages={"required": "Enter the date the feedback was given"},
    )

    def __init__(self, *args, invitees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.invitees = {str(i.pk): i for i in invitees}
        if invitees:
            self.fields["invitee"].choices = [("", "Choose the practitioner")] + [
                (str(i.pk), f"{i.display_name}, {i.agency_name or 'no agency'}") for i in invitees
            ]
        else:
            del self.fields["invitee"]

    def chosen_invitee(self):
        return self.invitees.get(self.cleaned_data.get("invitee") or "")


class _OwnerMixin:
    def _set_owners(self, field, members):
        self.members = {str(m.pk): m for m in members}
        self.fields[field].choices = [("", "Choose a member")] + [
            (str(m.pk), member_label(m)) for m in members
        ]

    def member(self, field):
        return self.members.get(self.cleaned_data.get(field) or "")


class CommsItemForm(_OwnerMixin, forms.Form):
    audience = forms.CharField(
        label="Audience",
        max_length=200,
        help_text="For example, Members of the council, the family, practitioners, the press.",
        error_messages={"required": "Enter who the audience is"},
    )
    message = forms.CharField(
        label="Message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the message"},
    )
    channel = forms.ChoiceField(
        label="How is it given?",
        choices=CommsChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the message is given"},
    )
    owner = forms.ChoiceField(
        label="Owner", choices=(), error_messages={"required": "Select who owns this item"}
    )
    due_on = GovukDateField(label="Due", error_messages={"required": "Enter the date it is due"})
    status = forms.ChoiceField(
        label="Status",
        choices=CommsItemStatus.choices,
        initial=CommsItemStatus.PLANNED,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status"},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._set_owners("owner", members)


class AgreeForm(forms.Form):
    agreed_on = GovukDateField(
        label="Date it was agreed",
        past_only=True,
        error_messages={"required": "Enter the date it was agreed"},
    )
    agreed_by = forms.CharField(
        label="Who agreed it",
        max_length=200,
        help_text="For example, the comms planning meeting, or the Executive Director.",
        error_messages={"required": "Enter who agreed it"},
    )


class StatementForm(_OwnerMixin, forms.Form):
    statement = forms.CharField(
        label="Reactive statement",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the partnership says if asked by the press before or after publication.",
        error_messages={"required": "Enter the reactive statement"},
    )
    statement_owner = forms.ChoiceField(
        label="Owner",
        choices=(),
        error_messages={"required": "Select who owns the reactive statement"},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._set_owners("statement_owner", members)
