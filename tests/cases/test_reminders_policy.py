"""The reminder policy: which step is current on which day (pure: no database)."""

import datetime as dt

import pytest

from cases.calendar import WorkingCalendar
from cases.reminders.policy import ReminderPolicy, current_steps
from cases.workflow import compute_schedule, preset

D = dt.date
CAL = WorkingCalendar()
DEFAULT = ReminderPolicy()  # 2 working days before, due day, daily overdue, BM 1, exec 3


def _calendar_of_steps(policy, due, start, end, calendar=CAL):
    found = {}
    d = start
    while d <= end:
        steps = current_steps(policy, due, d, calendar)
        if steps:
            found[d] = [s.key for s in steps]
        d += dt.timedelta(days=1)
    return found


def test_default_policy_matches_the_presets():
    for name in ("lincolnshire", "swindon", "dorset", "bcp", "north-lincolnshire"):
        assert ReminderPolicy.from_settings(preset(name)["reminder_policy"]) == DEFAULT


def test_swindon_rapid_review_reminders_around_christmas():
    """Day zero Tue 22 Dec 2026. Bank holidays: Fri 25 Dec, Mon 28 Dec (Boxing Day observed),
    Fri 1 Jan. Reminders fall on working days only, counted in working days."""
    schedule = {
        m.key: m for m in compute_schedule(preset("swindon"), "rapid_review", D(2026, 12, 22), CAL)
    }
    # Information requests, day 2 = Thu 24 Dec: 2 working days before is Tue 22 Dec; then due;
    # the first overdue working day is Tue 29 Dec (25 and 28 are holidays): escalated to the
    # business managers at once (after 1), to the executives on the 3rd (Thu 31 Dec).
    steps = _calendar_of_steps(
        DEFAULT, schedule["information_requests"].due, D(2026, 12, 18), D(2027, 1, 4)
    )
    assert steps == {
        D(2026, 12, 22): ["before_2"],
        D(2026, 12, 24): ["due"],
        D(2026, 12, 29): ["overdue_2026-12-29", "escalate_business_manager"],
        D(2026, 12, 30): ["overdue_2026-12-30", "escalate_business_manager"],
        D(2026, 12, 31): [
            "overdue_2026-12-31",
            "escalate_business_manager",
            "escalate_executive",
        ],
        D(2027, 1, 4): ["overdue_2027-01-04", "escalate_business_manager", "escalate_executive"],
    }
    # Agency returns, day 7 = Tue 5 Jan 2027: 2 working days before skips New Year's Day and
    # the weekend: Thu 31 Dec.
    returns = _calendar_of_steps(
        DEFAULT, schedule["agency_returns"].due, D(2026, 12, 18), D(2027, 1, 5)
    )
    assert returns == {D(2026, 12, 31): ["before_2"], D(2027, 1, 5): ["due"]}
    # Submission, day 15 = Fri 15 Jan 2027.
    submit = _calendar_of_steps(
        DEFAULT, schedule["submit_to_panel"].due, D(2026, 12, 18), D(2027, 1, 15)
    )
    assert submit == {D(2027, 1, 13): ["before_2"], D(2027, 1, 15): ["due"]}


def test_nothing_on_a_non_working_day_or_a_closure_day():
    due = D(2026, 12, 24)
    for holiday in (D(2026, 12, 25), D(2026, 12, 26), D(2026, 12, 28), D(2027, 1, 1)):
        assert current_steps(DEFAULT, due, holiday, CAL) == []
    closed = WorkingCalendar([D(2026, 12, 29)])
    assert current_steps(DEFAULT, due, D(2026, 12, 29), closed) == []
    # The closure day does not count as an overdue working day either.
    assert [s.key for s in current_steps(DEFAULT, due, D(2026, 12, 30), closed)] == [
        "overdue_2026-12-30",
        "escalate_business_manager",
    ]


def test_due_on_a_weekend_is_reminded_on_the_working_day_before():
    saturday = D(2026, 11, 7)
    assert [s.key for s in current_steps(DEFAULT, saturday, D(2026, 11, 6), CAL)] == ["due"]
    text = current_steps(DEFAULT, saturday, D(2026, 11, 6), CAL)[0].text
    assert "Sat 7 Nov 2026" in text


def test_only_the_nearest_before_step_and_no_stale_ones():
    policy = ReminderPolicy(before_working_days=(1, 5))
    due = D(2026, 11, 20)  # Friday
    assert [s.key for s in current_steps(policy, due, D(2026, 11, 13), CAL)] == ["before_5"]
    assert [s.key for s in current_steps(policy, due, D(2026, 11, 19), CAL)] == ["before_1"]
    # A day between the two: nothing (a missed before_5 is never sent late).
    assert current_steps(policy, due, D(2026, 11, 16), CAL) == []


def test_catch_up_after_a_gap_gives_only_todays_steps():
    """After a week of downtime the sweep sees only today's overdue reminder and the
    escalations (whose keys carry no date, so each is sent once ever)."""
    due = D(2026, 11, 2)
    keys = [s.key for s in current_steps(DEFAULT, due, D(2026, 11, 12), CAL)]
    assert keys == ["overdue_2026-11-12", "escalate_business_manager", "escalate_executive"]


def test_switches_off():
    policy = ReminderPolicy(
        before_working_days=(),
        on_due_day=False,
        overdue_every_working_day=False,
        escalate_to_business_manager_after=None,
        escalate_to_executive_after=None,
    )
    steps = _calendar_of_steps(policy, D(2026, 11, 20), D(2026, 11, 1), D(2026, 12, 31))
    assert steps == {}


@pytest.mark.parametrize(
    "data",
    [
        None,
        "x",
        [],
        {"before_working_days": "2"},
        {"on_due_day": "yes"},
        {"escalate_to_executive_after": 99},
    ],
)
def test_malformed_policy_falls_back_to_defaults(data):
    policy = ReminderPolicy.from_settings(data)
    assert isinstance(policy, ReminderPolicy)
    assert policy.lead_working_days in (0, 2)


def test_horizon_bounds_every_due_date_with_a_current_step():
    """Any due date with a step current today is on or before policy.horizon(today)."""
    policy = ReminderPolicy(before_working_days=(3, 10))
    calendar = WorkingCalendar([D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)])
    today = D(2026, 12, 14)
    while today <= D(2027, 1, 20):
        horizon = policy.horizon(today, calendar)
        due = today
        while due <= today + dt.timedelta(days=60):
            if current_steps(policy, due, today, calendar):
                assert due <= horizon, (today, due, horizon)
            due += dt.timedelta(days=1)
        today += dt.timedelta(days=1)
