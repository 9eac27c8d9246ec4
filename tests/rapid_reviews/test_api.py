"""The rapid review through the API, on Swindon's preset: the services and permissions of the
pages; 404 for what you cannot see, 403 for what you may not do, 409 for the wrong state, 400
with the reasons, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from rapid_reviews.models import RapidReview
from tests.factories import PartnershipFactory, api_token, make_member
from tests.rapid_reviews.conftest import AWARE

pytestmark = pytest.mark.django_db


def api(member) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {api_token(member.user)}")


def u(s, name, *args):
    return reverse(f"rapid_reviews_api:{name}", args=[s.partnership.slug, *args])


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_start_read_list_and_withdraw(swindon):
    bm = api(swindon.bm)
    bad = post(bm, u(swindon, "rapid-review-list"), {"case": swindon.case.pk, "source": "rumour"})
    assert bad.status_code == 400 and "source" in bad.json()
    started = post(
        bm,
        u(swindon, "rapid-review-list"),
        {"case": swindon.case.pk, "source": "executive_decision"},
    )
    assert started.status_code == 201, started.content
    body = started.json()
    assert (body["status"], body["day_zero"], body["day_zero_event"]) == (
        "in_progress",
        AWARE.isoformat(),
        "awareness",
    )
    assert body["total_days"] == 15 and body["summary"] == f"Day {body['day']} of 15"
    keys = {m["key"] for m in body["milestones"]}
    assert {"awareness_backstop", "submit_to_panel"} <= keys
    assert body["next_milestone"]["key"] in keys
    assert {m["status"] for m in body["milestones"]} <= {"open", "overdue"}

    again = post(
        bm,
        u(swindon, "rapid-review-list"),
        {"case": swindon.case.pk, "source": "executive_decision"},
    )
    assert again.status_code == 409 and "already started" in again.json()["detail"]

    listed = bm.get(u(swindon, "rapid-review-list")).json()
    assert [r["id"] for r in listed["results"]] == [body["id"]]
    detail = bm.get(u(swindon, "rapid-review-detail", body["id"]))
    assert detail.status_code == 200 and detail.json()["milestones"] == body["milestones"]

    no_reason = post(bm, u(swindon, "rapid-review-withdraw", body["id"]), {"reason": " "})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    gone = post(bm, u(swindon, "rapid-review-withdraw", body["id"]), {"reason": "Opened twice"})
    assert gone.status_code == 200 and gone.json()["status"] == "withdrawn"
    twice = post(bm, u(swindon, "rapid-review-withdraw", body["id"]), {"reason": "Again"})
    assert twice.status_code == 409


def test_who_may_do_what(swindon):
    start = {"case": swindon.case.pk, "source": "executive_decision"}
    for member in (swindon.exec, swindon.la_slo):
        assert post(api(member), u(swindon, "rapid-review-list"), start).status_code == 403
    # The school is not involved in the case: it does not exist for its staff.
    assert post(api(swindon.teacher), u(swindon, "rapid-review-list"), start).status_code == 404
    assert post(api(swindon.bm), u(swindon, "rapid-review-list"), start).status_code == 201
    review = RapidReview.objects.get()
    detail = u(swindon, "rapid-review-detail", review.pk)
    withdraw = u(swindon, "rapid-review-withdraw", review.pk)
    for member in (swindon.exec, swindon.la_slo):
        assert api(member).get(detail).status_code == 200
        assert post(api(member), withdraw, {"reason": "No"}).status_code == 403
    assert api(swindon.teacher).get(detail).status_code == 404
    assert api(swindon.teacher).get(u(swindon, "rapid-review-list")).json()["results"] == []
    other = PartnershipFactory(slug="elsewhere", with_preset="dorset")
    outsider = make_member(other, "business_manager", email="out@elsewhere.test")
    elsewhere = reverse("rapid_reviews_api:rapid-review-detail", args=["elsewhere", review.pk])
    assert api(outsider).get(elsewhere).status_code == 404
    assert api(swindon.bm).get(u(swindon, "rapid-review-detail", 99999)).status_code == 404
    assert post(api(swindon.bm), u(swindon, "rapid-review-list"), {}).status_code == 400
