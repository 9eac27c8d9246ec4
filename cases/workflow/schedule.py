"""Turn a stage's milestone rules and a day zero into due dates, with the reason for each."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from cases.calendar import WorkingCalendar, add_months, add_weeks
from cases.workflow.validation import dependency_order, learning_option_errors, stage_errors
from cases.workflow.vocabulary import DAY_ZERO_EVENTS, STAGES, UNITS


@dataclass(frozen=True)
class Responsible:
    roles: tuple[str, ...] = ()
    agency_types: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, data: Mapping[str, Any]) -> Responsible:
        return cls(tuple(data.get("roles", ())), tuple(data.get("agency_types", ())))

    def as_dict(self) -> dict[str, list[str]]:
        return {"roles": list(self.roles), "agency_types": list(self.agency_types)}

    def matches(self, roles: Iterable[str], agency_type: str | None) -> bool:
        """Whether a member holding ``roles``, in an agency of ``agency_type`` (None: no
        agency), is who this names: one of its roles (any role when it names only agency
        types) in an agency of one of its types (any agency, or none, when it names only
        roles). Naming neither matches no one. ``{"roles": ["slo"], "agency_types":
        ["local_authority"]}`` is the local authority's safeguarding lead officer."""
        if not self.roles and not self.agency_types:
            return False
        if self.roles and not set(self.roles) & set(roles):
            return False
        return not self.agency_types or agency_type in self.agency_types


@dataclass(frozen=True)
class ScheduledMilestone:
    key: str
    label: str
    day: int | None
    due: datetime.date
    statutory: bool
    responsible: Responsible
    rule_text: str
    starts: datetime.date | None = None
    start_day: int | None = None
    relative_to: str | None = None
    source: str = ""
    # The time of day it is due by, "HH:MM" (Lincolnshire 000 Appendix E: returns "by 9am").
    time: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "day": self.day,
            "due": self.due.isoformat(),
            "time": self.time,
            "starts": self.starts.isoformat() if self.starts else None,
            "start_day": self.start_day,
            "statutory": self.statutory,
            "responsible": self.responsible.as_dict(),
            "relative_to": self.relative_to,
            "rule": self.rule_text,
            "source": self.source,
        }


