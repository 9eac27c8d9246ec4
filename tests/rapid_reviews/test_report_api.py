"""The rapid review report through the API, on Lincolnshire's preset: create, read, save from
a base version (409 naming the conflicting sections), versions, sign-off, submission and the
outcome; 400, 403, 404 and 409 as the pages' services decide."""

import pytest
from django.utils import timezone

from cases.models import SignOffStatus
from cases.services import signoff as signoff_svc
from rapid_reviews import report_sections as rs
from tests.factories import PartnershipFactory, make_member
from tests.rapid_reviews.test_api import api, post
from tests.rapid_reviews.test_report import lincs  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def u(s, name, *args):
    from django.urls import reverse

    return reverse(f"rapid_reviews_api:{name}", args=[s.partnership.slug, s.review.pk, *args])


COMPLETE = {
    "participants": "Bo Manager",
    "summary": "Admitted with a head injury.",
    "case_summary": "Known.",
    "immediate_action": "Safe with grandmother.",
    "legal_advice": "No",
    "discussion": "Discussed.",
    "criteria": {k: {"decision": "no", "notes": ""} for k in rs.CRITERIA_KEYS},
    "recommendation": {"choice": "H", "other": ""},
    "rationale": "No further action.",
    "learning_actions": [{"agency": "Lincolnshire ICB", "action": "Share the learning"}],
}


def test_the_report_through_the_api(lincs):  # noqa: F811
    s = lincs
    bm, rita, ravi = api(s.bm), api(s.rgm), api(s.rgm2)
    assert bm.get(u(s, "rapid-review-report")).status_code == 404
    assert api(s.exec).post(u(s, "rapid-review-report")).status_code == 403
    created = post(rita, u(s, "rapid-review-report"))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["version"]) == ("draft", 1)
    assert "rationale" in body["missing"]
    assert post(rita, u(s, "rapid-review-report")).status_code == 409

    saved = post(
        rita, u(s, "rapid-review-report-save"), {"base_version": 1, "sections": {"summary": "R"}}
    )
    assert saved.status_code == 200 and saved.json()["version"] == 2
    conflict = post(
        ravi, u(s, "rapid-review-report-save"), {"base_version": 1, "sections": {"summary": "V"}}
    )
    assert conflict.status_code == 409
    assert conflict.json()["current_version"] == 2
    assert [c["key"] for c in conflict.json()["conflicts"]] == ["summary"]
    bad = post(
        ravi, u(s, "rapid-review-report-save"), {"base_version": 2, "sections": {"nope": "x"}}
    )
    assert bad.status_code == 400 and "nope" in bad.json()
    assert post(ravi, u(s, "rapid-review-report-save"), {"sections": {}}).status_code == 400

    versions = rita.get(u(s, "rapid-review-report-versions")).json()
    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["changed_sections"] == ["summary"]

    incomplete = post(rita, u(s, "rapid-review-report-send"))
    assert incomplete.status_code == 400 and "criteria" in incomplete.json()
    post(rita, u(s, "rapid-review-report-save"), {"base_version": 2, "sections": COMPLETE})
    sent = post(rita, u(s, "rapid-review-report-send"))
    assert sent.status_code == 200 and sent.json()["status"] == "in_sign_off"
    today = timezone.localdate().isoformat()
    early = post(bm, u(s, "rapid-review-report-submit"), {"sent_on": today})
    assert early.status_code == 409

    from cases.signoff import signoffs_of_document
    from rapid_reviews.services.report import report_of

    sign_off = signoffs_of_document(report_of(s.review)).first()
    for member in (s.exec, s.exec, s.bm):
        sign_off = signoff_svc.signoff_approve(
            actor=member.user, membership=member, sign_off=sign_off
        )
    assert sign_off.status == SignOffStatus.SIGNED_OFF
    assert post(rita, u(s, "rapid-review-report-submit"), {"sent_on": today}).status_code == 403
    submitted = post(bm, u(s, "rapid-review-report-submit"), {"sent_on": today})
    assert submitted.status_code == 200, submitted.content
    body = submitted.json()
    assert body["status"] == "submitted"
    assert [i["owner"] for i in body["action_items"]] == ["Lincolnshire ICB"]

    assert post(rita, u(s, "rapid-review-conclude"), {}).status_code == 403
    bad = post(
        bm,
        u(s, "rapid-review-conclude"),
        {"decision": "closure", "decided_on": None, "rationale": ""},
    )
    assert bad.status_code == 400 and {"decided_on", "rationale"} <= set(bad.json())
    done = post(
        bm,
        u(s, "rapid-review-conclude"),
        {"decision": "closure", "decided_on": today, "rationale": "Panel agreed"},
    )
    assert done.status_code == 200 and done.json()["decision"] == "closure"
    again = post(
        bm,
        u(s, "rapid-review-conclude"),
        {"decision": "closure", "decided_on": today, "rationale": "Panel agreed"},
    )
    assert again.status_code == 409


def test_practitioners_and_other_partnerships(lincs):  # noqa: F811
    s = lincs
    post(api(s.bm), u(s, "rapid-review-report"))
    assert api(s.police_staff).get(u(s, "rapid-review-report")).status_code == 403
    assert api(s.la_slo).get(u(s, "rapid-review-report")).status_code == 200
    other = PartnershipFactory(slug="elsewhere")
    from cases.models import Role

    stranger = make_member(other, Role.BUSINESS_MANAGER)
    assert api(stranger).get(u(s, "rapid-review-report")).status_code == 404
