"""The terms of reference's edit form: Appendix E's fields in its order, then the membership
table's rows (the current ones and two blank, a blank row left out)."""

from django import forms

from cases.models import Agency
from cases.models.meetings import MeetingRole
from config.widgets import GovukDateField
from rapid_reviews.models import TermsOfReference

BLANK_ROWS = 2


def _text(label, help_text="", rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TermsForm(forms.Form):
    background = _text("Background")
    purpose = _text("Purpose")
    people_in_scope = _text(
        "Children and significant others in scope",
        "One a line: name, relationship to the child, date of birth, address, NHS number.",
    )
    scope_agreed_on = GovukDateField(
        label="Date the statutory partners agreed the scope", required=False
    )
    scope_from = GovukDateField(label="Scope period from", required=False)
    scope_to = GovukDateField(label="Scope period to", required=False)
    include_earlier_information = forms.BooleanField(
        label="Partners also include a summary of any key information from before the scope period",
        required=False,
    )
    contributors = _text("Contributors", "One agency a line.")
    methodology = _text("Methodology")
    chronology_due = GovukDateField(label="Chronologies to be returned by", required=False)
    meeting_dates = _text("Rapid review panel meeting dates", rows=2)
    reporting = _text("Reporting")

    def __init__(self, *args, terms: TermsOfReference, **kwargs):
        members = list(terms.members.all())
        initial = {name: getattr(terms, name) for name in self.base_fields}
        for n, member in enumerate(members):
            initial |= {
                f"member_{n}_organisation": member.organisation,
                f"member_{n}_person_name": member.person_name,
                f"member_{n}_role": member.role,
            }
        super().__init__(*args, initial=initial, **kwargs)
        self.rows = len(members) + BLANK_ROWS
        for n in range(self.rows):
            self.fields[f"member_{n}_organisation"] = forms.CharField(
                label=f"Member {n + 1}: organisation or sector", required=False, max_length=200
            )
            self.fields[f"member_{n}_person_name"] = forms.CharField(
                label=f"Member {n + 1}: individual", required=False, max_length=200
            )
            self.fields[f"member_{n}_role"] = forms.ChoiceField(
                label=f"Member {n + 1}: role",
                choices=[("", "Select a role"), *MeetingRole.choices],
                required=False,
            )

    def appendix_fields(self):
        return [self[name] for name in self.base_fields]

    def member_rows(self):
        return [
            [self[f"member_{n}_{part}"] for part in ("organisation", "person_name", "role")]
            for n in range(self.rows)
        ]

    def values(self) -> dict:
        data = self.cleaned_data
        members = [
            tuple(data[f"member_{n}_{part}"] for part in ("organisation", "person_name", "role"))
            for n in range(self.rows)
        ]
        return {
            **{name: data[name] for name in self.base_fields},
            "members": [row for row in members if any(value.strip() for value in row)],
        }


class ApproveForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="For which statutory partner agency?",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Select the agency",
    )
    comments = forms.CharField(
        label="Comments (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
