"""The wording of a reflective practitioner session's invitation, briefing and agenda (Swindon 001
Appendices 11, 12 and 13): the partnership's registered letters `practitioner_invitation`,
`practitioner_briefing` and `practitioner_agenda` (lcspr/document_templates.py, editable under
Settings, "Letters and templates"). Each session keeps its own editable copy, prefilled from the
partnership's wording when it is arranged. Placeholders (string.Template): $child_initials,
$session_date, $session_time, $venue, $lead_reviewer, $reply_by, $partnership; they are filled
in when the text is shown or sent, so a session moved to another day says the new day."""

import string

from cases.document_templates import current_wording, template_spec

PLACEHOLDERS = {
    "child_initials": "The initials of the case's children (the case reference when none is"
    " recorded)",
    "session_date": "The session's date",
    "session_time": "The session's start and end time",
    "venue": "Where the session is held, or how to join it online",
    "lead_reviewer": "The independent lead reviewer's name",
    "reply_by": "The date to reply by",
    "partnership": "The partnership's name",
}

# A session's text field -> the registered letter it starts from.
LETTERS = {
    "invitation_text": "practitioner_invitation",
    "briefing_text": "practitioner_briefing",
    "agenda_text": "practitioner_agenda",
}


def defaults(partnership) -> dict[str, str]:
    """A new session's three texts: the partnership's own wording where it has rewritten a
    letter, the registered wording otherwise."""
    return {field: current_wording(partnership, key)[1] for field, key in LETTERS.items()}


def registered_defaults() -> dict[str, str]:
    """The registered wording, for records made without a partnership's own (bench/national.py)."""
    return {field: template_spec(key).default_body for field, key in LETTERS.items()}


def fill(text: str, values: dict[str, str]) -> str:
    """The text with its placeholders filled in; an unknown $word stays as typed."""
    return string.Template(text).safe_substitute(values)
