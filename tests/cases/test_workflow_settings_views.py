"""Workflow settings in the browser: shown to members, changed by a business manager through
validated, audited services; closure days; recomputing a running stage from the case page."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from cases.models import AuditEvent, ClosureDay, Deadline, Partnership, Role
from cases.services import deadlines as deadline_services
from cases.workflow import preset

D = dt.date


def _url(name, side, *args):
    return reverse(name, args=[side.partnership.slug, *args])


@pytest.fixture
def bm_client(world, client_for):
    return client_for(world.alpha.user(Role.BUSINESS_MANAGER))


def _audits(side, action):
    return AuditEvent.objects.filter(partnership=side.partnership, action=action)


def test_settings_page_shows_every_part_of_the_settings(world, bm_client):
    html = bm_client.get(_url("cases:workflow_settings", world.alpha)).content.decode()
    workflow = world.alpha.partnership.workflow
    for text in (
        workflow["review_group_name"],
        workflow["executive_board_name"],
        "Reminders",
        "Before the due date",
        "Sign-off chains",
        "Rapid review",
        "Statutory",
        "Business manager",
    ):
        assert text in html, text
    # Each stage's milestones, with their rule in words.
    for milestone in workflow["stages"]["rapid_review"]["milestones"]:
        assert milestone["label"].split("…")[0][:40].replace("'", "&#x27;") in html
    assert "15 working days after" in html


def test_settings_page_copes_with_empty_or_broken_settings(world, client_for):
    partnership = world.alpha.partnership
    for broken in ({}, {"stages": "nope", "quorum": 3, "reminder_policy": []}):
        Partnership.objects.filter(pk=partnership.pk).update(workflow=broken)
        client = client_for(world.alpha.user(Role.SCRUTINEER))
        response = client.get(_url("cases:workflow_settings", world.alpha))
        assert response.status_code == 200


def test_common_fields_are_saved_and_audited_with_before_and_after(world, bm_client):
    side = world.alpha
    url = _url("cases:workflow_settings_edit", side)
    form = bm_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update(
        review_group_name="Case Review Group",
        before_working_days="5, 2",
        on_due_day="on",
        escalate_to_business_manager_after="2",
        escalate_to_executive_after="4",
        note="Agreed at the board",
    )
    data.pop("overdue_every_working_day")  # unticked
    response = bm_client.post(url, data)
    assert response.status_code == 302
    side.partnership.refresh_from_db()
    workflow = side.partnership.workflow
    assert workflow["review_group_name"] == "Case Review Group"
    assert workflow["reminder_policy"] == {
        "before_working_days": [5, 2],
        "on_due_day": True,
        "overdue_every_working_day": False,
        "escalate_to_business_manager_after": 2,
        "escalate_to_executive_after": 4,
    }
    event = _audits(side, "workflow.update").get()
    assert event.actor == side.user(Role.BUSINESS_MANAGER)
    assert event.note == "Agreed at the board"
    before, after = event.changes["review_group_name"]
    assert after == "Case Review Group" and before != after
    assert event.changes["reminder_policy"][1]["before_working_days"] == [5, 2]
    assert "stages" not in event.changes  # only what changed


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"before_working_days": "2, two"}, "before_working_days", "whole numbers"),
        ({"before_working_days": "2, 2"}, "before_working_days", "Do not repeat"),
        ({"before_working_days": "45"}, "before_working_days", "between 1 and 30"),
        (
            {"escalate_to_business_manager_after": "5", "escalate_to_executive_after": "2"},
            "escalate_to_executive_after",
            "must not come before",
        ),
        ({"escalate_to_executive_after": "600"}, "escalate_to_executive_after", "60"),
        ({"quorum_rule": "minimum_count", "quorum_minimum": ""}, "quorum_minimum", "minimum"),
        ({"review_group_name": ""}, "review_group_name", "required"),
    ],
)
def test_common_fields_validation_is_shown_next_to_the_field(
    world, bm_client, changes, field, message
):
    url = _url("cases:workflow_settings_edit", world.alpha)
    before = world.alpha.partnership.workflow
    data = {k: v for k, v in bm_client.get(url).context["form"].initial.items() if v is not None}
    data.update(changes)
    response = bm_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert "govuk-error-summary" in response.content.decode()
    world.alpha.partnership.refresh_from_db()
    assert world.alpha.partnership.workflow == before
    assert not _audits(world.alpha, "workflow.update").exists()


def test_json_editor_saves_valid_settings_and_reports_every_problem(world, bm_client):
    side = world.alpha
    url = _url("cases:workflow_settings_json", side)
    assert json.loads(bm_client.get(url).context["form"].initial["settings"]) == (
        side.partnership.workflow
    )
    broken = preset("swindon")
    broken["stages"]["rapid_review"]["milestones"][0]["rule"]["unit"] = "fortnights"
    broken["reminder_policy"]["before_working_days"] = [0]
    response = bm_client.post(url, {"settings": json.dumps(broken)})
    assert response.status_code == 200
    problems = response.context["form"].errors["settings"]
    assert any(p.startswith("stages.rapid_review.milestones[0].rule.unit") for p in problems)
    assert any(p.startswith("reminder_policy.before_working_days[0]") for p in problems)

    good = preset("swindon")
    good["review_group_name"] = "PRG"
    response = bm_client.post(url, {"settings": json.dumps(good), "note": "Copied Swindon"})
    assert response.status_code == 302
    side.partnership.refresh_from_db()
    assert side.partnership.workflow == good
    assert _audits(side, "workflow.update").get().note == "Copied Swindon"


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "Enter valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ("[" * 100_000 + "]" * 100_000, "Enter valid JSON"),
        ('{"version": 1}', "stages: missing"),
        ("", "required"),
        ("x" * 600_000, "500000"),
    ],
)
def test_json_editor_never_fails_on_bad_input(world, bm_client, text, message):
    response = bm_client.post(_url("cases:workflow_settings_json", world.alpha), {"settings": text})
    assert response.status_code == 200
    assert message.replace(",", "") in " ".join(
        response.context["form"].errors["settings"]
    ).replace(",", "")


def test_load_a_preset(world, bm_client):
    side = world.alpha
    response = bm_client.post(_url("cases:workflow_settings_preset", side), {"preset": "dorset"})
    assert response.status_code == 302
    side.partnership.refresh_from_db()
    assert side.partnership.workflow == preset("dorset")
    assert side.partnership.workflow_preset == "dorset"
    event = _audits(side, "workflow.load_preset").get()
    assert event.changes["workflow_preset"] == ["lincolnshire", "dorset"]
    assert "stages" in event.changes
    response = bm_client.post(_url("cases:workflow_settings_preset", side), {"preset": "atlantis"})
    assert response.status_code == 200 and "preset" in response.context["form"].errors


def test_changing_settings_does_not_move_running_deadlines(world, bm_client):
    side = world.alpha
    bm = side.user(Role.BUSINESS_MANAGER)
    deadline_services.stage_start(
        actor=bm, case=side.case, stage="rapid_review", day_zero=D(2026, 12, 22)
    )
    before = dict(Deadline.objects.filter(case=side.case).values_list("key", "due"))
    bm_client.post(_url("cases:workflow_settings_preset", side), {"preset": "swindon"})
    ClosureDay.objects.create(partnership=side.partnership, date=D(2026, 12, 29), reason="x")
    assert dict(Deadline.objects.filter(case=side.case).values_list("key", "due")) == before


def test_preview_shows_the_dates_a_day_zero_gives(world, client_for):
    client = client_for(world.alpha.user(Role.AGENCY_STAFF))
    response = client.get(
        _url("cases:workflow_schedule_preview", world.alpha),
        {
            "stage": "rapid_review",
            "day_zero_day": "22",
            "day_zero_month": "12",
            "day_zero_year": "2026",
        },
    )
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows[-1][2] == "Fri 15 Jan 2027" and rows[-1][1]["text"] == "15"
    html = response.content.decode()
    assert "Christmas Day" in html and "Fri 15 Jan 2027" in html


@pytest.mark.parametrize(
    "params",
    [
        {"stage": "nonsense", "day_zero_day": "1", "day_zero_month": "1", "day_zero_year": "2026"},
        {
            "stage": "rapid_review",
            "day_zero_day": "31",
            "day_zero_month": "2",
            "day_zero_year": "2026",
        },
        {
            "stage": "rapid_review",
            "day_zero_day": "1",
            "day_zero_month": "1",
            "day_zero_year": "9999",
        },
        {"stage": "rapid_review"},
    ],
)
def test_preview_bad_input_is_a_form_error(world, bm_client, params):
    response = bm_client.get(_url("cases:workflow_schedule_preview", world.alpha), params)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_preview_with_broken_stage_settings_says_so(world, bm_client):
    partnership = world.alpha.partnership
    partnership.workflow["stages"]["rapid_review"]["milestones"][0]["rule"] = {"unit": "x"}
    partnership.save()
    response = bm_client.get(
        _url("cases:workflow_schedule_preview", world.alpha),
        {
            "stage": "rapid_review",
            "day_zero_day": "2",
            "day_zero_month": "11",
            "day_zero_year": "2026",
        },
    )
    assert response.status_code == 200 and response.context["problem"]


def test_closure_days_added_removed_and_audited(world, bm_client):
    side = world.alpha
    url = _url("cases:closure_days", side)
    data = {"date_day": "29", "date_month": "12", "date_year": "2026", "reason": "Office closed"}
    assert bm_client.post(url, data).status_code == 302
    day = ClosureDay.objects.get(partnership=side.partnership)
    assert day.added_by == side.user(Role.BUSINESS_MANAGER)
    # The same date again, a weekend and a missing reason are refused with a message.
    for bad, field in (
        (data, "date"),
        ({**data, "date_day": "2", "date_month": "1", "date_year": "2027"}, "date"),
        ({**data, "date_day": "30", "reason": ""}, "reason"),
    ):
        response = bm_client.post(url, bad)
        assert response.status_code == 200 and field in response.context["form"].errors
    remove = _url("cases:closure_day_remove", side, day.pk)
    assert bm_client.get(remove).status_code == 405
    assert bm_client.post(remove).status_code == 302
    day.refresh_from_db()
    assert day.removed_at is not None  # archived, not deleted
    assert bm_client.post(remove).status_code == 404
    added = _audits(side, "closure_day.add").get()
    removed = _audits(side, "closure_day.remove").get()
    assert added.changes["date"] == [None, "2026-12-29"]
    assert removed.changes["date"] == ["2026-12-29", None]
    # Removed days no longer count, and the date can be added again.
    assert bm_client.post(url, data).status_code == 302
    assert ClosureDay.objects.filter(partnership=side.partnership).count() == 2


def test_only_a_business_manager_changes_closure_days(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.EXECUTIVE))
    url = _url("cases:closure_days", side)
    assert client.get(url).status_code == 200
    data = {"date_day": "29", "date_month": "12", "date_year": "2026", "reason": "x"}
    assert client.post(url, data).status_code == 403
    assert not ClosureDay.objects.exists()


def test_recompute_a_running_stage_from_the_case_page(world, bm_client):
    side = world.alpha
    bm = side.user(Role.BUSINESS_MANAGER)
    deadline_services.stage_start(
        actor=bm, case=side.case, stage="rapid_review", day_zero=D(2026, 12, 4)
    )
    detail = bm_client.get(_url("cases:case_detail", side, side.case.pk)).content.decode()
    recompute = _url("cases:stage_recompute", side, side.case.pk, "rapid_review")
    assert recompute in detail
    ClosureDay.objects.create(partnership=side.partnership, date=D(2026, 12, 29), reason="x")
    response = bm_client.get(recompute)
    assert response.context["form"].initial["day_zero"] == D(2026, 12, 4)
    # Without a reason: an error, nothing moves.
    response = bm_client.post(
        recompute, {"day_zero_day": "4", "day_zero_month": "12", "day_zero_year": "2026"}
    )
    assert "reason" in response.context["form"].errors
    response = bm_client.post(
        recompute,
        {
            "day_zero_day": "7",
            "day_zero_month": "12",
            "day_zero_year": "2026",
            "reason": "Aware on Monday, not Friday",
        },
    )
    assert response.status_code == 302
    last = Deadline.objects.filter(case=side.case, stage="rapid_review").order_by("-due").first()
    # Mon 7 Dec + 15 working days: 8-11 (4), 14-18 (9), 21-24 (13), then 25 and 28 Dec are
    # bank holidays and 29 Dec the new closure day: 30 Dec (14), 31 Dec (15).
    assert last.day_zero == D(2026, 12, 7) and last.due == D(2026, 12, 31)
    event = AuditEvent.objects.get(case=side.case, action="stage.recompute")
    assert event.note == "Aware on Monday, not Friday"
    assert event.changes["day_zero"] == ["2026-12-04", "2026-12-07"]


def test_recompute_needs_a_running_stage_and_a_business_manager(world, client_for):
    side = world.alpha
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    assert bm.get(_url("cases:stage_recompute", side, side.case.pk, "lcspr")).status_code == 404
    assert bm.get(_url("cases:stage_recompute", side, side.case.pk, "bogus")).status_code == 404
    deadline_services.stage_start(
        actor=side.user(Role.BUSINESS_MANAGER),
        case=side.case,
        stage="lcspr",
        day_zero=D(2026, 11, 2),
    )
    slo = client_for(side.user(Role.SLO))
    assert slo.get(_url("cases:stage_recompute", side, side.case.pk, "lcspr")).status_code == 403
