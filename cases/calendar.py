"""Working-day arithmetic for statutory clocks in England.

A working day is Monday to Friday, not a bank holiday in England (from the ``holidays``
package, subdivision ENG) and not one of the partnership's own closure days.

Day zero is the triggering event, whatever weekday it falls on; "day N" is the Nth working
day after day zero and "day -N" the Nth working day before it. See docs/working-days.md.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
_ONE_DAY = datetime.timedelta(days=1)

__all__ = [
    "LONDON",
    "WorkingCalendar",
    "add_months",
    "add_weeks",
    "england_bank_holidays",
    "local_date",
]


def _require_date(value: object, name: str = "date") -> datetime.date:
    # datetime is a subclass of date: letting one through would silently use its UTC or naive
    # calendar date instead of the Europe/London one.
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(
            f"{name} must be a datetime.date, not {type(value).__name__}"
            " (convert datetimes with local_date() first)"
        )
    return value


@cache
def england_bank_holidays(year: int) -> Mapping[datetime.date, str]:
    """Bank holidays in England for one year (date to name), substitute days included."""
    return MappingProxyType(dict(holidays.country_holidays("GB", subdiv="ENG", years=year)))


class WorkingCalendar:
    """England's working days, less a partnership's closure days."""

    def __init__(self, closure_days: Iterable[datetime.date] = ()) -> None:
        self.closure_days: frozenset[datetime.date] = frozenset(
            _require_date(d, "closure day") for d in closure_days
        )

    def __repr__(self) -> str:
        return f"WorkingCalendar(closure_days={sorted(self.closure_days)!r})"

    def is_working_day(self, d: datetime.date) -> bool:
        _require_date(d)
        return (
            d.weekday() < 5
            and d not in england_bank_holidays(d.year)
            and d not in self.closure_days
        )

    def add_working_days(self, day_zero: datetime.date, n: int) -> datetime.date:
        """Day ``n`` counted from ``day_zero``: the nth working day after it (before it if
        negative). ``n == 0`` returns ``day_zero`` itself, working day or not."""
        _require_date(day_zero, "day_zero")
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, not {type(n).__name__}")
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        d = day_zero
        for _ in range(abs(n)):
            d += step
            while not self.is_working_day(d):
                d += step
        return d

    def working_day_number(self, day_zero: datetime.date, d: datetime.date) -> int:
        """Which day ``d`` is, counted from ``day_zero``.

        The number of working days in (day_zero, d] when d is later; minus the number of
        working days in [d, day_zero) when d is earlier; 0 when they are equal. So
        ``working_day_number(z, add_working_days(z, n)) == n`` for every n, and a non-working
        day carries the number of the last working day before it (the first after it when
        counting backwards).
        """
        _require_date(day_zero, "day_zero")
        _require_date(d)
        if d >= day_zero:
            start, end, sign = day_zero + _ONE_DAY, d, 1
        else:
            start, end, sign = d, day_zero - _ONE_DAY, -1
        count = 0
        current = start
        while current <= end:
            if self.is_working_day(current):
                count += 1
            current += _ONE_DAY
        return sign * count

    def non_working_weekdays(
        self, start: datetime.date, end: datetime.date
    ) -> list[tuple[datetime.date, str]]:
        """Weekdays in [start, end] that are not working days, with the reason for each."""
        _require_date(start, "start")
        _require_date(end, "end")
        found = []
        current = start
        while current <= end:
            if current.weekday() < 5:
                name = england_bank_holidays(current.year).get(current)
                if name is not None:
                    found.append((current, name))
                elif current in self.closure_days:
                    found.append((current, "partnership closure day"))
            current += _ONE_DAY
        return found

    def previous_working_day(self, d: datetime.date) -> datetime.date:
        """``d`` if it is a working day, else the last working day before it."""
        _require_date(d)
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def next_working_day(self, d: datetime.date) -> datetime.date:
        """``d`` if it is a working day, else the first working day after it."""
        _require_date(d)
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d


def add_months(d: datetime.date, n: int) -> datetime.date:
    """Calendar months, the day clamped to the end of a shorter month (31 Aug + 6 = 28 Feb)."""
    _require_date(d)
    months = d.year * 12 + (d.month - 1) + n
    year, month = divmod(months, 12)
    month += 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def add_weeks(d: datetime.date, n: int) -> datetime.date:
    _require_date(d)
    return d + datetime.timedelta(weeks=n)


def local_date(dt: datetime.datetime) -> datetime.date:
    """The date in England (Europe/London) of an aware datetime."""
    if not isinstance(dt, datetime.datetime):
        raise TypeError(f"local_date() takes a datetime, not {type(dt).__name__}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("local_date() needs an aware datetime; got a naive one")
    return dt.astimezone(LONDON).date()
