"""The forms of the family engagement and parallel process pages (lcspr.family_views); the
services (lcspr.services.family) check everything again and list every error at once."""

from django import forms
from django.core.exceptions import ValidationError

from config.widgets import GovukDateField
from lcspr.choices import ContactMethod, ParallelProcessKind, ParallelProcessStatus

YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label, limit=200, rows=None, **kwargs):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, max_length=limit, required=False, widget=widget, **kwargs)


def _yes_no(label, message, **kwargs):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": message},
        **kwargs,
    )


class _FamilyChoice:
    """A select of the review's family members (`family`), cleaned to the FamilyMember."""

    def _set_family(self, family, field, blank):
        self.family = {str(m.pk): m for m in family}
        self.fields[field].choices = [("", blank)] + [
            (str(m.pk), f"{m.name} ({m.relationship})") for m in family
        ]

    def _member(self, field):
        value = self.cleaned_data.get(field)
        if not value:
            return None
        if value not in self.family:
            raise ValidationError("Select a family member from the list")
        return self.family[value]


class CoordinatorForm(forms.Form):
    coordinator = forms.ChoiceField(
        label="Family engagement coordinator",
        help_text="The member of the partnership who co-ordinates communication with the family.",
        error_messages={"required": "Select the family engagement coordinator"},
    )
    approach = _text(
        "The approach agreed",
        10000,
        rows=4,
        help_text="Support offered (interpretation, disability, domestic abuse), how often the "
        "family is kept informed.",
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.user_id): m for m in members}
        self.fields["coordinator"].choices = [("", "Select a member")] + [
            (str(m.user_id), f"{m.user.get_full_name()} ({m.user.email})") for m in members
        ]

    def clean_coordinator(self):
        value = self.cleaned_data["coordinator"]
        if value not in self.members:
            raise ValidationError("Select a member of the partnership")
        return self.members[value].user


class FamilyMemberForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the family member's name"}
    )
    relationship = forms.CharField(
        label="Relationship to the child",
        max_length=100,
        help_text="For example mother, grandfather, family friend.",
        error_messages={"required": "Enter their relationship to the child"},
    )
    contact_details = _text("Contact details", 10000, rows=3)
    to_be_contacted = _yes_no(
        "Are they to be contacted about the review?",
        "Select whether they are to be contacted",
    )
    not_contacted_reason = _text("If not, why not", 10000, rows=2)
    preferred_method = forms.ChoiceField(
        label="Preferred way of contact",
        required=False,
        choices=[("", "Select an option"), *ContactMethod.choices],
    )
    support_needs = _text(
        "Support needed",
        10000,
        rows=2,
        help_text="Interpretation or translation, disability, domestic abuse or other specialist "
        "support.",
    )


class ContactForm(_FamilyChoice, forms.Form):
    member = forms.ChoiceField(
        label="With whom", error_messages={"required": "Select who the contact was with"}
    )
    method = forms.ChoiceField(
        label="How",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how contact was made"},
    )
    contacted_on = GovukDateField(
        label="Date of the contact",
        past_only=True,
        error_messages={"required": "Enter the date of the contact"},
    )
    made_by = forms.CharField(
        label="Who made contact",
        max_length=200,
        error_messages={"required": "Enter who made contact"},
    )
    outcome = forms.CharField(
        label="Outcome",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the outcome of the contact"},
    )
    notes_shared = _yes_no(
        "Were the notes shared back with them for accuracy?",
        "Select whether the notes were shared back for accuracy",
    )
    notes_shared_on = GovukDateField(
        label="Date the notes were shared back", past_only=True, required=False
    )
    confirm_despite_hold = forms.BooleanField(
        label="I confirm this contact was agreed while family contact is held back",
        required=False,
    )

    def __init__(self, *args, family, holding, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_family(family, "member", "Select a family member")
        if not holding:
            del self.fields["confirm_despite_hold"]

    def clean_member(self):
        return self._member("member")


class EmbargoedCopyForm(_FamilyChoice, forms.Form):
    member = forms.ChoiceField(label="Family member", required=False)
    given_to = _text("Given to", help_text="Leave blank to use the family member's name.")
    given_on = GovukDateField(
        label="Date the copy was given",
        past_only=True,
        error_messages={"required": "Enter the date the copy was given"},
    )
    version = forms.CharField(
        label="Version or description of the report",
        max_length=200,
        error_messages={"required": "Enter which version of the report was given"},
    )
    embargo_until = GovukDateField(
        label="Embargo until", error_messages={"required": "Enter the date the embargo ends"}
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_family(family, "member", "Not a family member listed")

    def clean_member(self):
        return self._member("member")


class ProcessForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of process",
        choices=ParallelProcessKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of process"},
    )
    description = _text("Description", help_text="Needed for “Other”.")
    status = forms.ChoiceField(
        label="Status",
        choices=ParallelProcessStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status of the process"},
    )
    holds_family_contact = forms.BooleanField(
        label="It holds family contact back",
        required=False,
        help_text="For example the police ask that the family is not approached until charging "
        "decisions.",
    )
    liaison_name = _text("Liaison contact's name")
    liaison_role = _text("Their role")
    liaison_organisation = _text("Their organisation")
    liaison_email = _text("Their e-mail address", 254)
    liaison_phone = _text("Their telephone number", 50)
    notes = _text("Notes", 10000, rows=4)


class DisclosureForm(forms.Form):
    requested_on = GovukDateField(
        label="Date disclosure was requested",
        past_only=True,
        error_messages={"required": "Enter the date disclosure was requested"},
    )
    what = forms.CharField(
        label="What was requested",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was requested"},
    )
    answered_on = GovukDateField(
        label="Date the request was answered", past_only=True, required=False
    )
    answer = _text("Answer", 10000, rows=3)


class DisclosureAnswerForm(forms.Form):
    answered_on = GovukDateField(
        label="Date the request was answered",
        past_only=True,
        error_messages={"required": "Enter the date the request was answered"},
    )
    answer = _text("Answer", 10000, rows=3)
