"""The learning review pages: 404 for what the member cannot see, 403 for what they may not do."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from cases import selectors as case_selectors
from cases.views.helpers import failed, posted, run_service
from lcspr import permissions, selectors
from lcspr.choices import LearningReviewStatus
from lcspr.family_views import family_context
from lcspr.forms import LearningCompleteForm, LearningStartForm
from lcspr.learning_terms_views import terms_context
from lcspr.services.briefing import briefing_context
from lcspr.services.learning import (
    learning_menu,
    learning_review_complete,
    learning_review_start,
)


def learning_detail(request, partnership_slug, pk):
    review = selectors.learning_review_for_user(membership=request.membership, pk=pk)
    return render(
        request,
        "lcspr/learning_detail.html",
        {
            "review": review,
            "case": review.case,
            "can_complete": review.status == LearningReviewStatus.IN_PROGRESS
            and permissions.can_manage_lcspr(request.membership, review.case),
            **briefing_context(request.membership, review),
            **terms_context(request.membership, review),
            **family_context(request.membership, review),
        },
    )


def learning_start(request, partnership_slug, case_pk):
    case = case_selectors.case_for_user(membership=request.membership, pk=case_pk)
    if not permissions.can_manage_lcspr(request.membership, case):
        raise PermissionDenied
    options = learning_menu(case.partnership)
    form = LearningStartForm(posted(request), menu=options)
    if request.method == "POST" and form.is_valid():
        review = run_service(
            form,
            learning_review_start,
            actor=request.user,
            membership=request.membership,
            case=case,
            **form.cleaned_data,
        )
        if not failed(review):
            messages.success(request, "The learning review has started.")
            return redirect("lcspr:learning_detail", partnership_slug, review.pk)
    return render(
        request,
        "lcspr/learning_start.html",
        {"case": case, "form": form, "options": options},
        status=400 if form.errors else 200,
    )


def learning_complete(request, partnership_slug, pk):
    review = selectors.learning_review_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    if review.status != LearningReviewStatus.IN_PROGRESS:
        messages.info(request, "The learning review has already been completed.")
        return redirect("lcspr:learning_detail", partnership_slug, review.pk)
    form = LearningCompleteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            learning_review_complete,
            actor=request.user,
            membership=request.membership,
            review=review,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "The learning review was completed.")
            return redirect("lcspr:learning_detail", partnership_slug, review.pk)
    return render(
        request,
        "lcspr/learning_complete.html",
        {"review": review, "case": review.case, "form": form},
        status=400 if form.errors else 200,
    )
