"""An LCSPR's comms plan and reactive statement (Dorset 002 7.16-7.20; BCP 003 section 12: the
local authority leads on press statements). The plan's items say who is told what, how, by whom
and by when; agreeing the plan is the comms planning meeting's outcome (7.17), so it meets the
Dorset publication step `comms_meeting` (a partnership without the step has nothing to meet).
The reactive statement has its owner and is agreed with the Executive Director (7.18).

    comms_plan_of / comms_plan_get_or_create
    comms_item_add, comms_item_update   every error at once
    comms_plan_agree                    the date and who agreed it; at least one item
    reactive_statement_save             the text and its owner
    reactive_statement_agree            the date and by whom; written first
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import Membership, User
from cases.services.deadlines import deadline_meet
from lcspr import permissions
from lcspr.models import CommsPlan, CommsPlanItem, LocalReview
from lcspr.models.sessions import CommsChannel, CommsItemStatus
from lcspr.services.target import PUBLICATION

COMMS_STEP = "comms_meeting"
NOT_ALLOWED = "Only a business manager writes the comms plan and the reactive statement."
LIMIT = 5000


def _text(value) -> str:
    return (value or "").strip()


def _audit(actor, plan, *, action, changes):
    case = plan.review.case
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action=action,
        obj=plan,
        case=case,
        changes=changes,
    )


def _require(membership: Membership, review: LocalReview) -> None:
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(NOT_ALLOWED)


def comms_plan_of(review: LocalReview) -> CommsPlan | None:
    return CommsPlan.objects.filter(review=review).select_related("statement_owner__user").first()


def plan_items(plan: CommsPlan | None):
    if plan is None:
        return CommsPlanItem.objects.none()
    return CommsPlanItem.objects.filter(plan=plan).select_related("owner__user")


def _plan(review: LocalReview) -> CommsPlan:
    plan, _ = CommsPlan.objects.select_for_update().get_or_create(
        review=review, defaults={"partnership_id": review.partnership_id}
    )
    return plan


def _owner(owner, review, errors, field, message):
    if owner is None:
        errors[field] = message
    elif owner.partnership_id != review.partnership_id or not owner.is_active:
        errors[field] = "Select a member of the partnership"


def _agreed(agreed_on, agreed_by, errors, prefix="", what="the plan"):
    if agreed_on is None:
        errors[f"{prefix}agreed_on"] = f"Enter the date {what} was agreed"
    elif agreed_on > timezone.localdate():
        errors[f"{prefix}agreed_on"] = f"The date {what} was agreed must be today or in the past"
    if not _text(agreed_by):
        errors[f"{prefix}agreed_by"] = f"Enter who agreed {what}"
    elif len(_text(agreed_by)) > 200:
        errors[f"{prefix}agreed_by"] = "Who agreed it must be 200 characters or fewer"


def _item_fields(review, *, audience, message, channel, owner, due_on, status, errors) -> dict:
    audience, message = _text(audience), _text(message)
    if not audience:
        errors["audience"] = "Enter who the audience is"
    elif len(audience) > 200:
        errors["audience"] = "The audience must be 200 characters or fewer"
    if not message:
        errors["message"] = "Enter the message"
    elif len(message) > LIMIT:
        errors["message"] = "The message must be 5,000 characters or fewer"
    if channel not in CommsChannel.values:
        errors["channel"] = "Select how the message is given"
    _owner(owner, review, errors, "owner", "Select who owns this item")
    if due_on is None:
        errors["due_on"] = "Enter the date it is due"
    if status not in CommsItemStatus.values:
        errors["status"] = "Select the status"
    return {
        "audience": audience,
        "message": message,
        "channel": channel,
        "owner": owner,
        "due_on": due_on,
        "status": status,
    }


def _summary(item: CommsPlanItem) -> dict:
    return {
        "audience": item.audience,
        "channel": item.channel,
        "owner": item.owner.user.email if item.owner_id else None,
        "due_on": item.due_on.isoformat() if item.due_on else None,
        "status": item.status,
    }


@transaction.atomic
def comms_item_add(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    audience: str = "",
    message: str = "",
    channel: str = "",
    owner: Membership | None = None,
    due_on: datetime.date | None = None,
    status: str = CommsItemStatus.PLANNED,
) -> CommsPlanItem:
    _require(membership, review)
    errors: dict[str, str] = {}
    fields = _item_fields(
        review,
        audience=audience,
        message=message,
        channel=channel,
        owner=owner,
        due_on=due_on,
        status=status,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    plan = _plan(review)
    item = CommsPlanItem.objects.create(partnership_id=review.partnership_id, plan=plan, **fields)
    _audit(
        actor,
        plan,
        action="comms_plan.item_add",
        changes={k: [None, v] for k, v in _summary(item).items()},
    )
    return item


@transaction.atomic
def comms_item_update(
    *,
    actor: User,
    membership: Membership,
    item: CommsPlanItem,
    audience: str = "",
    message: str = "",
    channel: str = "",
    owner: Membership | None = None,
    due_on: datetime.date | None = None,
    status: str = "",
) -> CommsPlanItem:
    review = item.plan.review
    _require(membership, review)
    item = CommsPlanItem.objects.select_for_update().select_related("owner__user").get(pk=item.pk)
    errors: dict[str, str] = {}
    fields = _item_fields(
        review,
        audience=audience,
        message=message,
        channel=channel,
        owner=owner,
        due_on=due_on,
        status=status,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    before = _summary(item)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    after = _summary(item)
    _audit(
        actor,
        item.plan,
        action="comms_plan.item_update",
        changes={
            "item": [None, item.audience],
            **{k: [before[k], v] for k, v in after.items() if before[k] != v},
        },
    )
    return item


@transaction.atomic
def comms_plan_agree(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    agreed_on: datetime.date | None = None,
    agreed_by: str = "",
) -> CommsPlan:
    """Record the plan as agreed (Dorset 7.17, the comms planning meeting): meets the
    publication stage's comms_meeting step on that date where the partnership has it."""
    _require(membership, review)
    plan = _plan(review)
    if plan.agreed_on is not None:
        raise InvalidTransition("The comms plan is already agreed.")
    errors: dict[str, str] = {}
    _agreed(agreed_on, agreed_by, errors)
    if not CommsPlanItem.objects.filter(plan=plan).exists():
        errors["items"] = "Add at least one item to the comms plan before agreeing it"
    if errors:
        raise ValidationError(errors)
    plan.agreed_on, plan.agreed_by = agreed_on, _text(agreed_by)
    plan.save()
    _audit(
        actor,
        plan,
        action="comms_plan.agree",
        changes={"agreed_on": [None, agreed_on.isoformat()], "agreed_by": [None, plan.agreed_by]},
    )
    deadline_meet(
        actor=actor, case=review.case, stage=PUBLICATION, key=COMMS_STEP, met_on=agreed_on
    )
    return plan


