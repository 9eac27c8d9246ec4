"""Workflow settings: the five seed presets, their schedules, and validation.

Expected dates are counted by hand on a calendar (comments show the count); the minimum contents
come from issue 3 and the seeds.
"""

import copy
import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.calendar import WorkingCalendar
from cases.workflow import (
    PRESETS,
    STAGES,
    compute_learning_option_deadline,
    compute_schedule,
    preset,
    validate_workflow_settings,
    workflow_settings_errors,
)
from cases.workflow.validation import stage_errors

D = dt.date
CAL = WorkingCalendar()
CHRISTMAS_DAY_ZERO = D(2026, 12, 22)  # a Tuesday, three days before Christmas


def _milestones(name, stage):
    return {m["key"]: m for m in PRESETS[name]["stages"][stage]["milestones"]}


def _schedule(name, stage, day_zero, calendar=CAL):
    return {m.key: m for m in compute_schedule(PRESETS[name], stage, day_zero, calendar)}


def _due(name, stage, day_zero, calendar=CAL):
    return {key: m.due for key, m in _schedule(name, stage, day_zero, calendar).items()}


def _days(name, stage):
    return {
        key: m["rule"]["offset"]
        for key, m in _milestones(name, stage).items()
        if m["rule"]["unit"] == "working_days" and not {"from", "from_event"} & set(m["rule"])
    }


# -- every preset --


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_validates(name):
    assert workflow_settings_errors(PRESETS[name]) == []
    validate_workflow_settings(PRESETS[name])


def test_the_five_presets():
    assert list(PRESETS) == ["lincolnshire", "swindon", "dorset", "bcp", "north-lincolnshire"]


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_has_every_stage_and_round_trips_through_json(name):
    data = preset(name)
    assert list(data["stages"]) == list(STAGES)
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_milestone_cites_its_seed(name):
    seed = {
        "lincolnshire": "000",
        "swindon": "001",
        "dorset": "002",
        "bcp": "003",
        "north-lincolnshire": "004",
    }[name]
    for stage in PRESETS[name]["stages"].values():
        for milestone in stage["milestones"]:
            source = milestone["source"]
            national = milestone["key"] == "panel_response" and source.startswith("004")
            assert source.startswith(seed) or national, milestone["key"]


def test_preset_returns_an_independent_copy():
    data = preset("dorset")
    first, second = data["stages"]["rapid_review"]["milestones"][1:3]
    first["responsible"]["roles"].append("executive")
    assert second["responsible"]["roles"] == ["business_manager"]
    data["stages"]["rapid_review"]["milestones"].clear()
    data["review_group_name"] = "changed"
    assert PRESETS["dorset"]["stages"]["rapid_review"]["milestones"]
    assert preset("dorset")["review_group_name"] == "CSPR sub-group"


def test_unknown_preset_lists_the_names():
    with pytest.raises(KeyError, match="lincolnshire, swindon, dorset, bcp, north-lincolnshire"):
        preset("yorkshire")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(list(PRESETS)), st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 1, 1)))
def test_every_stage_schedules_for_any_day_zero(name, day_zero):
    for stage, stage_settings in PRESETS[name]["stages"].items():
        rules = {m["key"]: m["rule"] for m in stage_settings["milestones"]}
        schedule = compute_schedule(PRESETS[name], stage, day_zero, CAL)
        assert sorted(m.key for m in schedule) == sorted(rules)
        assert [(m.due, m.key) for m in schedule] == sorted((m.due, m.key) for m in schedule)
        for m in schedule:
            rule = rules[m.key]
            if rule["unit"] == "working_days" and not {"from", "from_event"} & set(rule):
                assert m.day == rule["offset"]
                assert m.due == CAL.add_working_days(day_zero, rule["offset"])
            if rule["unit"] != "working_days":
                assert m.day is None
                assert CAL.is_working_day(m.due)  # presets bring calendar dates forward
            if m.statutory and rule["offset"] > 0 and not {"from", "from_event"} & set(rule):
                assert m.due > day_zero


# -- lincolnshire (seed 000, Appendix C) --


