"""Calls for limited agency information (Lincolnshire Appendix B): the business manager asks an
agency other than the referrer; that agency answers on a page that shows the question and who
the child is, never the referral."""

from django.contrib import messages
from django.shortcuts import redirect, render

from cases.views.helpers import failed, posted, run_service
from referrals import permissions, selectors
from referrals.access_log import referral_read
from referrals.forms.actions import AgencyInformationRequestForm, AgencyInformationResponseForm
from referrals.services import agency_information
from referrals.views._base import allow, detail_url, get_referral, wrong_state


def agency_request_add(request, partnership_slug, pk):
    referral = get_referral(request, pk)
    allow(permissions.can_triage, request, referral)
    if response := wrong_state(request, referral, "request_agency_information"):
        return response
    form = AgencyInformationRequestForm(posted(request), referral=referral)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            agency_information.agency_information_request,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, f"{result.agency} has been asked for information.")
            return redirect(detail_url(referral))
    return render(
        request,
        "referrals/action_form.html",
        {
            "referral": referral,
            "form": form,
            "title": "Ask another agency for information",
            "intro": "The agency's safeguarding lead officers are told by e-mail and answer"
            " here. They see your question and who the child is, not the referral. Triage"
            " goes on while you wait.",
            "button": "Send the request",
        },
    )


def agency_request(request, partnership_slug, request_pk):
    info = selectors.agency_request(membership=request.membership, pk=request_pk)
    referral = info.referral
    children = list(referral.children.filter(archived_at__isnull=True))
    referral_read(user=request.user, referral=referral, what="call for agency information")
    answers = info.is_open and permissions.can_answer_agency_request(request.membership, info)
    form = AgencyInformationResponseForm(posted(request) if answers else None)
    if request.method == "POST" and answers and form.is_valid():
        result = run_service(
            form,
            agency_information.agency_information_respond,
            actor=request.user,
            membership=request.membership,
            request=info,
            response=form.cleaned_data["response"],
        )
        if not failed(result):
            messages.success(request, "Your summary has been sent to the partnership.")
            return redirect("referrals:agency_request", partnership_slug, info.pk)
    return render(
        request,
        "referrals/agency_request.html",
        {
            "info": info,
            "referral": referral,
            "children": children,
            "form": form,
            "answers": answers,
            "asker": permissions.can_triage(request.membership, referral),
        },
    )
