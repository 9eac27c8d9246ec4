"""The report's edit form: every section, or one (`sections`), with the version the editing
started from carried in a hidden field; the submit and conclude forms."""

import re

from django import forms
from django.utils import timezone

from config.widgets import GovukDateField
from rapid_reviews import report_sections as rs
from rapid_reviews.choices import ReviewDecision

BLANK_ROWS = 2
TEXT_LIMIT = 50000


def _text(label, help_text="", rows=5, limit=TEXT_LIMIT):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def section_data(section: rs.Section, value) -> dict:
    """The form data that shows a section's stored value."""
    if section.kind == rs.TEXT:
        return {section.key: value or ""}
    if section.kind == rs.CRITERIA:
        data = {}
        for k in rs.CRITERIA_KEYS:
            item = value.get(k) or {}
            data[f"criteria_{k}"] = item.get("decision", "")
            data[f"criteria_{k}_notes"] = item.get("notes", "")
        return data
    if section.kind == rs.RECOMMENDATION:
        return {
            "recommendation": value.get("choice", ""),
            "recommendation_other": value.get("other", ""),
        }
    data = {}
    for n, row in enumerate(value):
        data[f"{section.key}_{n}_agency"] = row.get("agency", "")
        for col, _label in section.columns:
            data[f"{section.key}_{n}_{col}"] = row.get(col, "")
    return data


def posted_rows(data, key: str) -> int:
    pattern = re.compile(rf"^{key}_(\d+)_agency$")
    numbers = [int(m.group(1)) for name in (data or {}) if (m := pattern.match(name))]
    return max(numbers) + 1 if numbers else 0


class ReportForm(forms.Form):
    base_version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="What did you change? (optional)",
        help_text="Shown in the list of versions.",
        required=False,
        max_length=500,
    )

    def __init__(self, data=None, *, report, sections=None, rows=None, **kwargs):
        self.sections = [rs.BY_KEY[k] for k in (sections or rs.KEYS)]
        content = report.content
        initial = {"base_version": report.version}
        for section in self.sections:
            initial |= section_data(section, content.get(section.key, rs.empty_value(section)))
        super().__init__(data, initial=initial, **kwargs)
        self.rows = {}
        for section in self.sections:
            self._add(section, content, rows or {})

    def _add(self, section, content, rows):
        key = section.key
        if section.kind == rs.TEXT:
            self.fields[key] = _text(section.label, section.hint)
        elif section.kind == rs.CRITERIA:
            for k, label in rs.CRITERIA_LIST:
                self.fields[f"criteria_{k}"] = forms.ChoiceField(
                    label=label, choices=rs.YES_NO, required=False, widget=forms.RadioSelect
                )
                self.fields[f"criteria_{k}_notes"] = forms.CharField(
                    label=f"Notes (optional): {label[:60]}…"
                    if len(label) > 60
                    else f"Notes (optional): {label}",
                    required=False,
                    max_length=5000,
                )
        elif section.kind == rs.RECOMMENDATION:
            self.fields["recommendation"] = forms.ChoiceField(
                label="After completing this rapid review it has been agreed that this case:",
                choices=rs.RECOMMENDATIONS,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields["recommendation_other"] = _text(
                "Details (required for I, other)",
                "For C or D, what kind of review; for I, what the recommendation is.",
                rows=2,
                limit=5000,
            )
        else:
            existing = len(content.get(key) or [])
            count = max(existing + BLANK_ROWS, posted_rows(self.data, key), rows.get(key, 0))
            self.rows[key] = count
            for n in range(count):
                self.fields[f"{key}_{n}_agency"] = forms.CharField(
                    label=f"Row {n + 1}: agency", required=False, max_length=200
                )
                for col, label in section.columns:
                    self.fields[f"{key}_{n}_{col}"] = forms.CharField(
                        label=f"Row {n + 1}: {label[:1].lower()}{label[1:]}",
                        required=False,
                        max_length=10000,
                        widget=forms.Textarea(attrs={"rows": 2})
                        if col in ("evidence", "learning", "action")
                        else forms.TextInput,
                    )

    def first_field(self, key: str) -> str:
        section = rs.BY_KEY[key]
        if section.kind == rs.CRITERIA:
            return f"criteria_{rs.CRITERIA_KEYS[0]}"
        if section.kind == rs.ROWS:
            return f"{key}_0_agency"
        return key

    @property
    def service_fields(self) -> dict:
        return {s.key: self.first_field(s.key) for s in self.sections}

    def groups(self):
        """Per section: its label, source and the bound fields (rows grouped)."""
        out = []
        for section in self.sections:
            group = {"section": section}
            if section.kind == rs.TEXT:
                group["fields"] = [self[section.key]]
            elif section.kind == rs.CRITERIA:
                group["criteria"] = [
                    (self[f"criteria_{k}"], self[f"criteria_{k}_notes"]) for k in rs.CRITERIA_KEYS
                ]
            elif section.kind == rs.RECOMMENDATION:
                group["fields"] = [self["recommendation"], self["recommendation_other"]]
            else:
                cols = ["agency", *(c for c, _ in section.columns)]
                group["rows"] = [
                    [self[f"{section.key}_{n}_{c}"] for c in cols]
                    for n in range(self.rows[section.key])
                ]
            out.append(group)
        return out

    def values(self) -> dict:
        data = self.cleaned_data
        out = {}
        for section in self.sections:
            key = section.key
            if section.kind == rs.TEXT:
                out[key] = data[key]
            elif section.kind == rs.CRITERIA:
                out[key] = {
                    k: {"decision": data[f"criteria_{k}"], "notes": data[f"criteria_{k}_notes"]}
                    for k in rs.CRITERIA_KEYS
                }
            elif section.kind == rs.RECOMMENDATION:
                out[key] = {
                    "choice": data["recommendation"],
                    "other": data["recommendation_other"],
                }
            else:
                cols = ["agency", *(c for c, _ in section.columns)]
                out[key] = [
                    {c: data[f"{key}_{n}_{c}"] for c in cols} for n in range(self.rows[key])
                ]
        return out


class SubmitForm(forms.Form):
    sent_on = GovukDateField(
        label="Date the report was sent to the National Panel",
        help_text="For example, 27 3 2027.",
        past_only=True,
        required=False,
    )


class ConcludeForm(forms.Form):
    decision = forms.ChoiceField(
        label="What did the partnership decide?",
        choices=ReviewDecision.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    decided_on = GovukDateField(label="Date of the decision", past_only=True, required=False)
    rationale = forms.CharField(
        label="Rationale",
        help_text="Why, including the National Panel's response.",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


QUORUM_WORDS = {True: "quorate", False: "not quorate", None: "attendance not recorded"}


def meeting_label(meeting) -> str:
    held = timezone.localtime(meeting.starts_at)
    return f"{meeting.title}, {held:%-d %B %Y %H:%M} ({QUORUM_WORDS[meeting.quorate]})"


class DecisionMeetingForm(forms.Form):
    """Which of the case's meetings agreed the decision written in the report."""

    meeting = forms.TypedChoiceField(
        label="Which meeting agreed the decision?",
        help_text="Only a quorate meeting can: record its attendance on the meeting's page first.",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the meeting that agreed the decision"},
    )

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in meetings}
        self.fields["meeting"].choices = [(m.pk, meeting_label(m)) for m in meetings]

    def clean_meeting(self):
        return self.meetings.get(self.cleaned_data.get("meeting"))