def test_lincolnshire_rapid_review_days():
    assert _days("lincolnshire", "rapid_review") == {
        "commissioning_email": 1,
        "tor_meeting": 2,
        "agency_returns": 7,
        "collated_chronology": 7,
        "rapid_review_meeting": 13,
        "ratification_meeting": 13,
        "executive_sign_off": 14,
        "submit_to_panel": 15,
    }
    milestones = _milestones("lincolnshire", "rapid_review")
    meetings = milestones["rapid_review_meeting"]
    assert meetings["rule"]["window_start"] == 8
    # Chapter 2 and Appendix E ("a minimum of two days") over Appendix C ("two half day
    # sessions"); returns by 9am (Appendix E); the agreed ToR go out on the ToR meeting's day.
    assert "minimum of two days" in meetings["label"]
    assert "two half day sessions" in meetings["source"]
    assert milestones["agency_returns"]["time"] == "09:00"
    for key in ("tor_agreed", "tor_sent"):
        assert milestones[key]["rule"] == {
            "unit": "working_days",
            "offset": 0,
            "from": "tor_meeting",
        }
    assert "24 hours" in milestones["commissioning_email"]["source"]
    chain = [s["key"] for s in PRESETS["lincolnshire"]["sign_off_chains"]["rapid_review_report"]]
    assert chain == [
        "statutory_partners_agree",
        "assurance_executive_sign_off",
        "independent_chair_sign_off",
        "submit_to_panel",
    ]
    assert _milestones("lincolnshire", "rapid_review")["submit_to_panel"]["statutory"] is True


def test_lincolnshire_rapid_review_over_christmas():
    # Day 1 Wed 23 Dec, 2 Thu 24; 25 Dec and 28 Dec (Boxing Day substitute) and 1 Jan skipped:
    # 3 Tue 29, 4 Wed 30, 5 Thu 31, 6 Mon 4 Jan, 7 Tue 5, 8 Wed 6, ..., 13 Wed 13, 14 Thu 14,
    # 15 Fri 15 Jan 2027.
    schedule = _schedule("lincolnshire", "rapid_review", CHRISTMAS_DAY_ZERO)
    assert {k: m.due for k, m in schedule.items()} == {
        "commissioning_email": D(2026, 12, 23),
        "tor_meeting": D(2026, 12, 24),
        "tor_agreed": D(2026, 12, 24),
        "tor_sent": D(2026, 12, 24),
        "agency_returns": D(2027, 1, 5),
        "collated_chronology": D(2027, 1, 5),
        "rapid_review_meeting": D(2027, 1, 13),
        "ratification_meeting": D(2027, 1, 13),
        "executive_sign_off": D(2027, 1, 14),
        "submit_to_panel": D(2027, 1, 15),
        "awareness_backstop": D(2027, 1, 15),
    }
    meetings = schedule["rapid_review_meeting"]
    assert (meetings.starts, meetings.start_day, meetings.day) == (D(2027, 1, 6), 8, 13)
    assert schedule["submit_to_panel"].rule_text == (
        "15 working days after the date of the notification; not counted:"
        " Fri 25 Dec 2026 (Christmas Day), Mon 28 Dec 2026 (Boxing Day (observed)),"
        " Fri 1 Jan 2027 (New Year's Day)"
    )


def test_lincolnshire_lcspr_six_months_brought_forward_from_a_sunday():
    # 31 Aug 2026 + 6 months = 28 Feb 2027 (clamped), a Sunday: due Friday 26 Feb.
    lcspr = _schedule("lincolnshire", "lcspr", D(2026, 8, 31))["lcspr_complete"]
    assert lcspr.due == D(2027, 2, 26)
    assert lcspr.day is None
    assert lcspr.statutory is True
    assert lcspr.rule_text == (
        "6 months after the date of the decision to initiate the review; Sun 28 Feb 2027 is not"
        " a working day, so moved to the previous working day"
    )


# -- swindon (seed 001) --


def test_swindon_triage_and_rapid_review_days():
    # Section 4: triage meeting within three working days; section 3: the decision within 15.
    assert _days("swindon", "triage") == {"triage_meeting": 3, "triage_decision": 15}
    assert _days("swindon", "rapid_review") == {
        "rapid_review_meeting": 10,
        "submit_to_panel": 15,
    }
    # Initial Scoping: "within 2 working days of receiving the referral".
    requests = _milestones("swindon", "rapid_review")["information_requests"]["rule"]
    assert requests == {"unit": "working_days", "offset": 2, "from_event": "referral_received"}
    returns = _milestones("swindon", "rapid_review")["agency_returns"]["rule"]
    assert returns == {"unit": "working_days", "offset": 5, "from": "information_requests"}
    assert PRESETS["swindon"]["quorum"] == {"rule": "one_of_each_statutory_partner"}
    # Section 4: "executive level sign off" by the referring agency (issue 11).
    assert PRESETS["swindon"]["referral_authoriser_role"] == "agency_executive"
    assert {
        PRESETS[name]["referral_authoriser_role"]
        for name in ("lincolnshire", "dorset", "bcp", "north-lincolnshire")
    } == {"slo"}


