"""Action plans (cases.models.actions): one service per transition, used by the pages and the API
alike (docs/action-plans.md).

    action_add               a business manager adds a SMART action to a case for a stage
    action_update_progress   the owner agency (or a business manager) records progress, with
                             optional evidence (stored as a document of the case)
    action_set_status        the owner agency marks it in progress or completed
    action_move_due          the due date moves, with the reason (always)
    action_close             the review group checked it: closed
    action_cancel            the review group no longer needs it, with the reason

Each active action with a due date has a step on the case's clock (stage "action_plan", key
``action_<id>``, cases.services.deadlines.deadline_follow) that reminds its owner agency and
person; it moves with the due date, is met when the action is completed or closed and waived
when it is cancelled.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases import permissions
from cases.audit import audit_record, snapshot
from cases.errors import InvalidTransition
from cases.models import (
    ActionItem,
    ActionItemStatus,
    ActionStage,
    ActionUpdate,
    ActionUpdateKind,
    Agency,
    Case,
    Deadline,
    DeadlineStatus,
    Membership,
    Role,
    User,
)
from cases.models.actions import ACTIVE_STATUSES
from cases.services.deadlines import deadline_follow, deadline_meet, deadline_waive
from cases.services.documents import attachment_store
from cases.services.impact import action_plan_stage_follow

S = ActionItemStatus
CLOCK_STAGE = "action_plan"
NOT_ALLOWED_ADD = "Only a business manager can add actions to a case's action plan."
NOT_ALLOWED_UPDATE = "Only the agency that owns the action or a business manager can update it."
NOT_ALLOWED_CLOSE = "Only a review group member or a business manager can close or cancel actions."
# The statuses an agency sets itself.
AGENCY_STATUSES = (S.IN_PROGRESS, S.COMPLETED)
ADD_FIELDS = (
    "stage",
    "owner_agency",
    "owner_person",
    "what",
    "due_date",
    "success_measure",
    "recommendation",
    "status",
)


def deadline_key(action: ActionItem) -> str:
    return f"action_{action.pk}"


def _label(action: ActionItem) -> str:
    return f"Action: {action.short_what}"


def _check(allowed: bool, message: str, check: bool) -> None:
    if check and not allowed:
        raise PermissionDenied(message)


def _locked(action: ActionItem) -> ActionItem:
    return (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("case__partnership", "owner_agency", "owner_person")
        .get(pk=action.pk)
    )


def _audit(*, actor, action: ActionItem, code: str, changes: dict, note: str = "") -> None:
    audit_record(
        actor=actor,
        partnership=action.case.partnership,
        action=code,
        obj=action,
        case=action.case,
        changes=changes,
        note=note,
    )


def _update(action: ActionItem, *, actor, kind: str, **fields) -> ActionUpdate:
    return ActionUpdate.objects.create(
        partnership_id=action.partnership_id, action=action, kind=kind, created_by=actor, **fields
    )


def action_sync_deadline(action: ActionItem, *, actor=None) -> Deadline | None:
    """The action's step on the clock follows it: open while the action is active with a due
    date, met when completed or closed, waived when cancelled."""
    key = deadline_key(action)
    if action.is_active:
        return deadline_follow(
            case=action.case,
            stage=CLOCK_STAGE,
            key=key,
            label=_label(action),
            due=action.due_date,
            responsible_roles=[Role.SLO, Role.AGENCY_STAFF],
            responsible_agency=action.owner_agency,
            responsible_user=action.owner_person,
        )
    deadline = Deadline.objects.filter(case=action.case, stage=CLOCK_STAGE, key=key).first()
    if deadline is None or deadline.status != DeadlineStatus.OPEN:
        return deadline
    if action.status == S.CANCELLED:
        return deadline_waive(
            actor=actor, deadline=deadline, reason=action.cancelled_reason or "Cancelled"
        )
    met_on = action.closed_on or timezone.localdate()
    return deadline_meet(actor=actor, case=action.case, stage=CLOCK_STAGE, key=key, met_on=met_on)


def _owner_errors(case: Case, owner_agency, owner_person, errors: dict) -> None:
    if owner_agency is None:
        errors["owner_agency"] = "Select the agency that owns the action"
    elif owner_agency.partnership_id != case.partnership_id:
        errors["owner_agency"] = "Select an agency of this partnership"
    if owner_person is not None and owner_agency is not None and "owner_agency" not in errors:
        member = (
            Membership.objects.active()
            .filter(partnership=case.partnership_id, user=owner_person.pk, agency=owner_agency.pk)
            .exists()
        )
        if not member:
            errors["owner_person"] = "Select a person from the agency that owns the action"


@transaction.atomic
def action_add(
    *,
    actor: User,
    membership: Membership | None,
    case: Case,
    stage: str,
    owner_agency: Agency | None,
    what: str,
    due_date: datetime.date | None,
    success_measure: str,
    owner_person: User | None = None,
    recommendation: str = "",
    check_permission: bool = True,
) -> ActionItem:
    """A business manager adds an action: SMART (who, what, by when, how we will know)."""
    _check(
        membership is not None and permissions.can_add_action(membership, case),
        NOT_ALLOWED_ADD,
        check_permission,
    )
    errors: dict[str, str] = {}
    if stage not in ActionStage.values:
        errors["stage"] = "Select which review the action comes from"
    _owner_errors(case, owner_agency, owner_person, errors)
    what = (what or "").strip()
    if not what:
        errors["what"] = "Enter the action"
    if due_date is None:
        errors["due_date"] = "Enter the date the action is due"
    success_measure = (success_measure or "").strip()
    if not success_measure:
        errors["success_measure"] = "Enter how you will know the action has worked"
    if errors:
        raise ValidationError(errors)
    action = ActionItem.objects.create(
        partnership_id=case.partnership_id,
        case=case,
        stage=stage,
        owner_agency=owner_agency,
        owner_name=owner_agency.name[:200],
        owner_person=owner_person,
        what=what,
        due_date=due_date,
        success_measure=success_measure,
        recommendation=(recommendation or "").strip(),
        created_by=actor,
    )
    after = {k: v for k, v in snapshot(action).items() if v not in (None, "")}
    changes = {k: [None, v] for k, v in after.items() if k.removesuffix("_id") in ADD_FIELDS}
    _audit(actor=actor, action=action, code="action.add", changes=changes)
    action_sync_deadline(action, actor=actor)
    return action


@transaction.atomic
def action_update_progress(
    *,
    actor: User,
    membership: Membership | None,
    action: ActionItem,
    text: str,
    evidence_file=None,
    check_permission: bool = True,
) -> ActionUpdate:
    _check(
        membership is not None and permissions.can_update_action(membership, action),
        NOT_ALLOWED_UPDATE,
        check_permission,
    )
    action = _locked(action)
    if action.status in (S.CLOSED, S.CANCELLED):
        raise InvalidTransition(
            f"This action is {action.get_status_display().lower()}: progress can no longer be"
            " added."
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the progress made"})
    evidence = None
    if evidence_file is not None:
        try:
            evidence = attachment_store(
                actor=actor,
                case=action.case,
                uploaded=evidence_file,
                description=f"Evidence: {action.short_what}"[:255],
            )
        except ValidationError as exc:
            raise ValidationError({"evidence_file": exc.messages}) from exc
    update = _update(
        action, actor=actor, kind=ActionUpdateKind.PROGRESS, text=text, evidence=evidence
    )
    changes = {"update": [None, text]}
    if evidence is not None:
        changes["evidence"] = [None, evidence.pk]
    _audit(actor=actor, action=action, code="action.progress", changes=changes)
    return update


@transaction.atomic
def action_set_status(
    *,
    actor: User,
    membership: Membership | None,
    action: ActionItem,
    status: str,
    note: str = "",
    check_permission: bool = True,
) -> ActionItem:
    """The owner agency says it has started (in progress) or is done (completed: the review
    group then checks the evidence and closes it). Completing meets the action's step."""
    _check(
        membership is not None and permissions.can_update_action(membership, action),
        NOT_ALLOWED_UPDATE,
        check_permission,
    )
    if status not in AGENCY_STATUSES:
        raise ValidationError({"status": "Select in progress or completed"})
    action = _locked(action)
    if action.status not in ACTIVE_STATUSES:
        raise InvalidTransition(
            f"This action is {action.get_status_display().lower()}: only an action not started"
            " or in progress can change its status."
        )
    if action.status == status:
        raise ValidationError(
            {"status": f"The action is already {action.get_status_display().lower()}"}
        )
    before = action.status
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    note = (note or "").strip()
    _update(
        action,
        actor=actor,
        kind=ActionUpdateKind.STATUS,
        text=note,
        old_status=before,
        new_status=status,
    )
    _audit(
        actor=actor,
        action=action,
        code="action.status",
        changes={"status": [before, status]},
        note=note,
    )
    action_sync_deadline(action, actor=actor)
    return action


