"""Reminder e-mails rendered once per kind and filled in per case are exactly what rendering
each one through the templates gives."""

import datetime as dt

import pytest

from cases.emails import email_render
from cases.reminders.render import ReminderRenderer, subject_label

SHARED = {
    "partnership_name": "Alpha & Omega SCP",
    "stage_label": "Rapid review",
    "statutory": True,
    "overdue": False,
    "escalation": False,
    "escalated_to": "business manager",
}
LABELS = [
    "Agency chronologies returned",
    'Chronologies <b>returned</b> & "checked" by the SLO\'s team',
    "A very long label " * 20,
]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("flags", [{}, {"overdue": True}, {"overdue": True, "escalation": True}])
def test_filled_in_reminders_equal_rendered_ones(label, flags):
    renderer = ReminderRenderer()
    shared = {**SHARED, **flags}
    for n, due in enumerate((dt.date(2027, 1, 5), dt.date(2027, 1, 15))):
        values = {
            "reference": f"ALP-2026-000{n}",
            "step_label": label,
            "subject_label": subject_label(label),
            "reminder_text": f"is due on {due:%a} {due.day} {due:%b %Y}",
            "due_text": f"{due:%a} {due.day} {due:%b %Y}",
            "url": f"https://prm.example/p/alpha/cases/{n}/?a=1&b=2",
        }
        assert renderer.render(shared, values) == email_render("reminder", {**shared, **values})
    assert len(renderer._cache) == 1
