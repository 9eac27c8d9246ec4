"""The agency information request pages: the review's requests, the send form, a request with
its return (write, quality-assure, sign off) and the business manager's chase, on-behalf and
close. A return may name the child and family: each read goes to the case's access log."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases.audit import access_record
from cases.models import AccessKind
from cases.views.helpers import failed, posted, run_service
from rapid_reviews import permissions, selectors
from rapid_reviews.choices import LIVE_STATUSES, RequestStatus
from rapid_reviews.request_forms import CloseForm, ReturnForm, SendForm, SignOffForm
from rapid_reviews.returns import return_fields
from rapid_reviews.services import requests as svc


def _log_read(request, info) -> None:
    access_record(
        user=request.user,
        case=info.case,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr=f"Information request to {info.agency.name}, rapid review"
        f" {info.rapid_review_id}",
    )


def _review(request, pk):
    return selectors.review_for_user(membership=request.membership, pk=pk)


def _managed(request, pk):
    review = _review(request, pk)
    if not permissions.can_manage_review(request.membership, review.case):
        raise PermissionDenied
    return review


def _info(request, review, request_pk):
    return selectors.request_for_user(membership=request.membership, review=review, pk=request_pk)


def _back(review, info=None):
    slug = review.case.partnership.slug
    if info is None:
        return redirect("rapid_reviews:requests", slug, review.pk)
    return redirect("rapid_reviews:request", slug, review.pk, info.pk)


def request_list(request, partnership_slug, pk):
    review = _review(request, pk)
    membership = request.membership
    rows = list(selectors.visible_requests(membership, review).order_by("agency__name", "pk"))
    today = timezone.localdate()
    for row in rows:
        row.late = row.is_late(today)
    return render(
        request,
        "rapid_reviews/requests.html",
        {
            "review": review,
            "case": review.case,
            "rows": rows,
            "can_send": review.status in LIVE_STATUSES
            and permissions.can_manage_review(membership, review.case),
        },
    )


def request_send(request, partnership_slug, pk):
    review = _managed(request, pk)
    asked = review.information_requests.exclude(status=RequestStatus.CLOSED).values_list(
        "agency_id", flat=True
    )
    due, _time = svc.returns_due(review)
    form = SendForm(posted(request), partnership=review.partnership_id, asked=asked, due=due)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.requests_send,
            actor=request.user,
            membership=request.membership,
            review=review,
            agencies=form.agencies(),
            due_date=form.cleaned_data["due_date"],
            with_chronology=form.cleaned_data["with_chronology"],
        )
        if not failed(result):
            n = len(result)
            messages.success(request, f"{n} information request{'s' if n != 1 else ''} sent.")
            return _back(review)
    return render(
        request,
        "rapid_reviews/requests_send.html",
        {"review": review, "case": review.case, "form": form},
        status=400 if form.errors else 200,
    )


def _page(request, review, info, *, form=None, return_form=None, sign_form=None, status=200):
    membership = request.membership
    _log_read(request, info)
    labels = {f["key"]: f["label"] for f in return_fields(review.case.partnership)}
    answers = [(label, info.answers.get(key, "")) for key, label in labels.items()]
    can_write = info.is_open and permissions.can_write_return(membership, info)
    manage = info.is_open and permissions.can_manage_review(membership, review.case)
    context = {
        "review": review,
        "case": review.case,
        "info": info,
        "late": info.is_late(),
        "answers": answers,
        "form": form,
        "can_write": can_write,
        "can_qa": can_write and info.status == RequestStatus.IN_PROGRESS,
        "can_sign": info.status == RequestStatus.QUALITY_ASSURED
        and permissions.can_sign_off_return(membership, info),
        "can_manage": manage,
        "return_form": return_form
        or (
            ReturnForm(partnership=review.case.partnership, answers=info.answers)
            if can_write
            else None
        ),
        "sign_form": sign_form or SignOffForm(),
    }
    return render(request, "rapid_reviews/request.html", context, status=status)


def request_detail(request, partnership_slug, pk, request_pk):
    review = _review(request, pk)
    return _page(request, review, _info(request, review, request_pk))


@require_POST
def return_save(request, partnership_slug, pk, request_pk):
    review = _review(request, pk)
    info = _info(request, review, request_pk)
    if not permissions.can_write_return(request.membership, info):
        raise PermissionDenied
    form = ReturnForm(request.POST, partnership=review.case.partnership)
    if form.is_valid():
        result = run_service(
            form,
            svc.return_save,
            actor=request.user,
            membership=request.membership,
            request=info,
            answers=form.answers(),
        )
        if not failed(result):
            messages.success(request, "Return saved.")
            return _back(review, info)
    return _page(request, review, info, form=form, return_form=form, status=400)


def _button(request, review, info, fn, done, form=None, **kwargs):
    form = form or forms.Form(request.POST)
    form.is_valid()
    result = run_service(
        form, fn, actor=request.user, membership=request.membership, request=info, **kwargs
    )
    if failed(result):
        sign_form = form if isinstance(form, SignOffForm) else None
        return _page(request, review, info, form=form, sign_form=sign_form, status=400)
    messages.success(request, done)
    return _back(review, info)


@require_POST
def return_quality_assure(request, partnership_slug, pk, request_pk):
    review = _review(request, pk)
    info = _info(request, review, request_pk)
    if not permissions.can_write_return(request.membership, info):
        raise PermissionDenied
    return _button(request, review, info, svc.return_quality_assure, "Return quality-assured.")


@require_POST
def return_sign_off(request, partnership_slug, pk, request_pk):
    review = _review(request, pk)
    info = _info(request, review, request_pk)
    if not permissions.can_sign_off_return(request.membership, info):
        raise PermissionDenied
    form = SignOffForm(request.POST)
    form.is_valid()
    return _button(
        request,
        review,
        info,
        svc.return_sign_off,
        "Return signed off and sent to the partnership.",
        form=form,
        not_involved=form.cleaned_data.get("not_involved", False),
    )


@require_POST
def request_chase(request, partnership_slug, pk, request_pk):
    review = _managed(request, pk)
    info = _info(request, review, request_pk)
    return _button(request, review, info, svc.request_chase, f"{info.agency.name} has been chased.")


def request_on_behalf(request, partnership_slug, pk, request_pk):
    review = _managed(request, pk)
    info = _info(request, review, request_pk)
    form = ReturnForm(posted(request), partnership=review.case.partnership, answers=info.answers)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.return_enter_on_behalf,
            actor=request.user,
            membership=request.membership,
            request=info,
            answers=form.answers(),
        )
        if not failed(result):
            messages.success(request, f"Return entered on behalf of {info.agency.name}.")
            return _back(review, info)
    _log_read(request, info)
    return render(
        request,
        "rapid_reviews/request_on_behalf.html",
        {"review": review, "case": review.case, "info": info, "form": form},
        status=400 if form.errors else 200,
    )


def request_close(request, partnership_slug, pk, request_pk):
    review = _managed(request, pk)
    info = _info(request, review, request_pk)
    form = CloseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.request_close,
            actor=request.user,
            membership=request.membership,
            request=info,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, f"The request to {info.agency.name} is closed.")
            return _back(review, info)
    return render(
        request,
        "rapid_reviews/request_close.html",
        {"review": review, "case": review.case, "info": info, "form": form},
        status=400 if form.errors else 200,
    )
