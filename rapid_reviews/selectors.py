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
