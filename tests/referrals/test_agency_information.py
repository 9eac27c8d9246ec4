"""Lincolnshire Appendix B, "Call for limited agency information / summary of involvement": the
business manager asks an agency other than the referrer; that agency sees the question and who
the child is, never the referral; the referring agency never sees the other agency's answer."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from cases.models import AccessLogEntry, OutboundEmail, Role
from referrals.choices import ReferralStatus as S
from referrals.services import agency_information
from tests.factories import api_token, make_member
from tests.referrals import helpers

pytestmark = pytest.mark.django_db


def _ask(side, referral, agency, question="What was your involvement since 2024?"):
    bm = side.members[Role.BUSINESS_MANAGER]
    return agency_information.agency_information_request(
        actor=bm.user, membership=bm, referral=referral, agency=agency, question=question
    )


def test_the_business_manager_asks_another_agency_and_triage_goes_on(world):
    side = world.alpha
    school_slo = make_member(side.partnership, Role.SLO, agency=side.agencies["school"])
    referral = helpers.submitted(side)
    info = _ask(side, referral, side.agencies["school"])
    referral.refresh_from_db()
    assert referral.status == S.SUBMITTED  # not held like a question to the referrer
    mail = OutboundEmail.objects.get(to=school_slo.user.email)
    assert f"/information-requests/{info.pk}/" in mail.body_text
    with pytest.raises(ValidationError) as error:
        _ask(side, referral, side.agencies["police"])  # the referrer's own agency
    assert "other than the referrer" in error.value.message_dict["agency"][0]
    with pytest.raises(ValidationError) as error:
        _ask(side, referral, world.beta.agencies["school"])
    assert error.value.message_dict["agency"] == ["Select the agency to ask"]


def test_the_asked_agency_answers_without_seeing_the_referral(world, client_for):
    side = world.alpha
    school_slo = make_member(side.partnership, Role.SLO, agency=side.agencies["school"])
    referral = helpers.submitted(side)
    info = _ask(side, referral, side.agencies["school"])
    slug = side.partnership.slug
    client = client_for(school_slo.user)
    home = client.get(reverse("cases:home", args=[slug])).content.decode()
    assert "Requests for information from the partnership" in home
    page = client.get(reverse("referrals:agency_request", args=[slug, info.pk]))
    text = page.content.decode()
    assert "What was your involvement since 2024?" in text and "Sam Example" in text
    assert referral.what_happened not in text  # the referral itself stays hidden
    assert client.get(reverse("referrals:detail", args=[slug, referral.pk])).status_code == 404
    assert AccessLogEntry.objects.filter(user=school_slo.user).exists()
    empty = client.post(reverse("referrals:agency_request", args=[slug, info.pk]), {"response": ""})
    assert "Enter your agency&#x27;s summary of involvement" in empty.content.decode()
    done = client.post(
        reverse("referrals:agency_request", args=[slug, info.pk]),
        {"response": "Attended school until March; two welfare concerns logged."},
    )
    assert done.status_code == 302
    info.refresh_from_db()
    assert info.response.startswith("Attended school") and info.responded_by == school_slo.user

    # The business manager reads the answer on the referral; the referrer does not.
    bm_view = client_for(side.user(Role.BUSINESS_MANAGER)).get(
        reverse("referrals:detail", args=[slug, referral.pk])
    )
    assert "two welfare concerns logged" in bm_view.content.decode()
    referrer_view = client_for(side.user(Role.SLO)).get(
        reverse("referrals:detail", args=[slug, referral.pk])
    )
    assert "two welfare concerns logged" not in referrer_view.content.decode()


def test_only_the_asked_agency_sees_the_request(world, client_for):
    side = world.alpha
    referral = helpers.submitted(side)
    info = _ask(side, referral, side.agencies["school"])
    slug = side.partnership.slug
    health_slo = make_member(side.partnership, Role.SLO, agency=side.agencies["health"])
    school_staff = make_member(side.partnership, Role.AGENCY_STAFF, agency=side.agencies["school"])
    for member in (health_slo, school_staff):
        url = reverse("referrals:agency_request", args=[slug, info.pk])
        assert client_for(member.user).get(url).status_code == 404
        with pytest.raises(PermissionDenied):
            agency_information.agency_information_respond(
                actor=member.user, membership=member, request=info, response="x"
            )
    beta_slo = world.beta.members[Role.SLO]
    beta_url = reverse("referrals:agency_request", args=[world.beta.partnership.slug, info.pk])
    assert client_for(beta_slo.user).get(beta_url).status_code == 404


def test_the_call_and_the_answer_through_the_api(world):
    side = world.alpha
    school_slo = make_member(side.partnership, Role.SLO, agency=side.agencies["school"])
    referral = helpers.submitted(side)
    slug = side.partnership.slug
    bm = Client(HTTP_AUTHORIZATION=f"Token {api_token(side.user(Role.BUSINESS_MANAGER))}")
    ask = reverse("referrals_api:referral-request-agency-information", args=[slug, referral.pk])
    bad = bm.post(ask, {"agency": 0, "question": ""}, content_type="application/json")
    assert bad.status_code == 400
    assert "Select the agency to ask" in bad.content.decode()
    assert "Enter the information you need" in bad.content.decode()
    ok = bm.post(
        ask,
        {"agency": side.agencies["school"].pk, "question": "Summary please."},
        content_type="application/json",
    )
    assert ok.status_code == 200
    school = Client(HTTP_AUTHORIZATION=f"Token {api_token(school_slo.user)}")
    listed = school.get(reverse("referrals_api:agency-request-list", args=[slug])).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["question"] for r in rows] == ["Summary please."]
    assert rows[0]["children"][0]["name"] == "Sam Example"
    respond = reverse("referrals_api:agency-request-respond", args=[slug, rows[0]["id"]])
    assert (
        school.post(respond, {"response": ""}, content_type="application/json").status_code == 400
    )
    answered = school.post(
        respond, {"response": "Known since 2023."}, content_type="application/json"
    )
    assert answered.status_code == 200 and answered.json()["response"] == "Known since 2023."
    again = school.post(respond, {"response": "More."}, content_type="application/json")
    assert again.status_code == 409


def test_the_business_manager_follows_the_request_but_cannot_answer_it(world, client_for):
    side = world.alpha
    referral = helpers.submitted(side)
    info = _ask(side, referral, side.agencies["school"])
    slug = side.partnership.slug
    url = reverse("referrals:agency_request", args=[slug, info.pk])
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    page = client.get(url).content.decode()
    assert "Not answered yet" in page and "Send your summary" not in page
    assert "Back to the referral" in page
    client.post(url, {"response": "Answered by the wrong person."})
    info.refresh_from_db()
    assert info.is_open
    bm = Client(HTTP_AUTHORIZATION=f"Token {api_token(side.user(Role.BUSINESS_MANAGER))}")
    respond = reverse("referrals_api:agency-request-respond", args=[slug, info.pk])
    assert bm.post(respond, {"response": "x"}, content_type="application/json").status_code == 403
    listed = bm.get(reverse("referrals_api:agency-request-list", args=[slug])).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["id"] for r in rows] == [info.pk]
