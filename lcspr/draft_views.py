"""The LCSPR report's draft pages: the versions, each version's legal reads, anonymisation
checks and sign-off, and the decision not to publish. 404 for an LCSPR the member cannot see;
403 for what they may not do (lcspr.permissions)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from cases.signoff import chain_steps
from cases.views.helpers import failed, posted, posted_files, run_service
from cases.views.signoff import panel_context
from lcspr import permissions, selectors
from lcspr.choices import LcsprStatus
from lcspr.forms_drafts import (
    DraftUploadForm,
    FinalSendForm,
    HitAcceptForm,
    LegalReadForm,
    NotPublishedForm,
)
from lcspr.models import AnonymisationHit, ReportVersion
from lcspr.services import drafts as svc
from lcspr.services.not_published import decision_of, not_published_decide


def _review(request, pk):
    return selectors.lcspr_for_user(membership=request.membership, pk=pk)


def _version(review, version_pk) -> ReportVersion:
    found = (
        ReportVersion.objects.filter(review=review, pk=version_pk)
        .select_related("document", "uploaded_by", "case__partnership", "review")
        .first()
    )
    if found is None:
        raise Http404("No such version")
    return found


def _closed(request, review, partnership_slug):
    messages.info(request, f"The LCSPR is {review.get_status_display().lower()}.")
    return redirect("lcspr:draft_list", partnership_slug, review.pk)


def _form_page(request, review, form, *, title, button, back, intro="", version=None):
    return render(
        request,
        "lcspr/drafts_form.html",
        {
            "review": review,
            "case": review.case,
            "form": form,
            "title": title,
            "button": button,
            "back": reverse(back[0], args=[request.partnership.slug, *back[1:]]),
            "intro": intro,
            "version": version,
        },
        status=400 if form.errors else 200,
    )


def draft_list(request, partnership_slug, pk):
    review = _review(request, pk)
    versions = list(svc.versions_of(review))
    for v in versions:
        v.status_label = svc.version_status(v)
        v.legal_read = svc.latest_legal_read(v)
        v.anon_check = svc.latest_check(v)
    return render(
        request,
        "lcspr/drafts_list.html",
        {
            "review": review,
            "case": review.case,
            "versions": versions,
            "can_write": review.status == LcsprStatus.IN_PROGRESS
            and permissions.can_write_drafts(request.membership, review),
            "can_manage": review.status == LcsprStatus.IN_PROGRESS
            and permissions.can_manage_lcspr(request.membership, review.case),
            "needs_legal_read": svc.needs_legal_read(review.case.partnership),
            "decision": decision_of(review),
        },
    )


def draft_upload(request, partnership_slug, pk):
    review = _review(request, pk)
    if not permissions.can_write_drafts(request.membership, review):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        return _closed(request, review, partnership_slug)
    form = DraftUploadForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        version = run_service(
            form,
            svc.draft_upload,
            actor=request.user,
            membership=request.membership,
            review=review,
            uploaded=form.cleaned_data["document"],
            comments=form.cleaned_data["comments"],
        )
        if not failed(version):
            messages.success(request, f"Version {version.number} was uploaded.")
            return redirect("lcspr:draft_detail", partnership_slug, review.pk, version.pk)
    return _form_page(
        request,
        review,
        form,
        title="Upload a version of the report",
        button="Upload",
        back=("lcspr:draft_list", review.pk),
        intro="Every version is kept, numbered in the order uploaded.",
    )


def draft_detail(request, partnership_slug, pk, version_pk):
    review = _review(request, pk)
    version = _version(review, version_pk)
    sign_off = svc.current_signoff(version)
    check = svc.latest_check(version)
    hits = list(check.hits.select_related("accepted_by")) if check else []
    svc.findings_read(request.user, version, check)
    in_progress = review.status == LcsprStatus.IN_PROGRESS
    return render(
        request,
        "lcspr/drafts_detail.html",
        {
            "review": review,
            "case": review.case,
            "version": version,
            "status_label": svc.version_status(version, sign_off),
            "legal_reads": list(version.legal_reads.select_related("recorded_by")),
            "checks": list(version.checks.select_related("run_by")),
            "check": check,
            "hits": hits,
            "missing": svc.final_missing(version) if in_progress else {},
            "needs_legal_read": svc.needs_legal_read(review.case.partnership),
            "has_chain": bool(chain_steps(review.case.partnership, svc.DOCUMENT_TYPE)),
            "can_write": in_progress and permissions.can_write_drafts(request.membership, review),
            "can_legal": in_progress
            and permissions.can_record_legal_read(request.membership, review),
            "can_manage": in_progress
            and permissions.can_manage_lcspr(request.membership, review.case),
            "signoff_panel": panel_context(request.membership, sign_off) if sign_off else None,
        },
    )


def legal_read(request, partnership_slug, pk, version_pk):
    review = _review(request, pk)
    if not permissions.can_record_legal_read(request.membership, review):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        return _closed(request, review, partnership_slug)
    version = _version(review, version_pk)
    form = LegalReadForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.legal_read_record,
            actor=request.user,
            membership=request.membership,
            version=version,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, f"The legal read of version {version.number} was recorded.")
            return redirect("lcspr:draft_detail", partnership_slug, review.pk, version.pk)
    return _form_page(
        request,
        review,
        form,
        title=f"Record the legal read of version {version.number}",
        button="Save the legal read",
        back=("lcspr:draft_detail", review.pk, version.pk),
        intro="Legal Services review the draft for anything potentially incriminating to the"
        " council or the wider partnership, and must have sight of the final copy before"
        " publication.",
        version=version,
    )


def anonymisation_check(request, partnership_slug, pk, version_pk):
    review = _review(request, pk)
    if not permissions.can_write_drafts(request.membership, review):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        return _closed(request, review, partnership_slug)
    version = _version(review, version_pk)
    form = forms.Form(posted(request))  # nothing to enter: the button runs the check
    if request.method == "POST" and form.is_valid():
        check = run_service(
            form,
            svc.anonymisation_run,
            actor=request.user,
            membership=request.membership,
            version=version,
        )
        if not failed(check):
            found = check.hits.count()
            messages.success(
                request,
                "The anonymisation check found nothing."
                if not found
                else f"The anonymisation check found {found} thing{'s' if found != 1 else ''}.",
            )
            return redirect("lcspr:draft_detail", partnership_slug, review.pk, version.pk)
    return _form_page(
        request,
        review,
        form,
        title=f"Check version {version.number} for identifying details",
        button="Run the check",
        back=("lcspr:draft_detail", review.pk, version.pk),
        intro="The check reads the text of the version and looks for each person of the case:"
        " their names, aliases, date of birth, address, postcode and NHS number.",
        version=version,
    )


def hit_accept(request, partnership_slug, pk, version_pk, hit_pk):
    review = _review(request, pk)
    if not permissions.can_write_drafts(request.membership, review):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        return _closed(request, review, partnership_slug)
    version = _version(review, version_pk)
    hit = (
        AnonymisationHit.objects.filter(check_run__version=version, pk=hit_pk)
        .select_related("check_run__version__review")
        .first()
    )
    if hit is None:
        raise Http404("No such finding")
    form = HitAcceptForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.hit_accept,
            actor=request.user,
            membership=request.membership,
            hit=hit,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, "The finding was accepted.")
            return redirect("lcspr:draft_detail", partnership_slug, review.pk, version.pk)
    return _form_page(
        request,
        review,
        form,
        title=f"Accept “{hit.found}” ({hit.get_kind_display().lower()})",
        button="Accept the finding",
        back=("lcspr:draft_detail", review.pk, version.pk),
        intro=f"Found {hit.occurrences} time{'s' if hit.occurrences != 1 else ''} in version"
        f" {version.number}.",
        version=version,
    )


def final_send(request, partnership_slug, pk, version_pk):
    review = _review(request, pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        return _closed(request, review, partnership_slug)
    version = _version(review, version_pk)
    form = FinalSendForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.final_send_for_sign_off,
            actor=request.user,
            membership=request.membership,
            version=version,
            comments=form.cleaned_data["comments"],
        )
        if not failed(result):
            messages.success(request, f"Version {version.number} was sent for final approval.")
            return redirect("lcspr:draft_detail", partnership_slug, review.pk, version.pk)
    return _form_page(
        request,
        review,
        form,
        title=f"Send version {version.number} for final approval",
        button="Send for sign-off",
        back=("lcspr:draft_detail", review.pk, version.pk),
        intro="The partnership's sign-off chain for the LCSPR report approves it; the version"
        " it signs off is the final report.",
        version=version,
    )


def not_published(request, partnership_slug, pk):
    review = _review(request, pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS or decision_of(review) is not None:
        messages.info(request, "The decision about publication has been recorded.")
        return redirect("lcspr:draft_list", partnership_slug, review.pk)
    form = NotPublishedForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            not_published_decide,
            actor=request.user,
            membership=request.membership,
            review=review,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(
                request,
                "The decision was recorded: the information about improvements is due by "
                f"{result.notice.due_date:%-d %B %Y}.",
            )
            return redirect("lcspr:draft_list", partnership_slug, review.pk)
    return _form_page(
        request,
        review,
        form,
        title="Record that the report will not be published",
        button="Record the decision",
        back=("lcspr:draft_list", review.pk),
        intro="The partners may publish only information about the improvements to be made."
        " That information goes to the National Panel, the Secretary of State and Ofsted by the"
        " date the copies of a report would; the LCSPR completes when it is recorded as sent.",
    )
