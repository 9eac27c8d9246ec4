"""/p/<partnership>/sign-offs/<pk>/: one document's sign-off chain (cases.models.signoff).

Everyone who can see the case sees the steps, who signed off when, their comments and every
version; the current step's people sign off or return it, the drafter resubmits a returned
draft, and whoever started it (or the drafter, or a business manager) withdraws it. No personal
details are shown (the document is linked, not shown), so reads are not access-logged.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from cases import permissions
from cases import signoff as reads
from cases.forms_signoff import RETURN, DecisionForm, ResubmitForm, WithdrawForm
from cases.models import SignOff, SignOffStatus
from cases.services import signoff as services
from cases.views.helpers import failed, posted, run_service
from cases.views.workflow_display import responsible_text

STATUS_COLOURS = {
    SignOffStatus.IN_PROGRESS: "blue",
    SignOffStatus.RETURNED: "orange",
    SignOffStatus.SIGNED_OFF: "green",
    SignOffStatus.WITHDRAWN: "grey",
}


def signoff_url(sign_off: SignOff) -> str:
    return reverse("cases:signoff", args=[sign_off.partnership.slug, sign_off.pk])


def document_url(sign_off: SignOff) -> str:
    """The document's own page, where its model has one (get_absolute_url)."""
    document = sign_off.document
    getter = getattr(document, "get_absolute_url", None)
    try:
        return getter() if callable(getter) else ""
    except Exception:  # a document page that cannot be named must not break this one
        return ""


def panel_context(membership, sign_off: SignOff) -> dict:
    """What templates/includes/signoff_panel.html needs (for a stage app's document page)."""
    step = sign_off.current_step
    return {
        "sign_off": sign_off,
        "status_colour": STATUS_COLOURS.get(sign_off.status, "blue"),
        "current_step": step,
        "current_who": responsible_text(step.get("responsible")) if step else "",
        "awaiting_you": permissions.is_awaiting(membership, sign_off),
        "signoff_url": signoff_url(sign_off),
    }


def _wrong_state(request, sign_off, allowed, doing: str):
    if sign_off.status in allowed:
        return None
    messages.info(
        request,
        f"You cannot {doing} now: the sign-off is {sign_off.get_status_display().lower()}.",
    )
    return redirect(signoff_url(sign_off))


def _seen(request, sign_off: SignOff) -> tuple[int, int]:
    """The version and step the page showed when the person decided (hidden in the form)."""
    try:
        return int(request.POST["version"]), int(request.POST["position"])
    except (KeyError, ValueError):
        return sign_off.version, sign_off.position


def signoff(request, partnership_slug, pk):
    membership = request.membership
    sign_off = reads.signoff_detail(membership=membership, pk=pk)
    can_act = permissions.can_act_on_signoff(membership, sign_off)
    can_resubmit = permissions.can_resubmit_signoff(membership, sign_off)
    intent = request.POST.get("intent") if request.method == "POST" else None
    decision_form = DecisionForm(
        posted(request) if intent == "decide" else None, can_return=sign_off.position > 0
    )
    resubmit_form = ResubmitForm(posted(request) if intent == "resubmit" else None)
    if intent == "decide":
        if not can_act:
            raise PermissionDenied
        if response := _wrong_state(request, sign_off, (SignOffStatus.IN_PROGRESS,), "sign off"):
            return response
        if decision_form.is_valid():
            data = decision_form.cleaned_data
            returning = data["decision"] == RETURN
            result = run_service(
                decision_form,
                services.signoff_return if returning else services.signoff_approve,
                actor=request.user,
                membership=membership,
                sign_off=sign_off,
                comments=data.get("comments", ""),
                seen=_seen(request, sign_off),
            )
            if not failed(result):
                if returning:
                    done = "You have returned it for changes. We have told the drafter."
                elif result.status == SignOffStatus.SIGNED_OFF:
                    done = "You have given the last sign-off: it is signed off."
                else:
                    done = "You have signed it off. We have told the people of the next step."
                messages.success(request, done)
                return redirect(signoff_url(sign_off))
    elif intent == "resubmit":
        if not can_resubmit:
            raise PermissionDenied
        if response := _wrong_state(request, sign_off, (SignOffStatus.RETURNED,), "resubmit it"):
            return response
        if resubmit_form.is_valid():
            result = run_service(
                resubmit_form,
                services.signoff_resubmit,
                actor=request.user,
                membership=membership,
                sign_off=sign_off,
                comments=resubmit_form.cleaned_data["comments"],
            )
            if not failed(result):
                messages.success(request, f"You have resubmitted it as version {result.version}.")
                return redirect(signoff_url(sign_off))
    elif request.method == "POST":
        return redirect(signoff_url(sign_off))
    actions = sign_off.action_list
    returned = (
        next((a for a in reversed(actions) if a.decision == "returned"), None)
        if sign_off.status == SignOffStatus.RETURNED
        else None
    )
    return render(
        request,
        "cases/signoff.html",
        {
            **panel_context(membership, sign_off),
            "case": sign_off.case,
            "steps": reads.steps_view(sign_off, actions),
            "versions": reads.versions_view(actions),
            "document_url": document_url(sign_off),
            "returned": returned,
            "show_decision": can_act and sign_off.status == SignOffStatus.IN_PROGRESS,
            "decision_form": decision_form,
            "show_resubmit": can_resubmit and sign_off.status == SignOffStatus.RETURNED,
            "resubmit_form": resubmit_form,
            "can_withdraw": sign_off.is_running
            and permissions.can_withdraw_signoff(membership, sign_off),
            "errors_form": decision_form if intent == "decide" else resubmit_form,
        },
    )


def signoff_withdraw(request, partnership_slug, pk):
    membership = request.membership
    sign_off = reads.signoff_for_user(membership=membership, pk=pk)
    if not permissions.can_withdraw_signoff(membership, sign_off):
        raise PermissionDenied
    running = (SignOffStatus.IN_PROGRESS, SignOffStatus.RETURNED)
    if response := _wrong_state(request, sign_off, running, "withdraw it"):
        return response
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            services.signoff_withdraw,
            actor=request.user,
            membership=membership,
            sign_off=sign_off,
            comments=form.cleaned_data["comments"],
        )
        if not failed(result):
            messages.success(
                request, "The sign-off has been withdrawn. We have told the people involved."
            )
            return redirect(signoff_url(sign_off))
    return render(
        request,
        "cases/signoff_withdraw.html",
        {
            "sign_off": sign_off,
            "case": sign_off.case,
            "form": form,
            "back_url": signoff_url(sign_off),
        },
    )
