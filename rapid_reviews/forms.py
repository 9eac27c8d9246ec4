from django import forms

from config.widgets import GovukDateField
from rapid_reviews.choices import ReviewSource


class StartForm(forms.Form):
    source = forms.ChoiceField(
        label="What started the rapid review?",
        choices=ReviewSource.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    day_zero = GovukDateField(
        label="Date of day zero",
        help_text="Used only while the case has not recorded the event the partnership counts"
        " the rapid review from.",
        past_only=True,
        required=False,
    )
