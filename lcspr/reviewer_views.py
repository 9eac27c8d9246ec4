"""The LCSPR's independent reviewer pages (BCP 003 section 10): the candidates, each with a
checklist of what is still missing before appointing, and the forms of each transition.
404 for an LCSPR the member cannot see; 403 for anyone but its business managers (candidates'
CVs, referees and costs are for the people commissioning the review)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from cases.views.helpers import form_page, posted, posted_files
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


FORM = "lcspr/reviewer_form.html"


def _context(review, **context):
    return {"review": review, "case": review.case, **context}


def _detail(partnership_slug, candidate) -> str:
    return reverse(
        "lcspr:reviewer_detail", args=[partnership_slug, candidate.review_id, candidate.pk]
    )


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
    return form_page(
        request,
        CandidateForm(posted(request), posted_files(request)),
        candidate_add,
        review=review,
        done=lambda candidate: f"{candidate.name} was added as a candidate.",
        then=lambda candidate: _detail(partnership_slug, candidate),
        template=FORM,
        context=_context(review, title="Add a candidate"),
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
    return form_page(
        request,
        CandidateForm(posted(request), posted_files(request), initial=initial),
        candidate_update,
        candidate=candidate,
        done="The candidate's details were saved.",
        then=_detail(partnership_slug, candidate),
        template=FORM,
        context=_context(review, candidate=candidate, title=f"Change {candidate.name}'s details"),
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
    return form_page(
        request,
        form,
        candidate_shortlist,
        candidate=candidate,
        done="The shortlisting was recorded.",
        then=_detail(partnership_slug, candidate),
        template=FORM,
        context=_context(review, candidate=candidate, title=f"Shortlisting of {candidate.name}"),
    )


def reviewer_decide(request, partnership_slug, pk, candidate_pk):
    review = _review(request, pk)
    candidate = _candidate(review, candidate_pk)
    if candidate.decision:
        return _closed(request, candidate, partnership_slug)
    return form_page(
        request,
        DecisionForm(posted(request), members=lead_reviewer_members(review.partnership_id)),
        candidate_decide,
        candidate=candidate,
        done="The decision was recorded.",
        then=_detail(partnership_slug, candidate),
        template=FORM,
        context=_context(
            review,
            candidate=candidate,
            missing=appointment_missing(candidate),
            title=f"Decision on {candidate.name}",
        ),
    )


def reviewer_contract(request, partnership_slug, pk, candidate_pk):
    review = _review(request, pk)
    candidate = _candidate(review, candidate_pk)
    if candidate.decision != ReviewerDecision.APPOINTED or candidate.contract_recorded_on:
        messages.info(request, "A contract is recorded once, for the appointed reviewer.")
        return redirect("lcspr:reviewer_detail", partnership_slug, review.pk, candidate.pk)
    return form_page(
        request,
        ContractForm(posted(request), posted_files(request)),
        contract_record,
        candidate=candidate,
        done="The contract was recorded. The reviewer can now see the case, and a notice "
        "to the National Panel is due.",
        then=_detail(partnership_slug, candidate),
        template=FORM,
        context=_context(
            review,
            candidate=candidate,
            title=f"Record the contract with {candidate.name}",
            multipart=True,
        ),
    )