def test_swindon_rapid_review_over_christmas():
    # Referral received Mon 21 Dec: requests 2 working days later, Wed 23 Dec; returns 5
    # working days later: 24, 29, 30, 31 Dec, 4 Jan; meeting day 10 = Fri 8 Jan; submission day
    # 15 = Fri 15 Jan 2027. Counted from an event, not day zero, a step has no day number.
    schedule = {
        m.key: m
        for m in compute_schedule(
            PRESETS["swindon"],
            "rapid_review",
            CHRISTMAS_DAY_ZERO,
            CAL,
            {"referral_received": D(2026, 12, 21), "awareness": CHRISTMAS_DAY_ZERO},
        )
    }
    assert {k: (m.due, m.day) for k, m in schedule.items()} == {
        "information_requests": (D(2026, 12, 23), None),
        "agency_returns": (D(2027, 1, 4), None),
        "rapid_review_meeting": (D(2027, 1, 8), 10),
        "submit_to_panel": (D(2027, 1, 15), 15),
        "awareness_backstop": (D(2027, 1, 15), None),
    }
    assert schedule["agency_returns"].relative_to == "information_requests"
    assert schedule["agency_returns"].rule_text.startswith(
        "5 working days after “CSPR Rapid Review Information Gathering Form sent out to all"
        " relevant agencies” (Wed 23 Dec 2026); not counted: Fri 25 Dec 2026"
    )


def test_swindon_triage_meeting_within_three_working_days():
    # Referral on Thu 24 Dec 2026: 29 (1), 30 (2), 31 Dec (3).
    assert _due("swindon", "triage", D(2026, 12, 24)) == {
        "triage_meeting": D(2026, 12, 31),
        # 15 working days over Christmas: 29, 30, 31 Dec, 4..8, 11..15 Jan, 18, 19 Jan 2027.
        "triage_decision": D(2027, 1, 19),
    }


def test_swindon_lcspr_and_publication():
    assert _milestones("swindon", "lcspr")["lcspr_complete"]["rule"] == {
        "unit": "months",
        "offset": 6,
        "adjust": "previous_working_day",
    }
    copies = _milestones("swindon", "publication")["copies_to_panel"]
    assert copies["rule"] == {"unit": "working_days", "offset": -7, "from": "publish"}
    assert copies["statutory"] is True


# -- dorset (seed 002) --


def test_dorset_rapid_review_duties_by_day():
    days = _days("dorset", "rapid_review")
    # 5.5: the Head of QA quality assures the briefing report the day it arrives (day 5).
    assert sorted(set(days.values())) == [0, 1, 2, 5, 8, 9, 11, 12, 14, 15]
    qa = _milestones("dorset", "rapid_review")["la_briefing_quality_assured"]
    assert qa["rule"] == {"unit": "working_days", "offset": 0, "from": "la_briefing_report"}
    assert "5.5" in qa["source"]
    assert days["appoint_qa_manager"] == 0
    assert days["information_requests"] == 2
    assert days["agency_returns"] == 8
    assert days["rapid_review_meeting"] == 11
    assert days["executive_sign_off"] == 14
    assert days["submit_to_panel"] == 15
    stage = PRESETS["dorset"]["stages"]["rapid_review"]
    assert stage["day_zero"]["event"] == "notification"


def test_dorset_rapid_review_over_christmas():
    # Day 0 Tue 22 Dec, 1 Wed 23, 2 Thu 24, 5 Thu 31, 6 Mon 4 Jan, 8 Wed 6, 9 Thu 7,
    # 11 Mon 11, 12 Tue 12, 14 Thu 14, 15 Fri 15 Jan 2027.
    due = _due("dorset", "rapid_review", CHRISTMAS_DAY_ZERO)
    assert due["appoint_qa_manager"] == D(2026, 12, 22)
    assert due["meeting_invite"] == D(2026, 12, 23)
    assert due["information_requests"] == D(2026, 12, 24)
    assert due["la_briefing_report"] == D(2026, 12, 31)
    assert due["la_briefing_quality_assured"] == D(2026, 12, 31)
    assert due["agency_returns"] == D(2027, 1, 6)
    assert due["briefing_pack"] == D(2027, 1, 7)
    assert due["rapid_review_meeting"] == D(2027, 1, 11)
    assert due["recommendations_quality_assured"] == D(2027, 1, 12)
    assert due["executive_sign_off"] == D(2027, 1, 14)
    assert due["submit_to_panel"] == D(2027, 1, 15)


