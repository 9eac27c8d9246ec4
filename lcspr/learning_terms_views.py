"""A learning review's terms of reference pages (lcspr.services.learning_terms): every version,
one version, a draft's change, the governance body's approval, a new version. 404 for a review
the member cannot see or a version it does not have; 403 for writing without being a business
manager."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cases.rendered.views import document_page
from cases.views.helpers import form_page, posted
from lcspr import permissions, selectors
from lcspr.choices import LearningReviewStatus, LearningTermsStatus
from lcspr.forms import LearningTermsApproveForm, LearningTermsForm
from lcspr.models import LearningTerms
from lcspr.services import learning_terms as services


def _review(request, pk, *, write=False):
    review = selectors.learning_review_for_user(membership=request.membership, pk=pk)
    if write and not permissions.can_manage_lcspr(request.membership, review.case):
        raise PermissionDenied
    return review


def _version(review, version) -> LearningTerms:
    found = (
        LearningTerms.objects.filter(review=review, version=version)
        .select_related("created_by", "decided_by")
        .first()
    )
    if found is None:
        raise Http404("No such version of the terms of reference")
    return found


def _can_manage(request, review) -> bool:
    return review.status == LearningReviewStatus.IN_PROGRESS and permissions.can_manage_lcspr(
        request.membership, review.case
    )


def terms_context(membership, review) -> dict:
    """The learning review page's "Terms of reference" section."""
    return {
        "terms_current": services.current_terms(review),
        "terms_in_force": services.terms_in_force(review),
    }


def learning_terms_list(request, partnership_slug, pk):
    review = _review(request, pk)
    versions = list(review.terms.select_related("created_by", "decided_by").order_by("-version"))
    return render(
        request,
        "lcspr/learning_terms_list.html",
        {
            "review": review,
            "case": review.case,
            "versions": versions,
            "in_force": services.terms_in_force(review),
            "has_draft": any(v.status == LearningTermsStatus.DRAFT for v in versions),
            "can_manage": _can_manage(request, review),
        },
    )


def learning_terms_detail(request, partnership_slug, pk, version):
    review = _review(request, pk)
    terms = _version(review, version)
    return render(
        request,
        "lcspr/learning_terms_detail.html",
        {
            "review": review,
            "case": review.case,
            "terms": terms,
            "is_draft": terms.status == LearningTermsStatus.DRAFT,
            "can_manage": _can_manage(request, review),
        },
    )


def _form_page(request, review, form, service, /, *, title, done, back, intro="", **kwargs):
    """The terms' form pages: cases.views.helpers.form_page, back to the version saved."""
    return form_page(
        request,
        form,
        service,
        template="lcspr/learning_terms_form.html",
        context={
            "review": review,
            "case": review.case,
            "title": title,
            "intro": intro,
            "back": back,
        },
        done=done,
        then=lambda terms: terms.get_absolute_url(),
        **kwargs,
    )


def _draft(request, review, version) -> LearningTerms | None:
    terms = _version(review, version)
    if terms.status != LearningTermsStatus.DRAFT or review.status != (
        LearningReviewStatus.IN_PROGRESS
    ):
        messages.info(request, f"Version {terms.version} has been approved: it is kept as it is.")
        return None
    return terms


def learning_terms_edit(request, partnership_slug, pk, version):
    review = _review(request, pk, write=True)
    terms = _draft(request, review, version)
    if terms is None:
        return redirect("lcspr:learning_terms_detail", partnership_slug, review.pk, version)
    form = LearningTermsForm(
        posted(request), initial={"text": terms.text, "change_summary": terms.change_summary}
    )
    if terms.version == 1:
        del form.fields["change_summary"]
    return _form_page(
        request,
        review,
        form,
        services.learning_terms_update,
        terms=terms,
        title=f"Change version {terms.version} of the terms of reference",
        done=f"Version {terms.version} of the terms of reference was saved.",
        back=terms.get_absolute_url(),
    )


def learning_terms_approve(request, partnership_slug, pk, version):
    review = _review(request, pk, write=True)
    terms = _draft(request, review, version)
    if terms is None:
        return redirect("lcspr:learning_terms_detail", partnership_slug, review.pk, version)
    form = LearningTermsApproveForm(posted(request), initial={"approved_by": review.governance})
    return _form_page(
        request,
        review,
        form,
        services.learning_terms_approve,
        terms=terms,
        title=f"Record the approval of version {terms.version} of the terms of reference",
        intro=f"Approved by the review's governance body: {review.governance}.",
        done=f"Version {terms.version} of the terms of reference was approved.",
        back=terms.get_absolute_url(),
    )


def learning_terms_revise(request, partnership_slug, pk):
    review = _review(request, pk, write=True)
    current = services.current_terms(review)
    if review.status != LearningReviewStatus.IN_PROGRESS or current is None:
        raise Http404("The terms of reference cannot be changed")
    if current.status == LearningTermsStatus.DRAFT:
        messages.info(request, f"Version {current.version} is still a draft: change that one.")
        return redirect(current.get_absolute_url())
    form = LearningTermsForm(posted(request), initial={"text": current.text})
    return _form_page(
        request,
        review,
        form,
        services.learning_terms_revise,
        review=review,
        title="Start a new version of the terms of reference",
        intro=f"Version {current.version} stays as it is until the governance body approves"
        " the new version.",
        done="The new version of the terms of reference was saved as a draft.",
        back=review.get_absolute_url(),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def learning_terms_pdf(request, partnership_slug, pk, version):
    """A version's PDF, rendered off the request path; whoever reads the page may download it."""
    from lcspr.terms_pdf import LEARNING_TERMS_PDF, learning_terms_for_print

    review = _review(request, pk)
    terms = _version(review, version)
    return document_page(
        request,
        LEARNING_TERMS_PDF,
        learning_terms_for_print(terms.pk),
        back_url=terms.get_absolute_url(),
    )
