"""The rapid review report's two PDFs (registered in RapidReviewsConfig.ready()): the report
itself and the covering letter to the National Panel, both marked OFFICIAL-SENSITIVE. The
submission renders them tagged (PDF structure for screen readers) and keeps them as the case's
documents; the rendered-documents machinery (cases/rendered) can render them too."""

from cases.pdf import LocalOnlyFetcher
from cases.rendered.kinds import DocumentKind, with_production_time
from rapid_reviews import report_sections as rs
from rapid_reviews.models import RapidReviewReport


def _load(pk: int) -> RapidReviewReport:
    return RapidReviewReport.objects.select_related(
        "rapid_review__case__partnership", "submitted_by"
    ).get(pk=pk)


def _case(report):
    return report.rapid_review.case


def _sections(report) -> list[dict]:
    content = report.content
    out = []
    for section in rs.SECTIONS:
        value = content.get(section.key, rs.empty_value(section))
        item = {"section": section, "value": value}
        if section.kind == rs.CRITERIA:
            item["criteria"] = [
                (
                    label,
                    (value.get(k) or {}).get("decision", ""),
                    (value.get(k) or {}).get("notes", ""),
                )
                for k, label in rs.CRITERIA_LIST
            ]
        elif section.kind == rs.RECOMMENDATION:
            item["recommendations"] = [
                (label, value.get("choice") == k) for k, label in rs.RECOMMENDATIONS
            ]
            item["other"] = value.get("other", "")
        elif section.kind == rs.ROWS:
            item["columns"] = [label for _k, label in section.columns]
            item["rows"] = [
                [row.get("agency", ""), *(row.get(k, "") for k, _ in section.columns)]
                for row in value
            ]
        out.append(item)
    return out


def _context(report) -> dict:
    review = report.rapid_review
    return {
        "report": report,
        "review": review,
        "case": review.case,
        "partnership": review.case.partnership,
        "sections": _sections(report),
    }


REPORT_PDF = DocumentKind(
    name="rapid_review_report",
    title="rapid-review-report",
    template="rapid_reviews/pdf/report.html",
    load=_load,
    context=_context,
    case=_case,
)
LETTER_PDF = DocumentKind(
    name="rapid_review_covering_letter",
    title="rapid-review-covering-letter",
    template="rapid_reviews/pdf/covering_letter.html",
    load=_load,
    context=_context,
    case=_case,
)


def render_tagged(kind: DocumentKind, report) -> bytes:
    """The PDF as it is now, tagged."""
    from weasyprint import HTML

    html = with_production_time(kind.html(report))
    return HTML(string=html, base_url=None, url_fetcher=LocalOnlyFetcher()).write_pdf(pdf_tags=True)


def register_pdf_kinds() -> None:
    from cases.rendered.kinds import register
    from rapid_reviews.terms_pdf import TERMS_PDF

    register(REPORT_PDF)
    register(LETTER_PDF)
    register(TERMS_PDF)
