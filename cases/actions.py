"""Reads of action plans (cases.models.actions): a case's actions as the member may see them, one
action, the latest update of each, and the red/amber/green rating (docs/action-plans.md).

RAG, counted on the partnership's working calendar (cases.clock.calendar_for):
    red    not started or in progress, and past its due date;
    amber  not completed and due within AMBER_WORKING_DAYS working days, or with no due date;
    green  on track (due later), completed or closed;
    grey   cancelled.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases import permissions
from cases.calendar import WorkingCalendar
from cases.clock import calendar_for
from cases.models import (
    ActionItem,
    ActionItemStatus,
    ActionStage,
    ActionUpdate,
    Case,
    Membership,
)
from cases.models.actions import ACTIVE_STATUSES

AMBER_WORKING_DAYS = 20
S = ActionItemStatus


@dataclass(frozen=True)
class Rag:
    colour: str  # red, amber, green, grey: the GOV.UK tag's colour and the export's word
    text: str  # what the tag says, so colour is never the only signal

    @property
    def word(self) -> str:
        return {"red": "Red", "amber": "Amber", "green": "Green", "grey": "Cancelled"}[self.colour]


def action_rag(action: ActionItem, today: datetime.date, calendar: WorkingCalendar) -> Rag:
    if action.status == S.CANCELLED:
        return Rag("grey", "Cancelled")
    if action.status == S.CLOSED:
        return Rag("green", "Closed")
    if action.status == S.COMPLETED:
        return Rag("green", "Completed")
    if action.due_date is None:
        return Rag("amber", "No due date")
    if action.due_date < today:
        return Rag("red", "Overdue")
    if calendar.working_day_number(today, action.due_date) <= AMBER_WORKING_DAYS:
        return Rag("amber", "Due soon")
    return Rag("green", "On track")


def with_rag(actions, partnership, today: datetime.date | None = None) -> list[ActionItem]:
    """Each action with `.rag` (one calendar for all)."""
    today = today or timezone.localdate()
    calendar = calendar_for(partnership)
    actions = list(actions)
    for action in actions:
        action.rag = action_rag(action, today, calendar)
    return actions


def case_actions(*, membership: Membership, case: Case) -> QuerySet[ActionItem]:
    """The case's actions the member may see, with their owners and their latest update."""
    return (
        permissions.visible_actions(membership, case)
        .select_related("owner_agency", "owner_person")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=ActionUpdate.objects.order_by("-created_at", "-id"),
                to_attr="recent_updates",
            )
        )
        .order_by("stage", "due_date", "id")
    )


def latest_update(action: ActionItem) -> ActionUpdate | None:
    recent = getattr(action, "recent_updates", None)
    if recent is None:
        return action.updates.order_by("-created_at", "-id").first()
    return recent[0] if recent else None


def action_for_user(*, membership: Membership, case: Case, pk: int) -> ActionItem:
    """One action, 404 alike for missing, another case's or another agency's."""
    return get_object_or_404(
        permissions.visible_actions(membership, case).select_related(
            "owner_agency", "owner_person", "created_by", "case__partnership"
        ),
        pk=pk,
    )


def action_history(action: ActionItem) -> QuerySet[ActionUpdate]:
    return action.updates.select_related("created_by", "evidence").order_by("created_at", "id")


def grouped_by_stage(actions: list[ActionItem]) -> list[dict]:
    """[{stage, label, actions}] in the tracker's sheet order, stages with actions only."""
    groups = []
    for stage, label in ActionStage.choices:
        mine = [a for a in actions if a.stage == stage]
        if mine:
            groups.append({"stage": stage, "label": label, "actions": mine})
    return groups


def agency_actions_due(*, membership: Membership, today: datetime.date | None = None):
    """My work: the member's agency's active actions on the cases they can see, due within
    AMBER_WORKING_DAYS working days or overdue, soonest first."""
    if not (membership.agency_id and membership.has_role(*permissions.ACTION_OWNERS)):
        return ActionItem.objects.none()
    today = today or timezone.localdate()
    horizon = calendar_for(membership.partnership).add_working_days(today, AMBER_WORKING_DAYS)
    return (
        ActionItem.objects.filter(
            partnership=membership.partnership_id,
            owner_agency=membership.agency_id,
            status__in=list(ACTIVE_STATUSES),
            due_date__lte=horizon,
            case__in=permissions.visible_cases(membership).values("pk"),
        )
        .select_related("case")
        .order_by("due_date", "id")
    )