@transaction.atomic
def action_move_due(
    *,
    actor: User,
    membership: Membership | None,
    action: ActionItem,
    due_date: datetime.date | None,
    reason: str,
    check_permission: bool = True,
) -> ActionItem:
    """A new due date, always with the reason; the action's step moves with it."""
    _check(
        membership is not None and permissions.can_update_action(membership, action),
        NOT_ALLOWED_UPDATE,
        check_permission,
    )
    action = _locked(action)
    if action.status not in ACTIVE_STATUSES:
        raise InvalidTransition(
            f"This action is {action.get_status_display().lower()}: its due date can no longer"
            " move."
        )
    errors: dict[str, str] = {}
    if due_date is None:
        errors["due_date"] = "Enter the new due date"
    elif due_date == action.due_date:
        errors["due_date"] = "Enter a date different from the current due date"
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = "Enter why the due date is moving"
    if errors:
        raise ValidationError(errors)
    before = action.due_date
    action.due_date = due_date
    action.save(update_fields=["due_date", "updated_at"])
    _update(
        action,
        actor=actor,
        kind=ActionUpdateKind.DUE_MOVED,
        text=reason,
        old_due_date=before,
        new_due_date=due_date,
    )
    _audit(
        actor=actor,
        action=action,
        code="action.move_due",
        changes={"due_date": [before.isoformat() if before else None, due_date.isoformat()]},
        note=reason,
    )
    action_sync_deadline(action, actor=actor)
    return action