def compute_schedule(
    settings: Mapping[str, Any],
    stage: str,
    day_zero: datetime.date,
    calendar: WorkingCalendar,
    events: Mapping[str, datetime.date | None] | None = None,
) -> list[ScheduledMilestone]:
    """The milestones of ``stage`` for a case whose day zero is ``day_zero``, sorted by due
    date then key. ``events`` holds the dates of the case's events (CASE_EVENTS) that a
    milestone may be counted from (`from_event`); one not known yet counts from day zero.
    Raises ValueError for an unknown stage and ValidationError when the stage's settings are
    invalid."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of: {', '.join(STAGES)}")
    _check_date(day_zero)
    errors = stage_errors(settings, stage)
    if errors:
        raise ValidationError(errors)
    stage_settings = settings["stages"][stage]
    day_zero_phrase = stage_settings["day_zero"]["description"]
    by_key = {m["key"]: m for m in stage_settings["milestones"]}
    done: dict[str, ScheduledMilestone] = {}
    for key in dependency_order(by_key):
        milestone = by_key[key]
        base_key = milestone["rule"].get("from")
        base = done[base_key] if base_key else None
        done[key] = _schedule_one(
            milestone, day_zero, day_zero_phrase, base, calendar, events or {}
        )
    return sorted(done.values(), key=lambda m: (m.due, m.key))


def compute_learning_option_deadline(
    settings: Mapping[str, Any],
    option_key: str,
    day_zero: datetime.date,
    calendar: WorkingCalendar,
) -> ScheduledMilestone | None:
    """When a learning option chosen on ``day_zero`` should be complete; None when the
    partnership sets no timescale for it (e.g. "to be identified by agency")."""
    _check_date(day_zero)
    errors = learning_option_errors(settings)
    if errors:
        raise ValidationError(errors)
    options = {o["key"]: o for o in settings["learning_options"]}
    if option_key not in options:
        raise KeyError(f"unknown learning option {option_key!r}; known: {', '.join(options)}")
    option = options[option_key]
    if option["timescale"] is None:
        return None
    milestone = {
        "key": option["key"],
        "label": option["label"],
        "rule": option["timescale"],
        "responsible": {"roles": ["business_manager"], "agency_types": []},
        "statutory": False,
        "source": option.get("timescale_text", ""),
    }
    phrase = "the date of the decision to undertake the learning review"
    return _schedule_one(milestone, day_zero, phrase, None, calendar)


def _check_date(value: object) -> None:
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(f"day_zero must be a datetime.date, not {type(value).__name__}")


def _schedule_one(
    milestone: Mapping[str, Any],
    day_zero: datetime.date,
    day_zero_phrase: str,
    base: ScheduledMilestone | None,
    calendar: WorkingCalendar,
    events: Mapping[str, datetime.date | None] | None = None,
) -> ScheduledMilestone:
    rule = milestone["rule"]
    unit = rule["unit"]
    adjust = rule.get("adjust", "none")
    origin = base.due if base else day_zero
    origin_phrase = f"“{base.label}” ({_human(base.due)})" if base else day_zero_phrase
    event = rule.get("from_event")
    if event is not None:
        known = (events or {}).get(event)
        origin = known or day_zero
        phrase = DAY_ZERO_EVENTS[event]
        origin_phrase = (
            f"{phrase} ({_human(known)})"
            if known
            else f"{phrase}, not recorded yet, so from {day_zero_phrase}"
        )

    raw_due = _shift(origin, unit, rule["offset"], calendar)
    due = _adjust(raw_due, adjust, calendar)
    starts = None
    if "window_start" in rule:
        starts = _adjust(_shift(origin, unit, rule["window_start"], calendar), adjust, calendar)

    counted_in_working_days = (
        unit == "working_days" and event is None and (base is None or base.day is not None)
    )
    day = calendar.working_day_number(day_zero, due) if counted_in_working_days else None
    start_day = (
        calendar.working_day_number(day_zero, starts)
        if counted_in_working_days and starts is not None
        else None
    )

    text = _describe(rule, origin_phrase)
    if unit == "working_days":
        text += _skipped(origin, raw_due, calendar)
    if raw_due != due:
        direction = "previous" if due < raw_due else "next"
        text += f"; {_human(raw_due)} is not a working day, so moved to the {direction} working day"
    return ScheduledMilestone(
        key=milestone["key"],
        label=milestone["label"],
        day=day,
        due=due,
        statutory=milestone["statutory"],
        responsible=Responsible.from_settings(milestone["responsible"]),
        rule_text=text,
        starts=starts,
        start_day=start_day,
        relative_to=base.key if base else None,
        source=milestone.get("source", ""),
        time=milestone.get("time"),
    )


def _shift(origin: datetime.date, unit: str, n: int, calendar: WorkingCalendar) -> datetime.date:
    if unit == "working_days":
        return calendar.add_working_days(origin, n)
    if unit == "calendar_days":
        return origin + datetime.timedelta(days=n)
    if unit == "weeks":
        return add_weeks(origin, n)
    if unit == "months":
        return add_months(origin, n)
    raise ValueError(f"unknown unit {unit!r}")


def _adjust(d: datetime.date, adjust: str, calendar: WorkingCalendar) -> datetime.date:
    if adjust == "previous_working_day":
        return calendar.previous_working_day(d)
    if adjust == "next_working_day":
        return calendar.next_working_day(d)
    return d


def _amount(n: int, unit: str) -> str:
    singular, plural = UNITS[unit]
    return f"{abs(n)} {singular if abs(n) == 1 else plural}"


def _describe(rule: Mapping[str, Any], origin_phrase: str) -> str:
    unit, offset = rule["unit"], rule["offset"]
    if "window_start" in rule:
        start = rule["window_start"]
        plural = UNITS[unit][1]
        if start >= 0 and offset >= 0:
            return f"between {start} and {offset} {plural} after {origin_phrase}"
        if start <= 0 and offset <= 0:
            return f"between {-start} and {-offset} {plural} before {origin_phrase}"
        return (
            f"from {_amount(start, unit)} before to {_amount(offset, unit)} after {origin_phrase}"
        )
    if offset == 0:
        return f"on {origin_phrase}"
    direction = "after" if offset > 0 else "before"
    return f"{_amount(offset, unit)} {direction} {origin_phrase}"


def _skipped(origin: datetime.date, due: datetime.date, calendar: WorkingCalendar) -> str:
    if due > origin:
        skipped = calendar.non_working_weekdays(origin + datetime.timedelta(days=1), due)
    else:
        skipped = calendar.non_working_weekdays(due, origin - datetime.timedelta(days=1))
    if not skipped:
        return ""
    listed = ", ".join(f"{_human(d)} ({reason})" for d, reason in skipped)
    return f"; not counted: {listed}"


def _human(d: datetime.date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"
