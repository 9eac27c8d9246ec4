"""The forms of the LCSPR's independent reviewer pages (lcspr.reviewer_views); the services
check everything again and list every error at once. Named forms_* so that
tests/test_every_form.py finds them."""

from django import forms
from django.core.exceptions import ValidationError

from config.widgets import GovukDateField
from lcspr.choices import ReviewerDecision

UPLOAD_HINT = (
    "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV or plain text, up to 20MB."
)


def _text(label, limit=200, rows=None, **kwargs):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, max_length=limit, required=False, widget=widget, **kwargs)


class CandidateForm(forms.Form):
    name = forms.CharField(
        label="Candidate's name",
        max_length=200,
        error_messages={"required": "Enter the candidate's name"},
    )
    email = _text("E-mail address", 254)
    organisation = _text("Organisation")
    cv = forms.FileField(
        label="Up-to-date CV",
        required=False,
        help_text="With the previous reviews they have led. " + UPLOAD_HINT,
    )
    previous_reviews = _text("Previous reviews", 10000, rows=4)
    referee_1_name = _text("First referee's name")
    referee_1_contact = _text("First referee's contact details", 300)
    referee_1_received_on = GovukDateField(
        label="Date the first reference was received", past_only=True, required=False
    )
    referee_2_name = _text("Second referee's name")
    referee_2_contact = _text("Second referee's contact details", 300)
    referee_2_received_on = GovukDateField(
        label="Date the second reference was received", past_only=True, required=False
    )
    public_liability_expires_on = GovukDateField(
        label="Public liability insurance expires on", required=False
    )
    indemnity_expires_on = GovukDateField(
        label="Professional indemnity insurance expires on", required=False
    )
    conflicts_declared_on = GovukDateField(
        label="Date conflicts of interest were declared", past_only=True, required=False
    )
    conflicts = _text(
        "Conflicts of interest declared",
        10000,
        rows=3,
        help_text='Write "None" if the candidate declared none.',
    )


class ShortlistForm(forms.Form):
    shortlisted = forms.BooleanField(label="Shortlisted", required=False)
    shortlist_notes = _text(
        "Shortlisting notes", 10000, rows=4, help_text="Including the cost of the review."
    )
    interview_notes = _text("Interview notes", 10000, rows=4)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=ReviewerDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    member = forms.ChoiceField(
        label="The appointed reviewer's account",
        required=False,
        help_text="A lead reviewer in the partnership. Invite them from the People page first.",
    )
    reason = _text("Reason", 10000, rows=3)
    decided_on = GovukDateField(
        label="Date of the decision",
        past_only=True,
        error_messages={"required": "Enter the date of the decision"},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["member"].choices = [("", "Choose a lead reviewer")] + [
            (str(m.pk), f"{m.user.get_full_name()} ({m.user.email})") for m in members
        ]

    def clean_member(self):
        value = self.cleaned_data["member"]
        if not value:
            return None
        if value not in self.members:
            raise ValidationError("Choose a lead reviewer from the list")
        return self.members[value]


class ContractForm(forms.Form):
    contract_recorded_on = GovukDateField(
        label="Date the contract was agreed",
        past_only=True,
        error_messages={"required": "Enter the date the contract was agreed"},
    )
    contract = forms.FileField(
        label="The signed contract",
        help_text=UPLOAD_HINT,
        error_messages={"required": "Upload the contract"},
    )