def test_dorset_rapid_review_with_the_office_shut_between_christmas_and_new_year():
    # Closed 29-31 Dec: 1 Wed 23, 2 Thu 24, 3 Mon 4 Jan, 5 Wed 6, 8 Mon 11, 11 Thu 14,
    # 14 Tue 19, 15 Wed 20 Jan 2027.
    shut = WorkingCalendar([D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)])
    due = _due("dorset", "rapid_review", CHRISTMAS_DAY_ZERO, shut)
    assert due["la_briefing_report"] == D(2027, 1, 6)
    assert due["agency_returns"] == D(2027, 1, 11)
    assert due["rapid_review_meeting"] == D(2027, 1, 14)
    assert due["executive_sign_off"] == D(2027, 1, 19)
    assert due["submit_to_panel"] == D(2027, 1, 20)


def test_dorset_notification_by_day_five_with_its_sign_off_chain():
    notify = _milestones("dorset", "notification")["notify_panel"]
    assert notify["rule"] == {"unit": "working_days", "offset": 5}
    assert notify["statutory"] is True
    chain = [s["key"] for s in PRESETS["dorset"]["sign_off_chains"]["notification"]]
    assert chain == [
        "draft",
        "corporate_director",
        "corporate_directors",
        "executive_director",
        "submit",
    ]
    # Aware on Christmas Eve 2026: 29 (1), 30 (2), 31 (3), 4 Jan (4), 5 Jan (5).
    assert _due("dorset", "notification", D(2026, 12, 24))["notify_panel"] == D(2027, 1, 5)


def test_dorset_panel_response_within_ten_working_days_of_its_meeting():
    stage = PRESETS["dorset"]["stages"]["panel_response"]
    assert stage["day_zero"]["event"] == "panel_meeting"
    # Panel meets Thu 17 Dec 2026: 18, 21, 22, 23, 24, 29, 30, 31 Dec, 4, 5 Jan (10).
    assert _due("dorset", "panel_response", D(2026, 12, 17)) == {"panel_response": D(2027, 1, 5)}


def test_dorset_lcspr_timeline():
    # Panel recommends Tue 22 Dec 2026. First panel within 3 weeks: Tue 12 Jan 2027; requests
    # the next working day; complete and published within 6 months: Tue 22 Jun 2027.
    assert PRESETS["dorset"]["stages"]["lcspr"]["day_zero"]["event"] == "panel_recommendation"
    schedule = _schedule("dorset", "lcspr", CHRISTMAS_DAY_ZERO)
    assert {k: m.due for k, m in schedule.items()} == {
        "first_panel_meeting": D(2027, 1, 12),
        "report_requests": D(2027, 1, 13),
        "lcspr_complete": D(2027, 6, 22),
    }
    assert schedule["report_requests"].day is None


def test_dorset_final_meetings_count_back_from_the_target_publication_date():
    # Issue 14: 7.16 and 7.17 count from the target publication date, not from six months.
    # Target Tue 22 Jun 2027: final review meeting 5 weeks before, Tue 18 May; comms meeting
    # 4 weeks before, Tue 25 May; the legal read before the copies, Fri 11 Jun.
    assert PRESETS["dorset"]["stages"]["publication"]["day_zero"]["event"] == "publication_date"
    schedule = _schedule("dorset", "publication", D(2027, 6, 22))
    assert {k: m.due for k, m in schedule.items()} == {
        "publish": D(2027, 6, 22),
        "copies_to_panel": D(2027, 6, 11),
        "legal_read": D(2027, 6, 11),
        "final_review_meeting": D(2027, 5, 18),
        "comms_meeting": D(2027, 5, 25),
        "online_minimum": D(2028, 6, 22),
    }
    assert schedule["final_review_meeting"].relative_to == "publish"
    assert schedule["final_review_meeting"].rule_text == (
        "5 weeks before “Publication of the LCSPR” (Tue 22 Jun 2027)"
    )
    # A target moved later moves them with it: Fri 26 Feb 2027 gives Fri 22 and 29 Jan.
    due = _due("dorset", "publication", D(2027, 2, 26))
    assert (due["final_review_meeting"], due["comms_meeting"]) == (D(2027, 1, 22), D(2027, 1, 29))


def test_dorset_copies_seven_working_days_before_publication():
    # Publication Tue 5 Jan 2027: 4 Jan, 31, 30, 29, 24, 23, 22 Dec 2026.
    schedule = _schedule("dorset", "publication", D(2027, 1, 5))
    assert schedule["copies_to_panel"].due == D(2026, 12, 22)
    assert schedule["copies_to_panel"].day == -7
    assert schedule["publish"].due == D(2027, 1, 5)
    # Publication Tue 22 Jun 2027: 21, 18, 17, 16, 15, 14, 11 Jun.
    assert _due("dorset", "publication", D(2027, 6, 22))["copies_to_panel"] == D(2027, 6, 11)


