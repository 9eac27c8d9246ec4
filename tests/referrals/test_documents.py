"""PDFs of the referral and of the recommendation: rendered off the request path once per
version of the referral (cases/rendered/), with the partnership's name, the case reference and
the OFFICIAL-SENSITIVE marking; nothing fetched from outside while rendering; tables that fit
the page; every download permission-checked and in the access log."""

import io
import socket

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader
from weasyprint import HTML

from cases.models import AccessLogEntry, RenderedDocument, RenderStatus, Role
from cases.pdf import LocalOnlyFetcher, RefusedFetch, html_to_pdf
from cases.rendered import services
from referrals.documents import REFERRAL_PDF
from referrals.models import ReferralChild
from referrals.selectors import referral_for_print
from tests.pdf_layout import overflowing, split_rows
from tests.referrals import helpers
from tests.referrals.large import large_referral

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def content(response) -> bytes:
    return b"".join(response.streaming_content)


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


@pytest.fixture
def renders(celery_eager, django_capture_on_commit_callbacks):
    """`with renders():` runs the renders a request queued, after its commit as in production,
    in the process."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _url(side, referral, name="referrals:pdf"):
    return reverse(name, args=[side.partnership.slug, referral.pk])


def test_referral_pdf_is_prepared_then_downloaded(world, client_for, renders, no_network):
    side = world.alpha
    referral = helpers.awaiting_executive(
        side,
        what_happened="See <img src='http://example.com/x.png'> and @import url(http://x/y.css)",
    )
    bm = side.user(Role.BUSINESS_MANAGER)
    client = client_for(bm)
    with renders():
        waiting = client.get(_url(side, referral))
    assert waiting.status_code == 200 and waiting["Content-Type"].startswith("text/html")
    page = waiting.content.decode()
    assert "Your PDF is being prepared" in page
    assert f'http-equiv="refresh" content="2; url={_url(side, referral)}?waiting=1"' in page
    assert not AccessLogEntry.objects.filter(case=referral.case, kind="download_document")

    ready = client.get(_url(side, referral) + "?waiting=1").content.decode()
    assert "Your PDF is ready" in ready and "Download the referral (PDF)" in ready
    assert 'http-equiv="refresh"' not in ready

    response = client.get(_url(side, referral))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert f'filename="{referral.case.reference}-referral.pdf"' in response["Content-Disposition"]
    text = pdf_text(content(response))
    assert side.partnership.name in text
    assert referral.case.reference in text
    assert text.count("OFFICIAL-SENSITIVE") >= 3  # the banner, and top and bottom of each page
    assert "single case referral" in text and "Sam" in text and "Produced " in text
    assert AccessLogEntry.objects.filter(
        case=referral.case, kind="download_document", user=bm
    ).exists()
    document = RenderedDocument.objects.get()
    assert document.status == RenderStatus.READY and document.render_ms > 0
    assert document.file.name.startswith(f"rendered/{side.partnership.pk}/")
    assert no_network == []


def test_one_row_and_one_task_per_version(world, client_for, django_capture_on_commit_callbacks):
    side = world.alpha
    referral = helpers.submitted(side)
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    with django_capture_on_commit_callbacks() as first:
        client.get(_url(side, referral))
    with django_capture_on_commit_callbacks() as second:
        client.get(_url(side, referral))
    assert len(first) == 1 and second == []
    assert RenderedDocument.objects.get().status == RenderStatus.QUEUED


def test_the_task_renders_a_row_once(world, monkeypatch):
    side = world.alpha
    document = services.document_request(
        REFERRAL_PDF, referral_for_print(helpers.submitted(side).pk)
    )
    calls = []
    monkeypatch.setattr(services, "html_to_pdf", lambda html: calls.append(html) or b"%PDF-1.4")
    services.document_render(document.pk)
    services.document_render(document.pk)
    assert len(calls) == 1 and "[produced-at" not in calls[0]
    document.refresh_from_db()
    assert document.status == RenderStatus.READY and document.size == 8


def test_a_changed_referral_is_rendered_again(world, client_for, renders):
    side = world.alpha
    referral = helpers.submitted(side)
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    with renders():
        client.get(_url(side, referral))
    old = RenderedDocument.objects.get()
    assert "Sam" in pdf_text(content(client.get(_url(side, referral))))

    ReferralChild.objects.filter(referral=referral).update(first_name="Robin")
    with renders():
        waiting = client.get(_url(side, referral))
    assert "Your PDF is being prepared" in waiting.content.decode()
    text = pdf_text(content(client.get(_url(side, referral))))
    assert "Robin" in text and "Sam" not in text
    new = RenderedDocument.objects.get()  # the outdated version and its file are gone
    assert new.pk != old.pk and new.version != old.version
    assert not default_storage.exists(old.file.name)


def test_a_record_changed_while_queued_is_not_rendered_under_the_old_version(world):
    side = world.alpha
    referral = helpers.submitted(side)
    document = services.document_request(REFERRAL_PDF, referral_for_print(referral.pk))
    ReferralChild.objects.filter(referral=referral).update(first_name="Robin")
    services.document_render(document.pk)
    document.refresh_from_db()
    assert document.status == RenderStatus.FAILED and not document.file


def test_a_failed_render_can_be_tried_again(world, client_for, renders, monkeypatch):
    side = world.alpha
    referral = helpers.submitted(side)
    client = client_for(side.user(Role.BUSINESS_MANAGER))

    def broken(html):
        raise OSError("disk full")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    with renders():
        client.get(_url(side, referral))
    failed = client.get(_url(side, referral)).content.decode()
    assert "Your PDF could not be prepared" in failed and "Try again" in failed
    assert 'http-equiv="refresh"' not in failed
    assert RenderedDocument.objects.get().error == "OSError: disk full"

    monkeypatch.setattr(services, "html_to_pdf", html_to_pdf)
    with renders():
        retried = client.post(_url(side, referral))
    assert retried.status_code == 302 and retried["Location"].endswith("?waiting=1")
    assert client.get(_url(side, referral))["Content-Type"] == "application/pdf"


def test_api_answers_202_until_ready(world, renders):
    from rest_framework.test import APIClient

    from tests.factories import api_token

    side = world.alpha
    referral = helpers.awaiting_executive(side)
    user = side.user(Role.EXECUTIVE)
    api = APIClient(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    url = reverse("referrals_api:referral-pdf", args=[side.partnership.slug, referral.pk])
    with renders():
        pending = api.get(url)
    assert pending.status_code == 202 and pending["Retry-After"] == "2"
    assert pending.json() == {"status": "queued", "retry_after": 2}
    ready = api.get(url)
    assert ready.status_code == 200 and content(ready).startswith(b"%PDF-")
    assert AccessLogEntry.objects.filter(
        case=referral.case, kind="download_document", user=user, object_repr__endswith="via API"
    ).exists()


def test_another_partnerships_pdf_is_a_404(world, client_for, renders):
    victim = world.alpha
    referral = helpers.submitted(victim)
    with renders():
        client_for(victim.user(Role.BUSINESS_MANAGER)).get(_url(victim, referral))
    attacker = client_for(world.beta.all_roles.user)
    for url in (_url(victim, referral), _url(world.beta, referral)):
        assert attacker.get(url).status_code == 404
        assert attacker.get(url + "?waiting=1").status_code == 404
        assert attacker.post(url).status_code == 404


def test_recommendation_pdf_has_the_executive_box(world, client_for, renders, no_network):
    side = world.alpha
    referral = helpers.awaiting_executive(side)
    client = client_for(side.user(Role.EXECUTIVE))
    url = _url(side, referral, "referrals:recommendation_pdf")
    with renders():
        client.get(url)
    text = pdf_text(content(client.get(url)))
    assert side.partnership.name in text and referral.case.reference in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "Assurance Executive response and rationale" in text
    assert "Awaiting the executive's decision" in text
    assert "Abuse – alcohol" in text  # the Lincolnshire characteristics list, as tick boxes


def test_no_pdf_before_the_partnership_has_it(world, client_for):
    side = world.alpha
    draft = helpers.complete_draft(side)
    client = client_for(side.user(Role.SLO))
    assert client.get(_url(side, draft)).status_code == 404


def test_tables_of_a_large_referral_fit_the_page_and_rows_do_not_split(world):
    referral = large_referral(world.alpha)
    html = REFERRAL_PDF.html(referral_for_print(referral.pk))
    document = HTML(string=html, url_fetcher=LocalOnlyFetcher()).render()
    assert len(document.pages) >= 20
    assert overflowing(document) == []
    assert split_rows(document) == []


def test_the_layout_checks_can_fail():
    wide = "<table><tr>" + "<td>Wolfeschlegelsteinhausenbergerdorff</td>" * 12 + "</tr></table>"
    tall = "<table>" + ("<tr><td>row<br>" + "line<br>" * 30 + "</td></tr>") * 6 + "</table>"
    assert overflowing(HTML(string=wide).render())
    assert split_rows(HTML(string=tall).render())


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


def test_rendering_with_remote_resources_fetches_nothing(no_network):
    html = (
        '<html><head><link rel="stylesheet" href="http://example.com/a.css"></head>'
        '<body><img src="https://example.com/b.png"><p>OFFICIAL-SENSITIVE</p></body></html>'
    )
    assert "OFFICIAL-SENSITIVE" in pdf_text(html_to_pdf(html))
    assert no_network == []


def test_a_render_the_broker_refused_is_queued_again_on_the_next_request(
    world, client_for, renders, monkeypatch
):
    from cases.tasks import render_document

    side = world.alpha
    referral = helpers.submitted(side)
    client = client_for(side.user(Role.BUSINESS_MANAGER))

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    with monkeypatch.context() as patch:
        patch.setattr(render_document, "delay", broker_down)
        with renders():
            client.get(_url(side, referral))
    assert RenderedDocument.objects.get().status == RenderStatus.QUEUED
    with renders():
        client.get(_url(side, referral) + "?waiting=1")
    assert client.get(_url(side, referral))["Content-Type"] == "application/pdf"
