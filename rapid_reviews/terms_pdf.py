"""The terms of reference's PDF (Lincolnshire 000 Appendix E), one version of them, marked
OFFICIAL-SENSITIVE: every heading of the appendix, the membership table and the record of the
statutory partners' agreement. Rendered off the request path by cases/rendered (registered in
RapidReviewsConfig.ready() through report_pdf.register_pdf_kinds), once per version of its
content: a version's status or approvals changing makes a new PDF."""

from cases.rendered.kinds import DocumentKind
from rapid_reviews.models import TermsOfReference


def terms_for_print(pk: int) -> TermsOfReference:
    return TermsOfReference.objects.select_related(
        "rapid_review__case__partnership", "created_by"
    ).get(pk=pk)


def _case(terms: TermsOfReference):
    return terms.rapid_review.case


def approval_rows(terms: TermsOfReference) -> list[dict]:
    """Each statutory partner agency with its approval of the version, or none yet; an agency
    that approved and is no longer a statutory partner is still listed."""
    from rapid_reviews.services.terms import statutory_partners

    approvals = {a.agency_id: a for a in terms.approvals.select_related("agency", "approved_by")}
    agencies = {a.pk: a for a in statutory_partners(terms.partnership_id)}
    agencies |= {pk: a.agency for pk, a in approvals.items() if pk not in agencies}
    rows = []
    for agency in sorted(agencies.values(), key=lambda a: (a.name, a.pk)):
        approval = approvals.get(agency.pk)
        by = approval.approved_by if approval else None
        rows.append(
            {
                "agency": agency,
                "approved": approval is not None,
                "approved_at": approval.approved_at if approval else None,
                "approved_by_name": (by.full_name or by.email) if by else None,
                "recorded_for_agency": bool(approval and approval.recorded_for_agency),
                "comments": approval.comments if approval else "",
            }
        )
    return rows


def _context(terms: TermsOfReference) -> dict:
    review = terms.rapid_review
    return {
        "terms": terms,
        "review": review,
        "case": review.case,
        "partnership": review.case.partnership,
        "members": list(terms.members.all()),
        "approvals": approval_rows(terms),
    }


TERMS_PDF = DocumentKind(
    name="rapid_review_terms",
    title="terms of reference",
    template="rapid_reviews/pdf/terms.html",
    load=terms_for_print,
    context=_context,
    case=_case,
)
