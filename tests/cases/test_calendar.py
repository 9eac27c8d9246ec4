"""The working-day calendar: invariants (hypothesis) and the awkward dates, checked by hand.

Expected dates below were worked out on a calendar, not taken from the code's output; the
weekday of every date is asserted too, so a typo in a date cannot pass silently.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cases.calendar import WorkingCalendar, add_months, add_weeks, local_date

D = dt.date
CAL = WorkingCalendar()
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

dates = st.dates(min_value=D(1995, 1, 1), max_value=D(2095, 12, 31))
counts = st.integers(min_value=-300, max_value=300)


def _oracle_working_days(start: dt.date, end: dt.date, closures=frozenset()) -> list[dt.date]:
    """Working days in [start, end], straight from the definition."""
    england = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year, end.year + 1))
    days = (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return [d for d in days if d.weekday() < 5 and d not in england and d not in closures]


def _weekday(d: dt.date, expected: int) -> dt.date:
    assert d.weekday() == expected, f"{d} is not the weekday the test assumes"
    return d


# -- invariants --


@given(dates, counts)
def test_day_number_round_trip(z, n):
    assert CAL.working_day_number(z, CAL.add_working_days(z, n)) == n


@given(dates, counts, counts)
def test_add_is_strictly_increasing_in_n(z, a, b):
    assume(a != b)
    lo, hi = sorted((a, b))
    assert CAL.add_working_days(z, lo) < CAL.add_working_days(z, hi)


offsets = st.integers(min_value=-500, max_value=500)


@given(dates, offsets, offsets)
def test_day_number_is_monotonic(z, a, b):
    lo, hi = (z + dt.timedelta(days=x) for x in sorted((a, b)))
    assert CAL.working_day_number(z, lo) <= CAL.working_day_number(z, hi)


@given(dates, counts)
def test_result_is_a_working_day_unless_n_is_zero(z, n):
    result = CAL.add_working_days(z, n)
    if n == 0:
        assert result == z
    else:
        assert CAL.is_working_day(result)


@given(dates, counts)
def test_n_working_days_span_at_least_n_calendar_days(z, n):
    assert abs((CAL.add_working_days(z, n) - z).days) >= abs(n)


@given(dates, counts)
def test_negative_n_undoes_positive_n_from_a_working_day(z, n):
    assume(CAL.is_working_day(z))
    assert CAL.add_working_days(CAL.add_working_days(z, n), -n) == z
    assert CAL.working_day_number(CAL.add_working_days(z, n), z) == -n


@given(dates, counts, counts)
def test_counting_composes_from_a_working_day(z, a, b):
    assume(CAL.is_working_day(z))
    assert CAL.add_working_days(CAL.add_working_days(z, a), b) == CAL.add_working_days(z, a + b)


@settings(max_examples=60, deadline=None)
@given(dates, st.integers(min_value=-40, max_value=40))
def test_add_agrees_with_the_definition(z, n):
    window = _oracle_working_days(z - dt.timedelta(days=120), z + dt.timedelta(days=120))
    after = [d for d in window if d > z]
    before = [d for d in window if d < z][::-1]
    expected = z if n == 0 else (after[n - 1] if n > 0 else before[-n - 1])
    assert CAL.add_working_days(z, n) == expected


@settings(max_examples=60, deadline=None)
@given(dates, st.integers(min_value=-90, max_value=90))
def test_day_number_agrees_with_the_definition(z, offset):
    d = z + dt.timedelta(days=offset)
    if d >= z:
        expected = len(_oracle_working_days(z + dt.timedelta(days=1), d))
    else:
        expected = -len(_oracle_working_days(d, z - dt.timedelta(days=1)))
    assert CAL.working_day_number(z, d) == expected


@settings(deadline=None)
@given(
    dates,
    st.integers(min_value=1, max_value=60),
    st.sets(st.integers(min_value=-90, max_value=90), max_size=10),
)
def test_closure_days_never_shorten_a_deadline(z, n, closed_offsets):
    closures = {z + dt.timedelta(days=x) for x in closed_offsets}
    with_closures = WorkingCalendar(closures)
    later = with_closures.add_working_days(z, n)
    earlier = with_closures.add_working_days(z, -n)
    assert later >= CAL.add_working_days(z, n)
    assert earlier <= CAL.add_working_days(z, -n)
    assert later not in closures and earlier not in closures


@given(dates)
def test_previous_and_next_working_day(d):
    prev, nxt = CAL.previous_working_day(d), CAL.next_working_day(d)
    assert CAL.is_working_day(prev) and CAL.is_working_day(nxt)
    assert prev <= d <= nxt
    if CAL.is_working_day(d):
        assert prev == d == nxt
    else:
        assert CAL.working_day_number(prev, d) == 0


# -- bank holidays in England --


@pytest.mark.parametrize(
    ("day", "weekday", "why"),
    [
        (D(2024, 4, 1), MON, "Easter Monday: England only, dropped without subdiv"),
        (D(2026, 4, 6), MON, "Easter Monday"),
        (D(2024, 8, 26), MON, "late summer bank holiday: England only"),
        (D(2026, 8, 31), MON, "late summer bank holiday"),
        (D(2026, 4, 3), FRI, "Good Friday"),
        (D(2026, 5, 4), MON, "early May bank holiday"),
        (D(2026, 5, 25), MON, "spring bank holiday"),
        (D(2026, 12, 25), FRI, "Christmas Day"),
        (D(2026, 12, 28), MON, "Boxing Day substitute (26th is a Saturday)"),
        (D(2020, 12, 28), MON, "Boxing Day 2020 substitute"),
        (D(2021, 12, 27), MON, "Christmas Day 2021 substitute"),
        (D(2021, 12, 28), TUE, "Boxing Day 2021 substitute"),
        (D(2022, 1, 3), MON, "New Year's Day 2022 substitute"),
        (D(2022, 12, 26), MON, "Boxing Day 2022"),
        (D(2022, 12, 27), TUE, "Christmas Day 2022 substitute (25th is a Sunday)"),
        (D(2023, 1, 2), MON, "New Year's Day 2023 substitute"),
        (D(2027, 12, 27), MON, "Christmas Day 2027 substitute"),
        (D(2027, 12, 28), TUE, "Boxing Day 2027 substitute"),
        (D(2020, 5, 8), FRI, "VE Day 75: the 2020 early May bank holiday moved to Friday"),
        (D(2022, 6, 2), THU, "2022 spring bank holiday moved to Thursday"),
        (D(2022, 6, 3), FRI, "Platinum Jubilee of Elizabeth II"),
        (D(2022, 9, 19), MON, "State Funeral of Queen Elizabeth II"),
        (D(2023, 5, 8), MON, "Coronation of Charles III"),
    ],
)
def test_bank_holidays_in_england_are_not_working_days(day, weekday, why):
    assert not CAL.is_working_day(_weekday(day, weekday)), why


@pytest.mark.parametrize(
    ("day", "weekday", "why"),
    [
        (D(2026, 11, 30), MON, "St Andrew's Day: Scotland only"),
        (D(2026, 1, 2), FRI, "2 January: Scotland only"),
        (D(2027, 7, 12), MON, "Battle of the Boyne: Northern Ireland only"),
        (D(2026, 3, 17), TUE, "St Patrick's Day: Northern Ireland only"),
        (D(2026, 8, 3), MON, "Scottish summer bank holiday"),
        (D(2020, 5, 4), MON, "first Monday of May 2020: the holiday moved to VE Day"),
        (D(2022, 5, 30), MON, "last Monday of May 2022: the holiday moved to 2 June"),
        (D(2026, 12, 24), THU, "Christmas Eve"),
        (D(2026, 12, 31), THU, "New Year's Eve"),
    ],
)
def test_other_days_are_working_days(day, weekday, why):
    assert CAL.is_working_day(_weekday(day, weekday)), why


def test_weekends_are_not_working_days():
    assert not CAL.is_working_day(_weekday(D(2026, 6, 6), SAT))
    assert not CAL.is_working_day(_weekday(D(2026, 6, 7), SUN))


# -- counting across them --


def test_fifteen_working_days_over_christmas_2026():
    # Tue 22 Dec: 23 (1), 24 (2), [25 Fri, 26-27, 28 Mon substitute], 29 (3), 30 (4), 31 (5),
    # [1 Jan Fri, 2-3], 4 (6) ... 8 (10), 11 (11) ... 15 Jan (15).
    z = _weekday(D(2026, 12, 22), TUE)
    expected = {
        1: D(2026, 12, 23),
        2: D(2026, 12, 24),
        3: D(2026, 12, 29),
        5: D(2026, 12, 31),
        6: D(2027, 1, 4),
        10: D(2027, 1, 8),
        11: D(2027, 1, 11),
        15: _weekday(D(2027, 1, 15), FRI),
    }
    for n, day in expected.items():
        assert CAL.add_working_days(z, n) == day, n
        assert CAL.working_day_number(z, day) == n


def test_counting_backwards_over_christmas_2026():
    # Seven working days before Tue 5 Jan 2027: 4 Jan, 31, 30, 29 Dec, 24, 23, 22 Dec.
    assert CAL.add_working_days(_weekday(D(2027, 1, 5), TUE), -7) == D(2026, 12, 22)
    assert CAL.working_day_number(D(2027, 1, 5), D(2026, 12, 22)) == -7


def test_counting_over_the_special_holidays():
    assert CAL.add_working_days(D(2022, 5, 31), 2) == _weekday(D(2022, 6, 6), MON)
    assert CAL.add_working_days(D(2022, 9, 16), 1) == _weekday(D(2022, 9, 20), TUE)
    assert CAL.add_working_days(D(2023, 5, 5), 1) == _weekday(D(2023, 5, 9), TUE)
    assert CAL.add_working_days(D(2020, 5, 7), 1) == _weekday(D(2020, 5, 11), MON)
    assert CAL.add_working_days(D(2021, 12, 24), 1) == _weekday(D(2021, 12, 29), WED)
    assert CAL.add_working_days(D(2027, 12, 24), 1) == _weekday(D(2027, 12, 29), WED)


def test_day_zero_on_a_weekend_or_holiday():
    saturday = _weekday(D(2026, 1, 3), SAT)
    assert CAL.add_working_days(saturday, 0) == saturday
    assert CAL.add_working_days(saturday, 1) == D(2026, 1, 5)
    assert CAL.add_working_days(saturday, -1) == _weekday(D(2026, 1, 2), FRI)
    assert CAL.add_working_days(D(2026, 12, 25), 1) == _weekday(D(2026, 12, 29), TUE)
    assert CAL.working_day_number(saturday, D(2026, 1, 4)) == 0
    assert CAL.working_day_number(saturday, D(2026, 1, 5)) == 1
    assert CAL.working_day_number(saturday, D(2026, 1, 2)) == -1


def test_day_number_of_non_working_days():
    z = D(2026, 12, 22)
    assert CAL.working_day_number(z, z) == 0
    assert CAL.working_day_number(z, D(2026, 12, 25)) == 2
    assert CAL.working_day_number(z, D(2026, 12, 28)) == 2
    assert CAL.working_day_number(z, _weekday(D(2026, 12, 21), MON)) == -1
    assert CAL.working_day_number(z, _weekday(D(2026, 12, 19), SAT)) == -1


# -- closure days --


def test_closure_days_between_christmas_and_new_year():
    office_shut = WorkingCalendar([D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)])
    z = D(2026, 12, 22)
    # 23 (1), 24 (2), 4 Jan (3) ... 8 (7), 11 (8) ... 15 (12), 18 (13), 19 (14), 20 Jan (15).
    assert office_shut.add_working_days(z, 3) == D(2027, 1, 4)
    assert office_shut.add_working_days(z, 15) == _weekday(D(2027, 1, 20), WED)
    assert office_shut.working_day_number(z, D(2027, 1, 20)) == 15
    assert not office_shut.is_working_day(D(2026, 12, 30))
    assert CAL.is_working_day(D(2026, 12, 30))


def test_closure_day_on_a_weekend_changes_nothing():
    calendar = WorkingCalendar([D(2026, 6, 6)])
    assert calendar.add_working_days(D(2026, 6, 5), 1) == D(2026, 6, 8)


def test_non_working_weekdays_names_the_reason():
    calendar = WorkingCalendar([D(2026, 12, 29)])
    assert calendar.non_working_weekdays(D(2026, 12, 24), D(2026, 12, 31)) == [
        (D(2026, 12, 25), "Christmas Day"),
        (D(2026, 12, 28), "Boxing Day (observed)"),
        (D(2026, 12, 29), "partnership closure day"),
    ]


@pytest.mark.parametrize(
    "call",
    [
        lambda: WorkingCalendar([dt.datetime(2026, 12, 29, 9, 0)]),
        lambda: CAL.is_working_day(dt.datetime(2026, 12, 29, 9, 0)),
        lambda: CAL.add_working_days(dt.datetime(2026, 12, 29, 9, 0), 1),
        lambda: CAL.add_working_days("2026-12-29", 1),
        lambda: CAL.add_working_days(D(2026, 12, 29), 1.0),
        lambda: CAL.add_working_days(D(2026, 12, 29), True),
        lambda: CAL.working_day_number(D(2026, 12, 29), dt.datetime(2027, 1, 4, 0, 0)),
        lambda: add_months(dt.datetime(2026, 8, 31, 12, 0), 6),
    ],
)
def test_datetimes_and_other_types_are_rejected(call):
    with pytest.raises(TypeError):
        call()


# -- months and weeks --


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 11, 15), 3, D(2027, 2, 15)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),
        (D(2026, 12, 22), 6, D(2027, 6, 22)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
        (D(2026, 5, 31), 0, D(2026, 5, 31)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(start, n, expected):
    assert add_months(start, n) == expected


@given(dates, st.integers(min_value=-120, max_value=120))
def test_add_months_lands_in_the_right_month(d, n):
    result = add_months(d, n)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    assert result.day == d.day or (result.day < d.day and (result + dt.timedelta(days=1)).day == 1)


def test_add_weeks():
    assert add_weeks(D(2026, 12, 22), 3) == D(2027, 1, 12)
    assert add_weeks(D(2027, 6, 22), -5) == D(2027, 5, 18)
    assert add_weeks(D(2027, 6, 22), -4) == D(2027, 5, 25)


# -- local dates --

UTC = dt.UTC


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2024, 7, 1, 23, 30, tzinfo=UTC), D(2024, 7, 2)),  # BST: 00:30 next day
        (dt.datetime(2024, 7, 1, 22, 59, tzinfo=UTC), D(2024, 7, 1)),  # BST: 23:59
        (dt.datetime(2024, 1, 15, 23, 30, tzinfo=UTC), D(2024, 1, 15)),  # GMT: same day
        (dt.datetime(2024, 3, 30, 23, 30, tzinfo=UTC), D(2024, 3, 30)),  # still GMT
        (dt.datetime(2024, 3, 31, 23, 30, tzinfo=UTC), D(2024, 4, 1)),  # BST from 31 Mar
        (dt.datetime(2024, 10, 26, 23, 30, tzinfo=UTC), D(2024, 10, 27)),  # last BST night
        (dt.datetime(2024, 10, 27, 23, 30, tzinfo=UTC), D(2024, 10, 27)),  # GMT again
        (dt.datetime(2024, 7, 1, 19, 30, tzinfo=ZoneInfo("America/New_York")), D(2024, 7, 2)),
        (dt.datetime(2024, 7, 2, 0, 30, tzinfo=ZoneInfo("Europe/London")), D(2024, 7, 2)),
    ],
)
def test_local_date_is_the_date_in_england(moment, expected):
    assert local_date(moment) == expected


def test_local_date_rejects_naive_datetimes():
    with pytest.raises(ValueError, match="aware"):
        local_date(dt.datetime(2024, 7, 1, 23, 30))


def test_local_date_rejects_dates():
    with pytest.raises(TypeError):
        local_date(D(2024, 7, 1))
