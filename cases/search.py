"""Find a case (issue 11): by reference, by the name or alias of a child or family member (near
spellings too, on PostgreSQL), by date of birth or by NHS number. ADR 0012.

The searchable people are a case's subjects and a referral's children and family; the records
are the member's own view of them: ``visible_cases`` and ``visible_referrals``, the same rules as
every list, so another partnership's child, a restricted case the member is not on, or another
agency's draft is never found. PostgreSQL's row-level security holds the partnership line too.

On PostgreSQL a name matches when it contains the word or is spelled like it (pg_trgm's
``%`` and ``%>`` operators, thresholds 0.3 and 0.6, PostgreSQL's defaults); on SQLite (the
embedded demo) only the plain match. The people are read through the partnership's index: under
row-level security PostgreSQL will not use an index for a non-leakproof operator such as ``%``
or ILIKE (ADR 0012), so there are no trigram indexes. Each result says why it matched.
``search_cases`` writes the access-log row every search needs; ``find`` only reads.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q, QuerySet

from cases import extensions
from cases.audit import access_record
from cases.models import AccessKind, Case, Membership, Subject, SubjectRole
from cases.permissions import visible_cases
from cases.validators import normalise_nhs_number

MIN_LENGTH = 2
MAX_LENGTH = 100
MAX_WORDS = 4
PEOPLE_LIMIT = 200  # matching people read per kind of record
RESULTS_LIMIT = 100

EMPTY = "Enter a name, reference, date of birth or NHS number"
TOO_SHORT = f"Search for at least {MIN_LENGTH} characters"
TOO_LONG = f"Search for {MAX_LENGTH} characters or fewer"

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TEXT_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_WORD = re.compile(r"\w+", re.UNICODE)


class SearchError(ValueError):
    """The query cannot be searched for; the message is shown to the user as it is."""


@dataclass(frozen=True)
class Query:
    text: str
    words: tuple[str, ...] = ()
    nhs_number: str = ""
    date_of_birth: datetime.date | None = None

    @property
    def is_reference_like(self) -> bool:
        """A single word with a digit in it, not a date or NHS number: LIN-2026-0001, R-0003."""
        return (
            len(self.words) == 1
            and not self.nhs_number
            and self.date_of_birth is None
            and any(ch.isdigit() for ch in self.text)
            and len(self.text) >= 3
        )


def parse_date(text: str) -> datetime.date | None:
    """A date as people type it on GOV.UK forms: 12/3/2019, 12-03-2019, 12 March 2019,
    12 Mar 2019, or ISO 2019-03-12. None when it is not a date."""
    text = text.strip().lower()
    day = month = year = None
    if m := _NUMERIC_DATE.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif (m := _TEXT_DATE.match(text)) and m.group(2) in MONTHS:
        day, month, year = int(m.group(1)), MONTHS[m.group(2)], int(m.group(3))
    if day is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def parse_query(raw: str | None) -> Query:
    """What was asked for; SearchError with a GOV.UK message when it cannot be searched."""
    # Control characters (a NUL byte, which PostgreSQL refuses in a string) are dropped.
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in raw or "").split())
    if not text:
        raise SearchError(EMPTY)
    if len(text) < MIN_LENGTH:
        raise SearchError(TOO_SHORT)
    if len(text) > MAX_LENGTH:
        raise SearchError(TOO_LONG)
    digits = normalise_nhs_number(text)
    if len(digits) == 10 and digits.isdigit():
        return Query(text=text, nhs_number=digits)
    if (born := parse_date(text)) is not None:
        return Query(text=text, date_of_birth=born)
    words = tuple(dict.fromkeys(w.lower() for w in text.split()))[:MAX_WORDS]
    return Query(text=text, words=words)


# --- Results -------------------------------------------------------------------------------------


@dataclass
class Result:
    """One case or referral found, with the people and the reasons it matched."""

    kind: str  # "case" or "referral"
    pk: int
    reference: str
    title: str
    status: str
    created_at: datetime.datetime
    is_restricted: bool = False
    case_reference: str = ""
    people: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    score: int = 0

    def add(self, person: str, reasons: list[tuple[str, int]]) -> None:
        if person and person not in self.people:
            self.people.append(person)
        for reason, weight in reasons:
            if reason not in self.reasons:
                self.reasons.append(reason)
                self.score += weight


EXACT, SIMILAR = 2, 1
NAME_FIELDS = (("last_name", "Surname"), ("first_name", "First name"), ("aliases", "Alias"))


def _fuzzy() -> bool:
    return connection.vendor == "postgresql"


def _word_filter(word: str, fields: tuple[str, ...]) -> Q:
    rule = Q()
    for name in fields:
        rule |= Q(**{f"{name}__icontains": word})
    if _fuzzy() and len(word) >= 3:
        from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar

        for name in fields:
            rule |= Q(TrigramSimilar(F(name), word)) | Q(TrigramWordSimilar(F(name), word))
    return rule


def people_filter(query: Query, fields: tuple[str, ...]) -> Q:
    if query.nhs_number:
        return Q(nhs_number=query.nhs_number)
    if query.date_of_birth is not None:
        return Q(date_of_birth=query.date_of_birth)
    rule = Q()
    for word in query.words:
        rule &= _word_filter(word, fields)
    return rule


def _trigrams(word: str) -> set[str]:
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _similarity(a: str, b: str) -> float:
    ta, tb = _trigrams(a), _trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def quote(text: str) -> str:
    return f"\u2018{text}\u2019"


def _reasons(query: Query, person: dict, fields: tuple[str, ...]) -> list[tuple[str, int]]:
    """Why this person matched, in words (the database said that they did)."""
    if query.nhs_number:
        return [("NHS number matches", EXACT)]
    if query.date_of_birth is not None:
        return [(f"Date of birth is {query.date_of_birth:%-d %B %Y}", EXACT)]
    labels = dict(NAME_FIELDS)
    found = []
    for word in query.words:
        exact = [n for n in fields if word in (person.get(n) or "").lower()]
        if exact:
            found.extend((f"{labels[n]} matches {quote(word.capitalize())}", EXACT) for n in exact)
            continue
        # A near spelling: name the closest word of the closest field.
        candidates = [
            (_similarity(word, w), labels[n], w)
            for n in fields
            for w in _WORD.findall(person.get(n) or "")
        ]
        if candidates:
            _, label, closest = max(candidates)
            found.append(
                (
                    f"{label} {quote(closest)} is a similar spelling of {quote(word.capitalize())}",
                    SIMILAR,
                )
            )
    return found


def _person_label(person: dict, role: str) -> str:
    name = " ".join(p for p in (person.get("first_name"), person.get("last_name")) if p)
    name = name or "Name not given"
    return f"{name} ({role.lower()})" if role else name


def people_matches(
    people: QuerySet, query: Query, *, parent: str, fields: tuple[str, ...], role: str = ""
) -> list[tuple[int, str, list[tuple[str, int]]]]:
    """(parent id, person, reasons) for each person of ``people`` who matches the query.

    ``parent`` names the record the person belongs to (``case_id``, ``referral_id``),
    ``fields`` the name fields searched, ``role`` the person's role when the model has no
    ``role`` field (a referral's children)."""
    wanted = ["id", parent, "first_name", "last_name", *fields]
    if not role:
        wanted.append("role")
    rows = (
        people.filter(people_filter(query, fields))
        .values(*dict.fromkeys(wanted))
        .order_by("-id")[:PEOPLE_LIMIT]
    )
    roles = dict(SubjectRole.choices)
    return [
        (
            row[parent],
            _person_label(row, role or roles.get(row["role"], row["role"] or "")),
            _reasons(query, row, fields),
        )
        for row in rows
    ]


def _case_result(case: Case) -> Result:
    return Result(
        kind="case",
        pk=case.pk,
        reference=case.reference,
        title=case.title,
        status=case.get_stage_display(),
        created_at=case.created_at,
        is_restricted=case.is_restricted,
    )


def case_results(*, membership: Membership, query: Query) -> list[Result]:
    """The member's visible cases whose people or reference match."""
    cases = visible_cases(membership)
    found: dict[int, list] = {}
    people = Subject.objects.filter(
        partnership=membership.partnership_id,
        archived_at__isnull=True,
        case__in=cases.values("pk"),
    )
    for case_id, person, reasons in people_matches(
        people, query, parent="case_id", fields=("first_name", "last_name", "aliases")
    ):
        found.setdefault(case_id, []).append((person, reasons))
    by_reference = set()
    if query.is_reference_like:
        by_reference = set(
            cases.filter(reference__icontains=query.text).values_list("pk", flat=True)[
                :RESULTS_LIMIT
            ]
        )
    results = []
    for case in cases.filter(pk__in=set(found) | by_reference):
        result = _case_result(case)
        if case.pk in by_reference:
            result.add("", [(f"Reference matches {quote(query.text)}", EXACT)])
        for person, reasons in found.get(case.pk, ()):
            result.add(person, reasons)
        results.append(result)
    return results


def find(*, membership: Membership, query: Query) -> list[Result]:
    """Every match of the query the member may see, best first (then newest): cases here,
    other records from the stage apps (cases.extensions search providers)."""
    results = case_results(membership=membership, query=query)
    results += extensions.search_results(membership, query)
    results.sort(key=lambda r: (-r.score, -r.created_at.timestamp(), r.kind, -r.pk))
    return results[:RESULTS_LIMIT]


def search_cases(*, membership: Membership, user, text: str | None) -> tuple[Query, list[Result]]:
    """Parse, search and write the access-log row (every search is logged, found or not: the
    words searched for and how many records were shown). Raises SearchError for a query that
    cannot be searched (nothing is logged: nothing was read)."""
    query = parse_query(text)
    results = find(membership=membership, query=query)
    access_record(
        user=user,
        partnership=membership.partnership,
        kind=AccessKind.SEARCH,
        object_repr=f"Searched for {quote(query.text)}: {len(results)} found",
    )
    return query, results
