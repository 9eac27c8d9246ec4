"""The columns of a chronology, as Lincolnshire's template has them (seed 000 Appendix F: Date,
Source of Information, Agency/ Department, Name of Subject(s), Type of Contact, By Whom?,
Details of Event, Comments/Analysis of Outcome), with an optional Time after the date. One list
for the template to download, the import, the pages and the export."""

import re
from dataclasses import dataclass

# The longest a short answer may be (the model's CharFields) and a long one (details, analysis).
SHORT_MAX = 200
LONG_MAX = 10000


@dataclass(frozen=True)
class Column:
    field: str  # ChronologyEntry's field ("subjects": the case's people, by name)
    heading: str  # as in the template
    noun: str  # in error messages: "Enter the date of the event"
    hint: str
    required: bool = False
    max_length: int = SHORT_MAX
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(
        "occurred_on",
        "Date",
        "the date of the event",
        "The day it happened, for example 31/12/2026 or 31 December 2026.",
        required=True,
    ),
    Column(
        "occurred_at",
        "Time",
        "the time of the event",
        "Optional, for example 14:30 or 2:30pm.",
    ),
    Column(
        "source",
        "Source of information",
        "the source of information",
        "Where the information comes from, for example the case file or a police log.",
    ),
    Column(
        "department",
        "Agency/department",
        "the agency or department",
        "The team or service within your agency.",
    ),
    Column(
        "subjects",
        "Name of subject(s)",
        "the names of the subjects",
        "The people on the case the event is about, as named on the case, separated by semicolons.",
        max_length=LONG_MAX,
        aliases=("subjects", "subject", "names of subjects", "name of subject"),
    ),
    Column(
        "contact_type",
        "Type of contact",
        "the type of contact",
        "For example, home visit, strategy discussion, telephone call, hospital attendance.",
    ),
    Column(
        "by_whom",
        "By whom",
        "who made the contact",
        "The practitioner's role, for example health visitor.",
    ),
    Column(
        "details",
        "Details of event",
        "the details of the event",
        "What happened: relevant and succinct.",
        required=True,
        max_length=LONG_MAX,
    ),
    Column(
        "analysis",
        "Comments/analysis of outcome",
        "comments or analysis of the outcome",
        "Your analysis of practice and systems: what went well, what could have been better.",
        max_length=LONG_MAX,
        aliases=("comments", "analysis", "comments analysis", "analysis of outcome"),
    ),
)
BY_FIELD = {c.field: c for c in COLUMNS}
# The columns an entry is made of, other than the date, time and subjects.
TEXT_FIELDS = ("source", "department", "contact_type", "by_whom", "details", "analysis")


def heading_key(text) -> str:
    """A heading as compared: letters and digits only, lower case ("By Whom?" = "by whom")."""
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


HEADINGS: dict[str, Column] = {
    heading_key(name): column for column in COLUMNS for name in (column.heading, *column.aliases)
}
