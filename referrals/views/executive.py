"""The recommendation to the executive (Appendix D) and the executive's decision."""

from django.contrib import messages
from django.shortcuts import redirect, render

from cases.views.helpers import failed, posted, run_service
from referrals import deciding, permissions, selectors
from referrals.choices import LookupKind
from referrals.forms.actions import ExecutiveDecisionForm, RecommendationForm
from referrals.lookups import lookup_choices
from referrals.services import executive
from referrals.views._base import (
    allow,
    decision_context,
    detail_url,
    get_referral,
    wrong_state,
)


def recommend(request, partnership_slug, pk):
    referral = get_referral(request, pk, detail=True)
    allow(permissions.can_triage, request, referral)
    if response := wrong_state(request, referral, "recommend_to_executive"):
        return response
    initial = executive.recommendation_initial(referral)
    form = RecommendationForm(
        posted(request),
        initial=initial,
        characteristic_choices=lookup_choices(
            referral.partnership, LookupKind.CHARACTERISTIC, keep=initial["characteristics"]
        ),
        children=initial["children"],
    )
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            executive.referral_recommend_to_executive,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            **form.cleaned_data,
        )
        if not failed(result):
            if deciding.decided_by(referral.partnership) == deciding.EXECUTIVE:
                board = referral.partnership.workflow.get("executive_board_name") or "executive"
                sent_to = f"the {board}"
            else:
                sent_to = deciding.decider_name(referral.partnership)
            messages.success(request, f"The recommendation has been sent to {sent_to}.")
            return redirect(detail_url(referral))
    return render(
        request,
        "referrals/recommendation_form.html",
        {
            "referral": referral,
            "form": form,
            **decision_context(request, referral, what="recommendation page"),
        },
    )


def executive_decision(request, partnership_slug, pk):
    referral = get_referral(request, pk, detail=True)
    allow(permissions.can_record_executive_decision, request, referral)
    if response := wrong_state(request, referral, "executive_decision"):
        return response
    pending = executive.pending_outcome(referral)
    confirming = pending is not None and pending.outcome != "recommend_rapid_review"
    decider = (
        deciding.decider_name(referral.partnership)
        if deciding.decided_by(referral.partnership) != deciding.EXECUTIVE and not confirming
        else ""
    )
    form = ExecutiveDecisionForm(
        posted(request), confirming=pending if confirming else None, decider=decider
    )
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            executive.executive_decision_record,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, f"Decision recorded: {result.get_verdict_display()}.")
            return redirect(detail_url(referral))
    recommendation = selectors.latest_recommendation(referral)
    return render(
        request,
        "referrals/executive_decision.html",
        {
            "referral": referral,
            "form": form,
            "recommendation": recommendation,
            "pending": pending,
            "confirming": confirming,
            "decider": decider,
            "escalations": [w for w in referral.notification_agreements.all() if w.escalated_to],
            **decision_context(
                request,
                referral,
                what="executive decision page",
                recommendation=recommendation,
            ),
        },
    )
