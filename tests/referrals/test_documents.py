"""PDFs of the referral and of the recommendation: the partnership's name, the case reference
and the OFFICIAL-SENSITIVE marking; nothing is fetched from outside while rendering; every
download is permission-checked and in the access log."""

import io
import socket

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases.models import AccessLogEntry, Role
from referrals.pdf import LocalOnlyFetcher, RefusedFetch, render_pdf
from tests.referrals import helpers

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_referral_pdf(world, client_for, no_network):
    side = world.alpha
    referral = helpers.awaiting_executive(
        side,
        what_happened="See <img src='http://example.com/x.png'> and @import url(http://x/y.css)",
    )
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    response = client.get(reverse("referrals:pdf", args=[side.partnership.slug, referral.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    assert side.partnership.name in text
    assert referral.case.reference in text
    assert text.count("OFFICIAL-SENSITIVE") >= 3  # the banner, and top and bottom of each page
    assert "single case referral" in text and "Sam" in text
    assert AccessLogEntry.objects.filter(
        case=referral.case, kind="download_document", user=side.user(Role.BUSINESS_MANAGER)
    ).exists()
    assert no_network == []


def test_recommendation_pdf_has_the_executive_box(world, client_for, no_network):
    side = world.alpha
    referral = helpers.awaiting_executive(side)
    client = client_for(side.user(Role.EXECUTIVE))
    response = client.get(
        reverse("referrals:recommendation_pdf", args=[side.partnership.slug, referral.pk])
    )
    text = pdf_text(response.content)
    assert side.partnership.name in text and referral.case.reference in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "Assurance Executive response and rationale" in text
    assert "Awaiting the executive's decision" in text
    assert "Abuse – alcohol" in text  # the Lincolnshire characteristics list, as tick boxes


def test_no_pdf_before_the_partnership_has_it(world, client_for):
    side = world.alpha
    draft = helpers.complete_draft(side)
    client = client_for(side.user(Role.SLO))
    assert (
        client.get(reverse("referrals:pdf", args=[side.partnership.slug, draft.pk])).status_code
        == 404
    )


def test_fetcher_refuses_everything_but_local_static_files(settings, no_network):
    fetcher = LocalOnlyFetcher()
    for url in (
        "http://example.com/x.png",
        "https://127.0.0.1/static/app/app.css",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "data:image/png;base64,iVBORw0KGgo=",
    ):
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)
    css = settings.STATICFILES_DIRS[0] / "app" / "app.css"
    response = fetcher.fetch(css.as_uri())
    assert response.status == 200


def test_rendering_with_remote_resources_fetches_nothing(no_network, monkeypatch):
    html = (
        '<html><head><link rel="stylesheet" href="http://example.com/a.css"></head>'
        '<body><img src="https://example.com/b.png"><p>OFFICIAL-SENSITIVE</p></body></html>'
    )
    monkeypatch.setattr("referrals.pdf.render_to_string", lambda template, context: html)
    data = render_pdf("any.html", {})
    assert "OFFICIAL-SENSITIVE" in pdf_text(data)
    assert no_network == []
