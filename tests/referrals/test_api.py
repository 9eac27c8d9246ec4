"""Every referral step through the API, with the same permissions as the pages: 4xx with a
reason, never a 500; wrong transitions are 409."""

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import CaseStage, Role
from referrals.models import Referral
from tests.factories import api_token

pytestmark = pytest.mark.django_db
TODAY = "2026-11-02"


def api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {api_token(user)}")


def u(side, name, *args):
    return reverse(f"referrals_api:{name}", args=[side.partnership.slug, *args])


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def test_the_whole_journey_through_the_api(world, celery_eager, django_capture_on_commit_callbacks):
    side = world.alpha
    slo, bm, exe = (api(side.user(r)) for r in (Role.SLO, Role.BUSINESS_MANAGER, Role.EXECUTIVE))
    created = post(slo, u(side, "referral-list"))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["referrer_email"] == side.user(Role.SLO).email

    sent_too_soon = post(slo, u(side, "referral-authorise", pk))
    assert sent_too_soon.status_code == 400 and "child" in str(sent_too_soon.json())

    child = post(slo, u(side, "child-list", pk), {"first_name": "Sam", "nhs_number": "12"})
    assert child.status_code == 400 and "nhs_number" in child.json()
    child = post(slo, u(side, "child-list", pk), {"first_name": "Sam", "last_name": "Api"})
    assert child.status_code == 201
    child_id = child.json()["id"]
    assert patch(slo, u(side, "child-detail", pk, child_id), {"faith": "None"}).status_code == 200
    assert post(slo, u(side, "person-list", pk), {"role": "parent"}).status_code == 201
    agency = side.agencies["school"].pk
    assert post(slo, u(side, "agency-contact-list", pk), {"agency": agency}).status_code == 201
    saved = patch(
        slo,
        u(side, "referral-detail", pk),
        {"harm": "serious_harm", "what_happened": "Injuries.", "reasons": ["media_interest"]},
    )
    assert saved.status_code == 200 and saved.json()["reasons"] == ["media_interest"]

    authorised = post(slo, u(side, "referral-authorise", pk))
    assert authorised.status_code == 200, authorised.content
    body = authorised.json()
    assert body["status"] == "submitted" and body["case_reference"]
    assert patch(slo, u(side, "referral-detail", pk), {"why_now": "x"}).status_code == 409

    asked = post(bm, u(side, "referral-request-information", pk), {"question": "Which school?"})
    assert asked.json()["status"] == "information_requested"
    assert (
        post(
            bm,
            u(side, "referral-decide", pk),
            {
                "outcome": "no_further_action",
                "rationale": "x",
                "decided_on": TODAY,
                "decided_by": "x",
            },
        ).status_code
        == 409
    )
    answered = post(slo, u(side, "referral-provide-information", pk), {"response": "Alpha"})
    assert answered.json()["status"] == "in_triage"

    decided = post(
        bm,
        u(side, "referral-decide", pk),
        {
            "outcome": "recommend_rapid_review",
            "rationale": "Serious harm.",
            "decided_on": TODAY,
            "decided_by": "SIRG",
        },
    )
    assert decided.json()["status"] == "preparing_recommendation"
    generated = bm.get(u(side, "referral-recommend", pk)).json()
    assert generated["outline"] == "Injuries." and generated["harm"] == "serious_harm"
    sent = post(bm, u(side, "referral-recommend", pk), {"abuse_or_neglect": "abuse"})
    assert sent.status_code == 200 and sent.json()["status"] == "awaiting_executive"

    refused = post(
        bm,
        u(side, "referral-executive-decision", pk),
        {"verdict": "agree", "rationale": "x", "meeting_date": TODAY, "attendees": "x"},
    )
    assert refused.status_code == 403
    agreed = post(
        exe,
        u(side, "referral-executive-decision", pk),
        {"verdict": "agree", "rationale": "Met.", "meeting_date": TODAY, "attendees": "AE"},
    )
    assert agreed.status_code == 200 and agreed.json()["status"] == "decided"
    referral = Referral.objects.get(pk=pk)
    assert referral.case.stage == CaseStage.AWAITING_NOTIFICATION

    for name in ("referral-pdf", "referral-recommendation-pdf"):
        with django_capture_on_commit_callbacks(execute=True):
            assert exe.get(u(side, name, pk)).status_code == 202  # rendered after the commit
        response = exe.get(u(side, name, pk))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    history = bm.get(u(side, "referral-history", pk)).json()["results"]
    assert {"referral.authorise", "referral.executive_decision"} <= {e["action"] for e in history}

    challenge = post(
        slo,
        u(side, "challenge-list", pk),
        {"kind": "challenge", "grounds": "Disagree.", "raised_on": TODAY},
    )
    assert challenge.status_code == 201
    cid = challenge.json()["id"]
    step = post(
        bm,
        u(side, "challenge-step", pk, cid),
        {"outcome": "not_upheld", "notes": "Decision stands.", "held_on": TODAY},
    )
    assert step.status_code == 201 and step.json()["status"] == "resolved"
    assert (
        post(
            bm,
            u(side, "challenge-step", pk, cid),
            {"outcome": "upheld", "notes": "x", "held_on": TODAY},
        ).status_code
        == 409
    )


@pytest.mark.parametrize(
    "payload",
    [
        {"outcome": 7, "rationale": [], "decided_on": "soon", "decided_by": None},
        {"outcome": "no_further_action"},
        "not json at all",
        [1, 2, 3],
    ],
)
def test_garbage_is_a_400_never_a_500(world, payload):
    from tests.referrals import helpers

    side = world.alpha
    referral = helpers.submitted(side)
    client = api(side.user(Role.BUSINESS_MANAGER))
    if isinstance(payload, str):
        response = client.post(
            u(side, "referral-decide", referral.pk), payload, content_type="application/json"
        )
    else:
        response = post(client, u(side, "referral-decide", referral.pk), payload)
    assert response.status_code == 400


def test_external_referral_through_the_api(world):
    side = world.alpha
    bm = api(side.user(Role.BUSINESS_MANAGER))
    missing = post(bm, u(side, "referral-list"), {"external": True})
    assert missing.status_code == 400 and "external_source" in missing.json()
    created = post(bm, u(side, "referral-list"), {"external": True, "external_source": "cdop"})
    assert created.status_code == 201 and created.json()["is_external"] is True
    staff = api(side.user(Role.AGENCY_STAFF))
    assert (
        post(
            staff, u(side, "referral-list"), {"external": True, "external_source": "cdop"}
        ).status_code
        == 403
    )


def test_lookups_and_schema(world, client_for):
    side = world.alpha
    lookups = api(side.user(Role.SLO)).get(u(side, "lookup-list")).json()
    kinds = {row["kind"] for row in lookups}
    assert kinds == {"reason", "characteristic", "challenge_step", "complaint_step"}
    schema = client_for(side.user(Role.BUSINESS_MANAGER)).get(reverse("api_schema"))
    assert b"/api/p/{partnership_slug}/referrals/{id}/executive-decision/" in schema.content
