"""Forms of the notification pages; the rules across fields are in the services (shared with
the API), so every error shows at once."""

from django import forms

from config.widgets import GovukDateField
from notifications.choices import (
    AbuseOrNeglect,
    CareStatus,
    Harm,
    Location,
    PanelDecision,
    PartnershipView,
    Reconsideration,
    RequestAnswer,
)


def _text(label, help_text="", required=False, rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _radios(label, choices):
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect)


class NotificationForm(forms.Form):
    incident_date = GovukDateField(label="Date of the incident", required=False)
    awareness_date = GovukDateField(
        label="Date the local authority became aware",
        required=False,
        help_text="Day zero of the 5 working days, not day one (Dorset 2.3).",
    )
    location = _radios("Where did it happen?", Location.choices)
    care_status = _radios("Is the child in care or a care leaver?", CareStatus.choices)
    abuse_or_neglect = _radios("Is abuse or neglect known or suspected?", AbuseOrNeglect.choices)
    harm = _radios("Did the child die or were they seriously harmed?", Harm.choices)
    characteristics = forms.MultipleChoiceField(
        label="Characteristics", required=False, widget=forms.CheckboxSelectMultiple
    )
    characteristics_other = _text("Other characteristics", rows=2)
    other_children = _text("Note of any other children", rows=2)
    outline = _text("Outline of the incident")
    immediate_action = _text("Immediate action taken")
    learning = _text("Immediate learning identified")
    criteria = _text("How the incident meets the criteria of section 16C(1)")

    def __init__(self, *args, characteristic_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["characteristics"].choices = list(characteristic_choices)


class StartForm(forms.Form):
    title = forms.CharField(
        label="A short title for the case",
        help_text="One that does not identify the child, for example ‘Child L’.",
        max_length=120,
        required=False,
    )
    awareness_date = GovukDateField(
        label="Date the local authority became aware", required=False, past_only=True
    )


class SubmitForm(forms.Form):
    submitted_on = GovukDateField(
        label="Date the notification was submitted",
        help_text="The day you submitted it through the national portal.",
        past_only=True,
        error_messages={"required": "Enter the date the notification was submitted"},
    )
    national_reference = forms.CharField(
        label="The National Panel's reference", required=False, max_length=60
    )
    copy = forms.FileField(label="The copy downloaded from the national system", required=False)


class AcknowledgeForm(forms.Form):
    acknowledged_on = GovukDateField(
        label="Date the National Panel said a rapid review is required",
        past_only=True,
        required=False,
    )


class RequestForm(forms.Form):
    reason = _text("Why do you think a notification is due?", required=False)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Does the local authority agree to notify?",
        choices=[c for c in RequestAnswer.choices if c[0]],
        required=False,
        widget=forms.RadioSelect,
    )
    answer_reason = _text("Reason", rows=3)


class EscalateForm(forms.Form):
    escalated_to = forms.CharField(
        label="Who was the disagreement escalated to?",
        help_text="For example, the PDSCP Executive (Dorset 2.1).",
        required=False,
        max_length=200,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing the notification?",
        help_text="For example, the criteria are not met, or the case was opened twice. A running"
        " sign-off is withdrawn with it.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you are withdrawing the notification"},
    )


# --- The National Panel's replies. -------------------------------------------------------------

_MEETING_HELP = (
    "If the Panel has told you. Where the clock counts from the meeting (Dorset 6.8),"
    " it starts on this date."
)


class PanelOpenForm(forms.Form):
    submitted_on = GovukDateField(
        label="Date the rapid review was sent to the National Panel",
        past_only=True,
        error_messages={
            "required": "Enter the date the rapid review was sent to the National Panel"
        },
    )
    partnership_view = _radios("What did the partnership decide?", PartnershipView.choices)
    meeting_date = GovukDateField(
        label="Date of the National Panel's meeting", required=False, help_text=_MEETING_HELP
    )


class PanelMeetingForm(forms.Form):
    meeting_date = GovukDateField(
        label="Date of the National Panel's meeting",
        help_text="The meeting that considers the rapid review.",
        error_messages={"required": "Enter the date of the National Panel's meeting"},
    )


class PanelReplyForm(forms.Form):
    received_on = GovukDateField(
        label="Date the Panel's reply arrived",
        past_only=True,
        error_messages={"required": "Enter the date the Panel's reply arrived"},
    )
    decision = forms.ChoiceField(
        label="What did the Panel decide?",
        choices=PanelDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the Panel's decision"},
    )
    comments = _text(
        "What the Panel said",
        help_text="Its reasons, or what more it asked for. No names: the letter holds them.",
    )
    partnership_view = _radios("What had the partnership decided?", PartnershipView.choices)
    letter = forms.FileField(label="The Panel's letter", required=False)

    def clean(self):
        """The service's rules across fields, here too so that they show with the fields'
        errors (the service checks them again for the API)."""
        data = super().clean()
        more = data.get("decision") == PanelDecision.MORE_INFORMATION
        if more and not data.get("comments", "").strip():
            self.add_error("comments", "Enter what the Panel asked for")
        if data.get("decision") and not more and not data.get("partnership_view"):
            self.add_error(
                "partnership_view", "Select the partnership's decision, as sent to the Panel"
            )
        return data


class PanelInformationForm(forms.Form):
    sent_on = GovukDateField(
        label="Date the information was sent",
        past_only=True,
        error_messages={"required": "Enter the date the information was sent"},
    )
    meeting_date = GovukDateField(
        label="Date of the National Panel's meeting", required=False, help_text=_MEETING_HELP
    )


class ReconsiderForm(forms.Form):
    reconsideration = forms.ChoiceField(
        label="What did they decide?",
        choices=Reconsideration.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the decision-makers decided"},
    )
    reconsideration_reasons = forms.CharField(
        label="Reasons",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reasons for the decision"},
    )
    reconsidered_on = GovukDateField(
        label="Date they reconsidered",
        past_only=True,
        error_messages={"required": "Enter the date they reconsidered"},
    )


class CopiesSentForm(forms.Form):
    """Tick several copies at once with one date: they usually go in one e-mail."""

    copies = forms.MultipleChoiceField(
        label="Who was sent a copy?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select who was sent a copy"},
    )
    sent_on = GovukDateField(
        label="Date the copy was sent",
        past_only=True,
        error_messages={"required": "Enter the date the copy was sent"},
    )

    def __init__(self, *args, unsent=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copies"].choices = [
            (str(c.pk), f"{c.label}{f' (due {c.due_date:%-d %B %Y})' if c.due_date else ''}")
            for c in unsent
        ]


class CopyAddForm(forms.Form):
    label = forms.CharField(
        label="Who gets a copy?",
        help_text="For example, the safeguarding partnership of an area where the child lived"
        " (Dorset 2.6).",
        max_length=255,
        error_messages={"required": "Enter who gets a copy"},
    )
    note = _text("Note", help_text="For example, why they get one or how it is sent.", rows=3)
    due_date = GovukDateField(label="Due by", required=False)
