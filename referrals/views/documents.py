"""PDFs of the submitted referral and of the recommendation to the executive. Both downloads
are permission-checked and written to the case's access log."""

from django.http import Http404, HttpResponse
from django.utils import timezone

from cases.audit import access_record
from cases.models import AccessKind
from referrals import selectors
from referrals.answers import display
from referrals.choices import LookupKind
from referrals.lookups import lookup_choices, lookup_labels
from referrals.pdf import render_pdf
from referrals.views._base import get_referral


def _pdf_response(request, referral, data: bytes, name: str):
    access_record(
        user=request.user,
        case=referral.case,
        kind=AccessKind.DOWNLOAD_DOCUMENT,
        object_repr=f"{name} PDF (referral {referral.pk})",
    )
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"{referral.case.reference}-{name}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def referral_pdf_bytes(referral, user) -> bytes:
    partnership = referral.partnership
    return render_pdf(
        "referrals/pdf/referral.html",
        {
            "referral": referral,
            "partnership": partnership,
            "children": list(referral.children.all()),
            "people": list(referral.people.all()),
            "contacts": list(referral.contacts.all()),
            "reasons": lookup_labels(partnership, LookupKind.REASON, referral.reasons),
            "characteristics": lookup_labels(
                partnership, LookupKind.CHARACTERISTIC, referral.characteristics
            ),
            "generated_at": timezone.localtime(),
            "generated_by": user,
        },
    )


def recommendation_pdf_bytes(referral, recommendation, user) -> bytes:
    partnership = referral.partnership
    chosen = set(recommendation.characteristics)
    return render_pdf(
        "referrals/pdf/recommendation.html",
        {
            "referral": referral,
            "partnership": partnership,
            "recommendation": recommendation,
            "decision": getattr(recommendation, "executive_decision", None),
            "children": list(referral.children.all()),
            "characteristics": [
                {"label": label, "ticked": key in chosen}
                for key, label in lookup_choices(
                    partnership, LookupKind.CHARACTERISTIC, keep=list(chosen)
                )
            ],
            "harm": display(recommendation, "harm", partnership),
            "abuse": display(recommendation, "abuse_or_neglect", partnership),
            "generated_at": timezone.localtime(),
            "generated_by": user,
        },
    )


def referral_pdf(request, partnership_slug, pk):
    referral = get_referral(request, pk, detail=True)
    if referral.submitted_at is None or referral.case_id is None:
        raise Http404("The referral has not been received yet")
    data = referral_pdf_bytes(referral, request.user)
    return _pdf_response(request, referral, data, "referral")


def recommendation_pdf(request, partnership_slug, pk):
    referral = get_referral(request, pk, detail=True)
    recommendation = selectors.latest_recommendation(referral)
    if recommendation is None or referral.case_id is None:
        raise Http404("There is no recommendation")
    data = recommendation_pdf_bytes(referral, recommendation, request.user)
    return _pdf_response(request, referral, data, "recommendation")
