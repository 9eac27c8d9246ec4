from django import forms

from config.widgets import GovukDateField
from rapid_reviews.choices import ReviewSource
from rapid_reviews.services.withdraw import REASON_MISSING


class StartForm(forms.Form):
    source = forms.ChoiceField(
        label="What started the rapid review?",
        choices=ReviewSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what started the rapid review"},
    )
    day_zero = GovukDateField(
        label="Date of day zero",
        help_text="Used only while the case has not recorded the event the partnership counts"
        " the rapid review from.",
        past_only=True,
        required=False,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing the rapid review?",
        help_text="For example, the case does not meet the criteria, or it was opened twice.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": REASON_MISSING},
    )
