"""Reads of chronologies (cases.models.chronologies), paired with the rules of
cases.permissions: a case's chronologies a member may see, one of them (404 alike for missing
and someone else's), its entries, the integrated chronology and what My work lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases.models import (
    Case,
    Chronology,
    ChronologyEntry,
    ChronologyKind,
    ChronologyPurpose,
    ChronologyStatus,
    Membership,
    Role,
    Subject,
)
from cases.permissions import visible_cases, visible_chronologies

# GOV.UK tag colours, one per agency in the integrated chronology; the agency's name is always
# written in the tag too (never colour alone).
AGENCY_COLOURS = ("blue", "green", "purple", "orange", "pink", "turquoise", "yellow", "grey")
INTEGRATED_PAGE_SIZE = 250


def case_chronologies(*, membership: Membership, case: Case) -> QuerySet[Chronology]:
    """The case's chronologies the member may see, with their number of entries."""
    return (
        visible_chronologies(membership, case)
        .select_related("agency", "submitted_by")
        .annotate(entry_count=Count("entries", filter=Q(entries__removed_at__isnull=True)))
        .order_by("purpose", "kind", "agency__name", "id")
    )


def chronology_for_user(*, membership: Membership, case: Case, pk: int) -> Chronology:
    chronology = get_object_or_404(
        visible_chronologies(membership, case).select_related(
            "agency", "case", "case__partnership", "submitted_by", "created_by"
        ),
        pk=pk,
    )
    chronology.case = case  # keeps the case's "visible to" mark for the permission checks
    return chronology


def chronology_entries(*, chronology: Chronology) -> QuerySet[ChronologyEntry]:
    """An agency's entries in date order, each with its subjects and who entered it."""
    return (
        ChronologyEntry.objects.filter(chronology=chronology, removed_at__isnull=True)
        .select_related("created_by")
        .prefetch_related(_subjects())
        .order_by("occurred_on", F("occurred_at").asc(nulls_first=True), "position", "id")
    )


def entry_for_chronology(*, chronology: Chronology, pk: int) -> ChronologyEntry:
    return get_object_or_404(chronology_entries(chronology=chronology), pk=pk)


def _subjects() -> Prefetch:
    return Prefetch("subjects", queryset=Subject.objects.order_by("role", "first_name", "id"))


# --- The integrated chronology -----------------------------------------------------------------


@dataclass(frozen=True)
class IntegratedFilter:
    purpose: str
    kind: str = ChronologyKind.EVENTS
    agencies: tuple[int, ...] = ()
    subject: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def purposes_of(case: Case) -> list[str]:
    """The stages that asked for chronologies on the case, in the order of ChronologyPurpose."""
    used = set(Chronology.objects.filter(case=case).values_list("purpose", flat=True))
    return [p for p in ChronologyPurpose.values if p in used]


def integrated_chronologies(*, case: Case, purpose: str, kind: str) -> list[Chronology]:
    """Every agency's chronology of the purpose and kind, each with its colour and its number
    of entries: the key of the integrated chronology (who submitted what)."""
    chronologies = list(
        Chronology.objects.filter(case=case, purpose=purpose, kind=kind)
        .select_related("agency", "submitted_by")
        .annotate(entry_count=Count("entries", filter=Q(entries__removed_at__isnull=True)))
        .order_by("agency__name", "id")
    )
    for index, chronology in enumerate(chronologies):
        chronology.colour = AGENCY_COLOURS[index % len(AGENCY_COLOURS)]
    return chronologies


def integrated_entries(
    *, case: Case, chosen: IntegratedFilter, chronologies: list[Chronology] | None = None
) -> QuerySet[ChronologyEntry]:
    """Every agency's entries merged in date order (time, then agency, then their own order),
    filtered: the same queries for 50 entries or 5,000. With `chronologies` (from
    integrated_chronologies) each entry's chronology is that object, with its colour."""
    qs = ChronologyEntry.objects.filter(
        chronology__case=case,
        chronology__purpose=chosen.purpose,
        chronology__kind=chosen.kind,
        removed_at__isnull=True,
    )
    if chosen.agencies:
        qs = qs.filter(chronology__agency__in=chosen.agencies)
    if chosen.subject:
        qs = qs.filter(subjects=chosen.subject)
    if chosen.date_from:
        qs = qs.filter(occurred_on__gte=chosen.date_from)
    if chosen.date_to:
        qs = qs.filter(occurred_on__lte=chosen.date_to)
    qs = qs.order_by(
        "occurred_on",
        F("occurred_at").asc(nulls_first=True),
        "chronology__agency__name",
        "position",
        "id",
    ).prefetch_related(_subjects())
    if chronologies is None:
        return qs.select_related("chronology__agency", "created_by")
    return qs.select_related("created_by")


def attach_chronologies(entries, chronologies: list[Chronology]) -> list[ChronologyEntry]:
    """Give each entry its chronology from the key (colour, scope, status), without a query."""
    by_id = {c.pk: c for c in chronologies}
    entries = list(entries)
    for entry in entries:
        entry.chronology = by_id[entry.chronology_id]
        entry.outside_scope = not entry.chronology.in_scope(entry.occurred_on)
    return entries


# --- My work -----------------------------------------------------------------------------------


def chronologies_due(*, membership: Membership) -> QuerySet[Chronology]:
    """An agency's SLO: their agency's chronologies still to submit, on the cases they can see,
    the earliest due first (so the overdue)."""
    if not (membership.agency_id and membership.has_role(Role.SLO)):
        return Chronology.objects.none()
    return (
        Chronology.objects.filter(
            case__in=visible_cases(membership),
            agency=membership.agency_id,
        )
        .exclude(status=ChronologyStatus.SUBMITTED)
        .select_related("case", "agency")
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )


def chronologies_late(*, membership: Membership) -> QuerySet[Chronology]:
    """A business manager: chronologies past their due date and not submitted."""
    if not membership.has_role(Role.BUSINESS_MANAGER):
        return Chronology.objects.none()
    return (
        Chronology.objects.filter(
            case__in=visible_cases(membership), due_date__lt=timezone.localdate()
        )
        .exclude(status=ChronologyStatus.SUBMITTED)
        .select_related("case", "agency")
        .order_by("due_date", "id")
    )