# -- bcp (seed 003) --


def test_bcp_rapid_review():
    returns = _milestones("bcp", "rapid_review")["agency_returns"]["rule"]
    assert returns["unit"] == "calendar_days" and returns["offset"] == 13
    # Section 5: the lead officer tells the business unit at once (day 0); section 7: the
    # Executive Team signs off and the report goes to the Panel by day 15.
    assert _days("bcp", "rapid_review") == {
        "business_unit_notified": 0,
        "rapid_review_meeting": 15,
        "executive_sign_off": 15,
        "submit_to_panel": 15,
    }
    assert _milestones("bcp", "rapid_review")["submit_to_panel"]["statutory"] is True
    # SIN Tue 22 Dec 2026: templates 13 days later, Mon 4 Jan 2027; meeting day 15, Fri 15 Jan.
    assert _due("bcp", "rapid_review", CHRISTMAS_DAY_ZERO) == {
        "business_unit_notified": CHRISTMAS_DAY_ZERO,
        "agency_returns": D(2027, 1, 4),
        "rapid_review_meeting": D(2027, 1, 15),
        "executive_sign_off": D(2027, 1, 15),
        "submit_to_panel": D(2027, 1, 15),
        "awareness_backstop": D(2027, 1, 15),
    }
    # SIN Mon 1 Jun 2026: 13 days is Sun 14 Jun, brought forward to Fri 12 Jun.
    assert _due("bcp", "rapid_review", D(2026, 6, 1))["agency_returns"] == D(2026, 6, 12)


def test_bcp_copies_five_working_days_before_publication():
    # Publication Tue 5 Jan 2027: 4 Jan, 31, 30, 29, 24 Dec.
    assert _due("bcp", "publication", D(2027, 1, 5))["copies_to_panel"] == D(2026, 12, 24)


def test_bcp_impact_statement_six_months_after_the_action_plan():
    stage = PRESETS["bcp"]["stages"]["action_plan"]
    assert stage["day_zero"]["event"] == "action_plan_completed"
    # Completed Fri 30 Apr 2027: 6 months = Sat 30 Oct 2027, brought forward to Fri 29 Oct.
    assert _due("bcp", "action_plan", D(2027, 4, 30)) == {"impact_statement": D(2027, 10, 29)}


def test_bcp_learning_options_and_their_timescales():
    options = {o["key"]: o for o in PRESETS["bcp"]["learning_options"]}
    assert list(options) == [
        "lcspr",
        "practitioner_learning_brief",
        "multi_agency_learning_event",
        "focussed_case_review",
        "joint_supervision",
        "single_agency_review",
    ]
    assert options["practitioner_learning_brief"]["timescale_text"] == "1 month"
    assert options["single_agency_review"]["timescale"] is None
    # Decision Tue 22 Dec 2026.
    expected = {
        "lcspr": (D(2027, 6, 22), None),
        "practitioner_learning_brief": (D(2027, 1, 22), None),
        "multi_agency_learning_event": (D(2027, 3, 22), None),
        "focussed_case_review": (D(2027, 6, 22), D(2027, 3, 22)),
        "joint_supervision": (D(2027, 2, 2), D(2027, 1, 19)),
    }
    for key, (due, starts) in expected.items():
        deadline = compute_learning_option_deadline(PRESETS["bcp"], key, CHRISTMAS_DAY_ZERO, CAL)
        assert (deadline.due, deadline.starts) == (due, starts), key
    assert (
        compute_learning_option_deadline(
            PRESETS["bcp"], "single_agency_review", CHRISTMAS_DAY_ZERO, CAL
        )
        is None
    )
    with pytest.raises(KeyError, match="unknown learning option"):
        compute_learning_option_deadline(PRESETS["bcp"], "nope", CHRISTMAS_DAY_ZERO, CAL)


def test_bcp_four_step_sign_off():
    assert len(PRESETS["bcp"]["sign_off_chains"]["lcspr_report"]) == 4


# -- north-lincolnshire (seed 004) --


def test_north_lincolnshire():
    assert _days("north-lincolnshire", "rapid_review") == {
        "agency_returns": 5,
        "submit_to_panel": 15,
    }
    # Aware Tue 22 Dec 2026: day 5 is Thu 31 Dec, day 15 Fri 15 Jan 2027.
    assert _due("north-lincolnshire", "rapid_review", CHRISTMAS_DAY_ZERO) == {
        "agency_returns": D(2026, 12, 31),
        "submit_to_panel": D(2027, 1, 15),
        "awareness_backstop": D(2027, 1, 15),
    }
    copies = _milestones("north-lincolnshire", "publication")["copies_to_panel"]["rule"]
    assert copies == {"unit": "working_days", "offset": -7, "from": "publish"}


