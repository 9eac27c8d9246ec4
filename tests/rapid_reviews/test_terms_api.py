"""The terms of reference through the API, on Lincolnshire's preset: draft, read, change (every
error at once), send, approve by each statutory partner, revise, versions and their PDF; 400,
403, 404 and 409 as the pages' services decide."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases.models import AccessLogEntry, Deadline, DeadlineStatus, Role
from tests.factories import PartnershipFactory, make_member
from tests.rapid_reviews.test_api import api, post

pytestmark = pytest.mark.django_db


def u(s, name, *args):
    return reverse(f"rapid_reviews_api:{name}", args=[s.partnership.slug, s.review.pk, *args])


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def _ready_to_send(s):
    bm = api(s.bm)
    assert post(bm, u(s, "rapid-review-terms-draft")).status_code == 201
    changed = patch(bm, u(s, "rapid-review-terms"), {"chronology_due": "2026-12-10"})
    assert changed.status_code == 200, changed.content
    return bm


def test_draft_read_change_send_approve_and_revise(lincolnshire):
    s = lincolnshire
    bm = api(s.bm)
    assert bm.get(u(s, "rapid-review-terms")).status_code == 404
    assert bm.get(u(s, "rapid-review-terms-versions")).json() == []

    drafted = post(bm, u(s, "rapid-review-terms-draft"))
    assert drafted.status_code == 201, drafted.content
    body = drafted.json()
    assert (body["version"], body["status"], body["is_current"]) == (1, "draft", True)
    assert body["background"] == "A baby was admitted with a head injury."
    assert body["people_in_scope"].startswith("Lily Smith, the child")
    assert (body["scope_from"], body["scope_to"]) == ("2025-11-20", "2026-11-20")
    assert [m["organisation"] for m in body["members"][:3]] == [
        "Lincolnshire County Council",
        "Lincolnshire ICB",
        "Lincolnshire Police",
    ]
    assert [(a["agency_name"], a["approved"]) for a in body["approvals"]] == [
        ("Lincolnshire County Council", False),
        ("Lincolnshire ICB", False),
        ("Lincolnshire Police", False),
    ]
    again = post(bm, u(s, "rapid-review-terms-draft"))
    assert again.status_code == 409 and "already been drafted" in again.json()["detail"]

    read = bm.get(u(s, "rapid-review-terms"))
    assert read.status_code == 200 and read.json()["id"] == body["id"]
    assert AccessLogEntry.objects.filter(
        case=s.case, user=s.bm.user, object_repr__endswith="(API)"
    ).exists()

    partner, lincs = "statutory_partner", "Lincolnshire Safeguarding Children Partnership"
    members = [
        {"organisation": "Lincolnshire County Council", "person_name": "Lia Lead", "role": partner},
        {"organisation": "Lincolnshire Police", "role": partner},
        {"organisation": "Lincolnshire ICB", "person_name": "Ian Exec", "role": partner},
        {"organisation": lincs, "person_name": "Bo Manager", "role": "business_manager"},
    ]
    changed = patch(
        bm,
        u(s, "rapid-review-terms"),
        {"methodology": "Chronologies by 9am.", "chronology_due": "2026-12-10", "members": members},
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["methodology"] == "Chronologies by 9am."
    assert body["chronology_due"] == "2026-12-10"
    assert [(m["person_name"], m["role"]) for m in body["members"]] == [
        ("Lia Lead", "statutory_partner"),
        ("", "statutory_partner"),
        ("Ian Exec", "statutory_partner"),
        ("Bo Manager", "business_manager"),
    ]

    sent = post(bm, u(s, "rapid-review-terms-send"))
    assert sent.status_code == 200 and sent.json()["status"] == "awaiting_approval"
    assert patch(bm, u(s, "rapid-review-terms"), {"reporting": "x"}).status_code == 409
    assert post(bm, u(s, "rapid-review-terms-send")).status_code == 409

    police = post(api(s.police_slo), u(s, "rapid-review-terms-approve"), {"comments": "Agreed."})
    assert police.status_code == 200, police.content
    rows = {a["agency_name"]: a for a in police.json()["approvals"]}
    assert rows["Lincolnshire Police"]["approved"]
    assert rows["Lincolnshire Police"]["approved_by_name"] == "Pat Lead"
    assert rows["Lincolnshire Police"]["comments"] == "Agreed."
    twice = post(api(s.police_slo), u(s, "rapid-review-terms-approve"))
    assert twice.status_code == 409
    icb = post(api(s.icb_exec), u(s, "rapid-review-terms-approve"))
    assert icb.status_code == 200 and icb.json()["status"] == "awaiting_approval"
    # The business manager records the council's approval for it: the last one agrees it.
    agreed = post(bm, u(s, "rapid-review-terms-approve"), {"agency": s.la.pk})
    assert agreed.status_code == 200, agreed.content
    body = agreed.json()
    assert body["status"] == "agreed" and body["agreed_at"]
    rows = {a["agency_name"]: a for a in body["approvals"]}
    assert rows["Lincolnshire County Council"]["recorded_for_agency"]
    assert Deadline.objects.get(case=s.case, key="tor_agreed").status == DeadlineStatus.MET

    revised = post(bm, u(s, "rapid-review-terms-revise"))
    assert revised.status_code == 201, revised.content
    body = revised.json()
    assert (body["version"], body["status"]) == (2, "draft")
    assert body["methodology"] == "Chronologies by 9am."
    assert not any(a["approved"] for a in body["approvals"])
    assert post(bm, u(s, "rapid-review-terms-revise")).status_code == 409

    versions = bm.get(u(s, "rapid-review-terms-versions")).json()
    assert [(v["version"], v["status"]) for v in versions] == [(2, "draft"), (1, "agreed")]
    first = bm.get(u(s, "rapid-review-terms-version", 1))
    assert first.status_code == 200
    assert (first.json()["status"], first.json()["is_current"]) == ("agreed", False)
    assert all(a["approved"] for a in first.json()["approvals"])
    assert bm.get(u(s, "rapid-review-terms-version", 3)).status_code == 404


def test_every_error_at_once(lincolnshire):
    s = lincolnshire
    bm = api(s.bm)
    post(bm, u(s, "rapid-review-terms-draft"))
    bad = patch(
        bm,
        u(s, "rapid-review-terms"),
        {
            "scope_from": "not a date",
            "chronology_due": "2026-13-45",
            "include_earlier_information": "perhaps",
            "members": [{"organisation": "", "role": "mascot"}],
        },
    )
    assert bad.status_code == 400
    assert {"scope_from", "chronology_due", "include_earlier_information", "members"} <= set(
        bad.json()
    )
    backwards = patch(
        bm, u(s, "rapid-review-terms"), {"scope_from": "2026-11-20", "scope_to": "2026-01-01"}
    )
    assert backwards.status_code == 400 and "scope_to" in backwards.json()
    cleared = patch(
        bm, u(s, "rapid-review-terms"), {"background": "", "purpose": "", "contributors": ""}
    )
    assert cleared.status_code == 200
    incomplete = post(bm, u(s, "rapid-review-terms-send"))
    assert incomplete.status_code == 400
    assert {"background", "purpose", "contributors", "chronology_due"} <= set(incomplete.json())
    assert bm.get(u(s, "rapid-review-terms")).json()["status"] == "draft"


def test_who_may_do_what(lincolnshire):
    s = lincolnshire
    # Only a business manager drafts, changes, sends and revises.
    for member in (s.la_slo, s.icb_exec, s.police_staff):
        assert post(api(member), u(s, "rapid-review-terms-draft")).status_code == 403
    bm = _ready_to_send(s)
    slo = api(s.la_slo)
    assert slo.get(u(s, "rapid-review-terms")).status_code == 200  # everyone who sees the case
    assert patch(slo, u(s, "rapid-review-terms"), {"reporting": "x"}).status_code == 403
    assert post(slo, u(s, "rapid-review-terms-send")).status_code == 403
    assert post(bm, u(s, "rapid-review-terms-send")).status_code == 200
    # A school is no statutory partner; agency staff do not approve; an SLO approves for their
    # own agency only; a business manager names a statutory partner agency.
    assert post(api(s.school_slo), u(s, "rapid-review-terms-approve")).status_code == 403
    assert post(api(s.police_staff), u(s, "rapid-review-terms-approve")).status_code == 403
    other = post(slo, u(s, "rapid-review-terms-approve"), {"agency": s.police.pk})
    assert other.status_code == 403
    unnamed = post(bm, u(s, "rapid-review-terms-approve"))
    assert unnamed.status_code == 400 and "agency" in unnamed.json()
    school = post(bm, u(s, "rapid-review-terms-approve"), {"agency": s.school.pk})
    assert school.status_code == 400 and "agency" in school.json()
    assert post(bm, u(s, "rapid-review-terms-revise")).status_code == 409


def test_another_partnership_gets_404(lincolnshire):
    s = lincolnshire
    _ready_to_send(s)
    elsewhere = PartnershipFactory(slug="elsewhere", code="ELS")
    stranger = api(make_member(elsewhere, Role.BUSINESS_MANAGER, email="bm@elsewhere.test"))
    for name, args in (
        ("rapid-review-terms", ()),
        ("rapid-review-terms-versions", ()),
        ("rapid-review-terms-version", (1,)),
        ("rapid-review-terms-pdf", (1,)),
    ):
        assert stranger.get(u(s, name, *args)).status_code == 404, name
    wrong = reverse("rapid_reviews_api:rapid-review-terms", args=[elsewhere.slug, s.review.pk])
    assert stranger.get(wrong).status_code == 404
    assert post(stranger, wrong.replace("/terms/", "/terms/send/")).status_code == 404
    assert patch(stranger, wrong, {"reporting": "x"}).status_code == 404


# --- The PDF ----------------------------------------------------------------------------------


@pytest.fixture
def renders(celery_eager, django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _agreed(s):
    bm = _ready_to_send(s)
    patch(bm, u(s, "rapid-review-terms"), {"reporting": "To the SIRG.", "meeting_dates": "1 Dec"})
    post(bm, u(s, "rapid-review-terms-send"))
    post(api(s.police_slo), u(s, "rapid-review-terms-approve"))
    post(api(s.icb_exec), u(s, "rapid-review-terms-approve"))
    post(bm, u(s, "rapid-review-terms-approve"), {"agency": s.la.pk})


def test_the_pdf_of_a_version_through_the_api(lincolnshire, renders):
    s = lincolnshire
    _agreed(s)
    client = api(s.la_slo)
    with renders():
        pending = client.get(u(s, "rapid-review-terms-pdf", 1))
    assert pending.status_code == 202 and pending["Retry-After"] == "2"
    ready = client.get(u(s, "rapid-review-terms-pdf", 1))
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(ready.streaming_content))
    assert text.count("OFFICIAL-SENSITIVE") >= 3
    for heading in (
        "Background",
        "Purpose",
        "Children and significant others in scope",
        "Scope period",
        "Contributors",
        "Methodology",
        "Reporting",
        "Membership",
        "Assumptions",
        "Changes to the terms of reference",
        "Approval",
    ):
        assert heading in text, heading
    assert s.case.reference in text and "Version 1" in text and "Agreed" in text
    assert "Lily Smith" in text and "To the SIRG." in text
    assert "Bo Manager" in text and "Legal adviser" in text  # the membership table
    assert "Pat Lead" in text and "Ian Exec" in text and "(recorded for" in text
    assert "Initial terms of reference agreed by the statutory partners" in text
    assert AccessLogEntry.objects.filter(
        case=s.case, kind="download_document", user=s.la_slo.user
    ).exists()
    assert api(s.bm).get(u(s, "rapid-review-terms-pdf", 2)).status_code == 404


def test_the_page_links_the_pdf_of_the_version_shown(lincolnshire, client_for, renders):
    s = lincolnshire
    _agreed(s)
    post(api(s.bm), u(s, "rapid-review-terms-revise"))
    client = client_for(s.bm.user)
    slug, pk = s.partnership.slug, s.review.pk
    pdf_url = reverse("rapid_reviews:terms_pdf", args=[slug, pk, 1])
    page = client.get(reverse("rapid_reviews:terms_version", args=[slug, pk, 1])).content.decode()
    assert f'href="{pdf_url}">Download as PDF' in page
    current = client.get(reverse("rapid_reviews:terms", args=[slug, pk])).content.decode()
    assert reverse("rapid_reviews:terms_pdf", args=[slug, pk, 2]) in current
    with renders():
        waiting = client.get(pdf_url)
    assert "Your PDF is being prepared" in waiting.content.decode()
    response = client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    assert "OFFICIAL-SENSITIVE" in text and "Version 1" in text
    draft = client.get(reverse("rapid_reviews:terms_pdf", args=[slug, pk, 2]))
    assert draft.status_code == 200
    assert client.get(reverse("rapid_reviews:terms_pdf", args=[slug, pk, 9])).status_code == 404


def test_a_new_approval_makes_a_new_pdf(lincolnshire):
    from cases.rendered.kinds import version_of
    from rapid_reviews.services.terms import current_terms
    from rapid_reviews.terms_pdf import TERMS_PDF, terms_for_print

    s = lincolnshire
    bm = _ready_to_send(s)
    post(bm, u(s, "rapid-review-terms-send"))
    terms = current_terms(s.review)
    before = version_of(TERMS_PDF.html(terms_for_print(terms.pk)))
    assert version_of(TERMS_PDF.html(terms_for_print(terms.pk))) == before
    post(api(s.police_slo), u(s, "rapid-review-terms-approve"))
    assert version_of(TERMS_PDF.html(terms_for_print(terms.pk))) != before
    assert datetime.date(2026, 12, 10).strftime("%A") in TERMS_PDF.html(terms_for_print(terms.pk))
