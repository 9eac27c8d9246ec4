"""Deadlines as data: opened when a stage starts, recomputed when its day zero is corrected,
closed by the service that completes the step."""

import datetime

from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.clock import partnership_schedule
from cases.errors import InvalidTransition
from cases.extensions import stage_recomputed, stage_started
from cases.models import Case, Deadline, DeadlineStatus, Notice, NoticeStatus, User


def unsaved_deadlines(*, case: Case, stage: str, day_zero: datetime.date, schedule) -> list:
    """The deadlines of a stage's computed schedule, not yet saved (stage_start saves them; the
    national data set, bench/national.py, makes them in bulk the same way)."""
    return [
        Deadline(
            partnership_id=case.partnership_id,
            case=case,
            stage=stage,
            key=m.key,
            label=m.label[:300],
            day_zero=day_zero,
            day=m.day,
            starts=m.starts,
            due=m.due,
            rule_text=m.rule_text,
            statutory=m.statutory,
            responsible_roles=list(m.responsible.roles),
            responsible_agency_types=list(m.responsible.agency_types),
        )
        for m in schedule
    ]


@transaction.atomic
def stage_start(
    *, actor: User | None, case: Case, stage: str, day_zero: datetime.date
) -> list[Deadline]:
    """Open the stage's deadlines from the partnership's settings, counted from day_zero.
    The steps a record owns in the stage (an action's, key ``action_<id>``: deadline_follow)
    are not the stage's own and do not mean it has started."""
    if Deadline.objects.filter(case=case, stage=stage).exclude(key__startswith="action_").exists():
        raise InvalidTransition(f"The {stage} stage has already started for {case.reference}.")
    schedule = partnership_schedule(case.partnership, stage, day_zero, case)
    deadlines = unsaved_deadlines(case=case, stage=stage, day_zero=day_zero, schedule=schedule)
    Deadline.objects.bulk_create(deadlines)
    stage_started(actor, case, stage, day_zero)
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="stage.start",
        obj=case,
        case=case,
        changes={
            "stage": [None, stage],
            "day_zero": [None, day_zero.isoformat()],
            "deadlines": [None, {d.key: d.due.isoformat() for d in deadlines}],
        },
    )
    return deadlines


@transaction.atomic
def stage_recompute(
    *, actor: User, case: Case, stage: str, day_zero: datetime.date, reason: str
) -> list[Deadline]:
    """Move a running stage to a corrected day zero (or to changed settings); closed steps
    keep their dates. Audited with every date that moved."""
    current = {
        d.key: d for d in Deadline.objects.select_for_update().filter(case=case, stage=stage)
    }
    if not current:
        raise InvalidTransition(f"The {stage} stage has not started for {case.reference}.")
    old_zero = next(iter(current.values())).day_zero
    moved = {}
    for m in partnership_schedule(case.partnership, stage, day_zero, case):
        deadline = current.get(m.key)
        if deadline is None:
            continue
        before = (deadline.due, deadline.day_zero)
        deadline.day_zero = day_zero
        if deadline.status == DeadlineStatus.OPEN:
            deadline.due, deadline.day, deadline.starts = m.due, m.day, m.starts
            deadline.rule_text = m.rule_text
        if (deadline.due, deadline.day_zero) != before:
            moved[deadline.key] = [before[0].isoformat(), deadline.due.isoformat()]
            deadline.save(
                update_fields=["day_zero", "due", "day", "starts", "rule_text", "updated_at"]
            )
            # The statutory notices due by this step are due when it is (cases.models.notices).
            Notice.objects.filter(deadline=deadline, status=NoticeStatus.DUE).update(
                due_date=deadline.due
            )
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="stage.recompute",
        obj=case,
        case=case,
        note=reason,
        changes={"day_zero": [old_zero.isoformat(), day_zero.isoformat()], **moved},
    )
    if day_zero != old_zero:
        stage_recomputed(actor, case, stage, day_zero, reason)
    return sorted(current.values(), key=lambda d: (d.due, d.key))


# What a restarted step takes from the new schedule; a new Deadline is open, never closed.
RESTARTED_FIELDS = (
    "label",
    "day_zero",
    "day",
    "starts",
    "due",
    "rule_text",
    "statutory",
    "responsible_roles",
    "responsible_agency_types",
    "status",
    "closed_at",
    "closed_by",
    "met_on",
    "waived_reason",
)