@transaction.atomic
def action_close(
    *,
    actor: User,
    membership: Membership | None,
    action: ActionItem,
    note: str = "",
    closed_on: datetime.date | None = None,
    check_permission: bool = True,
) -> ActionItem:
    """The review group has checked the action (usually completed, with its evidence): closed."""
    _check(
        membership is not None and permissions.can_close_action(membership, action),
        NOT_ALLOWED_CLOSE,
        check_permission,
    )
    action = _locked(action)
    if action.status in (S.CLOSED, S.CANCELLED):
        raise InvalidTransition(f"This action is already {action.get_status_display().lower()}.")
    closed_on = closed_on or timezone.localdate()
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": "The date closed must be today or in the past"})
    before = action.status
    action.status = S.CLOSED
    action.closed_on = closed_on
    action.save(update_fields=["status", "closed_on", "updated_at"])
    note = (note or "").strip()
    _update(
        action,
        actor=actor,
        kind=ActionUpdateKind.STATUS,
        text=note,
        old_status=before,
        new_status=S.CLOSED,
    )
    _audit(
        actor=actor,
        action=action,
        code="action.close",
        changes={"status": [before, S.CLOSED.value], "closed_on": [None, closed_on.isoformat()]},
        note=note,
    )
    action_sync_deadline(action, actor=actor)
    action_plan_stage_follow(actor, action.case, "action_plan_completed")
    return action


