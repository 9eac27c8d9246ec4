"""An action on a side's case (owned by the side's police, the agency of its agency-role
members in tests/world.py) with one progress update, for the tenant crawler's registry, the role
matrix, the row-level security world and the accessibility pages: made on first use through the
services, so the shared world stays as it is for everyone else."""

import datetime

from cases.models import ActionItem, ActionItemStatus, ActionUpdate, Role
from cases.services import actions as action_services


def an_action(side) -> ActionItem:
    """A rapid review action of the side's police, not started, due 1 June 2027."""
    action = (
        ActionItem.objects.filter(
            case=side.case,
            owner_agency=side.agencies["police"],
            status=ActionItemStatus.OPEN,
            source_id__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    if action is None:
        bm = side.members[Role.BUSINESS_MANAGER]
        action = action_services.action_add(
            actor=bm.user,
            membership=bm,
            case=side.case,
            stage="rapid_review",
            owner_agency=side.agencies["police"],
            owner_person=side.members[Role.SLO].user,
            what="Train the response officers in recognising neglect",
            due_date=datetime.date(2027, 6, 1),
            success_measure="Every response officer trained; audit of 20 cases",
            recommendation="Officers did not recognise the signs of neglect",
        )
    return action


def an_update(side) -> ActionUpdate:
    action = an_action(side)
    update = action.updates.order_by("pk").first()
    if update is None:
        slo = side.members[Role.SLO]
        update = action_services.action_update_progress(
            actor=slo.user, membership=slo, action=action, text="Half the officers trained."
        )
    return update
