"""Shared by the referral views: load the referral the member may see (404 otherwise), refuse
actions the member may not take (403), and send wrong-state requests back to the referral."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from cases.views.helpers import failed, posted, run_service
from referrals import selectors
from referrals.access_log import referral_read
from referrals.answers import referral_answers, referral_summary
from referrals.state import ACTION_NAMES, transition_allowed


def get_referral(request, pk, *, detail=False):
    fn = selectors.referral_detail if detail else selectors.referral_for_user
    return fn(membership=request.membership, pk=pk)


def allow(predicate, request, referral) -> None:
    if not predicate(request.membership, referral):
        raise PermissionDenied


def wrong_state(request, referral, action: str):
    """None when the action is possible now; else a redirect to the referral with a reason."""
    if transition_allowed(referral, action):
        return None
    messages.info(
        request,
        f"You cannot {ACTION_NAMES[action]} now: the referral is "
        f"{referral.get_status_display().lower()}.",
    )
    return redirect(detail_url(referral))


def detail_url(referral) -> str:
    return reverse("referrals:detail", args=[referral.partnership.slug, referral.pk])


def task_list_url(referral) -> str:
    return reverse("referrals:task_list", args=[referral.partnership.slug, referral.pk])


def decision_context(request, referral, *, what: str, recommendation=None) -> dict:
    """What a decision page leads with (issue 11, "Short decision pages"): the short summary,
    and every answer for the Details under it (templates/referrals/_all_answers.html). The read
    goes in the access log."""
    referral_read(user=request.user, referral=referral, what=what)
    return {
        "summary": referral_summary(referral, recommendation=recommendation),
        "answers": referral_answers(referral),
    }


def action_page(request, referral, form, **context):
    return render(
        request, "referrals/action_form.html", {"referral": referral, "form": form, **context}
    )


def one_form_action(
    request,
    pk,
    *,
    predicate,
    action,
    form_cls,
    service,
    done,
    summary=False,
    detail=False,
    extra=None,
    **page,
):
    """The shape every one-form referral action shares; `summary`: the page leads with the
    referral's summary, every answer a Details away; `extra(referral)`: more context."""
    referral = get_referral(request, pk, detail=detail)
    allow(predicate, request, referral)
    if response := wrong_state(request, referral, action):
        return response
    form = form_cls(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            service,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, done)
            return redirect(detail_url(referral))
    if summary:
        page.update(decision_context(request, referral, what=f"{action} page"))
    if extra:
        page.update(extra(referral))
    return action_page(request, referral, form, **page)
