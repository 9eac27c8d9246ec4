"""Learning reviews through the API, with the services and permissions of the pages."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from cases import selectors as case_selectors
from cases.api.base import PartnershipViewSet
from lcspr import permissions, selectors
from lcspr.api import serializers as s
from lcspr.services.learning import learning_review_complete, learning_review_start


class LearningReviewViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """The learning reviews of the cases you can see."""

    serializer_class = s.LearningReviewSerializer

    def get_queryset(self):
        qs = selectors.visible_learning_reviews(self.membership).order_by("-started_at", "-pk")
        wanted = self.request.query_params.get("status", "")[:30]
        return qs.filter(status=wanted) if wanted else qs

    def get_object(self):
        return selectors.learning_review_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, review, code=status.HTTP_200_OK):
        fresh = selectors.learning_review_for_user(membership=self.membership, pk=review.pk)
        return Response(s.LearningReviewSerializer(fresh).data, status=code)

    @extend_schema(
        request=s.LearningReviewStartSerializer, responses={201: s.LearningReviewSerializer}
    )
    def create(self, request, partnership_slug):
        """Start a learning review of a case from the partnership's menu (business managers);
        409 when one is in progress."""
        data = self._input(s.LearningReviewStartSerializer)
        case = case_selectors.case_for_user(membership=self.membership, pk=data.pop("case"))
        if not permissions.can_manage_lcspr(self.membership, case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        review = learning_review_start(
            actor=request.user, membership=self.membership, case=case, **data
        )
        return self._detail(review, status.HTTP_201_CREATED)

    @extend_schema(responses=s.LearningReviewSerializer)
    def retrieve(self, request, partnership_slug, pk):
        return self._detail(self.get_object())

    @extend_schema(request=s.LearningReviewCompleteSerializer, responses=s.LearningReviewSerializer)
    def complete(self, request, partnership_slug, pk):
        """Complete it with the summary of learning (business managers)."""
        review = self.get_object()
        if not permissions.can_manage_lcspr(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        review = learning_review_complete(
            actor=request.user,
            membership=self.membership,
            review=review,
            **self._input(s.LearningReviewCompleteSerializer),
        )
        return self._detail(review)
