"""The Synopsis of Learning as a 7-minute briefing (issue 14; Dorset 002 8.7-8.9, BCP 003
section 14): services, sign-off, publication, pages, API and permissions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import InvalidTransition
from cases.models import AuditEvent, OutboundEmail, Role
from cases.services.signoff import signoff_approve
from lcspr.briefing import SECTION_FIELDS, SECTION_LIMIT
from lcspr.choices import BriefingStatus
from lcspr.services import briefing as svc
from lcspr.services.learning import learning_review_start
from tests.factories import make_member

D = datetime.date
B = BriefingStatus


def _review(s):
    return learning_review_start(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        option="practitioner_learning_brief",
        day_zero=D(2026, 12, 1),
        lines_of_enquiry="How did the agencies share what they knew about the home?",
    )


def _filled(**extra):
    return {f: f"Text of {f}." for f in SECTION_FIELDS} | extra


def _written(s):
    briefing = svc.briefing_create(actor=s.bm.user, membership=s.bm, review=_review(s))
    return svc.briefing_save(actor=s.bm.user, membership=s.bm, briefing=briefing, **_filled())


def test_create_save_every_error_at_once(bcp, mid_december):
    s = bcp
    review = _review(s)
    briefing = svc.briefing_create(actor=s.bm.user, membership=s.bm, review=review)
    assert briefing.title == f"7-minute briefing: Practitioner learning brief of {s.case.reference}"
    assert briefing.status == B.DRAFT and briefing.learning_review == review
    with pytest.raises(InvalidTransition):
        svc.briefing_create(actor=s.bm.user, membership=s.bm, review=review)
    with pytest.raises(PermissionDenied):
        svc.briefing_save(actor=s.la_slo.user, membership=s.la_slo, briefing=briefing, title="X")
    with pytest.raises(ValidationError) as raised:
        svc.briefing_save(
            actor=s.bm.user,
            membership=s.bm,
            briefing=briefing,
            title=" ",
            background="x" * (SECTION_LIMIT + 1),
            further_information="y" * (SECTION_LIMIT + 1),
        )
    assert raised.value.message_dict == {
        "title": ["Enter the title"],
        "background": ["Section 1 must be 700 characters or fewer"],
        "further_information": ["Section 7 must be 700 characters or fewer"],
    }
    with pytest.raises(ValidationError) as raised:
        svc.briefing_send_for_sign_off(actor=s.bm.user, membership=s.bm, briefing=briefing)
    assert raised.value.message_dict["background"] == ["Enter the background"]
    assert len(raised.value.message_dict) == 7
    svc.briefing_save(actor=s.bm.user, membership=s.bm, briefing=briefing, background="Why.")
    assert AuditEvent.objects.filter(action="briefing.save").count() == 1


def test_sign_off_then_publish_and_tell_the_contacts(bcp, mid_december):
    s = bcp
    briefing = _written(s)
    with pytest.raises(InvalidTransition):  # BCP has a chain: signed off first
        svc.briefing_publish(
            actor=s.bm.user,
            membership=s.bm,
            briefing=briefing,
            published_on=D(2026, 12, 14),
            web_address="https://bcp.example.org/briefing",
        )
    sign_off = svc.briefing_send_for_sign_off(actor=s.bm.user, membership=s.bm, briefing=briefing)
    briefing.refresh_from_db()
    assert svc.effective_status(briefing) == B.IN_SIGN_OFF
    assert not svc.is_editable(briefing)
    with pytest.raises(InvalidTransition):
        svc.briefing_save(actor=s.bm.user, membership=s.bm, briefing=briefing, background="Z")
    group = make_member(s.partnership, Role.REVIEW_GROUP_MEMBER, email="group@bcp.test")
    sign_off.refresh_from_db()
    while sign_off.status != "signed_off":
        signoff_approve(actor=group.user, membership=group, sign_off=sign_off)
        sign_off.refresh_from_db()
    assert svc.effective_status(briefing) == B.SIGNED_OFF
    with pytest.raises(ValidationError) as raised:
        svc.briefing_publish(
            actor=s.bm.user,
            membership=s.bm,
            briefing=briefing,
            published_on=D(2026, 12, 16),
            web_address="http://bcp.example.org/briefing",
            contacts="author@example.org, not an address",
        )
    assert raised.value.message_dict == {
        "published_on": ["The date the briefing was published must be today or in the past"],
        "web_address": [
            "Enter a web address in the correct format, like https://www.example.org/briefing"
        ],
        "contacts": [
            "Enter the e-mail address “not an address” in the correct format, like name@example.com"
        ],
    }
    briefing = svc.briefing_publish(
        actor=s.bm.user,
        membership=s.bm,
        briefing=briefing,
        published_on=D(2026, 12, 14),
        web_address="https://bcp.example.org/briefing",
        contacts="Author@example.org\nlead@example.org, author@example.org",
    )
    assert briefing.status == B.PUBLISHED
    assert briefing.contacts_told == ["author@example.org", "lead@example.org"]
    sent = OutboundEmail.objects.filter(key__startswith=f"briefing:{briefing.pk}:")
    assert sorted(sent.values_list("to", flat=True)) == ["author@example.org", "lead@example.org"]
    assert "https://bcp.example.org/briefing" in sent.first().body_text
    with pytest.raises(InvalidTransition):
        svc.briefing_publish(
            actor=s.bm.user,
            membership=s.bm,
            briefing=briefing,
            published_on=D(2026, 12, 14),
            web_address="https://bcp.example.org/briefing",
        )


def test_returned_by_the_sub_group_changed_and_resubmitted_then_signed_off(bcp, mid_december):
    from cases.services.signoff import signoff_resubmit, signoff_return

    s = bcp
    briefing = _written(s)
    sign_off = svc.briefing_send_for_sign_off(actor=s.bm.user, membership=s.bm, briefing=briefing)
    group = make_member(s.partnership, Role.REVIEW_GROUP_MEMBER, email="group@bcp.test")
    sign_off.refresh_from_db()
    assert sign_off.position == 1  # with the CSPR sub-group (BCP 003 section 14)
    signoff_return(
        actor=group.user,
        membership=group,
        sign_off=sign_off,
        comments="Say what practitioners should do differently.",
    )
    briefing.refresh_from_db()
    sign_off.refresh_from_db()
    assert svc.is_editable(briefing) and svc.effective_status(briefing) == B.IN_SIGN_OFF
    svc.briefing_save(
        actor=s.bm.user,
        membership=s.bm,
        briefing=briefing,
        what_to_do="Ask the health visitor what they saw at the last visit.",
    )
    signoff_resubmit(actor=s.bm.user, membership=s.bm, sign_off=sign_off, comments="Changed.")
    sign_off.refresh_from_db()
    briefing.refresh_from_db()
    assert sign_off.version == 2 and not svc.is_editable(briefing)
    with pytest.raises(InvalidTransition):
        svc.briefing_save(actor=s.bm.user, membership=s.bm, briefing=briefing, background="Z")
    signoff_approve(actor=group.user, membership=group, sign_off=sign_off)
    sign_off.refresh_from_db()
    assert sign_off.status == "signed_off"
    assert svc.effective_status(briefing) == B.SIGNED_OFF
    assert briefing.what_to_do == "Ask the health visitor what they saw at the last visit."


def test_without_a_chain_a_draft_is_published(bcp, mid_december):
    s = bcp
    workflow = dict(s.partnership.workflow)
    workflow["sign_off_chains"] = {
        k: v for k, v in workflow["sign_off_chains"].items() if k != "synopsis_of_learning"
    }
    s.partnership.workflow = workflow
    s.partnership.save()
    briefing = _written(s)
    briefing.case.partnership.refresh_from_db()
    briefing = svc.briefing_publish(
        actor=s.bm.user,
        membership=s.bm,
        briefing=briefing,
        published_on=D(2026, 12, 14),
        web_address="https://bcp.example.org/briefing",
    )
    assert briefing.status == B.PUBLISHED and briefing.contacts_told == []


def test_the_pdf_is_one_page_with_the_longest_texts(bcp, mid_december):
    import io

    from pypdf import PdfReader

    from lcspr.briefing_pdf import BRIEFING_PDF, briefing_for_print

    s = bcp
    briefing = svc.briefing_create(actor=s.bm.user, membership=s.bm, review=_review(s))
    words = ("Practitioners should share what they know with each other early. " * 20)[
        :SECTION_LIMIT
    ]
    words_everywhere = {"title": "W" * 200, **dict.fromkeys(SECTION_FIELDS, words)}
    widest_first = dict.fromkeys(SECTION_FIELDS[:3], "W" * SECTION_LIMIT)
    for values in (words_everywhere, widest_first):
        svc.briefing_save(actor=s.bm.user, membership=s.bm, briefing=briefing, **values)
        data = BRIEFING_PDF.render(briefing_for_print(briefing.pk))
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Questions to ask yourself" in text and "Further information and resources" in text


def test_pages_and_permissions(bcp, mid_december, client_for):
    from django.urls import reverse

    s = bcp
    review = _review(s)
    bm, slo = client_for(s.bm.user), client_for(s.la_slo.user)
    learning_page = reverse("lcspr:learning_detail", args=["bcp", review.pk])
    start = reverse("lcspr:briefing_start_learning", args=["bcp", review.pk])
    assert "Write the 7-minute briefing" in bm.get(learning_page).content.decode()
    assert "Write the 7-minute briefing" not in slo.get(learning_page).content.decode()
    assert slo.post(start).status_code == 403
    response = bm.post(start)
    assert response.status_code == 302
    briefing = svc.briefing_of(review)
    assert response.url == reverse("lcspr:briefing_edit", args=["bcp", briefing.pk])
    assert bm.post(start).url == briefing.get_absolute_url()  # one each: to the one written
    edit = response.url
    bad = bm.post(edit, {"title": "", **_filled(background="b" * 701)})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Enter the title" in html and "Section 1 must be 700 characters or fewer" in html
    assert bm.post(edit, {"title": "Child B: learning", **_filled()}).status_code == 302
    detail = briefing.get_absolute_url()
    page = bm.get(detail).content.decode()
    assert "Why it matters" in page and "Text of why_it_matters." in page
    assert "Send for sign-off" in page
    slo_page = slo.get(detail)
    assert slo_page.status_code == 200 and "Edit the briefing" not in slo_page.content.decode()
    for name in ("briefing_edit", "briefing_send", "briefing_publish"):
        assert slo.get(reverse(f"lcspr:{name}", args=["bcp", briefing.pk])).status_code == 403
    send = reverse("lcspr:briefing_send", args=["bcp", briefing.pk])
    assert bm.post(send, {"comments": ""}).status_code == 302
    page = bm.get(detail).content.decode()
    assert "Synopsis of learning sign-off" in page or "sign-off" in page
    assert "Edit the briefing" not in page
    publish = reverse("lcspr:briefing_publish", args=["bcp", briefing.pk])
    refused = bm.post(
        publish,
        {
            "published_on_day": 14,
            "published_on_month": 12,
            "published_on_year": 2026,
            "web_address": "https://bcp.example.org/b",
        },
    )
    assert refused.status_code == 400
    assert "must be signed off before it is published" in refused.content.decode()


def test_another_partnership_gets_404(bcp, dorset, mid_december, client_for):
    from django.urls import reverse

    briefing = _written(bcp)
    other = client_for(dorset.bm.user)
    for name in ("briefing_detail", "briefing_edit", "briefing_pdf"):
        url = reverse(f"lcspr:{name}", args=["bcp", briefing.pk])
        assert other.get(url).status_code == 404
        own = reverse(f"lcspr:{name}", args=["dorset", briefing.pk])
        assert other.get(own).status_code == 404


def test_api(bcp, mid_december):
    from django.test import Client
    from django.urls import reverse

    from tests.factories import api_token

    s = bcp
    review = _review(s)
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.bm.user)}")
    slo = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.la_slo.user)}")
    listing = reverse("lcspr_api:briefing-list", args=["bcp"])
    both = api.post(listing, {"local_review": 1, "learning_review": 2}, "application/json")
    assert both.status_code == 400 and "local_review" in both.json()
    assert slo.post(listing, {"learning_review": review.pk}, "application/json").status_code == 403
    created = api.post(listing, {"learning_review": review.pk}, "application/json")
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "draft" and body["learning_review"] == review.pk
    again = api.post(listing, {"learning_review": review.pk}, "application/json")
    assert again.status_code == 409
    pk = body["id"]
    send = reverse("lcspr_api:briefing-send", args=["bcp", pk])
    missing = api.post(send, {}, "application/json")
    assert missing.status_code == 400 and missing.json()["background"] == ["Enter the background"]
    save = reverse("lcspr_api:briefing-save", args=["bcp", pk])
    long = api.post(save, {"questions": "q" * 701}, "application/json")
    assert long.status_code == 400
    assert long.json() == {"questions": ["Section 5 must be 700 characters or fewer"]}
    assert slo.post(save, _filled(), "application/json").status_code == 403
    assert api.post(save, _filled(), "application/json").status_code == 200
    sent = api.post(send, {"comments": "For the sub-group"}, "application/json")
    assert sent.status_code == 200 and sent.json()["status"] == "in_sign_off"
    assert api.post(send, {}, "application/json").status_code == 409
    rows = slo.get(listing).json()["results"]
    assert [(r["id"], r["status"]) for r in rows] == [(pk, "in_sign_off")]
    publish = reverse("lcspr_api:briefing-publish", args=["bcp", pk])
    early = api.post(
        publish,
        {"published_on": "2026-12-14", "web_address": "https://bcp.example.org/b"},
        "application/json",
    )
    assert early.status_code == 409
    detail = reverse("lcspr_api:briefing-detail", args=["bcp", pk + 1000])
    assert api.get(detail).status_code == 404
    pdf = reverse("lcspr_api:briefing-pdf", args=["bcp", pk])
    queued = slo.get(pdf)  # the SLO reads the briefing, so may download it
    assert queued.status_code in (200, 202)
    if queued.status_code == 202:
        assert queued.json()["status"] in ("queued", "rendering", "ready")
    assert api.get(reverse("lcspr_api:briefing-pdf", args=["bcp", pk + 1000])).status_code == 404


def test_publish_page_tells_the_contacts(bcp, mid_december, client_for):
    from django.urls import reverse

    s = bcp
    workflow = dict(s.partnership.workflow)
    workflow["sign_off_chains"] = {
        k: v for k, v in workflow["sign_off_chains"].items() if k != "synopsis_of_learning"
    }
    s.partnership.workflow = workflow
    s.partnership.save()
    briefing = _written(s)
    bm = client_for(s.bm.user)
    assert "Record the publication" in bm.get(briefing.get_absolute_url()).content.decode()
    publish = reverse("lcspr:briefing_publish", args=["bcp", briefing.pk])
    done = bm.post(
        publish,
        {
            "published_on_day": 14,
            "published_on_month": 12,
            "published_on_year": 2026,
            "web_address": "https://bcp.example.org/briefing",
            "contacts": "author@example.org\nlead@example.org",
        },
    )
    assert done.status_code == 302
    page = bm.get(briefing.get_absolute_url()).content.decode()
    assert "Key contacts told" in page and "lead@example.org" in page
    assert OutboundEmail.objects.filter(key__startswith=f"briefing:{briefing.pk}:").count() == 2