# -- compute_schedule's contract --


def test_unknown_stage_is_a_value_error():
    with pytest.raises(ValueError, match="unknown stage 'review'"):
        compute_schedule(PRESETS["dorset"], "review", CHRISTMAS_DAY_ZERO, CAL)


def test_datetime_day_zero_is_rejected():
    with pytest.raises(TypeError):
        compute_schedule(PRESETS["dorset"], "rapid_review", dt.datetime(2026, 12, 22, 9), CAL)


def test_invalid_stage_settings_are_a_validation_error():
    data = preset("swindon")
    data["stages"]["rapid_review"]["milestones"][1]["rule"]["from"] = "nowhere"
    with pytest.raises(ValidationError) as caught:
        compute_schedule(data, "rapid_review", CHRISTMAS_DAY_ZERO, CAL)
    assert "stages.rapid_review.milestones[1].rule.from: unknown milestone 'nowhere'" in str(
        caught.value
    )


def test_schedule_as_dict():
    row = _schedule("swindon", "rapid_review", CHRISTMAS_DAY_ZERO)["submit_to_panel"].as_dict()
    assert row["due"] == "2027-01-15"
    assert row["day"] == 15
    assert row["statutory"] is True
    assert row["responsible"] == {"roles": ["business_manager", "executive"], "agency_types": []}
    assert row["rule"].startswith("15 working days after the date of becoming aware")
    json.dumps(row)


def test_a_chain_of_relative_milestones_resolves_in_order():
    data = preset("dorset")
    data["stages"]["publication"]["milestones"] += [
        {
            "key": "embargoed_copy_to_family",
            "label": "Embargoed copy to the family",
            "rule": {"unit": "working_days", "offset": -2, "from": "copies_to_panel"},
            "responsible": {"roles": ["business_manager"]},
            "statutory": False,
        },
        {
            "key": "briefing",
            "label": "Pre-publication briefing",
            "rule": {"unit": "calendar_days", "offset": 1, "from": "embargoed_copy_to_family"},
            "responsible": {"roles": ["business_manager"]},
            "statutory": False,
        },
    ]
    validate_workflow_settings(data)
    # Publication Tue 22 Jun 2027: copies Fri 11 Jun; 2 working days before: Wed 9 Jun; + 1 day.
    due = {m.key: m.due for m in compute_schedule(data, "publication", D(2027, 6, 22), CAL)}
    assert due["embargoed_copy_to_family"] == D(2027, 6, 9)
    assert due["briefing"] == D(2027, 6, 10)


# -- validation --


def _errors_after(change):
    data = preset("dorset")
    change(data)
    return workflow_settings_errors(data)


