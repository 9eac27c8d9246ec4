"""The partnership's working-day calendar and where a running stage stands ("day N of 15")."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cases.calendar import WorkingCalendar
from cases.models import ClosureDay, Deadline, DeadlineStatus, Partnership

AMBER_WORKING_DAYS = 2


def calendar_for(partnership: Partnership) -> WorkingCalendar:
    cached = getattr(partnership, "_working_calendar", None)
    if cached is None:
        days = ClosureDay.objects.filter(
            partnership=partnership, removed_at__isnull=True
        ).values_list("date", flat=True)
        cached = WorkingCalendar(closure_days=list(days))
        partnership._working_calendar = cached
    return cached


def partnership_schedule(partnership: Partnership, stage: str, day_zero: datetime.date):
    """The steps of a stage under the partnership's saved settings and its own calendar."""
    from cases.workflow import compute_schedule

    return compute_schedule(partnership.workflow, stage, day_zero, calendar_for(partnership))


def rag(deadline: Deadline, today: datetime.date, calendar: WorkingCalendar) -> str:
    """red: overdue; amber: due within AMBER_WORKING_DAYS working days; green otherwise."""
    if deadline.status != DeadlineStatus.OPEN:
        return "grey"
    if deadline.due < today:
        return "red"
    if calendar.working_day_number(today, deadline.due) <= AMBER_WORKING_DAYS:
        return "amber"
    return "green"


@dataclass(frozen=True)
class StageProgress:
    stage: str
    stage_label: str
    day_zero: datetime.date
    day: int
    total_days: int | None
    next_deadline: Deadline | None
    next_rag: str
    deadlines: list

    @property
    def summary(self) -> str:
        if self.day < 0:
            # Day zero is a future target (publication): count down to it.
            n = -self.day
            return f"{n} working day{'s' if n != 1 else ''} to day 0"
        if self.total_days and self.total_days > 0:
            return f"Day {self.day} of {self.total_days}"
        return f"Day {self.day}"


def stage_progress(
    deadlines: list[Deadline], partnership: Partnership, today: datetime.date | None = None
) -> StageProgress | None:
    """Progress of one stage from its deadlines (all of the same case and stage)."""
    if not deadlines:
        return None
    from cases.workflow.vocabulary import STAGES

    today = today or timezone.localdate()
    calendar = calendar_for(partnership)
    first = deadlines[0]
    open_ones = sorted((d for d in deadlines if d.is_open), key=lambda d: (d.due, d.key))
    counted = [d.day for d in deadlines if d.day is not None]
    nxt = open_ones[0] if open_ones else None
    return StageProgress(
        stage=first.stage,
        stage_label=STAGES.get(first.stage, first.stage),
        day_zero=first.day_zero,
        day=calendar.working_day_number(first.day_zero, today),
        total_days=max(counted) if counted else None,
        next_deadline=nxt,
        next_rag=rag(nxt, today, calendar) if nxt else "grey",
        deadlines=[(d, rag(d, today, calendar)) for d in deadlines],
    )
