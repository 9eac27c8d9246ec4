"""The LCSPR pages: 404 for what the member cannot see, 403 for what they may not do."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from cases import selectors as case_selectors
from cases.views.helpers import failed, posted, run_service
from lcspr import permissions, selectors
from lcspr.choices import LcsprStatus
from lcspr.family_views import family_context
from lcspr.forms import PublishForm, StartForm, TargetForm, WithdrawForm
from lcspr.services.briefing import briefing_context
from lcspr.services.chronologies import chronologies_context
from lcspr.services.comms import comms_plan_of
from lcspr.services.drafts import drafts_context
from lcspr.services.publish import copies_sent_on, lcspr_publish
from lcspr.services.reviewers import appointed_reviewer
from lcspr.services.sessions import sessions_of
from lcspr.services.start import lcspr_start
from lcspr.services.target import lcspr_target_set, open_delay_notice, six_months_due
from lcspr.services.withdraw import lcspr_withdraw
from lcspr.timeline import lcspr_clock


def lcspr_list(request, partnership_slug):
    reviews = selectors.visible_lcsprs(request.membership).order_by("-started_at")[:200]
    return render(request, "lcspr/list.html", {"reviews": reviews})


def lcspr_detail(request, partnership_slug, pk):
    review = selectors.lcspr_for_user(membership=request.membership, pk=pk)
    return render(
        request,
        "lcspr/detail.html",
        {
            "review": review,
            "case": review.case,
            "six_months": six_months_due(review),
            "delay_notice": open_delay_notice(review),
            "can_manage": review.status == LcsprStatus.IN_PROGRESS
            and permissions.can_manage_lcspr(request.membership, review.case),
            **briefing_context(request.membership, review),
            **drafts_context(request.membership, review),
            **lcspr_clock(review),
            **family_context(request.membership, review),
            "reviewer": appointed_reviewer(review),
            **chronologies_context(request.membership, review),
            "practitioner_sessions": list(sessions_of(review)),
            "comms_plan": comms_plan_of(review),
        },
    )


def lcspr_start_view(request, partnership_slug, case_pk):
    case = case_selectors.case_for_user(membership=request.membership, pk=case_pk)
    if not permissions.can_manage_lcspr(request.membership, case):
        raise PermissionDenied
    form = StartForm(posted(request))
    if request.method == "POST" and form.is_valid():
        review = run_service(
            form,
            lcspr_start,
            actor=request.user,
            membership=request.membership,
            case=case,
            source=form.cleaned_data["source"],
            day_zero=form.cleaned_data["day_zero"],
        )
        if not failed(review):
            messages.success(request, "The LCSPR's clock has started.")
            return redirect("lcspr:detail", partnership_slug, review.pk)
    return render(request, "lcspr/start.html", {"case": case, "form": form})


def lcspr_target(request, partnership_slug, pk):
    review = selectors.lcspr_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        messages.info(request, f"The LCSPR is {review.get_status_display().lower()}.")
        return redirect("lcspr:detail", partnership_slug, review.pk)
    initial = {"target": review.target_publication_date, "delay_reasons": review.delay_reasons}
    form = TargetForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            lcspr_target_set,
            actor=request.user,
            membership=request.membership,
            review=review,
            target=form.cleaned_data["target"],
            reason=form.cleaned_data["reason"],
            delay_reasons=form.cleaned_data["delay_reasons"],
        )
        if not failed(result):
            messages.success(request, "The target publication date was saved.")
            return redirect("lcspr:detail", partnership_slug, review.pk)
    return render(
        request,
        "lcspr/target.html",
        {
            "review": review,
            "case": review.case,
            "form": form,
            "six_months": six_months_due(review),
        },
        status=400 if form.errors else 200,
    )


def lcspr_publish_view(request, partnership_slug, pk):
    review = selectors.lcspr_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        messages.info(request, f"The LCSPR is {review.get_status_display().lower()}.")
        return redirect("lcspr:detail", partnership_slug, review.pk)
    form = PublishForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            lcspr_publish,
            actor=request.user,
            membership=request.membership,
            review=review,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "The LCSPR's publication was recorded.")
            return redirect("lcspr:detail", partnership_slug, review.pk)
    return render(
        request,
        "lcspr/publish.html",
        {
            "review": review,
            "case": review.case,
            "form": form,
            "copies_sent_on": copies_sent_on(review),
        },
        status=400 if form.errors else 200,
    )


def lcspr_withdraw_view(request, partnership_slug, pk):
    review = selectors.lcspr_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        messages.info(request, f"The LCSPR is {review.get_status_display().lower()}.")
        return redirect("lcspr:detail", partnership_slug, review.pk)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            lcspr_withdraw,
            actor=request.user,
            membership=request.membership,
            review=review,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, "LCSPR withdrawn.")
            return redirect("lcspr:detail", partnership_slug, review.pk)
    return render(
        request,
        "lcspr/withdraw.html",
        {"review": review, "case": review.case, "form": form},
        status=400 if form.errors else 200,
    )
