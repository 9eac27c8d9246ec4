"""The LCSPR's terms of reference as a PDF (Swindon 001 Appendix 5, with Appendix 6's
timeline), one version of them, marked OFFICIAL-SENSITIVE, with the record of its sign-off at
the panel or its approval by the review group. Rendered off the request path by cases/rendered
(registered in LcsprConfig.ready() through lcspr.briefing_pdf.register_pdf_kinds). A learning
review's terms of reference and lines of enquiry have theirs too (LEARNING_TERMS_PDF)."""

from cases.rendered.kinds import DocumentKind
from lcspr.models import LearningTerms, PanelTerms


def terms_for_print(pk: int) -> PanelTerms:
    return PanelTerms.objects.select_related(
        "review__case__partnership", "meeting", "created_by", "decided_by"
    ).get(pk=pk)


def _context(terms: PanelTerms) -> dict:
    from lcspr.services.panel import active_panel
    from lcspr.services.panel_terms import SECTIONS

    review = terms.review
    return {
        "terms": terms,
        "review": review,
        "case": review.case,
        "partnership": review.case.partnership,
        "sections": [(heading, getattr(terms, field)) for field, heading in SECTIONS],
        "panel": list(active_panel(review)),
    }


TERMS_PDF = DocumentKind(
    name="lcspr_terms",
    title="terms of reference",
    template="lcspr/pdf/terms.html",
    load=terms_for_print,
    context=_context,
    case=lambda terms: terms.review.case,
)


def learning_terms_for_print(pk: int) -> LearningTerms:
    return LearningTerms.objects.select_related(
        "review__case__partnership", "created_by", "decided_by"
    ).get(pk=pk)


def _learning_context(terms: LearningTerms) -> dict:
    review = terms.review
    return {
        "terms": terms,
        "review": review,
        "case": review.case,
        "partnership": review.case.partnership,
    }


LEARNING_TERMS_PDF = DocumentKind(
    name="lcspr_learning_terms",
    title="learning review terms of reference",
    template="lcspr/pdf/learning_terms.html",
    load=learning_terms_for_print,
    context=_learning_context,
    case=lambda terms: terms.review.case,
)