def _rr(data):
    return data["stages"]["rapid_review"]["milestones"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["stages"].__setitem__("appeal", d["stages"]["lcspr"]),
            "stages.appeal: unknown stage; expected one of: triage, notification",
        ),
        (lambda d: d["stages"].pop("action_plan"), "stages.action_plan: missing"),
        (
            lambda d: _rr(d)[1].__setitem__("key", _rr(d)[0]["key"]),
            "stages.rapid_review.milestones[1].key: duplicate key 'appoint_qa_manager'",
        ),
        (
            lambda d: _rr(d)[3]["rule"].__setitem__("from", "tor"),
            "stages.rapid_review.milestones[3].rule.from: unknown milestone 'tor' in this stage",
        ),
        (
            lambda d: _rr(d)[3]["rule"].__setitem__("from", _rr(d)[3]["key"]),
            "stages.rapid_review.milestones[3].rule.from: a milestone cannot be counted from"
            " itself",
        ),
        (
            lambda d: _rr(d)[0]["responsible"]["roles"].append("chief_constable"),
            "stages.rapid_review.milestones[0].responsible.roles[1]: unknown role"
            " 'chief_constable'",
        ),
        (
            lambda d: _rr(d)[0]["responsible"]["agency_types"].append("fire"),
            "stages.rapid_review.milestones[0].responsible.agency_types[1]: unknown agency type"
            " 'fire'",
        ),
        (
            lambda d: _rr(d)[1].__setitem__("responsible", {"roles": []}),
            "stages.rapid_review.milestones[1].responsible: name at least one role or agency type",
        ),
        (lambda d: _rr(d)[2].pop("label"), "stages.rapid_review.milestones[2].label: missing"),
        (
            lambda d: _rr(d)[2].__setitem__("label", "  "),
            "stages.rapid_review.milestones[2].label: must not be empty",
        ),
        (
            lambda d: _rr(d)[2]["rule"].__setitem__("unit", "fortnights"),
            "stages.rapid_review.milestones[2].rule.unit: unknown unit 'fortnights'",
        ),
        (
            lambda d: _rr(d)[2]["rule"].__setitem__("offset", "2"),
            "stages.rapid_review.milestones[2].rule.offset: must be a whole number, not a string",
        ),
        (
            lambda d: _rr(d)[2]["rule"].__setitem__("offset", 5000),
            "stages.rapid_review.milestones[2].rule.offset: must be at most 2600",
        ),
        (
            lambda d: _rr(d)[2]["rule"].__setitem__("window_start", 2),
            "stages.rapid_review.milestones[2].rule.window_start: must come before offset",
        ),
        (
            lambda d: _rr(d)[2].__setitem__("statutory", "yes"),
            "stages.rapid_review.milestones[2].statutory: must be true or false",
        ),
        (
            lambda d: _rr(d)[2].__setitem__("due", "2027-01-01"),
            "stages.rapid_review.milestones[2].due: unknown field",
        ),
        (
            lambda d: d["stages"]["lcspr"]["milestones"][2]["rule"].__setitem__("offset", -6),
            "stages.lcspr.milestones[2].rule.offset: negative months not allowed here",
        ),
        (
            lambda d: d["stages"]["lcspr"]["milestones"][2]["rule"].__setitem__(
                "adjust", "next_working_day"
            ),
            "stages.lcspr.milestones[2].rule.adjust: a statutory milestone must not move to the"
            " next working day",
        ),
        (
            lambda d: d["stages"]["lcspr"]["milestones"][2]["rule"].__setitem__("adjust", "later"),
            "stages.lcspr.milestones[2].rule.adjust: must be one of",
        ),
        (
            lambda d: d["stages"]["lcspr"]["day_zero"].__setitem__("event", "whenever"),
            "stages.lcspr.day_zero.event: unknown event 'whenever'",
        ),
        (lambda d: d.pop("quorum"), "quorum: missing"),
        (lambda d: d.__setitem__("colour", "red"), "colour: unknown field"),
        (lambda d: d.__setitem__("version", 2), "version: must be 1"),
        (
            lambda d: d.__setitem__("referral_authoriser_role", "head_teacher"),
            "referral_authoriser_role: unknown role 'head_teacher'",
        ),
        (
            lambda d: d.__setitem__("referral_authoriser_role", "business_manager"),
            "referral_authoriser_role: the role 'business_manager' cannot authorise an agency's",
        ),
        (
            lambda d: d.__setitem__("quorum", {"rule": "minimum_count", "minimum": 0}),
            "quorum.minimum: must be a whole number of at least 1",
        ),
        (
            lambda d: d.__setitem__("quorum", {"rule": "everyone"}),
            "quorum.rule: must be one of",
        ),
        (
            lambda d: d["sign_off_chains"].__setitem__("lcspr_report", []),
            "sign_off_chains.lcspr_report: must not be empty",
        ),
        (
            lambda d: d["sign_off_chains"]["notification"][1].__setitem__("key", "draft"),
            "sign_off_chains.notification[1].key: duplicate key 'draft'",
        ),
        (
            lambda d: d["triage_outcomes"].append({"key": "ignore_it", "label": "Ignore"}),
            "triage_outcomes[3].key: unknown triage outcome 'ignore_it'",
        ),
        (
            lambda d: d["reminder_policy"].__setitem__("escalate_to_executive_after", 0),
            "reminder_policy.escalate_to_executive_after: must not come before the escalation",
        ),
        (
            lambda d: d["reminder_policy"].__setitem__("before_working_days", [2, 2]),
            "reminder_policy.before_working_days: must not repeat a number",
        ),
        (
            lambda d: d["reminder_policy"].__setitem__("on_due_day", "yes"),
            "reminder_policy.on_due_day: must be true or false",
        ),
        (
            lambda d: d.__setitem__(
                "learning_options",
                [
                    {
                        "key": "brief",
                        "label": "Brief",
                        "timescale": {"unit": "months", "offset": -1},
                        "timescale_text": "1 month",
                    }
                ],
            ),
            "learning_options[0].timescale.offset: must be greater than 0",
        ),
        (lambda d: d.__setitem__("stages", []), "stages: must be an object, not a list"),
    ],
)
def test_validation_messages_name_the_field(change, expected):
    errors = _errors_after(change)
    assert any(e.startswith(expected) for e in errors), errors