@transaction.atomic
def stage_restart(
    *, actor: User | None, case: Case, stage: str, day_zero: datetime.date
) -> list[Deadline]:
    """Start again a stage whose every step was closed (its run was withdrawn, e.g. a rapid
    review): the rows are reopened on the new schedule rather than replaced, so the statutory
    notices that point at a step keep it."""
    current = {
        d.key: d for d in Deadline.objects.select_for_update().filter(case=case, stage=stage)
    }
    if not current:
        return stage_start(actor=actor, case=case, stage=stage, day_zero=day_zero)
    if any(d.status == DeadlineStatus.OPEN for d in current.values()):
        raise InvalidTransition(f"The {stage} stage is still running for {case.reference}.")
    schedule = partnership_schedule(case.partnership, stage, day_zero, case)
    fresh = unsaved_deadlines(case=case, stage=stage, day_zero=day_zero, schedule=schedule)
    kept = []
    for new in fresh:
        old = current.pop(new.key, None)
        if old is None:
            kept.append(new)
            continue
        for field in RESTARTED_FIELDS:
            setattr(old, field, getattr(new, field))
        old.save()
        kept.append(old)
    Deadline.objects.bulk_create([d for d in kept if d.pk is None])
    stage_started(actor, case, stage, day_zero)
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="stage.start",
        obj=case,
        case=case,
        note="Started again",
        changes={
            "stage": [None, stage],
            "day_zero": [None, day_zero.isoformat()],
            "deadlines": [None, {d.key: d.due.isoformat() for d in kept}],
        },
    )
    return kept


def _close(deadline: Deadline, *, actor, status: str, met_on=None, reason: str = "") -> Deadline:
    deadline.status = status
    deadline.closed_at = timezone.now()
    deadline.closed_by = actor if getattr(actor, "pk", None) else None
    deadline.met_on = met_on
    deadline.waived_reason = reason
    deadline.save(
        update_fields=["status", "closed_at", "closed_by", "met_on", "waived_reason", "updated_at"]
    )
    return deadline


@transaction.atomic
def deadline_meet(
    *,
    actor: User | None,
    case: Case,
    stage: str,
    key: str,
    met_on: datetime.date | None = None,
) -> Deadline | None:
    """Mark a step done. Returns None when the partnership's settings have no such step."""
    deadline = Deadline.objects.select_for_update().filter(case=case, stage=stage, key=key).first()
    if deadline is None or deadline.status != DeadlineStatus.OPEN:
        return deadline
    met_on = met_on or timezone.localdate()
    _close(deadline, actor=actor, status=DeadlineStatus.MET, met_on=met_on)
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="deadline.met",
        obj=deadline,
        case=case,
        changes={"status": ["open", "met"], "met_on": [None, met_on.isoformat()]},
        note="late" if met_on > deadline.due else "",
    )
    return deadline


@transaction.atomic
def deadline_waive(*, actor: User, deadline: Deadline, reason: str) -> Deadline:
    if not reason.strip():
        from django.core.exceptions import ValidationError

        raise ValidationError({"reason": "Enter why this step is not needed."})
    if deadline.status != DeadlineStatus.OPEN:
        raise InvalidTransition("Only an open step can be waived.")
    _close(deadline, actor=actor, status=DeadlineStatus.WAIVED, reason=reason)
    audit_record(
        actor=actor,
        partnership=deadline.case.partnership,
        action="deadline.waive",
        obj=deadline,
        case=deadline.case,
        changes={"status": ["open", "waived"]},
        note=reason,
    )
    return deadline


@transaction.atomic
def stage_close(*, actor: User | None, case: Case, stage: str, reason: str = "") -> None:
    """End a stage: steps still open become missed (past due) or waived (not yet due)."""
    today = timezone.localdate()
    for deadline in Deadline.objects.select_for_update().filter(
        case=case, stage=stage, status=DeadlineStatus.OPEN
    ):
        status = DeadlineStatus.MISSED if deadline.due < today else DeadlineStatus.WAIVED
        _close(
            deadline,
            actor=actor,
            status=status,
            reason=reason or "The stage ended before this step.",
        )
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="stage.close",
        obj=case,
        case=case,
        changes={"stage": [stage, None]},
        note=reason,
    )


def deadline_follow(
    *,
    case: Case,
    stage: str,
    key: str,
    label: str,
    due: datetime.date | None,
    responsible_roles: list[str] | None = None,
    responsible_agency=None,
    responsible_user=None,
) -> Deadline | None:
    """Keep one step that a record owns (e.g. an action's, key ``action_<id>``) in line with
    it: opened when it first has a due date, moved (and its label and who is responsible
    changed) while open, left alone once closed. ``due`` None: nothing to open. The record's
    own service audits the change (its due date, with the reason); this adds no event.
    Returns the step, if any."""
    deadline = Deadline.objects.select_for_update().filter(case=case, stage=stage, key=key).first()
    if deadline is None:
        if due is None:
            return None
        return Deadline.objects.create(
            partnership_id=case.partnership_id,
            case=case,
            stage=stage,
            key=key,
            label=label[:300],
            day_zero=min(timezone.localdate(), due),
            due=due,
            rule_text="The date set on the record",
            responsible_roles=list(responsible_roles or ()),
            responsible_agency=responsible_agency,
            responsible_user=responsible_user,
        )
    if deadline.status != DeadlineStatus.OPEN or due is None:
        return deadline
    deadline.label = label[:300]
    deadline.due = due
    deadline.day_zero = min(deadline.day_zero, due)
    deadline.responsible_roles = list(responsible_roles or ())
    deadline.responsible_agency = responsible_agency
    deadline.responsible_user = responsible_user
    deadline.save(
        update_fields=[
            "label",
            "due",
            "day_zero",
            "responsible_roles",
            "responsible_agency",
            "responsible_user",
            "updated_at",
        ]
    )
    return deadline
