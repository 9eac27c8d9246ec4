"""The demo's action plan (issue 14): two actions on Dorset's first demo case, added by the
business manager as from the rapid review and the notification (Dorset keeps one tracker per
case with a sheet for each, seed 002 8.2-8.6), with updates, so the plan, the tracker's .xlsx and
the police's "Actions for your agency" are not empty: the police's in progress with a progress
note, the health board's overdue with a due date moved, with its reason."""

import datetime

from django.utils import timezone

from cases.models import Role
from cases.services import actions as services


def load_demo_actions(case, agencies: list, members: dict) -> None:
    bm, slo, rg = (members[r] for r in (Role.BUSINESS_MANAGER, Role.SLO, Role.REVIEW_GROUP_MEMBER))
    today = timezone.localdate()
    police = services.action_add(
        actor=bm.user,
        membership=bm,
        case=case,
        stage="rapid_review",
        owner_agency=agencies[1],
        owner_person=slo.user,
        recommendation="Officers attending the home did not recognise the signs of neglect.",
        what="Brief every response team on recognising neglect in the home, using the "
        "neglect toolkit.",
        due_date=today + datetime.timedelta(days=30),
        success_measure="All five response teams briefed; a dip sample of 20 attendances shows "
        "the toolkit used.",
    )
    services.action_set_status(actor=slo.user, membership=slo, action=police, status="in_progress")
    services.action_update_progress(
        actor=slo.user,
        membership=slo,
        action=police,
        text="Briefing written and delivered to two of the five response teams.",
    )
    health = services.action_add(
        actor=bm.user,
        membership=bm,
        case=case,
        stage="notification",
        owner_agency=agencies[2],
        owner_person=rg.user,
        what="Health visitors to record every child in the household at each contact.",
        due_date=today - datetime.timedelta(days=20),
        success_measure="Audit of records shows every child named at 95% of contacts.",
    )
    services.action_move_due(
        actor=bm.user,
        membership=bm,
        action=health,
        due_date=today - datetime.timedelta(days=5),
        reason="The record system's new field went live later than planned.",
    )


def load_demo_completed_plan(case, agencies: list, members: dict) -> None:
    """BCP's completed plan (003 section 15): both actions closed by the review group, so the
    action plan stage has started and the Quality Assurance Group's impact statement is due in
    six months."""
    bm, rg = members[Role.BUSINESS_MANAGER], members[Role.REVIEW_GROUP_MEMBER]
    today = timezone.localdate()
    for agency, what in (
        (agencies[0], "Refresh the neglect strategy with the early help offer."),
        (agencies[1], "Train the front door team in the neglect toolkit."),
    ):
        action = services.action_add(
            actor=bm.user,
            membership=bm,
            case=case,
            stage="lcspr",
            owner_agency=agency,
            what=what,
            due_date=today - datetime.timedelta(days=10),
            success_measure="Seen in the quality assurance group's next audit.",
        )
        services.action_close(
            actor=rg.user, membership=rg, action=action, note="Demo: evidence checked."
        )
