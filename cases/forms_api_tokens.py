"""The form that makes an API token (cases.services.api_tokens checks the same again)."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from cases.services.api_tokens import DEFAULT_EXPIRY_DAYS, EXPIRY_DAYS, day

PERIODS = {7: "7 days", 30: "30 days", 90: "90 days", 180: "6 months", 365: "1 year"}
CHOOSE_EXPIRY = "Select when the token expires"


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What the token is for, so you can tell your tokens apart. "
        "For example, Reporting spreadsheet",
        error_messages={
            "required": "Enter a name for the token",
            "max_length": "Name must be 100 characters or fewer",
        },
    )
    expiry_days = forms.TypedChoiceField(
        label="When should it expire?",
        coerce=int,
        widget=forms.RadioSelect,
        initial=DEFAULT_EXPIRY_DAYS,
        error_messages={"required": CHOOSE_EXPIRY, "invalid_choice": CHOOSE_EXPIRY},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        self.fields["expiry_days"].choices = [
            (days, f"In {PERIODS[days]} ({day(now + timedelta(days=days))})")
            for days in EXPIRY_DAYS
        ]
