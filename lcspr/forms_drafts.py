"""The forms of the LCSPR report's draft pages (lcspr.draft_views); the services check
everything again and list every error at once. Named forms_* so that tests/test_every_form.py
finds them."""

from django import forms

from config.widgets import GovukDateField
from lcspr.choices import LegalReadOutcome


def _long(label, required=False, help_text="", error=None, rows=4):
    return forms.CharField(
        label=label,
        max_length=10000,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": error} if error else None,
    )


class DraftUploadForm(forms.Form):
    document = forms.FileField(
        label="Draft of the report",
        help_text="A Word (DOCX) or PDF file, up to 20MB.",
        error_messages={"required": "Select the draft report"},
    )
    comments = _long("Comments", help_text="What changed in this version, and why.")


class LegalReadForm(forms.Form):
    adviser_name = forms.CharField(
        label="Legal adviser",
        max_length=200,
        help_text="Who in Legal Services read this version.",
        error_messages={"required": "Enter the name of the legal adviser"},
    )
    read_on = GovukDateField(
        label="Date of the legal read",
        past_only=True,
        error_messages={"required": "Enter the date of the legal read"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=LegalReadOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the legal read"},
    )
    comments = _long("Comments", help_text="The changes asked for, if any.")


class HitAcceptForm(forms.Form):
    reason = _long(
        "Why can this stay in the report?",
        required=True,
        help_text="For example: the name of a professional, not of the family.",
        error="Enter why this can stay in the report",
        rows=3,
    )


class FinalSendForm(forms.Form):
    comments = _long("Comments for the people who sign it off", rows=3)


class NotPublishedForm(forms.Form):
    decided_on = GovukDateField(
        label="Date of the decision",
        past_only=True,
        error_messages={"required": "Enter the date of the decision"},
    )
    reasons = _long(
        "Why will the report not be published?",
        required=True,
        error="Enter why the report will not be published",
    )
