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
from cases.views.helpers import form_page, posted, posted_files
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


def _detail(partnership_slug, version) -> str:
    return reverse("lcspr:draft_detail", args=[partnership_slug, version.review_id, version.pk])


def _closed(request, review, partnership_slug):
    messages.info(request, f"The LCSPR is {review.get_status_display().lower()}.")
    return redirect("lcspr:draft_list", partnership_slug, review.pk)


FORM = "lcspr/drafts_form.html"


def _form_context(request, review, *, title, button, back, intro="", version=None):
    return {
        "review": review,
        "case": review.case,
        "title": title,
        "button": button,
        "back": reverse(back[0], args=[request.partnership.slug, *back[1:]]),
        "intro": intro,
        "version": version,
    }


def draft_list(request, partnership_slug, pk):
    review = _review(request, pk)
    versions = list(svc.versions_of(review))
    state = svc.drafts_state(review)
    for v in versions:
        v.status_label = svc.version_status(v, state=state)
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
    return form_page(
        request,
        DraftUploadForm(posted(request), posted_files(request)),
        svc.draft_upload,
        review=review,
        data=lambda form: {
            "uploaded": form.cleaned_data["document"],
            "comments": form.cleaned_data["comments"],
        },
        done=lambda version: f"Version {version.number} was uploaded.",
        then=lambda version: _detail(partnership_slug, version),
        template=FORM,
        context=_form_context(
            request,
            review,
            title="Upload a version of the report",
            button="Upload",
            back=("lcspr:draft_list", review.pk),
            intro="Every version is kept, numbered in the order uploaded.",
        ),
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
    return form_page(
        request,
        LegalReadForm(posted(request)),
        svc.legal_read_record,
        version=version,
        done=f"The legal read of version {version.number} was recorded.",
        then=_detail(partnership_slug, version),
        template=FORM,
        context=_form_context(
            request,
            review,
            title=f"Record the legal read of version {version.number}",
            button="Save the legal read",
            back=("lcspr:draft_detail", review.pk, version.pk),
            intro="Legal Services review the draft for anything potentially incriminating to the"
            " council or the wider partnership, and must have sight of the final copy before"
            " publication.",
            version=version,
        ),
    )


def anonymisation_check(request, partnership_slug, pk, version_pk):
    review = _review(request, pk)
    if not permissions.can_write_drafts(request.membership, review):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        return _closed(request, review, partnership_slug)
    version = _version(review, version_pk)

    def done(check):
        found = check.hits.count()
        if not found:
            return "The anonymisation check found nothing."
        return f"The anonymisation check found {found} thing{'s' if found != 1 else ''}."

    return form_page(
        request,
        forms.Form(posted(request)),  # nothing to enter: the button runs the check
        svc.anonymisation_run,
        version=version,
        done=done,
        then=_detail(partnership_slug, version),
        template=FORM,
        context=_form_context(
            request,
            review,
            title=f"Check version {version.number} for identifying details",
            button="Run the check",
            back=("lcspr:draft_detail", review.pk, version.pk),
            intro="The check reads the text of the version and looks for each person of the"
            " case: their names, aliases, date of birth, address, postcode and NHS number.",
            version=version,
        ),
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
    return form_page(
        request,
        HitAcceptForm(posted(request)),
        svc.hit_accept,
        hit=hit,
        done="The finding was accepted.",
        then=_detail(partnership_slug, version),
        template=FORM,
        context=_form_context(
            request,
            review,
            title=f"Accept “{hit.found}” ({hit.get_kind_display().lower()})",
            button="Accept the finding",
            back=("lcspr:draft_detail", review.pk, version.pk),
            intro=f"Found {hit.occurrences} time{'s' if hit.occurrences != 1 else ''} in version"
            f" {version.number}.",
            version=version,
        ),
    )


def final_send(request, partnership_slug, pk, version_pk):
    review = _review(request, pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS:
        return _closed(request, review, partnership_slug)
    version = _version(review, version_pk)
    return form_page(
        request,
        FinalSendForm(posted(request)),
        svc.final_send_for_sign_off,
        version=version,
        done=f"Version {version.number} was sent for final approval.",
        then=_detail(partnership_slug, version),
        template=FORM,
        context=_form_context(
            request,
            review,
            title=f"Send version {version.number} for final approval",
            button="Send for sign-off",
            back=("lcspr:draft_detail", review.pk, version.pk),
            intro="The partnership's sign-off chain for the LCSPR report approves it; the version"
            " it signs off is the final report.",
            version=version,
        ),
    )


def not_published(request, partnership_slug, pk):
    review = _review(request, pk)
    if not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    if review.status != LcsprStatus.IN_PROGRESS or decision_of(review) is not None:
        messages.info(request, "The decision about publication has been recorded.")
        return redirect("lcspr:draft_list", partnership_slug, review.pk)
    return form_page(
        request,
        NotPublishedForm(posted(request)),
        not_published_decide,
        review=review,
        done=lambda decision: (
            "The decision was recorded: the information about improvements is"
            f" due by {decision.notice.due_date:%-d %B %Y}."
        ),
        then=reverse("lcspr:draft_list", args=[partnership_slug, review.pk]),
        template=FORM,
        context=_form_context(
            request,
            review,
            title="Record that the report will not be published",
            button="Record the decision",
            back=("lcspr:draft_list", review.pk),
            intro="The partners may publish only information about the improvements to be made."
            " That information goes to the National Panel, the Secretary of State and Ofsted by"
            " the date the copies of a report would; the LCSPR completes when it is recorded as"
            " sent.",
        ),
    )
