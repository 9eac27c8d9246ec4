"""Reminder e-mails for many deadlines at once, rendered through cases.emails like any other.

The sweep may queue a thousand reminders in one go. Rendering three templates a thousand times
is most of its time, yet they differ only in a few values (reference, step, due date, link). So
each template is rendered once per kind of reminder with placeholder tokens in those places,
and each e-mail fills the tokens in: HTML-escaped in the HTML part, as is in the text parts,
exactly what the template engine would have produced (a test holds the two together).
"""

from __future__ import annotations

from django.utils.html import escape as escape_html
from django.utils.text import Truncator

from cases.emails import RenderedEmail, email_render

# Private-use characters: left alone by HTML escaping, never typed in a label.
PER_EMAIL = ("reference", "step_label", "subject_label", "reminder_text", "due_text", "url")
_TOKENS = {name: f"\ue000{name}\ue001" for name in PER_EMAIL}
SUBJECT_MAX = 250


def subject_label(step_label: str) -> str:
    return step_label if len(step_label) <= 120 else Truncator(step_label).chars(120)


class ReminderRenderer:
    def __init__(self, template: str = "reminder"):
        self.template = template
        self._cache: dict[tuple, RenderedEmail] = {}

    def render(self, shared: dict, values: dict) -> RenderedEmail:
        """``shared``: the context every e-mail of this kind has in common (hashable values);
        ``values``: the per-e-mail strings named in PER_EMAIL."""
        key = tuple(sorted(shared.items()))
        base = self._cache.get(key)
        if base is None:
            base = email_render(self.template, {**shared, **_TOKENS})
            self._cache[key] = base
        subject = " ".join(_fill(base.subject, values, escape=False).split())
        return RenderedEmail(
            subject=subject[:SUBJECT_MAX],
            text=_fill(base.text, values, escape=False),
            html=_fill(base.html, values, escape=True),
        )


def _fill(text: str, values: dict, *, escape: bool) -> str:
    for name, token in _TOKENS.items():
        if token in text:
            value = str(values[name])
            text = text.replace(token, escape_html(value) if escape else value)
    return text
