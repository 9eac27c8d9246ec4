"""A learning review's terms of reference or lines of enquiry (BCP 003 Appendix A: "TOR and
lines of enquiry set by CSPRG"), in numbered versions, one service per transition, each audited:

    learning_terms_first    version 1, a draft of the lines of enquiry given at the start
                            (called by learning_review_start)
    learning_terms_update   a draft's text (and what changed)
    learning_terms_approve  a draft approved by the review's governance body: who approved it
                            and when, recorded by the business manager; the approved text becomes
                            the review's lines of enquiry in force
    learning_terms_revise   a later change: the next draft, a copy of the newest approved version

An approved version is never changed; old versions are kept. cases.versions numbers them, as it
does the LCSPR's terms (lcspr.services.panel_terms) and the rapid review's
(rapid_reviews.services.terms)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import Membership, User
from cases.versions import latest_version, next_version_number
from lcspr import permissions
from lcspr.choices import LearningReviewStatus, LearningTermsStatus
from lcspr.models import LearningReview, LearningTerms

NOT_ALLOWED = "Only a business manager records the learning review's terms of reference."
TEXT_LIMIT = 10000


def current_terms(review: LearningReview) -> LearningTerms | None:
    """The newest version, draft or approved."""
    return latest_version(review.terms.all())


def terms_in_force(review: LearningReview) -> LearningTerms | None:
    """The newest approved version."""
    return latest_version(review.terms.filter(status=LearningTermsStatus.APPROVED))


def _check(membership: Membership, review: LearningReview) -> None:
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(NOT_ALLOWED)


def _live(review: LearningReview) -> None:
    if review.status != LearningReviewStatus.IN_PROGRESS:
        raise InvalidTransition(
            "The learning review has been completed: its terms of reference are kept as they are."
        )


def _audit(actor, terms: LearningTerms, action: str, changes=None) -> None:
    audit_record(
        actor=actor,
        partnership=terms.review.case.partnership,
        action=action,
        obj=terms,
        case=terms.review.case,
        changes={"version": [None, terms.version], **(changes or {})},
    )


def _text(value, field: str, errors: dict, *, required: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = required
    elif len(value) > TEXT_LIMIT:
        errors[field] = "The text must be 10,000 characters or fewer"
    return value


def _locked(terms: LearningTerms) -> LearningTerms:
    return (
        LearningTerms.objects.select_for_update(of=("self",))
        .select_related("review__case__partnership")
        .get(pk=terms.pk)
    )


def learning_terms_first(*, actor: User, review: LearningReview) -> LearningTerms:
    """Version 1: the lines of enquiry the review started with (inside its start)."""
    terms = LearningTerms.objects.create(
        partnership_id=review.partnership_id,
        review=review,
        version=1,
        text=review.lines_of_enquiry,
        created_by=actor,
    )
    _audit(actor, terms, "learning_terms.draft")
    return terms


@transaction.atomic
def learning_terms_update(
    *,
    actor: User,
    membership: Membership,
    terms: LearningTerms,
    text: str,
    change_summary: str = "",
) -> LearningTerms:
    """Change a draft: its text and, for a version after the first, what changed."""
    _check(membership, terms.review)
    terms = _locked(terms)
    _live(terms.review)
    if terms.status != LearningTermsStatus.DRAFT:
        raise InvalidTransition(
            f"Version {terms.version} has been approved: start a new version to change it."
        )
    errors: dict[str, str] = {}
    text = _text(text, "text", errors, required="Enter the terms of reference or lines of enquiry")
    change_summary = _text(change_summary, "change_summary", errors)
    if errors:
        raise ValidationError(errors)
    changes = {}
    if text != terms.text:
        changes["text"] = [f"{len(terms.text):,} characters", f"{len(text):,} characters"]
    if change_summary != terms.change_summary:
        changes["change_summary"] = [terms.change_summary or None, change_summary or None]
    terms.text, terms.change_summary = text, change_summary
    terms.save(update_fields=["text", "change_summary", "updated_at"])
    _audit(actor, terms, "learning_terms.update", changes)
    return terms


@transaction.atomic
def learning_terms_approve(
    *,
    actor: User,
    membership: Membership,
    terms: LearningTerms,
    approved_by: str = "",
    approved_on: datetime.date | None = None,
) -> LearningTerms:
    """A draft approved by the review's governance body: who approved it and when (on or after
    the decision to undertake the review and the previous version's approval, not in the
    future). The review's lines of enquiry become the approved text."""
    _check(membership, terms.review)
    terms = _locked(terms)
    review = terms.review
    _live(review)
    if terms.status != LearningTermsStatus.DRAFT:
        raise InvalidTransition(f"Version {terms.version} has already been approved.")
    errors: dict[str, str] = {}
    if not terms.text.strip():
        errors["text"] = "Enter the terms of reference or lines of enquiry"
    if terms.version > 1 and not terms.change_summary.strip():
        errors["change_summary"] = "Enter what changed in this version"
    approved_by = (approved_by or "").strip()
    if not approved_by:
        errors["approved_by"] = "Enter who approved the terms of reference"
    elif len(approved_by) > 300:
        errors["approved_by"] = (
            "Who approved the terms of reference must be 300 characters or fewer"
        )
    previous = terms_in_force(review)
    if approved_on is None:
        errors["approved_on"] = "Enter the date the terms of reference were approved"
    elif approved_on > timezone.localdate():
        errors["approved_on"] = "The date they were approved must be today or in the past"
    elif approved_on < review.day_zero:
        errors["approved_on"] = (
            "The date they were approved must be on or after the decision to undertake the"
            f" learning review ({review.day_zero:%-d %B %Y})"
        )
    elif previous and previous.approved_on and approved_on < previous.approved_on:
        errors["approved_on"] = (
            f"The date they were approved must be on or after version {previous.version}'s"
            f" approval ({previous.approved_on:%-d %B %Y})"
        )
    if errors:
        raise ValidationError(errors)
    terms.status = LearningTermsStatus.APPROVED
    terms.approved_by = approved_by
    terms.approved_on = approved_on
    terms.decided_by = actor
    terms.decided_at = timezone.now()
    terms.save(
        update_fields=[
            "status",
            "approved_by",
            "approved_on",
            "decided_by",
            "decided_at",
            "updated_at",
        ]
    )
    if review.lines_of_enquiry != terms.text:
        review.lines_of_enquiry = terms.text
        review.save(update_fields=["lines_of_enquiry", "updated_at"])
    _audit(
        actor,
        terms,
        "learning_terms.approve",
        {
            "status": [LearningTermsStatus.DRAFT.value, terms.status],
            "approved_by": [None, approved_by],
            "approved_on": [None, approved_on.isoformat()],
        },
    )
    return terms


@transaction.atomic
def learning_terms_revise(
    *,
    actor: User,
    membership: Membership,
    review: LearningReview,
    change_summary: str = "",
    text: str | None = None,
) -> LearningTerms:
    """The next version, a draft copy of the newest one (which must be approved; it stays),
    with `text` instead of the copy when given."""
    _check(membership, review)
    review = LearningReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    _live(review)
    current = current_terms(review)
    if current is None:
        raise InvalidTransition("The learning review has no terms of reference yet.")
    if current.status == LearningTermsStatus.DRAFT:
        raise InvalidTransition(
            f"Version {current.version} is still a draft: change that one, or record its approval."
        )
    errors: dict[str, str] = {}
    change_summary = _text(change_summary, "change_summary", errors)
    if text is not None:
        text = _text(
            text, "text", errors, required="Enter the terms of reference or lines of enquiry"
        )
    if errors:
        raise ValidationError(errors)
    revised = LearningTerms.objects.create(
        partnership_id=review.partnership_id,
        review=review,
        version=next_version_number(review.terms.all()),
        text=current.text if text is None else text,
        change_summary=change_summary,
        created_by=actor,
    )
    _audit(actor, revised, "learning_terms.revise", {"from_version": [None, current.version]})
    return revised
