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


def case_event_dates(case) -> dict[str, datetime.date | None]:
    """The dates of the case's day-zero events: the awareness date the case holds, and those
    the stage apps record (cases.extensions.register_case_event_provider)."""
    from cases.extensions import case_events

    return {**case_events(case), "awareness": case.awareness_date}


def day_zero_event(partnership, stage: str) -> str | None:
    """The event the partnership's settings name as the stage's day zero
    (`stages.<stage>.day_zero.event`)."""
    settings = (partnership.workflow or {}).get("stages", {}).get(stage) or {}
    return (settings.get("day_zero") or {}).get("event")


def event_day_zero(case, stage: str) -> datetime.date | None:
    """The date of that event, None while the case has not recorded it."""
    event = day_zero_event(case.partnership, stage)
    return case_event_dates(case).get(event) if event else None


def partnership_schedule(partnership: Partnership, stage: str, day_zero: datetime.date, case=None):
    """The steps of a stage under the partnership's saved settings and its own calendar; with
    a case, the steps counted from one of its events (`from_event`) count from its date."""
    from cases.workflow import compute_schedule

    events = case_event_dates(case) if case is not None else None
    return compute_schedule(
        partnership.workflow, stage, day_zero, calendar_for(partnership), events
    )


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


# What the case page says when no step of any stage is open, by the case's stage.
IDLE_TEXT = {
    "referral": "No deadline is running: the referral has not reached the partnership yet.",
    "closed": "The case is closed: nothing more happens unless it is reopened.",
    "media_monitoring": (
        "No deadline is running: the business manager monitors media interest, keeps the review"
        " group, the executive, the independent chair and the media officers updated, and ends"
        " the monitoring on the referral's page."
    ),
}
IDLE_DEFAULT = (
    "No deadline is running at this stage. The business manager records the next step on the"
    " case; its clock starts then."
)


def running_clock(progress: list[StageProgress]) -> StageProgress | None:
    """The stage whose next open step is due soonest, if any stage has one open."""
    running = [p for p in progress if p.next_deadline is not None]
    return min(running, key=lambda p: p.next_deadline.due, default=None)


def idle_text(case_stage: str) -> str:
    return IDLE_TEXT.get(case_stage, IDLE_DEFAULT)


def case_clocks(
    case_ids, partnership: Partnership, today: datetime.date | None = None
) -> dict[int, StageProgress]:
    """The running clock of each case that has one, in one query (for lists such as My work)."""
    by_case: dict[int, dict[str, list[Deadline]]] = {}
    for deadline in Deadline.objects.filter(case_id__in=set(case_ids)).order_by("due", "key"):
        by_case.setdefault(deadline.case_id, {}).setdefault(deadline.stage, []).append(deadline)
    clocks = {}
    for case_id, stages in by_case.items():
        progress = [stage_progress(items, partnership, today) for items in stages.values()]
        if (running := running_clock(progress)) is not None:
            clocks[case_id] = running
    return clocks


def stage_clocks(
    case_ids, partnership: Partnership, stage: str, today: datetime.date | None = None
) -> dict[int, StageProgress]:
    """One stage's clock on each case that has it (running or not), in one query."""
    by_case: dict[int, list[Deadline]] = {}
    deadlines = Deadline.objects.filter(case_id__in=set(case_ids), stage=stage)
    for deadline in deadlines.order_by("due", "key"):
        by_case.setdefault(deadline.case_id, []).append(deadline)
    return {
        case_id: stage_progress(items, partnership, today) for case_id, items in by_case.items()
    }


def describe_clock(item: dict, progress: StageProgress | None) -> dict:
    """Give a list item its clock: "day N of M", the next step, its due date, overdue or not."""
    if progress is None:
        return item
    item["clock"] = f"{progress.stage_label}: {progress.summary.lower()}"
    step = progress.next_deadline
    if step is not None:
        item["next_step"] = step.label
        item["due"] = step.due
        item["overdue"] = progress.next_rag == "red"
    return item


def add_what_is_due(
    items: list[dict], partnership: Partnership, clocks: dict[int, StageProgress] | None = None
) -> list[dict]:
    """Give each item naming a `case_id` its case's clock ("day N of M", the next step, its due
    date, overdue or not), and order the items overdue first, then by due date; items without
    a running clock keep their order after them. `clocks`: case_clocks already read."""
    if clocks is None:
        clocks = case_clocks([i["case_id"] for i in items if i.get("case_id")], partnership)
    for item in items:
        if "due" not in item:
            describe_clock(item, clocks.get(item.get("case_id")))
    return sorted(items, key=lambda i: (not i.get("overdue"), i.get("due") or datetime.date.max))


def add_what_is_due_to_sections(sections: list[dict], partnership: Partnership) -> None:
    """add_what_is_due for every section of a page (My work), the clocks read in one query."""
    case_ids = [i["case_id"] for s in sections for i in s["items"] if i.get("case_id")]
    clocks = case_clocks(case_ids, partnership) if case_ids else {}
    for section in sections:
        section["items"] = add_what_is_due(section["items"], partnership, clocks)
