"""A partnership's reminder policy and the reminder steps that are current on a given day.

Pure functions of (policy, due date, today, working calendar): no database, so the rules are
tested directly. Only steps that are current *today* are ever returned, which is what makes the
sweep catch up after downtime without a burst of stale reminders:

- "N working days before": current only on the Nth working day before the due date;
- "on the due day": current on the due date (or the working day before it, when the due date
  is not a working day);
- "overdue": current on every working day after the due date; its key carries the date, so
  there is one per day;
- escalations: current on every working day once the step has been overdue for M working
  days; their keys carry no date, so each is sent once, however late the sweep is.

At most one reminder step per deadline per day (the most urgent), plus the escalations.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cases.calendar import WorkingCalendar

REMINDER = "reminder"
ESCALATION = "escalation"

RESPONSIBLE = "responsible"
BUSINESS_MANAGER = "business_manager"
EXECUTIVE = "executive"


def _human(d: datetime.date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


@dataclass(frozen=True)
class ReminderPolicy:
    before_working_days: tuple[int, ...] = (2,)
    on_due_day: bool = True
    overdue_every_working_day: bool = True
    escalate_to_business_manager_after: int | None = 1
    escalate_to_executive_after: int | None = 3

    @classmethod
    def from_settings(cls, data: Any) -> ReminderPolicy:
        """The policy from ``workflow["reminder_policy"]``. Tolerant: a missing or malformed
        value (settings are validated when saved) falls back to the default for that item, so
        one partnership's bad data can never stop the sweep for everyone."""
        default = cls()
        if not isinstance(data, Mapping):
            return default
        before = data.get("before_working_days", default.before_working_days)
        if not isinstance(before, list | tuple) or not all(
            isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 30 for n in before
        ):
            before = default.before_working_days

        def flag(name: str) -> bool:
            value = data.get(name, getattr(default, name))
            return value if isinstance(value, bool) else getattr(default, name)

        def after(name: str) -> int | None:
            value = data.get(name, getattr(default, name))
            if value is None:
                return None
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 60:
                return value
            return getattr(default, name)

        return cls(
            before_working_days=tuple(sorted(set(before))),
            on_due_day=flag("on_due_day"),
            overdue_every_working_day=flag("overdue_every_working_day"),
            escalate_to_business_manager_after=after("escalate_to_business_manager_after"),
            escalate_to_executive_after=after("escalate_to_executive_after"),
        )

    @property
    def lead_working_days(self) -> int:
        """How many working days ahead of a due date the first reminder goes out."""
        return max(self.before_working_days, default=0)

    def horizon(self, today: datetime.date, calendar: WorkingCalendar) -> datetime.date:
        """No deadline due after this date has a step current today (see current_steps)."""
        return calendar.add_working_days(today, max(self.lead_working_days, 1))


@dataclass(frozen=True)
class Step:
    key: str  # unique per deadline: part of the outbox key
    kind: str  # REMINDER or ESCALATION
    audience: str  # RESPONSIBLE, BUSINESS_MANAGER or EXECUTIVE
    text: str  # e.g. "is due in 2 working days, on Tue 5 Jan 2027"
    overdue: bool = False


def current_steps(
    policy: ReminderPolicy,
    due: datetime.date,
    today: datetime.date,
    calendar: WorkingCalendar,
) -> list[Step]:
    """The reminder steps of a deadline due on ``due`` that are current on ``today``.

    Nothing is sent on a day that is not a working day for the partnership."""
    if not calendar.is_working_day(today):
        return []
    if due < today:
        return _overdue_steps(policy, due, today, calendar)
    if policy.on_due_day and today == calendar.previous_working_day(due):
        when = "today" if today == due else f"on {_human(due)}"
        return [Step("due", REMINDER, RESPONSIBLE, f"is due {when}")]
    for n in policy.before_working_days:  # ascending: the nearest first
        if calendar.add_working_days(due, -n) == today:
            days = "working day" if n == 1 else "working days"
            text = f"is due in {n} {days}, on {_human(due)}"
            return [Step(f"before_{n}", REMINDER, RESPONSIBLE, text)]
    return []


def _overdue_steps(
    policy: ReminderPolicy, due: datetime.date, today: datetime.date, calendar: WorkingCalendar
) -> list[Step]:
    steps = []
    was_due = f"was due on {_human(due)} and is overdue"
    if policy.overdue_every_working_day:
        steps.append(
            Step(f"overdue_{today.isoformat()}", REMINDER, RESPONSIBLE, was_due, overdue=True)
        )
    for audience, after in (
        (BUSINESS_MANAGER, policy.escalate_to_business_manager_after),
        (EXECUTIVE, policy.escalate_to_executive_after),
    ):
        if after is None:
            continue
        threshold = max(after, 1)
        # Overdue for `threshold` working days: the threshold-th working day after the due
        # date has come (O(threshold), however long ago the due date was).
        if calendar.add_working_days(due, threshold) <= today:
            days = "working day" if threshold == 1 else "working days"
            text = f"{was_due} by {threshold} {days} or more"
            steps.append(Step(f"escalate_{audience}", ESCALATION, audience, text, overdue=True))
    return steps


def digest_status(due: datetime.date, today: datetime.date) -> str:
    if due < today:
        return f"overdue (was due {_human(due)})"
    if due == today:
        return "due today"
    return f"due {_human(due)}"
