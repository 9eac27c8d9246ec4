"""The terms of reference pages: the current version (or one by number) with its membership and
approvals, the draft's edit form, and the POST buttons (draft, send, approve, revise). Reading
them shows the children's names: each read goes to the case's access log."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cases.audit import access_record
from cases.models import AccessKind, Agency
from cases.rendered.views import document_page
from cases.views.helpers import failed, posted, run_service
from rapid_reviews import permissions, selectors
from rapid_reviews.choices import TermsStatus
from rapid_reviews.services import terms as svc
from rapid_reviews.terms_forms import ApproveForm, TermsForm
from rapid_reviews.terms_pdf import TERMS_PDF, terms_for_print


def _log_read(request, terms) -> None:
    access_record(
        user=request.user,
        case=terms.rapid_review.case,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr=f"Terms of reference version {terms.version}, rapid review"
        f" {terms.rapid_review_id}",
    )


def _approve_form(request, review, data=None) -> ApproveForm:
    if permissions.can_manage_rapid_reviews(request.membership):
        agencies = Agency.objects.filter(
            pk__in=[a.pk for a in svc.statutory_partners(review.partnership_id)]
        )
    else:
        agencies = Agency.objects.none()
    return ApproveForm(data, agencies=agencies)


def _page(request, review, terms, *, form=None, approve_form=None, status=200):
    membership = request.membership
    versions = list(review.terms.order_by("-version"))
    context = {"review": review, "case": review.case, "terms": terms, "versions": versions}
    context["can_manage"] = permissions.can_manage_review(membership, review.case)
    if terms is not None:
        _log_read(request, terms)
        approvals = {a.agency_id: a for a in terms.approvals.select_related("approved_by")}
        current = versions[0]
        context |= {
            "is_current": terms.pk == current.pk,
            "members": list(terms.members.all()),
            "approvals": [
                (agency, approvals.get(agency.pk))
                for agency in svc.statutory_partners(review.partnership_id)
            ],
            "can_approve": terms.pk == current.pk
            and terms.status == TermsStatus.AWAITING_APPROVAL
            and permissions.can_approve_terms(membership, review),
            "approve_form": approve_form or _approve_form(request, review),
            "records_for_agency": permissions.can_manage_rapid_reviews(membership),
        }
    context["form"] = form
    return render(request, "rapid_reviews/terms.html", context, status=status)


def terms_detail(request, partnership_slug, pk, version=None):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    terms = (
        review.terms.filter(**({"version": version} if version else {}))
        .order_by("-version")
        .first()
    )
    if terms is None and version is not None:
        raise Http404("No such version of the terms of reference")
    return _page(request, review, terms)


@require_http_methods(["GET", "HEAD", "POST"])
def terms_pdf(request, partnership_slug, pk, version):
    """One version as a PDF (OFFICIAL-SENSITIVE), rendered off the request path; whoever reads
    the page may download it."""
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    terms = review.terms.filter(version=version).first()
    if terms is None:
        raise Http404("No such version of the terms of reference")
    return document_page(
        request, TERMS_PDF, terms_for_print(terms.pk), back_url=terms.get_absolute_url()
    )


def _managed(request, pk):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_review(request.membership, review.case):
        raise PermissionDenied
    return review


def _current(review):
    terms = svc.current_terms(review)
    if terms is None:
        raise Http404("The terms of reference have not been drafted")
    return terms


def _button(request, review, terms, fn, done: str, /, **kwargs):
    """A POST button: the service, then back to the page (its errors in the summary)."""
    form = forms.Form(request.POST)
    form.is_valid()  # a form with no fields: its errors are the service's
    result = run_service(form, fn, actor=request.user, membership=request.membership, **kwargs)
    if failed(result):
        return _page(request, review, terms, form=form, status=400)
    messages.success(request, done)
    return redirect("rapid_reviews:terms", review.case.partnership.slug, review.pk)


@require_POST
def terms_draft(request, partnership_slug, pk):
    review = _managed(request, pk)
    return _button(
        request, review, None, svc.terms_draft, "Terms of reference drafted.", review=review
    )


@require_POST
def terms_send(request, partnership_slug, pk):
    review = _managed(request, pk)
    terms = _current(review)
    return _button(
        request,
        review,
        terms,
        svc.terms_send_for_approval,
        "Terms of reference sent to the statutory partners for approval.",
        terms=terms,
    )


@require_POST
def terms_revise(request, partnership_slug, pk):
    review = _managed(request, pk)
    terms = _current(review)
    return _button(
        request,
        review,
        terms,
        svc.terms_revise,
        "A new draft version of the terms of reference was started.",
        terms=terms,
    )


@require_POST
def terms_approve(request, partnership_slug, pk):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    if not permissions.can_approve_terms(request.membership, review):
        raise PermissionDenied
    terms = _current(review)
    form = _approve_form(request, review, request.POST)
    if form.is_valid():
        result = run_service(
            form,
            svc.terms_approve,
            actor=request.user,
            membership=request.membership,
            terms=terms,
            agency=form.cleaned_data["agency"],
            comments=form.cleaned_data["comments"],
        )
        if not failed(result):
            messages.success(request, "Approval recorded.")
            return redirect("rapid_reviews:terms", partnership_slug, review.pk)
    return _page(request, review, terms, form=form, approve_form=form, status=400)


def terms_edit(request, partnership_slug, pk):
    review = _managed(request, pk)
    terms = _current(review)
    if terms.status != TermsStatus.DRAFT:
        messages.info(request, f"The terms of reference are {terms.get_status_display().lower()}.")
        return redirect("rapid_reviews:terms", partnership_slug, review.pk)
    form = TermsForm(posted(request), terms=terms)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.terms_update,
            actor=request.user,
            membership=request.membership,
            terms=terms,
            **form.values(),
        )
        if not failed(result):
            messages.success(request, "Terms of reference saved.")
            return redirect("rapid_reviews:terms", partnership_slug, review.pk)
    _log_read(request, terms)
    return render(
        request,
        "rapid_reviews/terms_edit.html",
        {"review": review, "case": review.case, "terms": terms, "form": form},
    )
