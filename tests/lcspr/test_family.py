"""Family engagement and parallel processes of an LCSPR (issue 14; Swindon 001 s6 and
Appendices 7-8, BCP 003 s11, Lincolnshire 000 ch. 3), on Dorset's preset."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.history_display import action_spec
from cases.models import AuditEvent, Role, SubjectRole
from cases.services.document_templates import document_template_save
from lcspr.choices import LcsprSource
from lcspr.family_pdf import FAMILY_LEAFLET_PDF, FAMILY_LETTER_PDF
from lcspr.services import family as services
from lcspr.services.start import lcspr_start
from tests.factories import make_member
from tests.lcspr.conftest import panel_recommends

D = datetime.date
TODAY = D(2026, 12, 15)


@pytest.fixture
def lcspr(dorset, mid_december):
    s = dorset
    panel_recommends(s, D(2026, 12, 1))
    s.review = lcspr_start(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        source=LcsprSource.PANEL_RECOMMENDATION,
    )
    s.reviewer = make_member(
        s.partnership, Role.LEAD_REVIEWER, email="ian@reviews.test", full_name="Ian Independent"
    )
    return s


def _mother(s, **overrides):
    details = {
        "name": "Mary Mother",
        "relationship": "Mother",
        "contact_details": "07700 900000",
        "to_be_contacted": True,
        "preferred_method": "telephone",
    }
    details.update(overrides)
    return services.family_member_add(actor=s.bm.user, membership=s.bm, review=s.review, **details)


def _date(prefix, d):
    return {f"{prefix}_day": d.day, f"{prefix}_month": d.month, f"{prefix}_year": d.year}


def test_family_members_every_error_at_once_and_who_may_write(lcspr):
    s = lcspr
    with pytest.raises(PermissionDenied):
        services.family_member_add(
            actor=s.la_slo.user, membership=s.la_slo, review=s.review, name="X", relationship="Y"
        )
    with pytest.raises(PermissionDenied):
        services.family_member_add(
            actor=s.exec.user, membership=s.exec, review=s.review, name="X", relationship="Y"
        )
    with pytest.raises(ValidationError) as raised:
        services.family_member_add(
            actor=s.bm.user,
            membership=s.bm,
            review=s.review,
            name=" ",
            relationship="",
            to_be_contacted=False,
            preferred_method="pigeon",
        )
    assert set(raised.value.message_dict) == {
        "name",
        "relationship",
        "not_contacted_reason",
        "preferred_method",
    }
    mother = _mother(s)
    changed = services.family_member_update(
        actor=s.bm.user,
        membership=s.bm,
        member=mother,
        to_be_contacted=False,
        not_contacted_reason="Police ask that she is not approached yet",
    )
    assert changed.to_be_contacted is False
    event = AuditEvent.objects.filter(action="family.member_update").get()
    assert event.changes["to_be_contacted"] == [True, False]


def test_the_lead_reviewer_with_access_writes(lcspr):
    from cases.services.cases import case_access_grant

    s = lcspr
    with pytest.raises(PermissionDenied):  # not on the case's access list: not even visible
        services.family_member_add(
            actor=s.reviewer.user,
            membership=s.reviewer,
            review=s.review,
            name="Mary",
            relationship="Mother",
        )
    case_access_grant(actor=s.bm.user, membership=s.bm, case=s.case, member=s.reviewer)
    member = services.family_member_add(
        actor=s.reviewer.user,
        membership=s.reviewer,
        review=s.review,
        name="Mary",
        relationship="Mother",
    )
    assert member.review == s.review


def test_the_contact_log_and_a_process_holding_contact_back(lcspr):
    s = lcspr
    mother = _mother(s)
    with pytest.raises(ValidationError) as raised:
        services.family_contact_add(
            actor=s.bm.user,
            membership=s.bm,
            review=s.review,
            member=None,
            method="",
            contacted_on=D(2027, 1, 1),
            made_by="",
            outcome="",
            notes_shared=True,
        )
    assert set(raised.value.message_dict) == {
        "member",
        "method",
        "contacted_on",
        "made_by",
        "outcome",
        "notes_shared_on",
    }
    with pytest.raises(ValidationError) as raised:
        services.process_add(
            actor=s.bm.user, membership=s.bm, review=s.review, kind="", liaison_email="nope"
        )
    assert set(raised.value.message_dict) == {"kind", "liaison_email"}
    inquest = services.process_add(
        actor=s.bm.user,
        membership=s.bm,
        review=s.review,
        kind="coroner",
        liaison_name="Colin Officer",
        liaison_role="Coroner's officer",
        holds_family_contact=True,
    )
    assert services.holding_processes(s.review) == [inquest]
    assert services.coroner_involved(s.review)
    call = {
        "actor": s.bm.user,
        "membership": s.bm,
        "review": s.review,
        "member": mother,
        "method": "telephone",
        "contacted_on": D(2026, 12, 14),
        "made_by": "Bea Manager",
        "outcome": "Told of the review; agreed to meet the reviewer.",
        "notes_shared": True,
        "notes_shared_on": D(2026, 12, 15),
    }
    with pytest.raises(ValidationError) as raised:
        services.family_contact_add(**call)
    assert raised.value.message_dict == {"confirm_despite_hold": [services.HOLD_CONFIRM]}
    contact = services.family_contact_add(**call, confirm_despite_hold=True)
    assert contact.despite_hold
    services.process_update(
        actor=s.bm.user, membership=s.bm, process=inquest, holds_family_contact=False
    )
    assert services.holding_processes(s.review) == []
    contact = services.family_contact_add(**{**call, "method": "letter"})
    assert not contact.despite_hold
    lifted = AuditEvent.objects.filter(action="parallel_process.update").get()
    assert lifted.changes["holds_family_contact"] == [True, False]


def test_disclosure_requests(lcspr):
    s = lcspr
    police = services.process_add(
        actor=s.bm.user, membership=s.bm, review=s.review, kind="criminal_investigation"
    )
    with pytest.raises(ValidationError) as raised:
        services.disclosure_request_add(
            actor=s.bm.user,
            membership=s.bm,
            process=police,
            requested_on=D(2026, 12, 10),
            what="",
            answered_on=D(2026, 12, 9),
        )
    assert set(raised.value.message_dict) == {"what", "answered_on"}
    request = services.disclosure_request_add(
        actor=s.bm.user,
        membership=s.bm,
        process=police,
        requested_on=D(2026, 12, 10),
        what="The health chronology",
    )
    services.disclosure_request_answer(
        actor=s.bm.user,
        membership=s.bm,
        disclosure=request,
        answered_on=D(2026, 12, 14),
        answer="Contact details of the health SLO sent to the officer",
    )
    request.refresh_from_db()
    assert request.answered_on == D(2026, 12, 14)


def test_the_embargoed_copy_before_publication(lcspr):
    s = lcspr
    mother = _mother(s)
    assert services.embargoed_copy_status(s.review)["done"] is False
    with pytest.raises(ValidationError) as raised:
        services.embargoed_copy_record(
            actor=s.bm.user,
            membership=s.bm,
            review=s.review,
            given_to="",
            given_on=D(2026, 12, 14),
            version="",
            embargo_until=D(2026, 12, 1),
        )
    assert set(raised.value.message_dict) == {"given_to", "version", "embargo_until"}
    copy = services.embargoed_copy_record(
        actor=s.bm.user,
        membership=s.bm,
        review=s.review,
        member=mother,
        given_to="",
        given_on=D(2026, 12, 14),
        version="Final draft v4",
        embargo_until=D(2027, 1, 20),
    )
    assert copy.given_to == "Mary Mother"
    assert services.embargoed_copy_status(s.review)["done"] is True


def test_the_letter_and_leaflet_use_the_partnerships_wording(lcspr):
    from cases.models import Subject

    s = lcspr
    Subject.objects.create(
        partnership=s.partnership,
        case=s.case,
        role=SubjectRole.CHILD,
        first_name="Dan",
        date_of_death=D(2026, 5, 30),
    )
    services.family_coordinator_set(
        actor=s.bm.user, membership=s.bm, review=s.review, coordinator=s.bm.user
    )
    mother = _mother(s)
    html = FAMILY_LETTER_PDF.html(mother)
    assert "OFFICIAL-SENSITIVE" in html
    assert "Dear Mary Mother," in html
    assert "the tragic death of Dan" in html
    assert "please contact Bea Manager on bea.manager@dorset.test" in html
    assert "[The independent lead reviewer&#x27;s name]" in html  # no reviewer appointed yet
    leaflet = FAMILY_LEAFLET_PDF.html(mother)
    assert "OFFICIAL-SENSITIVE" not in leaflet
    assert "Pan-Dorset Safeguarding Children Partnership website" in leaflet
    document_template_save(
        actor=s.bm.user,
        membership=s.bm,
        key="family_letter",
        title="Our review",
        body="Dear $family_member_name,\n\n<b>Not markup</b> {{ secret }}",
    )
    html = FAMILY_LETTER_PDF.html(mother)
    assert "<h1>Our review</h1>" in html
    assert "&lt;b&gt;Not markup&lt;/b&gt; {{ secret }}" in html


def test_the_family_pages(lcspr, client_for):
    s = lcspr
    bm = client_for(s.bm.user)
    args = ["dorset", s.review.pk]
    detail = bm.get(reverse("lcspr:detail", args=args)).content.decode()
    assert reverse("lcspr:family", args=args) in detail
    assert "Not done" in detail
    slo_detail = client_for(s.la_slo.user).get(reverse("lcspr:detail", args=args))
    assert slo_detail.status_code == 200
    assert reverse("lcspr:family", args=args) not in slo_detail.content.decode()
    assert client_for(s.la_slo.user).get(reverse("lcspr:family", args=args)).status_code == 403
    assert client_for(s.exec.user).get(reverse("lcspr:family", args=args)).status_code == 200
    add = reverse("lcspr:family_member_add", args=args)
    assert client_for(s.exec.user).get(add).status_code == 403

    response = bm.post(add, {"contact_details": "kept"})
    assert response.status_code == 400
    page = response.content.decode()
    for message in (
        "Enter the family member&#x27;s name",
        "Enter their relationship to the child",
        "Select whether they are to be contacted",
    ):
        assert message in page
    assert "kept" in page
    response = bm.post(
        add, {"name": "Mary Mother", "relationship": "Mother", "to_be_contacted": "no"}
    )
    assert response.status_code == 400
    assert "Enter why they are not to be contacted" in response.content.decode()
    response = bm.post(
        add,
        {
            "name": "Mary Mother",
            "relationship": "Mother",
            "to_be_contacted": "yes",
            "preferred_method": "telephone",
        },
    )
    assert response.status_code == 302
    mother = s.review.family_members.get()

    response = bm.post(
        reverse("lcspr:process_add", args=args),
        {"kind": "coroner", "status": "active", "holds_family_contact": "on"},
    )
    assert response.status_code == 302
    page = bm.get(reverse("lcspr:family", args=args)).content.decode()
    assert "Family contact is held back by the coroner" in page
    assert "only through the partnership&#x27;s legal adviser" in page

    contact_add = reverse("lcspr:family_contact_add", args=args)
    form = {
        "member": str(mother.pk),
        "method": "letter",
        **_date("contacted_on", D(2026, 12, 14)),
        "made_by": "Bea Manager",
        "outcome": "Letter and leaflet sent",
        "notes_shared": "no",
    }
    response = bm.post(contact_add, form)
    assert response.status_code == 400
    assert "Confirm that this contact was agreed" in response.content.decode()
    response = bm.post(contact_add, {**form, "confirm_despite_hold": "on"})
    assert response.status_code == 302

    response = bm.post(
        reverse("lcspr:family_copy_add", args=args),
        {
            "member": str(mother.pk),
            **_date("given_on", D(2026, 12, 15)),
            "version": "Final v3",
            **_date("embargo_until", D(2027, 1, 31)),
        },
    )
    assert response.status_code == 302
    detail = bm.get(reverse("lcspr:detail", args=args)).content.decode()
    assert "Done" in detail

    letter = bm.get(reverse("lcspr:family_letter", args=[*args, mother.pk]))
    assert letter.status_code in (200, 302)
    assert (
        client_for(s.la_slo.user)
        .get(reverse("lcspr:family_letter", args=[*args, mother.pk]))
        .status_code
        == 403
    )


def test_another_partnership_gets_404(lcspr, client_for, bcp):
    s = lcspr
    c = client_for(bcp.bm.user)
    for name in ("lcspr:family", "lcspr:process_list"):
        assert c.get(reverse(name, args=["dorset", s.review.pk])).status_code in (403, 404)


def test_every_family_audit_code_reads_as_a_sentence():
    for code in (
        "family.coordinator",
        "family.member_add",
        "family.member_update",
        "family.contact",
        "family.embargoed_copy",
        "parallel_process.add",
        "parallel_process.update",
        "parallel_process.disclosure_request",
        "parallel_process.disclosure_answer",
        "document_template.save",
        "document_template.reset",
    ):
        assert action_spec(code).phrase


def test_the_family_api(lcspr):
    from django.test import Client

    from tests.factories import api_token

    s = lcspr
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.bm.user)}")
    base = f"/api/p/dorset/lcsprs/{s.review.pk}/"
    response = api.post(f"{base}family/members/", {"name": ""}, content_type="application/json")
    assert response.status_code == 400
    assert {"name", "relationship"} <= set(response.json())
    response = api.post(
        f"{base}family/members/",
        {"name": "Mary Mother", "relationship": "Mother", "preferred_method": "letter"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    member = response.json()["id"]
    response = api.patch(
        f"{base}family/members/{member}/",
        {"support_needs": "Polish interpreter"},
        content_type="application/json",
    )
    assert response.json()["support_needs"] == "Polish interpreter"
    response = api.post(
        f"{base}family/coordinator/", {"coordinator": s.bm.user.pk}, content_type="application/json"
    )
    assert response.json()["coordinator_name"] == "Bea Manager"

    response = api.post(
        f"{base}processes/",
        {"kind": "coroner", "holds_family_contact": True, "liaison_name": "Colin"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    process = response.json()
    assert "legal adviser" in process["coroner_contact"]
    contact = {
        "member": member,
        "method": "telephone",
        "contacted_on": "2026-12-14",
        "made_by": "Bea Manager",
        "outcome": "Agreed to meet",
    }
    response = api.post(f"{base}family/contacts/", contact, content_type="application/json")
    assert response.status_code == 400
    assert "confirm_despite_hold" in response.json()
    response = api.post(
        f"{base}family/contacts/",
        {**contact, "confirm_despite_hold": True},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    response = api.patch(
        f"{base}processes/{process['id']}/",
        {"holds_family_contact": False},
        content_type="application/json",
    )
    assert response.json()["holds_family_contact"] is False
    response = api.post(
        f"{base}processes/{process['id']}/disclosures/",
        {"requested_on": "2026-12-10", "what": "Notes of the conversations"},
        content_type="application/json",
    )
    assert response.status_code == 201
    disclosure = response.json()["disclosure_requests"][0]["id"]
    response = api.post(
        f"{base}processes/{process['id']}/disclosures/{disclosure}/answer/",
        {"answered_on": "2026-12-09"},
        content_type="application/json",
    )
    assert response.status_code == 400
    response = api.post(
        f"{base}family/copies/",
        {
            "member": member,
            "given_on": "2026-12-15",
            "version": "Final v3",
            "embargo_until": "2027-01-20",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    summary = api.get(f"{base}family/").json()
    assert summary["embargoed_copy_done"] is True
    assert summary["contact_held_back_by"] == []
    assert len(summary["contacts"]) == 1
    slo = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.la_slo.user)}")
    assert slo.get(f"{base}family/").status_code == 403
    assert slo.get(f"{base}processes/").status_code == 403
    executive = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.exec.user)}")
    assert executive.get(f"{base}family/members/").status_code == 200
    response = executive.post(
        f"{base}family/members/",
        {"name": "X", "relationship": "Y"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_reading_the_family_is_in_the_access_log(lcspr, client_for):
    from cases.models import AccessLogEntry

    s = lcspr
    _mother(s)
    before = AccessLogEntry.objects.count()
    response = client_for(s.bm.user).get(reverse("lcspr:family", args=["dorset", s.review.pk]))
    assert response.status_code == 200
    assert AccessLogEntry.objects.count() == before + 1


def test_the_letter_through_the_api(lcspr):
    from django.test import Client

    from tests.factories import api_token

    s = lcspr
    mother = _mother(s)
    url = f"/api/p/dorset/lcsprs/{s.review.pk}/family/members/{mother.pk}/letter/"
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.bm.user)}")
    assert api.get(url).status_code in (200, 202)
    slo = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.la_slo.user)}")
    assert slo.get(url).status_code == 403


def test_the_letter_and_leaflet_render_as_pdfs(lcspr):
    s = lcspr
    mother = _mother(s)
    for kind in (FAMILY_LETTER_PDF, FAMILY_LEAFLET_PDF):
        assert kind.render(mother).startswith(b"%PDF")
