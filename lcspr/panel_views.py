"""The LCSPR's review panel and terms of reference pages (Swindon 001 sections 5-8 and
Appendices 5 and 6; Dorset 002 7.8; BCP 003 section 11).

404 for an LCSPR the member cannot see. The panel (declarations of interests) is for the
business managers (403 for anyone else); the terms of reference are read by everyone who can
see the LCSPR and changed by its business managers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.errors import DomainError
from cases.rendered.views import document_page
from cases.views.helpers import form_page, posted
from lcspr import permissions, selectors
from lcspr.choices import PanelTermsStatus
from lcspr.forms_panel import (
    PanelApproveForm,
    PanelDeclarationForm,
    PanelMemberForm,
    PanelRemoveForm,
    PanelReviseForm,
    PanelSignOffForm,
    PanelTermsForm,
    timeline_text,
)
from lcspr.models import PanelMember, PanelTerms
from lcspr.services import panel as panel_svc
from lcspr.services import panel_terms as terms_svc


def _review(request, pk, *, manage=True):
    review = selectors.lcspr_for_user(membership=request.membership, pk=pk)
    if manage and not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    return review


def _member(review, member_pk) -> PanelMember:
    found = (
        PanelMember.objects.filter(review=review, pk=member_pk)
        .select_related("membership__user")
        .first()
    )
    if found is None:
        raise Http404("No such panel member")
    return found


def _terms(review, version) -> PanelTerms:
    found = (
        PanelTerms.objects.filter(review=review, version=version)
        .select_related("meeting", "created_by", "decided_by")
        .first()
    )
    if found is None:
        raise Http404("No such version of the terms of reference")
    return found


def _context(review, **context):
    return {"review": review, "case": review.case, **context}


def _page(request, template, review, **context):
    return render(request, f"lcspr/{template}", _context(review, **context))


FORM = "lcspr/panel_form.html"


def panel(request, partnership_slug, pk):
    review = _review(request, pk)
    members = list(panel_svc.active_panel(review))
    removed = PanelMember.objects.filter(review=review, removed_at__isnull=False).select_related(
        "membership__user"
    )
    return _page(
        request,
        "panel_list.html",
        review,
        members=members,
        removed=removed,
        missing=panel_svc.missing_partners(review, members),
        meetings=terms_svc.panel_meetings(review),
    )


def panel_add(request, partnership_slug, pk):
    review = _review(request, pk)
    form = PanelMemberForm(
        posted(request), members=list(panel_svc.partnership_members(review.partnership_id))
    )
    return form_page(
        request,
        form,
        panel_svc.panel_member_add,
        review=review,
        done=lambda row: (
            f"{row.display_name} was added to the panel. Record their declaration"
            " of interests and confidentiality agreement before they see the case."
        ),
        then=lambda row: reverse("lcspr:panel_member", args=[partnership_slug, review.pk, row.pk]),
        template=FORM,
        context=_context(review, title="Add someone to the review panel"),
    )


def panel_member(request, partnership_slug, pk, member_pk):
    review = _review(request, pk)
    return _page(request, "panel_member.html", review, member=_member(review, member_pk))


def panel_declare(request, partnership_slug, pk, member_pk):
    review = _review(request, pk)
    row = _member(review, member_pk)
    if row.removed_at is not None:
        messages.info(request, "This person is no longer on the panel.")
        return redirect("lcspr:panel_member", partnership_slug, review.pk, row.pk)
    initial = {
        f: getattr(row, f)
        for f in (
            "conflicts",
            "conflicts_details",
            "chair_decision",
            "declared_on",
            "confidentiality_signed_on",
        )
    }

    def done(result):
        text = "The declaration was recorded."
        if result.access_granted_at and result.access_granted_at != row.access_granted_at:
            text += f" {result.display_name} can now see the case."
        return text

    return form_page(
        request,
        PanelDeclarationForm(posted(request), initial=initial),
        panel_svc.panel_member_declare,
        member=row,
        done=done,
        then=reverse("lcspr:panel_member", args=[partnership_slug, review.pk, row.pk]),
        template=FORM,
        context=_context(
            review,
            member=row,
            title=f"Declaration of interests and confidentiality: {row.display_name}",
        ),
    )


def panel_remove(request, partnership_slug, pk, member_pk):
    review = _review(request, pk)
    row = _member(review, member_pk)
    if row.removed_at is not None:
        messages.info(request, "This person is no longer on the panel.")
        return redirect("lcspr:panel_member", partnership_slug, review.pk, row.pk)
    return form_page(
        request,
        PanelRemoveForm(posted(request)),
        panel_svc.panel_member_remove,
        member=row,
        done=f"{row.display_name} was taken off the panel.",
        then=reverse("lcspr:panel", args=[partnership_slug, review.pk]),
        template=FORM,
        context=_context(review, member=row, title=f"Take {row.display_name} off the panel"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def terms_list(request, partnership_slug, pk):
    """The versions; POST drafts version 1."""
    review = _review(request, pk, manage=False)
    can_manage = permissions.can_manage_lcspr(request.membership, review.case)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        try:
            terms = terms_svc.panel_terms_draft(
                actor=request.user, membership=request.membership, review=review
            )
        except DomainError as exc:
            messages.error(request, str(exc))
            return redirect("lcspr:terms", partnership_slug, review.pk)
        messages.success(request, "Version 1 of the terms of reference was drafted.")
        return redirect(terms.get_absolute_url())
    versions = list(review.terms.select_related("meeting").order_by("-version"))
    return _page(
        request,
        "panel_terms_list.html",
        review,
        versions=versions,
        can_manage=can_manage,
        has_draft=any(v.status == PanelTermsStatus.DRAFT for v in versions),
    )


def terms_version(request, partnership_slug, pk, version):
    review = _review(request, pk, manage=False)
    terms = _terms(review, version)
    return _page(
        request,
        "panel_terms_detail.html",
        review,
        terms=terms,
        sections=[(h, getattr(terms, f)) for f, h in terms_svc.SECTIONS],
        can_manage=permissions.can_manage_lcspr(request.membership, review.case),
        is_draft=terms.status == PanelTermsStatus.DRAFT,
    )


def _draft_only(request, terms):
    if terms.status != PanelTermsStatus.DRAFT:
        messages.info(request, "Only a draft of the terms of reference can be changed.")
        return redirect(terms.get_absolute_url())
    return None


def terms_edit(request, partnership_slug, pk, version):
    review = _review(request, pk)
    terms = _terms(review, version)
    if (closed := _draft_only(request, terms)) is not None:
        return closed
    initial = {f: getattr(terms, f) for f in terms_svc.EDITABLE}
    initial["timeline"] = timeline_text(terms.timeline)
    return form_page(
        request,
        PanelTermsForm(posted(request), initial=initial),
        terms_svc.panel_terms_update,
        terms=terms,
        done=f"Version {terms.version} was saved.",
        then=terms,
        template=FORM,
        context=_context(
            review, terms=terms, title=f"Change version {terms.version} of the terms of reference"
        ),
    )


def terms_sign_off(request, partnership_slug, pk, version):
    review = _review(request, pk)
    terms = _terms(review, version)
    if (closed := _draft_only(request, terms)) is not None:
        return closed
    meetings = list(terms_svc.panel_meetings(review))
    if not meetings:
        return _page(request, "panel_no_meeting.html", review, terms=terms)
    return form_page(
        request,
        PanelSignOffForm(posted(request), meetings=meetings),
        terms_svc.panel_terms_sign_off,
        terms=terms,
        done="The sign-off at the review panel was recorded.",
        then=terms,
        template=FORM,
        context=_context(review, terms=terms, title="Record the sign-off at the review panel"),
    )


def terms_approve(request, partnership_slug, pk, version):
    review = _review(request, pk)
    terms = _terms(review, version)
    if (closed := _draft_only(request, terms)) is not None:
        return closed
    return form_page(
        request,
        PanelApproveForm(posted(request)),
        terms_svc.panel_terms_approve,
        terms=terms,
        done="The review group's approval was recorded.",
        then=terms,
        template=FORM,
        context=_context(
            review,
            terms=terms,
            title=f"Record the review group's approval of version {terms.version}",
        ),
    )


def terms_revise(request, partnership_slug, pk):
    review = _review(request, pk)
    return form_page(
        request,
        PanelReviseForm(posted(request)),
        terms_svc.panel_terms_revise,
        review=review,
        done=lambda terms: f"Version {terms.version} was started as a draft.",
        then=lambda terms: reverse(
            "lcspr:terms_edit", args=[partnership_slug, review.pk, terms.version]
        ),
        template=FORM,
        context=_context(review, title="Change the terms of reference"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def terms_pdf(request, partnership_slug, pk, version):
    """A version's PDF, rendered off the request path; whoever reads the page may download it."""
    from lcspr.terms_pdf import TERMS_PDF, terms_for_print

    review = _review(request, pk, manage=False)
    terms = _terms(review, version)
    return document_page(
        request, TERMS_PDF, terms_for_print(terms.pk), back_url=terms.get_absolute_url()
    )
