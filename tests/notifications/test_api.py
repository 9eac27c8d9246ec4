"""Every notification step through the API, on Dorset's preset: the same services and
permissions as the pages; 4xx with a reason, never a 500; 403 for a member who may not act,
404 across partnerships."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import AccessLogEntry, CaseStage, Deadline, SignOffStatus
from cases.services import signoff as signoff_services
from notifications.models import SeriousIncidentNotification
from tests.factories import AgencyFactory, PartnershipFactory, api_token, make_member
from tests.notifications.conftest import AWARE, COMPLETE, copy_file, start

pytestmark = pytest.mark.django_db


def api(member) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {api_token(member.user)}")


def u(d, name, *args):
    return reverse(f"notifications_api:{name}", args=[d.partnership.slug, *args])


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_the_whole_journey_through_the_api(dorset, celery_eager):
    la, corporate, bm = api(dorset.hoqa), api(dorset.corporate), api(dorset.bm)
    created = post(la, u(dorset, "notification-list"), {"case": dorset.case.pk})
    assert created.status_code == 201, created.content
    body = created.json()
    pk = body["id"]
    assert body["status"] == "draft" and body["awareness_date"] == AWARE.isoformat()
    assert [c["first_name"] for c in body["children"]] == ["Dora"]

    again = post(la, u(dorset, "notification-list"), {"case": dorset.case.pk})
    assert again.status_code == 409 and "already has a notification" in again.json()["detail"]

    too_soon = post(la, u(dorset, "notification-send-for-sign-off", pk))
    assert too_soon.status_code == 400
    assert "outline" in too_soon.json() and "criteria" in too_soon.json()

    future = la.patch(
        u(dorset, "notification-detail", pk),
        {"incident_date": "2099-01-01"},
        content_type="application/json",
    )
    assert future.status_code == 400 and "incident_date" in future.json()
    bad_choice = la.patch(
        u(dorset, "notification-detail", pk), {"harm": "maybe"}, content_type="application/json"
    )
    assert bad_choice.status_code == 400 and "harm" in bad_choice.json()
    saved = la.patch(
        u(dorset, "notification-detail", pk), COMPLETE, content_type="application/json"
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["outline"] == COMPLETE["outline"]

    five = [{"first_name": f"C{i}"} for i in range(5)]
    too_many = la.put(
        u(dorset, "notification-children", pk), {"children": five}, content_type="application/json"
    )
    assert too_many.status_code == 400
    two = [{"first_name": "Dora", "last_name": "Zebedee"}, {"first_name": "Eli"}]
    named = la.put(
        u(dorset, "notification-children", pk), {"children": two}, content_type="application/json"
    )
    assert named.status_code == 200, named.content
    assert [c["first_name"] for c in named.json()["children"]] == ["Dora", "Eli"]

    sent = post(la, u(dorset, "notification-send-for-sign-off", pk))
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "in_sign_off" and sent.json()["sign_off"]
    not_yet = la.post(u(dorset, "notification-submit", pk), {})
    assert not_yet.status_code == 409

    n = SeriousIncidentNotification.objects.get(pk=pk)
    from notifications.services.drafts import current_sign_off

    sign_off = current_sign_off(n)
    while sign_off.status == SignOffStatus.IN_PROGRESS:
        who = dorset.hoqa if sign_off.current_step["key"] == "submit" else dorset.corporate
        sign_off = signoff_services.signoff_approve(
            actor=who.user, membership=who, sign_off=sign_off
        )
    ready = la.get(u(dorset, "notification-detail", pk))
    assert ready.json()["status"] == "ready"

    submitted = la.post(
        u(dorset, "notification-submit", pk),
        {"national_reference": "CSPRP-123", "copy": copy_file()},
    )
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["submitted_copy"]
    dorset.case.refresh_from_db()
    assert dorset.case.stage == CaseStage.RAPID_REVIEW
    assert Deadline.objects.get(case=dorset.case, key="notify_panel").met_on is not None

    future_ack = post(
        bm, u(dorset, "notification-acknowledge", pk), {"acknowledged_on": "2099-1-1"}
    )
    assert future_ack.status_code == 400
    acked = post(bm, u(dorset, "notification-acknowledge", pk))
    assert acked.status_code == 200 and acked.json()["rapid_review_acknowledged_on"]
    assert Deadline.objects.filter(case=dorset.case, stage="rapid_review").exists()
    twice = post(bm, u(dorset, "notification-acknowledge", pk))
    assert twice.status_code == 409
    gone = post(la, u(dorset, "notification-withdraw", pk), {"reason": "Too late"})
    assert gone.status_code == 409

    listed = corporate.get(u(dorset, "notification-list"))
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()["results"]] == [pk]
    assert "children" not in listed.json()["results"][0]


def test_a_notification_without_a_case_opens_one(dorset):
    la = api(dorset.hoqa)
    missing = post(la, u(dorset, "notification-list"), {})
    assert missing.status_code == 400
    assert {"title", "awareness_date"} <= set(missing.json())
    made = post(
        la,
        u(dorset, "notification-list"),
        {"title": "Child K", "awareness_date": AWARE.isoformat()},
    )
    assert made.status_code == 201, made.content
    assert made.json()["case_reference"].startswith("DOR-")


def test_police_member_is_refused_with_403_and_reads(dorset):
    police = api(dorset.police_slo)
    refused = post(police, u(dorset, "notification-list"), {"case": dorset.case.pk})
    assert refused.status_code == 403
    assert "local authority" in refused.json()["detail"]
    n = start(dorset)
    assert police.get(u(dorset, "notification-detail", n.pk)).status_code == 200
    for name, data in (
        ("notification-send-for-sign-off", {}),
        ("notification-withdraw", {"reason": "No"}),
        ("notification-acknowledge", {}),
    ):
        assert post(police, u(dorset, name, n.pk), data).status_code == 403, name
    changed = police.patch(
        u(dorset, "notification-detail", n.pk), {"outline": "x"}, content_type="application/json"
    )
    assert changed.status_code == 403


def test_reads_of_the_children_are_in_the_access_log(dorset):
    n = start(dorset)
    la = api(dorset.hoqa)
    before = AccessLogEntry.objects.filter(case=dorset.case).count()
    assert "Zebedee" in la.get(u(dorset, "notification-detail", n.pk)).content.decode()
    assert "Zebedee" in la.get(u(dorset, "notification-children", n.pk)).content.decode()
    assert AccessLogEntry.objects.filter(case=dorset.case).count() == before + 2


def test_withdraw_needs_a_reason(dorset):
    n = start(dorset)
    la = api(dorset.hoqa)
    assert post(la, u(dorset, "notification-withdraw", n.pk), {}).status_code == 400
    done = post(la, u(dorset, "notification-withdraw", n.pk), {"reason": "Duplicate case"})
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"


def test_another_partnership_gets_404(dorset):
    other = PartnershipFactory(slug="elsewhere", with_preset="dorset")
    la = AgencyFactory(partnership=other, agency_type="local_authority")
    outsider = make_member(other, "slo", agency=la)
    n = start(dorset)
    req = post(
        api(dorset.police_slo),
        u(dorset, "request-list"),
        {"case": dorset.case.pk, "reason": "Neglect"},
    ).json()
    client = api(outsider)
    # Their own partnership's slug with our ids, and our slug: both 404.
    for url in (
        reverse("notifications_api:notification-detail", args=[other.slug, n.pk]),
        reverse("notifications_api:request-detail", args=[other.slug, req["id"]]),
        u(dorset, "notification-detail", n.pk),
        u(dorset, "notification-list"),
    ):
        assert client.get(url).status_code == 404, url
    create = post(
        client,
        reverse("notifications_api:notification-list", args=[other.slug]),
        {"case": dorset.case.pk},
    )
    assert create.status_code == 404


def test_requests_to_notify_raise_answer_escalate(dorset, celery_eager):
    police, la = api(dorset.police_slo), api(dorset.hoqa)
    empty = post(police, u(dorset, "request-list"), {"case": dorset.case.pk, "reason": ""})
    assert empty.status_code == 400
    raised = post(police, u(dorset, "request-list"), {"case": dorset.case.pk, "reason": "Neglect"})
    assert raised.status_code == 201, raised.content
    pk = raised.json()["id"]
    assert raised.json()["agency_name"] == "Dorset Police"
    la_raises = post(la, u(dorset, "request-list"), {"case": dorset.case.pk, "reason": "x"})
    assert la_raises.status_code == 403
    assert post(police, u(dorset, "request-answer", pk), {"answer": "agreed"}).status_code == 403
    early = post(police, u(dorset, "request-escalate", pk), {"escalated_to": "PDSCP Executive"})
    assert early.status_code == 409
    no_reason = post(la, u(dorset, "request-answer", pk), {"answer": "disagreed"})
    assert no_reason.status_code == 400 and "answer_reason" in no_reason.json()
    answered = post(
        la, u(dorset, "request-answer", pk), {"answer": "disagreed", "reason": "Not met"}
    )
    assert answered.status_code == 200 and answered.json()["answer"] == "disagreed"
    assert post(la, u(dorset, "request-answer", pk), {"answer": "agreed"}).status_code == 409
    escalated = post(police, u(dorset, "request-escalate", pk), {"escalated_to": "PDSCP Executive"})
    assert escalated.status_code == 200 and escalated.json()["escalated_to"] == "PDSCP Executive"
    listed = la.get(u(dorset, "request-list"))
    assert [r["id"] for r in listed.json()["results"]] == [pk]


def test_child_in_care_death_notice(dorset):
    n = start(dorset)
    la = api(dorset.hoqa)
    assert post(la, u(dorset, "notification-child-in-care-notice", n.pk)).status_code == 409
    la.patch(
        u(dorset, "notification-detail", n.pk),
        {"care_status": "child_in_care", "harm": "died"},
        content_type="application/json",
    )
    made = post(la, u(dorset, "notification-child-in-care-notice", n.pk))
    assert made.status_code == 201 and made.json()["case"] == dorset.case.pk


def test_awareness_corrected_through_the_api_moves_the_clock(dorset):
    n = start(dorset)
    la = api(dorset.hoqa)
    before = Deadline.objects.get(case=dorset.case, key="notify_panel").due
    earlier = AWARE - datetime.timedelta(days=1)
    la.patch(
        u(dorset, "notification-detail", n.pk),
        {"awareness_date": earlier.isoformat()},
        content_type="application/json",
    )
    assert Deadline.objects.get(case=dorset.case, key="notify_panel").due < before
