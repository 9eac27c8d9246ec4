"""API for deadlines, workflow settings, schedule preview, closure days and notifications."""

import datetime as dt

import pytest
from django.urls import reverse

from cases.models import AuditEvent, ClosureDay, Deadline, DeadlineStatus, Role
from cases.services import deadlines as deadline_services
from cases.services.reminders import reminders_sweep
from cases.workflow import preset
from tests.cases.reminder_records import at

D = dt.date
JSON = "application/json"


def _api(name, side, **kwargs):
    return reverse(
        f"cases_api:{name}", kwargs={"partnership_slug": side.partnership.slug, **kwargs}
    )


@pytest.fixture
def running(world):
    side = world.alpha
    deadline_services.stage_start(
        actor=side.user(Role.BUSINESS_MANAGER),
        case=side.case,
        stage="rapid_review",
        day_zero=D(2026, 12, 22),
    )
    return side


def test_deadlines_of_a_case(running, client_for):
    side = running
    client = client_for(side.user(Role.SLO))
    response = client.get(_api("deadline-list", side, case_pk=side.case.pk))
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == Deadline.objects.filter(case=side.case).count()
    submit = next(r for r in rows if r["key"] == "submit_to_panel")
    assert submit["due"] == "2027-01-15" and submit["day"] == 15 and submit["statutory"]
    filtered = client.get(_api("deadline-list", side, case_pk=side.case.pk), {"stage": "lcspr"})
    assert filtered.json() == []


def test_meet_and_waive_by_a_business_manager(running, client_for):
    side = running
    deadlines = list(Deadline.objects.filter(case=side.case).order_by("due"))
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    slo = client_for(side.user(Role.SLO))
    meet = _api("deadline-meet", side, case_pk=side.case.pk, pk=deadlines[0].pk)
    assert slo.post(meet, {}, content_type=JSON).status_code == 403
    response = bm.post(meet, {"met_on": "2026-12-23"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "met"
    assert response.json()["met_on"] == "2026-12-23"
    waive = _api("deadline-waive", side, case_pk=side.case.pk, pk=deadlines[1].pk)
    assert bm.post(waive, {}, content_type=JSON).status_code == 400
    response = bm.post(waive, {"reason": "Done at the first meeting"}, content_type=JSON)
    assert response.json()["status"] == "waived"
    again = bm.post(waive, {"reason": "Again"}, content_type=JSON)
    assert again.status_code == 409
    assert AuditEvent.objects.filter(case=side.case, action="deadline.waive").count() == 1
    bad = bm.post(meet, {"met_on": "yesterday"}, content_type=JSON)
    assert bad.status_code == 400


def test_workflow_settings_get_put_patch(world, client_for):
    side = world.alpha
    url = _api("workflow-settings", side)
    staff = client_for(side.user(Role.AGENCY_STAFF))
    got = staff.get(url).json()
    assert got["preset"] == "lincolnshire" and got["settings"] == side.partnership.workflow
    assert staff.patch(url, {"review_group_name": "X"}, content_type=JSON).status_code == 403

    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    policy = {**side.partnership.workflow["reminder_policy"], "before_working_days": [3]}
    response = bm.patch(
        url, {"settings": {"reminder_policy": policy}, "note": "Three days"}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["settings"]["reminder_policy"]["before_working_days"] == [3]
    event = AuditEvent.objects.get(partnership=side.partnership, action="workflow.update")
    assert event.note == "Three days" and list(event.changes) == ["reminder_policy"]

    response = bm.put(url, preset("bcp"), content_type=JSON)
    assert response.status_code == 200
    side.partnership.refresh_from_db()
    assert side.partnership.workflow == preset("bcp")


@pytest.mark.parametrize(
    "method, body",
    [
        ("put", {"version": 1}),
        ("put", [1, 2, 3]),
        ("put", '"settings"'),  # a JSON string
        ("patch", {"reminder_policy": {"before_working_days": [0]}}),
        ("patch", {"stages": {"rapid_review": {}}}),
        ("patch", {"unknown_setting": 1}),
        ("patch", ["x"]),
    ],
)
def test_invalid_settings_are_a_400_with_the_reasons(world, client_for, method, body):
    side = world.alpha
    before = side.partnership.workflow
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    response = getattr(bm, method)(_api("workflow-settings", side), body, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["workflow"]
    side.partnership.refresh_from_db()
    assert side.partnership.workflow == before


def test_malformed_json_body_is_a_400(world, client_for):
    bm = client_for(world.alpha.user(Role.BUSINESS_MANAGER))
    response = bm.put(_api("workflow-settings", world.alpha), "{nope", content_type=JSON)
    assert response.status_code == 400


def test_schedule_preview(world, client_for):
    client = client_for(world.alpha.user(Role.SCRUTINEER))
    url = _api("schedule-preview", world.alpha)
    response = client.get(url, {"stage": "rapid_review", "day_zero": "2026-12-22"})
    assert response.status_code == 200
    last = response.json()[-1]
    assert last["due"] == "2027-01-15" and last["day"] == 15 and "Christmas Day" in last["rule"]
    for params in ({}, {"stage": "x", "day_zero": "2026-12-22"}, {"stage": "lcspr"}):
        assert client.get(url, params).status_code == 400


def test_closure_days_api(world, client_for):
    side = world.alpha
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    url = _api("closure-day-list", side)
    created = bm.post(url, {"date": "2026-12-29", "reason": "Closed"}, content_type=JSON)
    assert created.status_code == 201
    duplicate = bm.post(url, {"date": "2026-12-29", "reason": "Closed"}, content_type=JSON)
    assert duplicate.status_code == 400 and "date" in duplicate.json()
    assert bm.get(url).json() == [created.json()]
    day = ClosureDay.objects.get()
    assert bm.delete(_api("closure-day-detail", side, pk=day.pk)).status_code == 204
    assert bm.get(url).json() == []
    day.refresh_from_db()
    assert day.removed_at is not None


def test_notifications_api(world, client_for):
    side = world.alpha
    deadline_services.stage_start(
        actor=side.user(Role.BUSINESS_MANAGER),
        case=side.case,
        stage="rapid_review",
        day_zero=D(2026, 12, 22),
    )
    reminders_sweep(now=at(D(2026, 12, 22)))
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    page = bm.get(_api("notification-list", side)).json()
    assert page["count"] > 0
    first = page["results"][0]
    assert first["case_reference"] == side.case.reference and first["read_at"] is None
    read = bm.post(_api("notification-read", side, pk=first["id"]))
    assert read.status_code == 200 and read.json()["read_at"]
    unread = bm.get(_api("notification-list", side), {"unread": "1"}).json()
    assert first["id"] not in [n["id"] for n in unread["results"]]
    # Someone else's notification: 404.
    other = client_for(side.user(Role.EXECUTIVE))
    assert other.post(_api("notification-read", side, pk=first["id"])).status_code == 404
    assert all(d.status == DeadlineStatus.OPEN for d in Deadline.objects.filter(case=side.case))
