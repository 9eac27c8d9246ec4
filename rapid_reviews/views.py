"""The rapid review pages: 404 for what the member cannot see, 403 for what they may not do."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from cases import selectors as case_selectors
from cases.views.helpers import failed, posted, run_service
from rapid_reviews import permissions, selectors
from rapid_reviews.choices import LIVE_STATUSES, ReviewStatus
from rapid_reviews.forms import StartForm, WithdrawForm
from rapid_reviews.services.start import rapid_review_start
from rapid_reviews.services.withdraw import rapid_review_withdraw
from rapid_reviews.timeline import review_clock


def review_list(request, partnership_slug):
    reviews = selectors.visible_reviews(request.membership).order_by("-started_at")[:200]
    return render(request, "rapid_reviews/list.html", {"reviews": reviews})


def review_detail(request, partnership_slug, pk):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    return render(
        request,
        "rapid_reviews/detail.html",
        {
            "review": review,
            "case": review.case,
            "can_withdraw": review.status in LIVE_STATUSES
            and permissions.can_manage_review(request.membership, review.case),
            "can_read_report": permissions.can_read_report(request.membership, review),
            "can_conclude": review.status == ReviewStatus.SUBMITTED
            and permissions.can_conclude_review(request.membership, review),
            **review_clock(review),
        },
    )


def review_start(request, partnership_slug, case_pk):
    case = case_selectors.case_for_user(membership=request.membership, pk=case_pk)
    if not permissions.can_manage_review(request.membership, case):
        raise PermissionDenied
    form = StartForm(posted(request))
    if request.method == "POST" and form.is_valid():
        review = run_service(
            form,
            rapid_review_start,
            actor=request.user,
            membership=request.membership,
            case=case,
            source=form.cleaned_data["source"],
            day_zero=form.cleaned_data["day_zero"],
        )
        if not failed(review):
            messages.success(request, "The rapid review's clock has started.")
            return redirect("rapid_reviews:detail", partnership_slug, review.pk)
    return render(request, "rapid_reviews/start.html", {"case": case, "form": form})


def review_withdraw(request, partnership_slug, pk):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_review(request.membership, review.case):
        raise PermissionDenied
    if review.status not in LIVE_STATUSES:
        messages.info(request, f"The rapid review is {review.get_status_display().lower()}.")
        return redirect("rapid_reviews:detail", partnership_slug, review.pk)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            rapid_review_withdraw,
            actor=request.user,
            membership=request.membership,
            review=review,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, "Rapid review withdrawn.")
            return redirect("rapid_reviews:detail", partnership_slug, review.pk)
    return render(
        request,
        "rapid_reviews/withdraw.html",
        {"review": review, "case": review.case, "form": form},
    )
