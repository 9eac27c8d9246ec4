"""PDFs of the submitted referral and of the recommendation to the executive, rendered off the
request path (cases/rendered/): permission-checked here, each download in the access log."""

from django.http import Http404
from django.views.decorators.http import require_http_methods

from cases.rendered.views import document_page
from referrals import selectors
from referrals.documents import RECOMMENDATION_PDF, REFERRAL_PDF
from referrals.views._base import detail_url, get_referral


@require_http_methods(["GET", "HEAD", "POST"])
def referral_pdf(request, partnership_slug, pk):
    referral = get_referral(request, pk)  # the permission check; the PDF loads its own
    if referral.submitted_at is None or referral.case_id is None:
        raise Http404("The referral has not been received yet")
    return document_page(
        request, REFERRAL_PDF, selectors.referral_for_print(pk), back_url=detail_url(referral)
    )


@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_pdf(request, partnership_slug, pk):
    referral = get_referral(request, pk)
    if selectors.latest_recommendation(referral) is None or referral.case_id is None:
        raise Http404("There is no recommendation")
    return document_page(
        request,
        RECOMMENDATION_PDF,
        selectors.referral_for_print(pk),
        back_url=detail_url(referral),
    )
