"""When a case's action plan is agreed and complete, the action plan stage that follows, and the
impact statement (BCP 003 section 15).

The action plan stage counts from the event the partnership's settings name
(`stages.action_plan.day_zero.event`): `action_plan_agreed` (the first plan signed off) or
`action_plan_completed` (the day its last open action was closed or cancelled: BCP's plan is
"remitted into the Quality Assurance Group" then, and the impact statement is due six months
later). Both events come from `action_plan_events`, a case event provider; the stage starts
when its event happens (`action_plan_stage_follow`)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from cases import permissions
from cases.audit import audit_record
from cases.clock import day_zero_event, event_day_zero
from cases.models import ActionItem, ActionItemStatus, ActionPlan, Case, Deadline, ImpactStatement
from cases.services.deadlines import deadline_meet, stage_start

STAGE = "action_plan"
STEP = "impact_statement"
DONE = (ActionItemStatus.CLOSED, ActionItemStatus.CANCELLED)
NOT_ALLOWED = "Only a review group member or a business manager can record the impact statement."


def plan_agreed_on(case: Case) -> datetime.date | None:
    return ActionPlan.objects.filter(case=case).aggregate(day=Min("signed_off_on"))["day"]


def plan_completed_on(case: Case) -> datetime.date | None:
    """The day the last open action was closed or cancelled; None while one is open (or the
    case has none)."""
    actions = ActionItem.objects.filter(case=case)
    if not actions.exists() or actions.exclude(status__in=DONE).exists():
        return None
    closed = actions.filter(status=ActionItemStatus.CLOSED).aggregate(day=Max("closed_on"))["day"]
    cancelled = actions.filter(status=ActionItemStatus.CANCELLED).aggregate(at=Max("updated_at"))
    cancelled = timezone.localdate(cancelled["at"]) if cancelled["at"] else None
    return max(day for day in (closed, cancelled) if day is not None)


def action_plan_events(case: Case) -> dict:
    """Case event provider (cases.extensions): the action plan stage's day-zero events."""
    events = {"action_plan_agreed": plan_agreed_on(case)}
    if ActionItem.objects.filter(case=case).exists():
        events["action_plan_completed"] = plan_completed_on(case)
    return {name: day for name, day in events.items() if day is not None}


def action_plan_stage_follow(actor, case: Case, event: str) -> None:
    """`event` has just happened: start the action plan stage if the partnership counts it
    from that event and it has not started (an action's own steps do not count)."""
    if day_zero_event(case.partnership, STAGE) != event:
        return
    started = Deadline.objects.filter(case=case, stage=STAGE).exclude(key__startswith="action_")
    day = event_day_zero(case, STAGE)
    if day is not None and not started.exists():
        stage_start(actor=actor, case=case, stage=STAGE, day_zero=day)


@transaction.atomic
def impact_statement_record(
    *,
    actor,
    membership,
    case: Case,
    written_on: datetime.date | None,
    produced_by: str,
    difference_made: str,
    evidence: str = "",
) -> ImpactStatement:
    """Record (or correct) what difference the case's reviews made. Only once the plan is
    complete; meets the clock's impact statement step on the statement's date."""
    if membership is None or not permissions.can_record_impact_statement(membership, case):
        raise PermissionDenied(NOT_ALLOWED)
    produced_by, difference_made = (produced_by or "").strip(), (difference_made or "").strip()
    errors = {}
    if written_on is None:
        errors["written_on"] = "Enter the date of the impact statement"
    elif written_on > timezone.localdate():
        errors["written_on"] = "The date of the impact statement must be today or in the past"
    if not produced_by:
        errors["produced_by"] = "Enter who produced the impact statement"
    elif len(produced_by) > 200:
        errors["produced_by"] = "Who produced it must be 200 characters or fewer"
    if not difference_made:
        errors["difference_made"] = "Enter what difference the review has made"
    if plan_completed_on(case) is None:
        errors["__all__"] = (
            "The impact statement follows the completed action plan: close or cancel every"
            " action first"
        )
    if errors:
        raise ValidationError(errors)
    fields = {
        "written_on": written_on,
        "produced_by": produced_by,
        "difference_made": difference_made,
        "evidence": (evidence or "").strip(),
    }
    statement = ImpactStatement.objects.select_for_update().filter(case=case).first()
    before = {}
    if statement is None:
        statement = ImpactStatement.objects.create(
            partnership=case.partnership, case=case, recorded_by=actor, **fields
        )
    else:
        before = {name: getattr(statement, name) for name in fields}
        for name, value in fields.items():
            setattr(statement, name, value)
        statement.save()
    changes = {
        name: [_plain(before.get(name)), _plain(value)]
        for name, value in fields.items()
        if before.get(name) != value
    }
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="impact_statement.record",
        obj=statement,
        case=case,
        changes=changes,
    )
    deadline_meet(actor=actor, case=case, stage=STAGE, key=STEP, met_on=written_on)
    return statement


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value
