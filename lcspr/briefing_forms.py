from django import forms

from config.widgets import GovukDateField
from lcspr.briefing import SECTION_LIMIT, SECTIONS


class BriefingForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, number, label, _error in SECTIONS:
            self.fields[field] = forms.CharField(
                label=f"{number}. {label}",
                help_text=f"Up to {SECTION_LIMIT} characters, so the briefing fits one page.",
                required=False,
                max_length=SECTION_LIMIT,
                error_messages={
                    "max_length": f"Section {number} must be {SECTION_LIMIT} characters or fewer"
                },
                widget=forms.Textarea(attrs={"rows": 5}),
            )


class BriefingSendForm(forms.Form):
    comments = forms.CharField(
        label="Comments for the people signing it off (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BriefingPublishForm(forms.Form):
    published_on = GovukDateField(
        label="Date the briefing was published",
        past_only=True,
        error_messages={"required": "Enter the date the briefing was published"},
    )
    web_address = forms.CharField(
        label="Web address of the published briefing",
        help_text="For example, https://www.example.org/briefing",
        max_length=500,
        error_messages={"required": "Enter the web address of the published briefing"},
    )
    contacts = forms.CharField(
        label="Key contacts to tell (optional)",
        help_text="E-mail addresses of the report author and others to tell, one a line. Each is"
        " sent one e-mail with the web address.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