def test_cycles_are_rejected():
    def make_cycle(d):
        publication = d["stages"]["publication"]["milestones"]
        by_key = {m["key"]: m for m in publication}
        by_key["publish"]["rule"] = {"unit": "weeks", "offset": 5, "from": "comms_meeting"}

    errors = _errors_after(make_cycle)
    assert errors == [
        "stages.publication.milestones: cycle in relative milestones:"
        " comms_meeting -> publish -> comms_meeting"
    ]
    data = preset("dorset")
    make_cycle(data)
    with pytest.raises(ValidationError):
        compute_schedule(data, "publication", D(2027, 6, 22), CAL)


def test_a_very_long_chain_is_reported_not_a_crash():
    def chain(d):
        d["stages"]["triage"]["milestones"] = [
            {
                "key": f"m{i}",
                "label": "step",
                "rule": {"unit": "calendar_days", "offset": 1, "from": f"m{i + 1}"},
                "responsible": {"roles": ["business_manager"]},
                "statutory": False,
            }
            for i in range(5000)
        ]

    assert _errors_after(chain) == ["stages.triage.milestones: at most 100 milestones per stage"]


def test_negative_offsets_are_allowed_from_a_target_day_zero():
    def count_back(d):
        d["stages"]["publication"]["milestones"][1]["rule"] = {"unit": "working_days", "offset": -7}

    assert _errors_after(count_back) == []


def test_validate_workflow_settings_raises_every_message():
    data = preset("bcp")
    data["stages"]["triage"]["label"] = ""
    data["reminder_policy"]["on_due_day"] = None
    with pytest.raises(ValidationError) as caught:
        validate_workflow_settings(data)
    assert caught.value.messages == [
        "reminder_policy.on_due_day: must be true or false",
        "stages.triage.label: must not be empty",
    ]


@pytest.mark.parametrize("garbage", [None, [], "settings", 3, {"stages": None}])
def test_validation_reports_on_garbage(garbage):
    assert workflow_settings_errors(garbage)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_validation_never_raises_on_arbitrary_json(value):
    assert isinstance(workflow_settings_errors(value), list)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(PRESETS)), st.data(), json_values)
def test_validation_never_raises_on_a_damaged_preset(name, data, replacement):
    damaged = copy.deepcopy(PRESETS[name])
    path = data.draw(st.sampled_from([p for p in _paths(damaged) if p]))
    parent = damaged
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = replacement
    errors = workflow_settings_errors(damaged)
    assert isinstance(errors, list)
    for stage in STAGES:
        if not stage_errors(damaged, stage):
            compute_schedule(damaged, stage, CHRISTMAS_DAY_ZERO, CAL)


# -- counting from the case's events, and times of day --


def test_awareness_backstop_counts_from_awareness_whatever_day_zero():
    # Dorset counts from the notification (Tue 22 Dec 2026); aware Fri 18 Dec: the backstop is
    # 15 working days from awareness, Wed 13 Jan 2027, two days before day 15.
    schedule = {
        m.key: m
        for m in compute_schedule(
            PRESETS["dorset"],
            "rapid_review",
            CHRISTMAS_DAY_ZERO,
            CAL,
            {"awareness": D(2026, 12, 18)},
        )
    }
    backstop = schedule["awareness_backstop"]
    assert (backstop.due, backstop.day) == (D(2027, 1, 13), None)
    assert backstop.rule_text.startswith(
        "15 working days after the date of becoming aware of the incident (Fri 18 Dec 2026)"
    )
    assert schedule["submit_to_panel"].due == D(2027, 1, 15)
    # Awareness not recorded yet: counted from day zero, and it says so.
    unknown = _schedule("dorset", "rapid_review", CHRISTMAS_DAY_ZERO)["awareness_backstop"]
    assert unknown.due == D(2027, 1, 15)
    assert "not recorded yet" in unknown.rule_text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"time": "9am"},
            "milestones[0].time: must be a time of day as HH:MM on the 24-hour clock, e.g. 09:00",
        ),
        ({"time": "24:00"}, "milestones[0].time: must be a time of day"),
        (
            {"rule": {"unit": "working_days", "offset": 2, "from_event": "notification"}},
            "from_event: unknown event 'notification'",
        ),
        (
            {"rule": {"unit": "working_days", "offset": 2, "from_event": "awareness", "from": "x"}},
            "from_event: count from another milestone or from an event, not both",
        ),
    ],
)
def test_time_and_from_event_are_validated(change, message):
    data = copy.deepcopy(PRESETS["north-lincolnshire"])
    data["stages"]["rapid_review"]["milestones"][0].update(change)
    errors = workflow_settings_errors(data)
    assert any(message in e for e in errors), errors
