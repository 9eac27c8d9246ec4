"""The forms of the LCSPR's review panel and terms of reference pages (lcspr.panel_views); the
services check everything again and list every error at once. Named forms_* so that
tests/test_every_form.py finds them."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from config.widgets import GovukDateField
from lcspr.choices import PanelConflicts, PanelPartner, PanelRole
from lcspr.services.panel_terms import SECTIONS


def _text(label, limit=200, rows=None, **kwargs):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, max_length=limit, required=False, widget=widget, **kwargs)


class PanelMemberForm(forms.Form):
    member = forms.ChoiceField(
        label="A member of the partnership",
        required=False,
        help_text="Or leave this empty and name someone from outside the partnership below.",
    )
    name = _text("Name of someone from outside the partnership")
    job_title = _text("Their job title or role")
    organisation = _text("Their organisation")
    email = _text("Their e-mail address", 254, help_text="To invite them to panel meetings.")
    panel_role = forms.ChoiceField(
        label="Role on the panel",
        choices=PanelRole.choices,
        widget=forms.RadioSelect,
        required=False,  # the service says so, with every other error
    )
    statutory_partner = forms.ChoiceField(
        label="The statutory partner they represent",
        choices=[("", "Not a statutory partner representative"), *PanelPartner.choices],
        required=False,
        help_text="For a statutory partner representative.",
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["member"].choices = [("", "Someone from outside the partnership")] + [
            (
                str(m.pk),
                f"{m.user.get_full_name() or m.user.email}"
                + (f", {m.agency.name}" if m.agency_id else ""),
            )
            for m in members
        ]

    def clean_member(self):
        value = self.cleaned_data["member"]
        if not value:
            return None
        if value not in self.members:
            raise ValidationError("Select a member of this partnership")
        return self.members[value]


class PanelDeclarationForm(forms.Form):
    conflicts = forms.ChoiceField(
        label="Conflicts of interest",
        choices=PanelConflicts.choices,
        widget=forms.RadioSelect,
        required=False,  # the service says so, with every other error
    )
    conflicts_details = _text("Details of the conflict of interest", 10000, rows=3)
    chair_decision = _text(
        "The chair's decision",
        10000,
        rows=3,
        help_text="For example, that they take part but leave the discussion of a named agency.",
    )
    declared_on = GovukDateField(label="Date of the declaration", past_only=True, required=False)
    confidentiality_signed_on = GovukDateField(
        label="Date the confidentiality agreement was signed",
        past_only=True,
        required=False,
        help_text="They see the case only once both are recorded.",
    )


class PanelRemoveForm(forms.Form):
    reason = forms.CharField(
        label="Why they are leaving the panel",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why they are leaving the panel"},
    )


class PanelTermsForm(forms.Form):
    """Appendix 5's sections, and Appendix 6's timeline as a step and its date a line."""

    timeline = forms.CharField(
        label="Timeline",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "One step a line: the step, a vertical bar, then its date as day/month/year, for"
            " example: First review panel meeting | 22/12/2026"
        ),
    )
    change_summary = _text(
        "What changed in this version", 20000, rows=3, help_text="For a version after the first."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sections = {field: _text(heading, 20000, rows=4) for field, heading in reversed(SECTIONS)}
        self.fields = {**sections, **self.fields}

    def clean_timeline(self):
        rows, problems = [], []
        for n, line in enumerate(self.cleaned_data["timeline"].splitlines(), 1):
            if not line.strip():
                continue
            step, _bar, when = (part.strip() for part in line.partition("|"))
            date = ""
            if when:
                try:
                    date = datetime.datetime.strptime(when, "%d/%m/%Y").date().isoformat()
                except ValueError:
                    problems.append(
                        f"Line {n}: enter the date as day/month/year, for example 22/12/2026"
                    )
            if not step:
                problems.append(f"Line {n}: enter the step before the vertical bar")
            rows.append({"step": step, "date": date})
        if problems:
            raise ValidationError(problems)
        return rows


def timeline_text(rows) -> str:
    """The timeline as the form shows it."""
    lines = []
    for row in rows or []:
        date = row.get("date") or ""
        if date:
            date = datetime.date.fromisoformat(date).strftime("%d/%m/%Y")
        lines.append(f"{row.get('step', '')} | {date}" if date else row.get("step", ""))
    return "\n".join(lines)


class PanelSignOffForm(forms.Form):
    meeting = forms.ChoiceField(
        label="The review panel meeting it was signed off at",
        widget=forms.RadioSelect,
        required=False,  # the service says so, with the sections still missing
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.pk): m for m in meetings}
        self.fields["meeting"].choices = [
            (str(m.pk), f"{m.title}, {m.when_text} ({m.get_status_display().lower()})")
            for m in meetings
        ]

    def clean_meeting(self):
        value = self.cleaned_data["meeting"]
        if not value:
            return None
        if value not in self.meetings:
            raise ValidationError("Select a review panel meeting from the list")
        return self.meetings[value]


class PanelApproveForm(forms.Form):
    # Not required here: the service lists every missing item at once.
    approved_by = _text(
        "Who approved the change", 300, help_text="The review group, and who chaired it."
    )
    approved_on = GovukDateField(
        label="Date the change was approved", past_only=True, required=False
    )


class PanelReviseForm(forms.Form):
    change_summary = forms.CharField(
        label="What is to change",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what is to change"},
    )
