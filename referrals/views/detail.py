"""The referral's own page: where it stands, what happened to it, and what you can do next."""

from django.utils import timezone

from cases.clock import calendar_for
from cases.history_display import history_rows
from cases.models import Role
from cases.selectors import case_stage_progress
from referrals import deciding, permissions, selectors
from referrals.access_log import referral_read
from referrals.answers import referral_answers
from referrals.choices import ReferralStatus
from referrals.services.challenges import current_step
from referrals.services.media import is_monitored
from referrals.state import transition_allowed
from referrals.views._base import get_referral

S = ReferralStatus


def _actions(membership, referral) -> dict:
    ok = transition_allowed
    return {
        "edit": permissions.can_edit_referral(membership, referral) and ok(referral, "save_draft"),
        "authorise": permissions.can_authorise_referral(membership, referral)
        and referral.status == S.AWAITING_AUTHORISATION,
        "withdraw": (
            permissions.can_edit_referral(membership, referral)
            or permissions.can_authorise_referral(membership, referral)
        )
        and ok(referral, "withdraw"),
        "quality_assure": permissions.can_triage(membership, referral)
        and ok(referral, "quality_assure")
        and not referral.quality_assured_at,
        "request_information": permissions.can_triage(membership, referral)
        and ok(referral, "request_information"),
        "provide_information": permissions.can_provide_information(membership, referral)
        and ok(referral, "provide_information"),
        "schedule": permissions.can_decide(membership, referral)
        and ok(referral, "schedule_review_group"),
        "decide": permissions.can_decide(membership, referral)
        and ok(referral, "decide")
        and referral.case_id is not None,
        "recommend": permissions.can_triage(membership, referral)
        and ok(referral, "recommend_to_executive"),
        "executive_decision": permissions.can_record_executive_decision(membership, referral)
        and ok(referral, "executive_decision"),
        "notification_agreement": permissions.can_record_notification_agreement(
            membership, referral
        )
        and ok(referral, "notification_agreement"),
        "notification_escalation": permissions.can_record_notification_escalation(
            membership, referral
        )
        and ok(referral, "notification_escalation")
        and referral.recommendations.filter(sent_at__isnull=False).exists(),
        "link_case": permissions.can_triage(membership, referral) and ok(referral, "link_case"),
        "agency_request": permissions.can_triage(membership, referral)
        and ok(referral, "request_agency_information"),
        "media": permissions.can_triage(membership, referral) and is_monitored(referral),
        "challenge": permissions.can_raise_challenge(membership, referral)
        and ok(referral, "raise_challenge")
        and referral.status in (S.DECIDED, S.AWAITING_EXECUTIVE, S.PREPARING_RECOMMENDATION),
        "pdf": referral.submitted_at is not None,
    }


def referral_detail(request, partnership_slug, pk):
    membership = request.membership
    referral = get_referral(request, pk, detail=True)
    referral_read(user=request.user, referral=referral, what="referral page")
    actions = _actions(membership, referral)
    today = timezone.localdate()
    calendar = calendar_for(referral.partnership)
    request_open = selectors.open_information_request(referral)
    waiting = (
        calendar.working_day_number(timezone.localdate(request_open.created_at), today)
        if request_open
        else None
    )
    triage_clock = None
    if referral.case_id:
        triage_clock = next(
            (p for p in case_stage_progress(case=referral.case) if p and p.stage == "triage"),
            None,
        )
    age = calendar.working_day_number(referral.received_on, today) if referral.received_on else None
    # For the business manager only: what anyone else sees never depends on other cases.
    duplicates = (
        selectors.possible_duplicates(membership=membership, referral=referral)
        if actions["link_case"]
        else []
    )
    challenges = [
        {"challenge": c, "current_step": current_step(c)} for c in referral.challenges.all()
    ]
    return render_detail(
        request,
        {
            "referral": referral,
            "answers": referral_answers(referral),
            "actions": actions,
            "history": history_rows(
                selectors.referral_history(referral=referral), partnership=referral.partnership
            ),
            "information_requests": [
                r
                for r in referral.information_requests.all()
                if r.agency_id is None or permissions.can_decide(membership, referral)
            ],
            "request_open": request_open,
            "waiting_days": waiting,
            "triage_clock": triage_clock,
            "age": age,
            "duplicates": duplicates,
            "recommendation": selectors.latest_recommendation(referral),
            "challenges": challenges,
            # The partners' word is the partnership's deliberation: for those who decide, triage
            # or read for the partnership, not for the referring agency's staff.
            "notification_word": referral.notification_agreements.select_related("agency")
            if membership.has_role(*permissions.PARTNERSHIP_READERS, Role.EXECUTIVE)
            or deciding.takes_part(membership)
            else [],
            "decider": deciding.decider_name(referral.partnership),
            "decided_by": deciding.decided_by(referral.partnership),
            "can_see_case": referral.case_id is not None,
        },
    )


def render_detail(request, context):
    from django.shortcuts import render

    return render(request, "referrals/detail.html", context)
