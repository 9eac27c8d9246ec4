"""Reads of rapid reviews, each starting from what the member may see."""

from django.db.models import QuerySet
from django.http import Http404

from cases.permissions import mark_visible, visible_cases
from rapid_reviews.models import RapidReview


def visible_reviews(membership) -> QuerySet[RapidReview]:
    """The list filter paired with permissions.can_view_review."""
    return RapidReview.objects.filter(
        partnership=membership.partnership_id,
        case__in=visible_cases(membership).values("pk"),
    ).select_related("case", "case__partnership", "started_by")


def review_for_user(*, membership, pk) -> RapidReview:
    """404 alike for a review that does not exist and one the member may not see."""
    found = visible_reviews(membership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such rapid review")
    mark_visible(found.case, membership)
    return found


def visible_requests(membership, review: RapidReview | None = None) -> QuerySet:
    """The information requests the member sees (the list filter paired with
    permissions.can_view_request): every one for the partnership-wide roles, their own
    agency's for an agency's members, none for anyone else."""
    from rapid_reviews import permissions
    from rapid_reviews.models import InformationRequest

    qs = InformationRequest.objects.filter(
        partnership=membership.partnership_id,
        rapid_review__in=visible_reviews(membership).values("pk"),
    ).select_related("agency", "rapid_review", "case", "case__partnership")
    if review is not None:
        qs = qs.filter(rapid_review=review)
    if permissions.sees_every_request(membership):
        return qs
    if membership.agency_id and membership.has_role(*permissions.RETURN_WRITERS):
        return qs.filter(agency=membership.agency_id)
    return qs.none()


def request_for_user(*, membership, review: RapidReview, pk) -> "InformationRequest":  # noqa: F821
    """404 alike for a request that does not exist and one the member may not see."""
    found = visible_requests(membership, review).filter(pk=pk).first()
    if found is None:
        raise Http404("No such information request")
    found.rapid_review = review
    return found
