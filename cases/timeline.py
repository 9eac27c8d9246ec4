"""A stage's clock and timeline as the review pages show it: "day N of 15", the next milestone,
and every milestone with its status, its review day, its time of day and its seed source (these
two come from the partnership's settings: the deadline rows hold the dates). Shared by the
rapid review, the LCSPR and its publication."""

from dataclasses import dataclass

from django.utils import timezone

from cases.clock import calendar_for, partnership_schedule, stage_progress
from cases.models import Deadline, DeadlineStatus
from cases.models.roles import Role

STATUS_TAGS = {
    "done": ("Done", "green"),
    "open": ("Open", "blue"),
    "overdue": ("Overdue", "red"),
    "waived": ("Waived", "grey"),
    "missed": ("Missed", "red"),
}
ROLE_NAMES = dict(Role.choices)


@dataclass(frozen=True)
class TimelineRow:
    key: str
    label: str
    due: object
    starts: object
    time: str | None
    day: int | None
    status: str
    responsible: str
    source: str
    rule_text: str

    @property
    def tag(self) -> tuple[str, str]:
        return STATUS_TAGS[self.status]


def _status(deadline: Deadline, today) -> str:
    if deadline.status == DeadlineStatus.MET:
        return "done"
    if deadline.status == DeadlineStatus.WAIVED:
        return "waived"
    if deadline.status == DeadlineStatus.MISSED:
        return "missed"
    return "overdue" if deadline.due < today else "open"


def _who(deadline: Deadline) -> str:
    roles = [ROLE_NAMES.get(r, r) for r in deadline.responsible_roles]
    agencies = [a.replace("_", " ") for a in deadline.responsible_agency_types]
    text = ", ".join(roles)
    return f"{text} ({', '.join(agencies)})" if agencies else text


def review_day(deadline: Deadline, day_zero, calendar) -> int | None:
    """The review day a milestone falls on, also for those counted from another event (the
    awareness backstop) or in hours or calendar days, so every row reads against "day N of 15"."""
    if deadline.day is not None:
        return deadline.day
    if day_zero is None or deadline.due < day_zero:
        return None
    return calendar.working_day_number(day_zero, deadline.due)


def stage_timeline(case, stage: str, day_zero, today=None) -> dict:
    today = today or timezone.localdate()
    deadlines = list(Deadline.objects.filter(case=case, stage=stage).order_by("due", "key"))
    progress = stage_progress(deadlines, case.partnership, today)
    settings = {m.key: m for m in partnership_schedule(case.partnership, stage, day_zero)}
    calendar = calendar_for(case.partnership)
    rows = [
        TimelineRow(
            key=d.key,
            label=d.label,
            due=d.due,
            starts=d.starts,
            time=getattr(settings.get(d.key), "time", None),
            day=review_day(d, day_zero, calendar),
            status=_status(d, today),
            responsible=_who(d),
            source=getattr(settings.get(d.key), "source", ""),
            rule_text=d.rule_text,
        )
        for d in deadlines
    ]
    return {
        "progress": progress,
        "rows": rows,
        "next": progress.next_deadline if progress else None,
    }
