from django import forms

from config.widgets import GovukDateField
from lcspr.choices import LcsprSource


class StartForm(forms.Form):
    source = forms.ChoiceField(
        label="What started the LCSPR?",
        choices=LcsprSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what started the LCSPR"},
    )
    day_zero = GovukDateField(
        label="Date of the decision to start the LCSPR",
        help_text="The six months count from it. Used only while the case has not recorded the"
        " event the partnership counts the LCSPR from (for example the National Panel's reply).",
        past_only=True,
        required=False,
    )


class TargetForm(forms.Form):
    target = GovukDateField(
        label="Target publication date",
        help_text="The copies to the National Panel and the final meetings count back from it.",
        error_messages={"required": "Enter the target publication date"},
    )
    reason = forms.CharField(
        label="Why is the target publication date moving?",
        help_text="Needed when a target date was set before.",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    delay_reasons = forms.CharField(
        label="Why will the review not be published within six months?",
        help_text="Needed when the target falls after six months: the National Panel and the"
        " Secretary of State are told these reasons.",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishForm(forms.Form):
    published_on = GovukDateField(
        label="Date the report was published",
        past_only=True,
        error_messages={"required": "Enter the date the report was published"},
    )
    web_address = forms.CharField(
        label="Web address of the published report",
        help_text="It stays online for at least one year.",
        max_length=500,
        error_messages={"required": "Enter the web address of the published report"},
    )
    nspcc_submitted_on = GovukDateField(
        label="Date it was sent to the NSPCC national case review repository",
        help_text="Leave blank if it has not been sent yet.",
        past_only=True,
        required=False,
    )


class LearningStartForm(forms.Form):
    option = forms.ChoiceField(
        label="Which learning review?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of learning review"},
    )
    day_zero = GovukDateField(
        label="Date of the decision to undertake the learning review",
        past_only=True,
        error_messages={
            "required": "Enter the date of the decision to undertake the learning review"
        },
    )
    lines_of_enquiry = forms.CharField(
        label="Terms of reference or lines of enquiry",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the terms of reference or lines of enquiry"},
    )
    lead = forms.CharField(
        label="Lead",
        help_text="Leave blank for the lead the partnership's menu names for this option.",
        max_length=300,
        required=False,
    )
    governance = forms.CharField(
        label="Governance body",
        help_text="Leave blank for the body the partnership's menu names for this option.",
        max_length=300,
        required=False,
    )

    def __init__(self, *args, menu: dict, **kwargs):
        """``menu``: the partnership's learning_options by key (lcspr.services.learning)."""
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [
            (key, f"{o['label']} ({o.get('timescale_text') or 'no timescale set'})")
            for key, o in menu.items()
        ]


class LearningCompleteForm(forms.Form):
    completed_on = GovukDateField(
        label="Date the learning review was completed",
        past_only=True,
        error_messages={"required": "Enter the date the learning review was completed"},
    )
    summary_of_learning = forms.CharField(
        label="Summary of learning",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the summary of learning"},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing the LCSPR?",
        help_text="For example, the partners decided on a learning review instead, or it was"
        " opened twice.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you are withdrawing the LCSPR"},
    )


# --- A learning review's terms of reference (lcspr.services.learning_terms) -------------------
# Not required here: the services list every missing item at once.


class LearningTermsForm(forms.Form):
    text = forms.CharField(
        label="Terms of reference and lines of enquiry",
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    change_summary = forms.CharField(
        label="What changed",
        help_text="For a version after the first: what changed from the version before.",
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LearningTermsApproveForm(forms.Form):
    approved_by = forms.CharField(
        label="Who approved the terms of reference",
        help_text="The review's governance body, and who chaired it.",
        max_length=300,
        required=False,
    )
    approved_on = GovukDateField(
        label="Date the terms of reference were approved", past_only=True, required=False
    )
