"""Sourcing and vetting the LCSPR's independent reviewer (issue 14; BCP 003 s10, Dorset 002
7.1-7.7, Lincolnshire 000 ch. 3), on Dorset's preset."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.models import AuditEvent, Notice, NoticeKind, NoticeRecipient, Role
from cases.services import cases as case_services
from lcspr.choices import LcsprSource, ReviewerDecision
from lcspr.services.reviewers import (
    appointment_missing,
    candidate_add,
    candidate_decide,
    candidate_shortlist,
    candidate_update,
    contract_record,
)
from lcspr.services.start import lcspr_start
from tests.factories import make_member
from tests.lcspr.conftest import panel_recommends
from tests.world import PDF_BYTES

D = datetime.date
TODAY = D(2026, 12, 15)


def pdf(name="cv.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


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
        s.partnership, Role.LEAD_REVIEWER, email="ian.independent@reviews.test"
    )
    return s


def _vetted(s, name="Ian Independent", **overrides):
    details = {
        "name": name,
        "email": "ian@reviews.test",
        "organisation": "Independent Reviews Ltd",
        "previous_reviews": "Child Q (2024), Child R (2025)",
        "referee_1_name": "Ann Referee",
        "referee_1_contact": "ann@example.test",
        "referee_1_received_on": D(2026, 12, 10),
        "referee_2_name": "Bob Referee",
        "referee_2_contact": "bob@example.test",
        "referee_2_received_on": D(2026, 12, 11),
        "public_liability_expires_on": D(2027, 6, 30),
        "indemnity_expires_on": D(2027, 6, 30),
        "conflicts_declared_on": D(2026, 12, 9),
        "conflicts": "None",
    }
    details.update(overrides)
    candidate = candidate_add(
        actor=s.bm.user, membership=s.bm, review=s.review, cv=pdf(), **details
    )
    return candidate_shortlist(
        actor=s.bm.user,
        membership=s.bm,
        candidate=candidate,
        shortlisted=True,
        shortlist_notes="Strong on neglect; £6,500 for the review.",
    )


def test_only_a_business_manager_adds_candidates_and_errors_come_at_once(lcspr):
    s = lcspr
    with pytest.raises(PermissionDenied):
        candidate_add(actor=s.la_slo.user, membership=s.la_slo, review=s.review, name="X")
    with pytest.raises(ValidationError) as raised:
        candidate_add(
            actor=s.bm.user,
            membership=s.bm,
            review=s.review,
            name=" ",
            email="not an email",
            referee_1_received_on=D(2027, 1, 1),
            conflicts_declared_on=D(2026, 12, 1),
            conflicts="",
        )
    errors = raised.value.message_dict
    assert set(errors) == {"name", "email", "referee_1_received_on", "conflicts"}


def test_appointing_lists_every_missing_item_at_once(lcspr):
    s = lcspr
    bare = candidate_add(actor=s.bm.user, membership=s.bm, review=s.review, name="Nia New")
    with pytest.raises(ValidationError) as raised:
        candidate_decide(
            actor=s.bm.user,
            membership=s.bm,
            candidate=bare,
            decision=ReviewerDecision.APPOINTED,
            member=s.la_slo,
        )
    errors = raised.value.message_dict
    assert errors["referee_2_received_on"] == [
        "Record the second referee's reference before appointing"
    ]
    assert errors["cv"] == ["Upload the candidate's CV before appointing"]
    assert errors["shortlisted"] == ["Shortlist the candidate before appointing"]
    assert "conflicts_declared_on" in errors and "indemnity_expires_on" in errors
    assert "lead reviewer in this partnership" in errors["member"][0]

    expired = _vetted(s, name="Old Cover", indemnity_expires_on=D(2026, 12, 14))
    assert appointment_missing(expired) == {
        "indemnity_expires_on": "The candidate's professional indemnity insurance has expired"
    }
    # Fixed, it may be appointed; a second appointment is refused.
    expired = candidate_update(
        actor=s.bm.user, membership=s.bm, candidate=expired, indemnity_expires_on=D(2027, 3, 1)
    )
    assert appointment_missing(expired) == {}


def test_the_reviewer_sees_nothing_until_the_contract_then_the_panel_is_told(lcspr, client_for):
    s = lcspr
    candidate = _vetted(s)
    other = _vetted(s, name="Second Choice")
    with pytest.raises(InvalidTransition):
        contract_record(
            actor=s.bm.user,
            membership=s.bm,
            candidate=candidate,
            contract_recorded_on=TODAY,
            contract=pdf("contract.pdf"),
        )
    candidate = candidate_decide(
        actor=s.bm.user,
        membership=s.bm,
        candidate=candidate,
        decision=ReviewerDecision.APPOINTED,
        member=s.reviewer,
    )
    with pytest.raises(ValidationError) as raised:
        candidate_decide(
            actor=s.bm.user,
            membership=s.bm,
            candidate=other,
            decision=ReviewerDecision.APPOINTED,
            member=s.reviewer,
        )
    assert "already been appointed" in raised.value.message_dict["decision"][0]
    candidate_decide(
        actor=s.bm.user,
        membership=s.bm,
        candidate=other,
        decision=ReviewerDecision.NOT_APPOINTED,
        reason="Higher cost",
    )

    # Another partnership's lead reviewer, and a lead reviewer of another case.
    bystander = make_member(s.partnership, Role.LEAD_REVIEWER, email="other@reviews.test")
    other_case = case_services.case_create(
        actor=s.bm.user,
        membership=s.bm,
        title="Child E",
        incident_date=D(2026, 6, 1),
        awareness_date=D(2026, 6, 1),
        agencies=[s.la],
    )
    case_services.case_access_grant(
        actor=s.bm.user, membership=s.bm, case=other_case, member=bystander
    )

    case_url = reverse("cases:case_detail", args=["dorset", s.case.pk])
    lcspr_url = reverse("lcspr:detail", args=["dorset", s.review.pk])
    reviewer = client_for(s.reviewer.user)
    assert reviewer.get(case_url).status_code == 404
    assert reviewer.get(lcspr_url).status_code == 404

    with pytest.raises(ValidationError) as raised:
        contract_record(
            actor=s.bm.user, membership=s.bm, candidate=candidate, contract_recorded_on=None
        )
    assert set(raised.value.message_dict) == {"contract_recorded_on", "contract"}
    with pytest.raises(InvalidTransition):
        contract_record(
            actor=s.bm.user,
            membership=s.bm,
            candidate=other,
            contract_recorded_on=TODAY,
            contract=pdf("contract.pdf"),
        )
    contract_record(
        actor=s.bm.user,
        membership=s.bm,
        candidate=candidate,
        contract_recorded_on=TODAY,
        contract=pdf("contract.pdf"),
    )
    assert reviewer.get(case_url).status_code == 200
    assert reviewer.get(lcspr_url).status_code == 200
    bystander_client = client_for(bystander.user)
    assert bystander_client.get(case_url).status_code == 404
    assert bystander_client.get(lcspr_url).status_code == 404

    notice = Notice.objects.get(case=s.case, kind=NoticeKind.OTHER)
    assert notice.recipients == [NoticeRecipient.NATIONAL_PANEL]
    assert "Ian Independent" in notice.description
    actions = set(AuditEvent.objects.filter(case=s.case).values_list("action", flat=True))
    assert {
        "lcspr_reviewer.add",
        "lcspr_reviewer.shortlist",
        "lcspr_reviewer.decide",
        "lcspr_reviewer.contract",
        "case.access_grant",
        "notice.create",
    } <= actions
    with pytest.raises(InvalidTransition):
        contract_record(
            actor=s.bm.user,
            membership=s.bm,
            candidate=candidate,
            contract_recorded_on=TODAY,
            contract=pdf("contract.pdf"),
        )


def test_a_lead_reviewer_of_another_partnership_still_404(lcspr, client_for, bcp):
    s = lcspr
    outsider = make_member(bcp.partnership, Role.LEAD_REVIEWER, email="out@bcp.test")
    c = client_for(outsider.user)
    assert c.get(reverse("cases:case_detail", args=["dorset", s.case.pk])).status_code in (403, 404)
    assert c.get(reverse("lcspr:detail", args=["dorset", s.review.pk])).status_code in (403, 404)


def _date(prefix, d):
    return {f"{prefix}_day": d.day, f"{prefix}_month": d.month, f"{prefix}_year": d.year}


def test_the_reviewer_pages_from_candidate_to_contract(lcspr, client_for):
    s = lcspr
    bm = client_for(s.bm.user)
    args = ["dorset", s.review.pk]
    detail = bm.get(reverse("lcspr:detail", args=args)).content.decode()
    assert reverse("lcspr:reviewer_list", args=args) in detail
    assert "Not appointed yet" in detail
    assert (
        client_for(s.la_slo.user).get(reverse("lcspr:reviewer_list", args=args)).status_code == 403
    )

    add = reverse("lcspr:reviewer_add", args=args)
    response = bm.post(add, {})
    assert response.status_code == 400
    assert "Enter the candidate&#x27;s name" in response.content.decode()
    response = bm.post(
        add,
        {
            "name": "Ian Independent",
            "organisation": "Independent Reviews Ltd",
            "cv": pdf(),
            "referee_1_name": "Ann Referee",
            **_date("referee_1_received_on", D(2026, 12, 10)),
            "referee_2_name": "Bob Referee",
            **_date("public_liability_expires_on", D(2027, 6, 30)),
            **_date("indemnity_expires_on", D(2027, 6, 30)),
            **_date("conflicts_declared_on", D(2026, 12, 9)),
            "conflicts": "None",
        },
    )
    assert response.status_code == 302, response.content.decode()
    candidate = s.review.reviewer_candidates.get()
    page = bm.get(response.url).content.decode()
    assert "Record the second referee&#x27;s reference before appointing" in page
    assert "Shortlist the candidate before appointing" in page

    cargs = [*args, candidate.pk]
    response = bm.post(
        reverse("lcspr:reviewer_shortlist", args=cargs),
        {"shortlisted": "on", "shortlist_notes": "£6,500"},
    )
    assert response.status_code == 302
    response = bm.post(
        reverse("lcspr:reviewer_decide", args=cargs),
        {"decision": "appointed", "member": str(s.reviewer.pk), **_date("decided_on", TODAY)},
    )
    assert response.status_code == 400
    assert (
        "Record the second referee&#x27;s reference before appointing" in response.content.decode()
    )
    candidate_update(
        actor=s.bm.user,
        membership=s.bm,
        candidate=candidate,
        referee_2_received_on=D(2026, 12, 12),
    )
    response = bm.post(
        reverse("lcspr:reviewer_decide", args=cargs),
        {"decision": "appointed", "member": str(s.reviewer.pk), **_date("decided_on", TODAY)},
    )
    assert response.status_code == 302
    assert "sees nothing of the case" in bm.get(response.url).content.decode()
    response = bm.post(
        reverse("lcspr:reviewer_contract", args=cargs),
        {**_date("contract_recorded_on", TODAY), "contract": pdf("contract.pdf")},
    )
    assert response.status_code == 302
    assert client_for(s.reviewer.user).get(reverse("lcspr:detail", args=args)).status_code == 200
    assert (
        "contract agreed 15 December 2026"
        in bm.get(reverse("lcspr:detail", args=args)).content.decode()
    )


def test_the_reviewer_api(lcspr):
    from django.test import Client

    from tests.factories import api_token

    s = lcspr
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.bm.user)}")
    base = f"/api/p/dorset/lcsprs/{s.review.pk}/reviewers/"
    response = api.post(base, {"name": ""}, content_type="application/json")
    assert response.status_code == 400
    response = api.post(
        base, {"name": "Ian Independent", "referee_1_name": "Ann"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert "Upload the candidate's CV before appointing" in body["missing"]
    url = f"{base}{body['id']}/"
    response = api.patch(url, {"organisation": "IRL"}, content_type="application/json")
    assert response.json()["organisation"] == "IRL"
    response = api.post(
        f"{url}decide/",
        {"decision": "appointed", "member": s.reviewer.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "cv" in response.content.decode()
    response = api.post(f"{url}contract/", {"contract_recorded_on": "2026-12-15"})
    assert response.status_code == 409
    assert api.get(base).json()["results"][0]["name"] == "Ian Independent"
    slo = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.la_slo.user)}")
    assert slo.get(base).status_code == 403
