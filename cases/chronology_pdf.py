"""The integrated chronology's PDF, rendered off the request path by cases/rendered/ (ADR 0011):
one document kind per stage and kind of chronology, its record the case. The PDF holds every
entry (the filters are the page's and the spreadsheet's)."""

from cases.chronologies import (
    IntegratedFilter,
    attach_chronologies,
    integrated_chronologies,
    integrated_entries,
)
from cases.models import Case, ChronologyKind, ChronologyPurpose
from cases.rendered.kinds import DocumentKind, register


def _load(pk: int) -> Case:
    return Case.objects.select_related("partnership").get(pk=pk)


def _context_for(purpose: str, kind: str):
    def context(case: Case) -> dict:
        chronologies = integrated_chronologies(case=case, purpose=purpose, kind=kind)
        chosen = IntegratedFilter(purpose=purpose, kind=kind)
        entries = integrated_entries(case=case, chosen=chosen, chronologies=chronologies)
        return {
            "case": case,
            "partnership": case.partnership,
            "purpose": ChronologyPurpose(purpose).label,
            "kind": ChronologyKind(kind).label,
            "chronologies": chronologies,
            "entries": attach_chronologies(entries, chronologies),
        }

    return context


def pdf_kind(purpose: str, kind: str) -> DocumentKind:
    return _KINDS[(purpose, kind)]


_KINDS = {
    (purpose, kind): DocumentKind(
        name=f"chronology_{purpose}_{kind}",
        title=f"integrated {ChronologyKind(kind).label.lower()} chronology",
        template="cases/pdf/chronology_integrated.html",
        load=_load,
        context=_context_for(purpose, kind),
        case=lambda case: case,
    )
    for purpose in ChronologyPurpose.values
    for kind in ChronologyKind.values
}


def register_pdf_kinds() -> None:
    for document_kind in _KINDS.values():
        register(document_kind)
