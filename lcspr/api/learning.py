"""Learning reviews and their terms of reference through the API, with the services and
permissions of the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from cases import selectors as case_selectors
from cases.api.base import ModelSerializer, PartnershipViewSet
from lcspr import permissions, selectors
from lcspr.api import serializers as s
from lcspr.models import LearningTerms
from lcspr.services import learning_terms as terms_svc
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


# --- Terms of reference (lcspr.services.learning_terms) ---------------------------------------


class LearningTermsSerializer(ModelSerializer):
    class Meta:
        model = LearningTerms
        fields = [
            "id",
            "review",
            "version",
            "status",
            "text",
            "change_summary",
            "created_by",
            "created_at",
            "approved_by",
            "approved_on",
            "decided_by",
            "decided_at",
            "updated_at",
        ]
        read_only_fields = fields


class LearningTermsInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=10000, allow_blank=True, required=False)
    change_summary = serializers.CharField(max_length=10000, allow_blank=True, required=False)


class LearningTermsApproveSerializer(serializers.Serializer):
    approved_by = serializers.CharField(
        max_length=300, allow_blank=True, help_text="The governance body, and who chaired it."
    )
    approved_on = serializers.DateField(allow_null=True)


class LearningTermsViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """The versions of a learning review's terms of reference or lines of enquiry: everyone who
    can see the review reads them; business managers change a draft, record the governance
    body's approval and start a new version."""

    serializer_class = LearningTermsSerializer

    def _review(self, *, manage=False):
        review = selectors.learning_review_for_user(
            membership=self.membership, pk=self.kwargs["pk"]
        )
        if manage and not permissions.can_manage_lcspr(self.membership, review.case):
            raise PermissionDenied(terms_svc.NOT_ALLOWED)
        return review

    def get_queryset(self):
        return LearningTerms.objects.filter(review=self._review()).order_by("-version")

    def get_object(self):
        found = self.get_queryset().filter(version=self.kwargs["version"]).first()
        if found is None:
            raise Http404("No such version of the terms of reference")
        return found

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, terms, code=status.HTTP_200_OK):
        fresh = LearningTerms.objects.get(pk=terms.pk)
        return Response(LearningTermsSerializer(fresh).data, status=code)

    @extend_schema(request=LearningTermsInputSerializer, responses={201: LearningTermsSerializer})
    def revise(self, request, partnership_slug, pk):
        """Start the next version, a copy of the newest (or `text`); 409 while a draft exists."""
        data = self._input(LearningTermsInputSerializer)
        terms = terms_svc.learning_terms_revise(
            actor=request.user,
            membership=self.membership,
            review=self._review(manage=True),
            change_summary=data.get("change_summary", ""),
            text=data.get("text"),
        )
        return self._detail(terms, status.HTTP_201_CREATED)

    @extend_schema(responses=LearningTermsSerializer)
    def retrieve(self, request, partnership_slug, pk, version):
        return self._detail(self.get_object())

    @extend_schema(request=LearningTermsInputSerializer, responses=LearningTermsSerializer)
    def partial_update(self, request, partnership_slug, pk, version):
        """Change a draft (409 once approved)."""
        self._review(manage=True)
        terms = self.get_object()
        data = self._input(LearningTermsInputSerializer)
        terms = terms_svc.learning_terms_update(
            actor=request.user,
            membership=self.membership,
            terms=terms,
            text=data.get("text", terms.text),
            change_summary=data.get("change_summary", terms.change_summary),
        )
        return self._detail(terms)

    @extend_schema(request=LearningTermsApproveSerializer, responses=LearningTermsSerializer)
    def approve(self, request, partnership_slug, pk, version):
        """Record the governance body's approval of a draft: who, and when."""
        self._review(manage=True)
        terms = terms_svc.learning_terms_approve(
            actor=request.user,
            membership=self.membership,
            terms=self.get_object(),
            **self._input(LearningTermsApproveSerializer),
        )
        return self._detail(terms)
