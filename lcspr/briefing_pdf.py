"""The 7-minute briefing's one-page A4 PDF (the Warwickshire format: seven boxes), rendered by
cases/rendered (registered in LcsprConfig.ready()). Written for publication, so not marked
OFFICIAL-SENSITIVE; each section's limit (lcspr/briefing.py) keeps it to one page."""

from cases.rendered.kinds import DocumentKind
from lcspr.briefing import SECTIONS
from lcspr.models import SevenMinuteBriefing


def briefing_for_print(pk: int) -> SevenMinuteBriefing:
    return SevenMinuteBriefing.objects.select_related(
        "case__partnership", "local_review", "learning_review"
    ).get(pk=pk)


def _context(briefing: SevenMinuteBriefing) -> dict:
    return {
        "briefing": briefing,
        "case": briefing.case,
        "partnership": briefing.case.partnership,
        "sections": [(n, label, getattr(briefing, f)) for f, n, label, _e in SECTIONS],
    }


BRIEFING_PDF = DocumentKind(
    name="lcspr_briefing",
    title="7-minute-briefing",
    template="lcspr/pdf/briefing.html",
    load=briefing_for_print,
    context=_context,
    case=lambda briefing: briefing.case,
)


def register_pdf_kinds() -> None:
    from cases.rendered.kinds import register
    from lcspr.terms_pdf import LEARNING_TERMS_PDF, TERMS_PDF

    register(BRIEFING_PDF)
    register(TERMS_PDF)
    register(LEARNING_TERMS_PDF)