@transaction.atomic
def reactive_statement_save(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    statement: str = "",
    owner: Membership | None = None,
) -> CommsPlan:
    """The reactive statement and its owner. Changed after it was agreed, it needs agreeing
    again."""
    _require(membership, review)
    errors: dict[str, str] = {}
    statement = _text(statement)
    if not statement:
        errors["statement"] = "Enter the reactive statement"
    elif len(statement) > LIMIT:
        errors["statement"] = "The reactive statement must be 5,000 characters or fewer"
    _owner(owner, review, errors, "statement_owner", "Select who owns the reactive statement")
    if errors:
        raise ValidationError(errors)
    plan = _plan(review)
    before = {"owner": plan.statement_owner_id, "text_changed": False}
    changed = statement != plan.statement
    plan.statement, plan.statement_owner = statement, owner
    if changed and plan.statement_agreed_on:
        plan.statement_agreed_on, plan.statement_agreed_by = None, ""
    plan.save()
    changes = {"statement": [None, "changed"]} if changed else {}
    if before["owner"] != owner.pk:
        changes["statement_owner"] = [None, owner.user.email]
    _audit(actor, plan, action="reactive_statement.save", changes=changes)
    return plan


@transaction.atomic
def reactive_statement_agree(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    agreed_on: datetime.date | None = None,
    agreed_by: str = "",
) -> CommsPlan:
    _require(membership, review)
    plan = _plan(review)
    errors: dict[str, str] = {}
    if not plan.statement:
        errors["statement"] = "Write the reactive statement before recording it as agreed"
    _agreed(agreed_on, agreed_by, errors, what="the reactive statement")
    if errors:
        raise ValidationError(errors)
    plan.statement_agreed_on, plan.statement_agreed_by = agreed_on, _text(agreed_by)
    plan.save()
    _audit(
        actor,
        plan,
        action="reactive_statement.agree",
        changes={
            "statement_agreed_on": [None, agreed_on.isoformat()],
            "statement_agreed_by": [None, plan.statement_agreed_by],
        },
    )
    return plan
