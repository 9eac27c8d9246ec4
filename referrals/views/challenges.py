"""Challenges to decisions and complaints, and their resolution steps."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from cases.models import Role
from cases.views.helpers import failed, posted, run_service
from referrals import permissions, selectors
from referrals.forms.actions import ChallengeForm, ChallengeStepForm
from referrals.services import challenges as challenge_services
from referrals.views._base import allow, get_referral, wrong_state


def challenge_add(request, partnership_slug, pk):
    referral = get_referral(request, pk)
    allow(permissions.can_raise_challenge, request, referral)
    if response := wrong_state(request, referral, "raise_challenge"):
        return response
    is_bm = request.membership.has_role(Role.BUSINESS_MANAGER)
    form = ChallengeForm(
        posted(request), business_manager=is_bm, initial={"raised_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            challenge_services.challenge_raise,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, f"{result.get_kind_display()} recorded.")
            return redirect("referrals:challenge_detail", partnership_slug, referral.pk, result.pk)
    return render(
        request,
        "referrals/action_form.html",
        {
            "referral": referral,
            "form": form,
            "title": "Record a challenge or complaint" if is_bm else "Challenge a decision",
            "intro": "It goes through the partnership's resolution steps; each step's outcome "
            "is recorded here.",
            "button": "Record it",
        },
    )


def challenge_detail(request, partnership_slug, pk, challenge_pk):
    referral = get_referral(request, pk)
    challenge = selectors.challenge_for_referral(referral=referral, pk=challenge_pk)
    step = challenge_services.current_step(challenge)
    can_record = permissions.can_record_challenge_step(request.membership, referral)
    form = None
    if step and can_record:
        last = challenge.records.count() + 1 >= len(challenge.steps)
        form = ChallengeStepForm(
            posted(request), last_step=last, initial={"held_on": timezone.localdate()}
        )
        if request.method == "POST" and form.is_valid():
            result = run_service(
                form,
                challenge_services.challenge_step_record,
                actor=request.user,
                membership=request.membership,
                challenge=challenge,
                **form.cleaned_data,
            )
            if not failed(result):
                messages.success(request, f"Outcome recorded: {result.get_outcome_display()}.")
                return redirect(request.path)
    elif request.method == "POST":
        from django.core.exceptions import PermissionDenied

        if not can_record:
            raise PermissionDenied
        return redirect(request.path)
    return render(
        request,
        "referrals/challenge.html",
        {
            "referral": referral,
            "challenge": challenge,
            "records": list(challenge.records.all()),
            "step": step,
            "form": form,
        },
    )
