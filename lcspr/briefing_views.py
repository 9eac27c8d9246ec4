"""The 7-minute briefing pages: read by everyone who can read the LCSPR or learning review,
written and published by business managers (404 for what the member cannot see, 403 for what
they may not do)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cases.rendered.views import document_page
from cases.signoff import chain_steps
from cases.views.helpers import failed, posted, run_service
from cases.views.signoff import panel_context
from lcspr import permissions, selectors
from lcspr.briefing import DOCUMENT_TYPE, SECTIONS
from lcspr.briefing_forms import BriefingForm, BriefingPublishForm, BriefingSendForm
from lcspr.choices import BriefingStatus
from lcspr.services import briefing as svc


def _can_manage(request, briefing_or_review) -> bool:
    return permissions.can_manage_lcspr(request.membership, briefing_or_review.case)


def _manager(request, pk):
    briefing = selectors.briefing_for_user(membership=request.membership, pk=pk)
    if not _can_manage(request, briefing):
        raise PermissionDenied
    return briefing


def _start(request, review):
    existing = svc.briefing_of(review)
    if existing is not None:
        return redirect("lcspr:briefing_detail", request.partnership.slug, existing.pk)
    if not _can_manage(request, review):
        raise PermissionDenied
    briefing = svc.briefing_create(actor=request.user, membership=request.membership, review=review)
    messages.success(request, "The 7-minute briefing was started.")
    return redirect("lcspr:briefing_edit", request.partnership.slug, briefing.pk)


@require_POST
def briefing_start_lcspr(request, partnership_slug, pk):
    return _start(request, selectors.lcspr_for_user(membership=request.membership, pk=pk))


@require_POST
def briefing_start_learning(request, partnership_slug, pk):
    return _start(request, selectors.learning_review_for_user(membership=request.membership, pk=pk))


def briefing_detail(request, partnership_slug, pk):
    briefing = selectors.briefing_for_user(membership=request.membership, pk=pk)
    sign_off = svc.current_signoff(briefing)
    status = svc.effective_status(briefing, sign_off)
    can_manage = _can_manage(request, briefing)
    has_chain = bool(chain_steps(briefing.case.partnership, DOCUMENT_TYPE))
    return render(
        request,
        "lcspr/briefing_detail.html",
        {
            "briefing": briefing,
            "case": briefing.case,
            "review": briefing.review,
            "sections": [(n, label, getattr(briefing, f)) for f, n, label, _e in SECTIONS],
            "status": status,
            "status_label": BriefingStatus(status).label,
            "has_chain": has_chain,
            "signoff_panel": panel_context(request.membership, sign_off) if sign_off else None,
            "can_edit": can_manage and svc.is_editable(briefing, sign_off),
            "can_send": can_manage and status == BriefingStatus.DRAFT and has_chain,
            "can_publish": can_manage
            and (
                status == BriefingStatus.SIGNED_OFF
                or (not has_chain and status == BriefingStatus.DRAFT)
            ),
            "missing": svc.missing_sections(briefing),
        },
    )


def briefing_edit(request, partnership_slug, pk):
    briefing = _manager(request, pk)
    if not svc.is_editable(briefing):
        messages.info(request, "The 7-minute briefing cannot be changed now.")
        return redirect("lcspr:briefing_detail", partnership_slug, briefing.pk)
    initial = {"title": briefing.title} | {f: getattr(briefing, f) for f, *_ in SECTIONS}
    form = BriefingForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.briefing_save,
            actor=request.user,
            membership=request.membership,
            briefing=briefing,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "The 7-minute briefing was saved.")
            return redirect("lcspr:briefing_detail", partnership_slug, briefing.pk)
    return render(
        request,
        "lcspr/briefing_edit.html",
        {"briefing": briefing, "case": briefing.case, "form": form},
        status=400 if form.errors else 200,
    )


def briefing_send(request, partnership_slug, pk):
    briefing = _manager(request, pk)
    form = BriefingSendForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.briefing_send_for_sign_off,
            actor=request.user,
            membership=request.membership,
            briefing=briefing,
            comments=form.cleaned_data["comments"],
        )
        if not failed(result):
            messages.success(request, "The 7-minute briefing was sent for sign-off.")
            return redirect("lcspr:briefing_detail", partnership_slug, briefing.pk)
    return render(
        request,
        "lcspr/briefing_send.html",
        {"briefing": briefing, "case": briefing.case, "form": form},
        status=400 if form.errors else 200,
    )


def briefing_publish(request, partnership_slug, pk):
    briefing = _manager(request, pk)
    if svc.effective_status(briefing) == BriefingStatus.PUBLISHED:
        messages.info(request, "The 7-minute briefing has already been published.")
        return redirect("lcspr:briefing_detail", partnership_slug, briefing.pk)
    form = BriefingPublishForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.briefing_publish,
            actor=request.user,
            membership=request.membership,
            briefing=briefing,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "The 7-minute briefing's publication was recorded.")
            return redirect("lcspr:briefing_detail", partnership_slug, briefing.pk)
    return render(
        request,
        "lcspr/briefing_publish.html",
        {"briefing": briefing, "case": briefing.case, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def briefing_pdf(request, partnership_slug, pk):
    """The one-page PDF, rendered off the request path; whoever reads the page may download it."""
    from lcspr.briefing_pdf import BRIEFING_PDF, briefing_for_print

    briefing = selectors.briefing_for_user(membership=request.membership, pk=pk)
    return document_page(
        request,
        BRIEFING_PDF,
        briefing_for_print(briefing.pk),
        back_url=briefing.get_absolute_url(),
    )
