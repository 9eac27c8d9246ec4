"""Forms of the chronology pages (cases/views/chronologies.py). The rules are in
cases.services.chronologies, shared with the API; these forms only read the answers."""

from django import forms
from django.core.exceptions import ValidationError

from cases.chronology_columns import BY_FIELD, LONG_MAX, SHORT_MAX
from cases.chronology_import import parse_time
from cases.models import ChronologyKind, ChronologyPurpose
from config.widgets import GovukDateField


class ChronologyOpenForm(forms.Form):
    agency = forms.ChoiceField(
        label="Which agency is asked for its chronology?",
        widget=forms.RadioSelect,
        choices=(),
        error_messages={"required": "Select the agency"},
    )
    purpose = forms.ChoiceField(
        label="Which review is it for?",
        widget=forms.RadioSelect,
        choices=ChronologyPurpose.choices,
        error_messages={"required": "Select which review the chronology is for"},
    )
    kind = forms.ChoiceField(
        label="What kind of chronology?",
        widget=forms.RadioSelect,
        choices=ChronologyKind.choices,
        error_messages={"required": "Select the kind of chronology"},
        help_text="An LCSPR may also ask for the changes in the agency that may have affected "
        "frontline practice (Swindon, Appendix 10).",
    )
    scope_from = GovukDateField(
        label="Scope period from", required=False, help_text="For example, 1 6 2025"
    )
    scope_to = GovukDateField(
        label="Scope period to", required=False, help_text="For example, 30 11 2026"
    )
    due_date = GovukDateField(
        label="Due date",
        required=False,
        help_text="The date in the terms of reference, for example 15 1 2027",
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {str(a.pk): a for a in agencies}
        self.fields["agency"].choices = [(str(a.pk), a.name) for a in agencies]

    def clean_agency(self):
        return self.agencies[self.cleaned_data["agency"]]


class ChronologyEntryForm(forms.Form):
    occurred_on = GovukDateField(
        label="Date of the event",
        help_text="For example, 31 12 2026",
        past_only=True,
        error_messages={"required": "Enter the date of the event"},
    )
    occurred_at = forms.CharField(
        label="Time (optional)",
        required=False,
        max_length=10,
        help_text="For example, 14:30 or 2:30pm",
    )
    source = forms.CharField(
        label=BY_FIELD["source"].heading,
        required=False,
        max_length=SHORT_MAX,
        help_text=BY_FIELD["source"].hint,
    )
    department = forms.CharField(
        label=BY_FIELD["department"].heading,
        required=False,
        max_length=SHORT_MAX,
        help_text=BY_FIELD["department"].hint,
    )
    subjects = forms.MultipleChoiceField(
        label="Name of subject(s)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        help_text="The people on the case the event is about.",
    )
    contact_type = forms.CharField(
        label=BY_FIELD["contact_type"].heading,
        required=False,
        max_length=SHORT_MAX,
        help_text=BY_FIELD["contact_type"].hint,
    )
    by_whom = forms.CharField(
        label=BY_FIELD["by_whom"].heading,
        required=False,
        max_length=SHORT_MAX,
        help_text=BY_FIELD["by_whom"].hint,
    )
    details = forms.CharField(
        label=BY_FIELD["details"].heading,
        max_length=LONG_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=BY_FIELD["details"].hint,
        error_messages={"required": "Enter the details of the event"},
    )
    analysis = forms.CharField(
        label=BY_FIELD["analysis"].heading,
        required=False,
        max_length=LONG_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=BY_FIELD["analysis"].hint,
    )

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = {str(s.pk): s for s in subjects}
        choices = [(str(s.pk), f"{s.full_name} ({s.get_role_display()})") for s in subjects]
        self.fields["subjects"].choices = choices
        if not choices:
            del self.fields["subjects"]

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"].strip()
        if not value:
            return None
        try:
            return parse_time(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def clean_subjects(self):
        return [self.subjects[pk] for pk in self.cleaned_data["subjects"]]

    @classmethod
    def initial_from(cls, entry) -> dict:
        return {
            "occurred_on": entry.occurred_on,
            "occurred_at": entry.occurred_at.strftime("%H:%M") if entry.occurred_at else "",
            "source": entry.source,
            "department": entry.department,
            "subjects": [str(s.pk) for s in entry.subjects.all()],
            "contact_type": entry.contact_type,
            "by_whom": entry.by_whom,
            "details": entry.details,
            "analysis": entry.analysis,
        }


class ChronologyImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a spreadsheet",
        help_text="An .xlsx or .csv file with the headings of the template in row 1.",
        error_messages={"required": "Select a spreadsheet to import"},
    )


class ChronologyReturnForm(forms.Form):
    reason = forms.CharField(
        label="What does the agency need to change?",
        max_length=LONG_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the agency needs to change"},
    )


class IntegratedFilterForm(forms.Form):
    """The integrated chronology's filters (a GET form): bad values are shown as errors and
    the filter is not applied."""

    purpose = forms.ChoiceField(label="Review", choices=(), required=False)
    kind = forms.ChoiceField(label="Chronology", choices=ChronologyKind.choices, required=False)
    agency = forms.MultipleChoiceField(
        label="Agencies", required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    subject = forms.ChoiceField(label="Subject", required=False, choices=())
    date_from = GovukDateField(label="From", required=False, help_text="For example, 1 6 2025")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 30 11 2026")

    def __init__(self, *args, purposes=(), agencies=(), subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ChronologyPurpose.choices)
        self.fields["purpose"].choices = [(p, labels[p]) for p in purposes]
        self.fields["agency"].choices = [(str(a.pk), a.name) for a in agencies]
        self.fields["subject"].choices = [("", "Everyone")] + [
            (str(s.pk), s.full_name) for s in subjects
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", "The end of the period must be the same as or after its start"
            )
        return data


class ChronologySubmitForm(forms.Form):
    """Who wrote the chronology: required for an LCSPR's (Swindon 001 Appendix 10)."""

    written_by = forms.CharField(
        label="Who wrote the chronology?",
        help_text="Their name and job title",
        required=False,
        max_length=200,
        error_messages={"max_length": "Name and job title must be 200 characters or fewer"},
    )
    author_not_involved = forms.BooleanField(
        label="The person who wrote it had no involvement with the case",
        required=False,
    )
