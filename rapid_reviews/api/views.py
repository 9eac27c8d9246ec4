"""Rapid reviews through the API, with the services and permissions of the pages: invisible
reviews 404, refused actions 403, wrong states 409, bad input 400."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from cases import selectors as case_selectors
from cases.api.base import PartnershipViewSet
from rapid_reviews import permissions, selectors
from rapid_reviews.api import serializers as s
from rapid_reviews.services.start import rapid_review_start
from rapid_reviews.services.withdraw import rapid_review_withdraw
from rapid_reviews.timeline import review_clock


def _with_clock(review):
    """The review with what its page shows: "day N of 15", the next milestone, every one."""
    clock = review_clock(review)
    progress = clock["progress"]
    review.day = progress.day if progress else None
    review.total_days = progress.total_days if progress else None
    review.summary = progress.summary if progress else "No milestones"
    review.next_milestone = clock["next"]
    review.milestones = clock["rows"]
    return review


class RapidReviewViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """The rapid reviews of the cases you can see."""

    serializer_class = s.RapidReviewSummarySerializer

    def get_queryset(self):
        qs = selectors.visible_reviews(self.membership).order_by("-started_at", "-pk")
        wanted = self.request.query_params.get("status", "")[:30]
        return qs.filter(status=wanted) if wanted else qs

    def get_object(self):
        return selectors.review_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, review, code=status.HTTP_200_OK):
        fresh = selectors.review_for_user(membership=self.membership, pk=review.pk)
        return Response(s.RapidReviewSerializer(_with_clock(fresh)).data, status=code)

    @extend_schema(request=s.RapidReviewStartSerializer, responses={201: s.RapidReviewSerializer})
    def create(self, request, partnership_slug):
        """Start the rapid review of a case (business managers). Day zero is the date of the
        event the partnership's settings count from; `day_zero` only while it is not recorded.
        409 when the case has a live review."""
        data = self._input(s.RapidReviewStartSerializer)
        case = case_selectors.case_for_user(membership=self.membership, pk=data.pop("case"))
        if not permissions.can_manage_review(self.membership, case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        review = rapid_review_start(
            actor=request.user, membership=self.membership, case=case, **data
        )
        return self._detail(review, status.HTTP_201_CREATED)

    @extend_schema(responses=s.RapidReviewSerializer)
    def retrieve(self, request, partnership_slug, pk):
        return self._detail(self.get_object())

    @extend_schema(request=s.RapidReviewWithdrawSerializer, responses=s.RapidReviewSerializer)
    def withdraw(self, request, partnership_slug, pk):
        """Withdraw a live review, with the reason (business managers); the case is then free
        for a new one."""
        review = self.get_object()
        if not permissions.can_manage_review(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        review = rapid_review_withdraw(
            actor=request.user,
            membership=self.membership,
            review=review,
            **self._input(s.RapidReviewWithdrawSerializer),
        )
        return self._detail(review)
