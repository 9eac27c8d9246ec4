"""An action on a side's case (owned by the side's police, the agency of its agency-role
members in tests/world.py) with one progress update, for the tenant crawler's registry, the role
matrix, the row-level security world and the accessibility pages: made on first use through the
services, so the shared world stays as it is for everyone else."""

import datetime

from cases.models import ActionItem, ActionUpdate, Membership, Role
from cases.services import actions as action_services


def an_action(side) -> ActionItem:
    """A rapid review action of the side's police, due 1 June 2027: not started when made (the
    first of the case's hand-made police actions, whatever its status since)."""
    if "action" in side.extra:  # kept: after a request the API fuzzer may not see the row
        return side.extra["action"]
    action = (
        ActionItem.objects.filter(
            case=side.case,
            owner_agency=side.agencies["police"],
            source_id__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    if action is None:
        bm = side.members[Role.BUSINESS_MANAGER]
        police = side.agencies["police"]
        slo = side.members[Role.SLO]
        # Named while still the police's active SLO (the API fuzzer may have changed them).
        named = Membership.objects.active().filter(pk=slo.pk, agency=police).exists()
        action = action_services.action_add(
            actor=bm.user,
            membership=bm,
            case=side.case,
            stage="rapid_review",
            owner_agency=police,
            owner_person=slo.user if named else None,
            what="Train the response officers in recognising neglect",
            due_date=datetime.date(2027, 6, 1),
            success_measure="Every response officer trained; audit of 20 cases",
            recommendation="Officers did not recognise the signs of neglect",
        )
    side.extra["action"] = action
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


def with_plan_chain(side) -> None:
    """The side's partnership signs off action plans as North Lincolnshire does (004: the
    CSPRG's oversight, then the MARS Board: a review group member, then an executive)."""
    from cases.workflow import preset

    partnership = side.partnership
    workflow = dict(partnership.workflow or {})
    chains = dict(workflow.get("sign_off_chains") or {})
    if "action_plan" not in chains:
        chains["action_plan"] = preset("north-lincolnshire")["sign_off_chains"]["action_plan"]
        workflow["sign_off_chains"] = chains
        partnership.workflow = workflow
        partnership.save(update_fields=["workflow"])


def a_plan(side):
    """The side's rapid review action plan, sent for sign-off (at the review group's step)."""
    from cases.models import ActionPlan

    plan = ActionPlan.objects.filter(case=side.case).order_by("pk").first()
    if plan is None:
        an_action(side)
        with_plan_chain(side)
        bm = side.members[Role.BUSINESS_MANAGER]
        sign_off = action_services.action_plan_send_for_sign_off(
            actor=bm.user, membership=bm, case=side.case, stage="rapid_review"
        )
        plan = ActionPlan.objects.get(pk=sign_off.object_id)
    return plan


def an_impact_statement(side):
    """An impact statement on a case of its own (so the side's case keeps its open action): one
    action, closed, then the statement."""
    from django.utils import timezone

    from cases.models import CaseStage, ImpactStatement
    from cases.services import cases as case_services
    from cases.services.impact import impact_statement_record

    if "impact_statement" not in side.extra:
        bm = side.members[Role.BUSINESS_MANAGER]
        case = case_services.case_create(
            actor=bm.user,
            membership=bm,
            title="Child I",
            incident_date=datetime.date(2026, 3, 2),
            awareness_date=datetime.date(2026, 3, 3),
            agencies=[side.agencies["police"]],
            stage=CaseStage.ACTION_PLAN,
        )
        action = action_services.action_add(
            actor=bm.user,
            membership=bm,
            case=case,
            stage="lcspr",
            owner_agency=side.agencies["police"],
            what="Refresh the neglect strategy",
            due_date=datetime.date(2027, 6, 1),
            success_measure="Seen in the next audit",
        )
        action_services.action_close(actor=bm.user, membership=bm, action=action, note="Done")
        impact_statement_record(
            actor=bm.user,
            membership=bm,
            case=case,
            written_on=timezone.localdate(),
            produced_by="Quality Assurance Group",
            difference_made="Neglect is recognised earlier at the front door.",
        )
        side.extra["impact_statement"] = ImpactStatement.objects.get(case=case)
    return side.extra["impact_statement"]