@transaction.atomic
def action_cancel(
    *,
    actor: User,
    membership: Membership | None,
    action: ActionItem,
    reason: str,
    check_permission: bool = True,
) -> ActionItem:
    _check(
        membership is not None and permissions.can_close_action(membership, action),
        NOT_ALLOWED_CLOSE,
        check_permission,
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the action is cancelled"})
    action = _locked(action)
    if action.status in (S.CLOSED, S.CANCELLED):
        raise InvalidTransition(f"This action is already {action.get_status_display().lower()}.")
    before = action.status
    action.status = S.CANCELLED
    action.cancelled_reason = reason
    action.save(update_fields=["status", "cancelled_reason", "updated_at"])
    _update(
        action,
        actor=actor,
        kind=ActionUpdateKind.STATUS,
        text=reason,
        old_status=before,
        new_status=S.CANCELLED,
    )
    _audit(
        actor=actor,
        action=action,
        code="action.cancel",
        changes={"status": [before, S.CANCELLED.value]},
        note=reason,
    )
    action_sync_deadline(action, actor=actor)
    action_plan_stage_follow(actor, action.case, "action_plan_completed")
    return action


def action_items_follow(items, *, actor=None) -> None:
    """Give actions made in bulk by a stage app (the rapid review report's rows,
    rapid_reviews.services.report.report_action_items) their steps on the clock, as
    action_add does for one."""
    for item in items:
        action_sync_deadline(item, actor=actor)


# --- The plan's sign-off ------------------------------------------------------------------------

PLAN_DOCUMENT_TYPE = "action_plan"


@transaction.atomic
def action_plan_send_for_sign_off(
    *,
    actor: User,
    membership: Membership,
    case: Case,
    stage: str,
    comments: str = "",
):
    """Send a stage's actions, as the case's plan for that stage, through the partnership's
    "action_plan" chain (cases.services.signoff.signoff_start): a business manager, or the
    chain's first step. When the last step signs it off, action_plan_signed_off records the
    date and starts the case's action plan stage from it."""
    from cases.models import ActionPlan
    from cases.services.signoff import signoff_start

    if stage not in ActionStage.values:
        raise ValidationError({"stage": "Select which review's action plan to send"})
    if not ActionItem.objects.filter(case=case, stage=stage).exclude(status=S.CANCELLED).exists():
        raise ValidationError({"stage": "Add actions to this plan before sending it for sign-off"})
    plan, _ = ActionPlan.objects.get_or_create(
        case=case,
        stage=stage,
        defaults={"partnership_id": case.partnership_id, "created_by": actor},
    )
    return signoff_start(
        actor=actor,
        membership=membership,
        case=case,
        document_type=PLAN_DOCUMENT_TYPE,
        document=plan,
        comments=comments,
    )


def action_plan_signed_off(actor, sign_off) -> None:
    """Signed-off listener (cases.extensions): the plan is signed off on the day of the last
    sign-off; the case's action plan stage starts counted from it (its day zero event is the
    plan's agreement), unless it has already started."""
    from cases.models import ActionPlan

    if sign_off.document_type != PLAN_DOCUMENT_TYPE:
        return
    plan = ActionPlan.objects.select_related("case__partnership").get(pk=sign_off.object_id)
    day = (
        timezone.localdate(sign_off.completed_at) if sign_off.completed_at else timezone.localdate()
    )
    plan.signed_off_on = day
    plan.save(update_fields=["signed_off_on"])
    audit_record(
        actor=actor,
        partnership=plan.case.partnership,
        action="action_plan.signed_off",
        obj=plan,
        case=plan.case,
        changes={"signed_off_on": [None, day.isoformat()]},
    )
    action_plan_stage_follow(actor, plan.case, "action_plan_agreed")
