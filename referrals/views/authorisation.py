"""Sending, authorising, returning and withdrawing a referral."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cases.models import Membership
from cases.views.helpers import failed, posted, run_service
from referrals import permissions
from referrals.answers import referral_answers, referral_summary
from referrals.completeness import referral_problems
from referrals.forms.actions import AuthoriseForm, ReceiptForm, WithdrawForm
from referrals.services import authorisation
from referrals.views._base import (
    allow,
    decision_context,
    detail_url,
    get_referral,
    wrong_state,
)


def submission_panel(request, referral, receipt_form=None) -> dict:
    """What the sender sees under "check your answers"."""
    membership = request.membership
    role = permissions.authoriser_role(referral.partnership)
    authorisers_exist = (
        referral.is_external
        or Membership.objects.active()
        .filter(partnership=referral.partnership_id, agency=referral.agency_id, roles__role=role)
        .exists()
    )
    return {
        "can_authorise": permissions.can_authorise_referral(membership, referral),
        "authoriser_role_label": permissions.authoriser_noun(role),
        "authorisers_exist": authorisers_exist,
        "receipt_form": receipt_form or (ReceiptForm() if referral.is_external else None),
    }


@require_POST
def send(request, partnership_slug, pk):
    """POST from "check your answers": send for authorisation, or authorise and send."""
    referral = get_referral(request, pk)
    allow(permissions.can_edit_referral, request, referral)
    if response := wrong_state(request, referral, "submit_for_authorisation"):
        return response
    action = request.POST.get("action")
    if referral_problems(referral):
        # Check your answers again, now with the error summary: nothing was sent.
        receipt_form = ReceiptForm(request.POST) if referral.is_external else None
        if receipt_form is not None:
            receipt_form.is_valid()
        return _check_again(request, referral, receipt_form, send_failed=True)
    if referral.is_external:
        form = ReceiptForm(request.POST)
        if form.is_valid():
            result = run_service(
                form,
                authorisation.referral_authorise,
                actor=request.user,
                membership=request.membership,
                referral=referral,
                received_on=form.cleaned_data["received_on"],
            )
            if not failed(result):
                messages.success(request, "The referral has been recorded as received.")
                return redirect(detail_url(referral))
        return _check_again(request, referral, form)
    form = WithdrawForm()  # any form, to collect service errors
    if action == "authorise":
        allow(permissions.can_authorise_referral, request, referral)
        result = run_service(
            form,
            authorisation.referral_authorise,
            actor=request.user,
            membership=request.membership,
            referral=referral,
        )
        done = "Referral authorised and sent to the partnership."
    else:
        result = run_service(
            form,
            authorisation.referral_submit_for_authorisation,
            actor=request.user,
            membership=request.membership,
            referral=referral,
        )
        done = "Referral sent for authorisation."
    if failed(result):
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("referrals:check", partnership_slug, referral.pk)
    messages.success(request, done)
    return redirect(detail_url(referral))


def _check_again(request, referral, receipt_form, *, send_failed=False):
    from referrals.views.draft import _problem_url, _urls

    page_url, item_url = _urls(referral)
    return render(
        request,
        "referrals/check.html",
        {
            "referral": referral,
            "summary": referral_summary(referral),
            "answers": referral_answers(referral, page_url=page_url, item_url=item_url),
            "problems": [
                {"message": p.message, "url": _problem_url(referral, p)}
                for p in referral_problems(referral)
            ],
            **submission_panel(request, referral, receipt_form),
            "send_failed": send_failed,
        },
    )


def authorise(request, partnership_slug, pk):
    referral = get_referral(request, pk, detail=True)
    allow(permissions.can_authorise_referral, request, referral)
    if response := wrong_state(request, referral, "return"):
        return response
    form = AuthoriseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "authorise":
            result = run_service(
                form,
                authorisation.referral_authorise,
                actor=request.user,
                membership=request.membership,
                referral=referral,
                note=data["comments"],
            )
            done = "Referral authorised and sent to the partnership."
        else:
            result = run_service(
                form,
                authorisation.referral_return,
                actor=request.user,
                membership=request.membership,
                referral=referral,
                comments=data["comments"],
            )
            done = "Referral returned to the referrer."
        if not failed(result):
            messages.success(request, done)
            return redirect(detail_url(referral))
    return render(
        request,
        "referrals/authorise.html",
        {
            "referral": referral,
            "form": form,
            "deputy_for": permissions.deputy_for(request.membership),
            **decision_context(request, referral, what="authorisation page"),
        },
    )


def withdraw(request, partnership_slug, pk):
    referral = get_referral(request, pk)
    if not (
        permissions.can_edit_referral(request.membership, referral)
        or permissions.can_authorise_referral(request.membership, referral)
    ):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    if response := wrong_state(request, referral, "withdraw"):
        return response
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            authorisation.referral_withdraw,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, "The referral has been withdrawn.")
            return redirect(detail_url(referral))
    return render(
        request,
        "referrals/action_form.html",
        {
            "referral": referral,
            "form": form,
            "title": "Withdraw the referral",
            "intro": "A withdrawn referral is kept, but it cannot be sent.",
            "button": "Withdraw referral",
            "button_variant": "warning",
        },
    )
