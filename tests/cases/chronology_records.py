"""Chronologies on a side's case, for the tenant crawler's registry, the role matrix, the
row-level security world and the accessibility pages: made on first use through the services,
so the shared world stays as it is for everyone else.

The world's case involves the police (the SLO's and agency staff's agency): the police's
chronology is theirs, with one entry about the world's child; the school's is another agency's
(a 404 to them)."""

import datetime

from cases.models import Chronology, ChronologyEntry, Role
from cases.services import chronologies as services


def _open(side, agency):
    bm = side.members[Role.BUSINESS_MANAGER]
    if not side.case.agencies.filter(pk=agency.pk).exists():
        side.case.agencies.add(agency)
    return services.chronology_open(
        actor=bm.user,
        membership=bm,
        case=side.case,
        agency=agency,
        purpose="rapid_review",
        scope_from=datetime.date(2025, 6, 1),
        scope_to=datetime.date(2026, 1, 5),
        due_date=datetime.date(2026, 1, 20),
    )


def a_chronology(side) -> Chronology:
    """The police's key events chronology of the rapid review, being written, with an entry.
    Kept in side.extra, like the other records: after a request sent outside the test client
    (schemathesis's), test code may no longer read the side's rows."""
    if "chronology" not in side.extra:
        police = side.agencies["police"]
        chronology = Chronology.objects.filter(case=side.case, agency=police).first()
        if chronology is None:
            chronology = _open(side, police)
            slo = side.members[Role.SLO]
            side.extra["chronology_entry"] = services.entry_add(
                actor=slo.user,
                membership=slo,
                chronology=chronology,
                occurred_on=datetime.date(2025, 11, 3),
                details="Officers attended the family home after a call from a neighbour.",
                contact_type="Police attendance",
                by_whom="PC Example",
                subjects=[side.subject],
            )
        side.extra["chronology"] = chronology
    return side.extra["chronology"]


def an_entry(side) -> ChronologyEntry:
    if "chronology_entry" not in side.extra:
        side.extra["chronology_entry"] = ChronologyEntry.objects.filter(
            chronology=a_chronology(side), removed_at__isnull=True
        ).first()
    return side.extra["chronology_entry"]


def other_agency_chronology(side) -> Chronology:
    """The school's chronology: another agency's, to the police members."""
    school = side.agencies["school"]
    chronology = Chronology.objects.filter(case=side.case, agency=school).first()
    return chronology or _open(side, school)
