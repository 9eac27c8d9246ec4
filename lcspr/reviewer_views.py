"""The LCSPR's independent reviewer pages (BCP 003 section 10): the candidates, each with a
checklist of what is still missing before appointing, and the forms of each transition.
404 for an LCSPR the member cannot see; 403 for anyone but its business managers (candidates'
CVs, referees and costs are for the people commissioning the review)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from cases.views.helpers import failed, posted, posted_files, run_service
from lcspr import permissions, selectors
from lcspr.choices import ReviewerDecision
from lcspr.forms_reviewers import CandidateForm, ContractForm, DecisionForm, ShortlistForm
from lcspr.models import ReviewerCandidate
from lcspr.services.reviewers import (
    TEXT_FIELDS,
    appointment_missing,
    candidate_add,
    candidate_decide,
    candidate_shortlist,
    candidate_update,
    contract_record,
    lead_reviewer_members,
)

DETAIL_FIELDS = (
    *TEXT_FIELDS,
    "referee_1_received_on",
    "referee_2_received_on",
    "public_liability_expires_on",
    "indemnity_expires_on",
    "conflicts_declared_on",
)


def _review(request, pk):
    review = selectors.lcspr_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    return review


def _candidate(review, candidate_pk) -> ReviewerCandidate:
    found = (
        ReviewerCandidate.objects.filter(review=review, pk=candidate_pk)
        .select_related("cv", "contract", "user")
        .first()
    )
    if found is None:
        raise Http404("No such candidate")
    return found


def reviewer_list(request, partnership_slug, pk):
    review = _review(request, pk)
    candidates = list(ReviewerCandidate.objects.filter(review=review).select_related("user"))
    for c in candidates:
        c.missing = appointment_missing(c) if not c.decision else {}
    return render(
        request,
        "lcspr/reviewer_list.html",
        {"review": review, "case": review.case, "candidates": candidates},
    )


def reviewer_add(request, partnership_slug, pk):
    review = _review(request, pk)
    form = CandidateForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        candidate = run_service(
            form,
            candidate_add,
            actor=request.user,
            membership=request.membership,
            review=review,
            **form.cleaned_data,
        )
        if not failed(candidate):
            messages.success(request, f"{candidate.name} was added as a candidate.")
            return redirect("lcspr:reviewer_detail", partnership_slug, review.pk, candidate.pk)
    return render(
        request,
        "lcspr/reviewer_form.html",
        {"review": review, "case": review.case, "form": form, "title": "Add a candidate"},
        status=400 if form.errors else 200,
    )


def reviewer_detail(request, partnership_slug, pk, candidate_pk):
    review = _review(request, pk)
    candidate = _candidate(review, candidate_pk)
    return render(
        request,
        "lcspr/reviewer_detail.html",
        {
            "review": review,
            "case": review.case,
            "candidate": candidate,
            "missing": appointment_missing(candidate) if not candidate.decision else {},
            "appointed": candidate.decision == ReviewerDecision.APPOINTED,
        },
    )


def _closed(request, candidate, partnership_slug):
    messages.info(request, "The decision on this candidate has been made.")
    return redirect("lcspr:reviewer_detail", partnership_slug, candidate.review_id, candidate.pk)


def reviewer_edit(request, partnership_slug, pk, candidate_pk):
    review = _review(request, pk)
    candidate = _candidate(review, candidate_pk)
    if candidate.decision:
        return _closed(request, candidate, partnership_slug)
    initial = {f: getattr(candidate, f) for f in DETAIL_FIELDS}
    form = CandidateForm(posted(request), posted_files(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            candidate_update,
            actor=request.user,
            membership=request.membership,
            candidate=candidate,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "The candidate's details were saved.")
            return redirect("lcspr:reviewer_detail", partnership_slug, review.pk, candidate.pk)
    return render(
        request,
        "lcspr/reviewer_form.html",
        {
            "review": review,
            "case": review.case,
            "form": form,
            "candidate": candidate,
            "title": f"Change {candidate.name}'s details",
        },
        status=400 if form.errors else 200,
    )


def reviewer_shortlist(request, partnership_slug, pk, candidate_pk):
    review = _review(request, pk)
    candidate = _candidate(review, candidate_pk)
    if candidate.decision:
        return _closed(request, candidate, partnership_slug)
    form = ShortlistForm(
        posted(request),
        initial={
            "shortlisted": candidate.shortlisted,
            "shortlist_notes": candidate.shortlist_notes,
            "interview_notes": candidate.interview_notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            candidate_shortlist,
            actor=request.user,
            membership=request.membership,
            candidate=candidate,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "The shortlisting was recorded.")
            return redirect("lcspr:reviewer_detail", partnership_slug, review.pk, candidate.pk)
    return render(
        request,
        "lcspr/reviewer_form.html",
        {
            "review": review,
            "case": review.case,
            "form": form,
            "candidate": candidate,
            "title": f"Shortlisting of {candidate.name}",
        },
        status=400 if form.errors else 200,
    )


def reviewer_decide(request, partnership_slug, pk, candidate_pk):
    review = _review(request, pk)
    candidate = _candidate(review, candidate_pk)
    if candidate.decision:
        return _closed(request, candidate, partnership_slug)
    form = DecisionForm(posted(request), members=lead_reviewer_members(review.partnership_id))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            candidate_decide,
            actor=request.user,
            membership=request.membership,
            candidate=candidate,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "The decision was recorded.")
            return redirect("lcspr:reviewer_detail", partnership_slug, review.pk, candidate.pk)
    return render(
        request,
        "lcspr/reviewer_form.html",
        {
            "review": review,
            "case": review.case,
            "form": form,
            "candidate": candidate,
            "missing": appointment_missing(candidate),
            "title": f"Decision on {candidate.name}",
        },
        status=400 if form.errors else 200,
    )


def reviewer_contract(request, partnership_slug, pk, candidate_pk):
    review = _review(request, pk)
    candidate = _candidate(review, candidate_pk)
    if candidate.decision != ReviewerDecision.APPOINTED or candidate.contract_recorded_on:
        messages.info(request, "A contract is recorded once, for the appointed reviewer.")
        return redirect("lcspr:reviewer_detail", partnership_slug, review.pk, candidate.pk)
    form = ContractForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            contract_record,
            actor=request.user,
            membership=request.membership,
            candidate=candidate,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(
                request,
                "The contract was recorded. The reviewer can now see the case, and a notice "
                "to the National Panel is due.",
            )
            return redirect("lcspr:reviewer_detail", partnership_slug, review.pk, candidate.pk)
    return render(
        request,
        "lcspr/reviewer_form.html",
        {
            "review": review,
            "case": review.case,
            "form": form,
            "candidate": candidate,
            "title": f"Record the contract with {candidate.name}",
            "multipart": True,
        },
        status=400 if form.errors else 200,
    )
