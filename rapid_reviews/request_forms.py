"""The information request pages' forms: the send form (the partnership's agencies, statutory
partners and others apart), the return (the partnership's questions), sign-off, close."""

from django import forms

from cases.models import Agency
from config.widgets import GovukDateField
from rapid_reviews.returns import return_fields


def _agencies(label, queryset):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class SendForm(forms.Form):
    statutory = _agencies("Statutory partners", Agency.objects.none())
    others = _agencies(
        "Other agencies (schools, CAFCASS, adult social care, health providers)",
        Agency.objects.none(),
    )
    due_date = GovukDateField(
        label="Return due by",
        help_text="Prefilled from the partnership's settings. For example, 27 3 2027",
        required=False,
    )
    with_chronology = forms.BooleanField(
        label="Also ask each agency for its chronology", required=False
    )
    service_fields = {"agencies": "statutory"}

    def __init__(self, *args, partnership, asked=(), due=None, **kwargs):
        super().__init__(*args, initial={"due_date": due}, **kwargs)
        active = Agency.objects.filter(partnership=partnership, is_active=True).exclude(
            pk__in=asked
        )
        self.fields["statutory"].queryset = active.filter(is_statutory_partner=True).order_by(
            "name"
        )
        self.fields["others"].queryset = active.filter(is_statutory_partner=False).order_by("name")

    def agencies(self) -> list[Agency]:
        return [*self.cleaned_data["statutory"], *self.cleaned_data["others"]]


class ReturnForm(forms.Form):
    """The partnership's return questions (rapid_review_return), all optional while drafting."""

    def __init__(self, *args, partnership, answers=None, **kwargs):
        super().__init__(*args, initial=dict(answers or {}), **kwargs)
        for field in return_fields(partnership):
            self.fields[field["key"]] = forms.CharField(
                label=field["label"],
                help_text=field.get("hint", ""),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def answers(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v.strip()}


class SignOffForm(forms.Form):
    not_involved = forms.BooleanField(
        label="I was not involved in the case and I sign off this return for my agency",
        required=False,
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label="Why is the request closed without a response?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
