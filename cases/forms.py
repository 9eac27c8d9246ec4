from django import forms
from django.core.exceptions import ValidationError

from cases.models import Agency, Case, Role, Subject
from cases.services.subjects import SUBJECT_FIELDS
from config.widgets import GovukDateField


class CaseForm(forms.ModelForm):
    incident_date = GovukDateField(
        label="Date of the incident",
        help_text="For example, 27 3 2026",
        required=False,
        past_only=True,
    )
    awareness_date = GovukDateField(
        label="Date the local authority became aware",
        help_text="Day zero of the statutory clocks. For example, 28 3 2026",
        required=False,
        past_only=True,
    )
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Agencies involved",
        help_text="Staff of these agencies can see the case.",
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "summary",
            "incident_date",
            "awareness_date",
            "agencies",
            "is_restricted",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}
        labels = {"title": "Case title", "is_restricted": "Restrict access to named people"}
        help_texts = {"summary": "No names: the summary is shown in lists."}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.filter(
            partnership=partnership, is_active=True
        )
        if self.instance.pk:
            del self.fields["is_restricted"]


class SubjectForm(forms.ModelForm):
    date_of_birth = GovukDateField(
        label="Date of birth", help_text="For example, 27 3 2019", required=False, past_only=True
    )
    date_of_death = GovukDateField(
        label="Date of death (if applicable)",
        help_text="For example, 2 11 2026",
        required=False,
        past_only=True,
    )

    class Meta:
        model = Subject
        fields = list(SUBJECT_FIELDS)
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "role": forms.RadioSelect,
            "nhs_number": forms.TextInput(
                attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}
            ),
        }
        labels = {"role": "Who is this person in the case?", "sex": "Sex"}
        error_messages = {"role": {"required": "Select who this person is in the case"}}
        # Rules across fields (dates, "other" ethnicity) are in Subject.clean, shared with the API.


class NoteForm(forms.Form):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Select a file to upload"},
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV "
        "or plain text, up to 20MB.",
    )
    description = forms.CharField(label="Description", max_length=255, required=False)


class AccessGrantForm(forms.Form):
    member = forms.ChoiceField(label="Person to add to the access list")

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["member"].choices = [("", "Choose a person")] + [
            (str(m.pk), f"{m.user.get_full_name()} ({m.user.email})") for m in members
        ]

    def clean_member(self):
        value = self.cleaned_data["member"]
        if value not in self.members:
            raise ValidationError("Choose a person from the list.")
        return self.members[value]


class InvitationForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="E-mail address")
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        label="Agency",
        help_text="Leave empty for an independent person, such as a lead reviewer.",
    )
    roles = forms.MultipleChoiceField(
        choices=Role.choices, widget=forms.CheckboxSelectMultiple, label="Roles"
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            partnership=partnership, is_active=True
        )


class MembershipForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), required=False, label="Agency")
    roles = forms.MultipleChoiceField(
        choices=Role.choices, widget=forms.CheckboxSelectMultiple, label="Roles"
    )
    is_active = forms.BooleanField(required=False, label="Can sign in to this partnership")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(partnership=partnership)


class AcceptInvitationForm(forms.Form):
    # autocomplete: the purpose of each input (WCAG 1.3.5), so browsers and password managers
    # fill in the person's own name and offer to create and save a new password.
    full_name = forms.CharField(
        label="Full name", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters.",
    )
    password2 = forms.CharField(
        label="Confirm password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The passwords do not match.")
        return data
