"""LCSPRs through the API, with the services and permissions of the pages: invisible reviews
404, refused actions 403, wrong states 409, bad input 400."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from cases import selectors as case_selectors
from cases.api.base import PartnershipViewSet
from lcspr import permissions, selectors
from lcspr.api import serializers as s
from lcspr.services.publish import lcspr_publish
from lcspr.services.start import lcspr_start
from lcspr.services.target import lcspr_target_set, open_delay_notice, six_months_due
from lcspr.services.withdraw import lcspr_withdraw
from lcspr.timeline import lcspr_clock


def _with_clock(review):
    clock = lcspr_clock(review)
    review.six_months_end = six_months_due(review)
    notice = open_delay_notice(review)
    review.delay_notice = notice.pk if notice else None
    review.next_milestone = clock["next"]
    review.milestones = clock["rows"]
    review.publication_milestones = clock["publication_rows"]
    return review


class LcsprViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """The LCSPRs of the cases you can see."""

    serializer_class = s.LcsprSummarySerializer

    def get_queryset(self):
        qs = selectors.visible_lcsprs(self.membership).order_by("-started_at", "-pk")
        wanted = self.request.query_params.get("status", "")[:30]
        return qs.filter(status=wanted) if wanted else qs

    def get_object(self):
        return selectors.lcspr_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, review, code=status.HTTP_200_OK):
        fresh = selectors.lcspr_for_user(membership=self.membership, pk=review.pk)
        return Response(s.LcsprSerializer(_with_clock(fresh)).data, status=code)

    @extend_schema(request=s.LcsprStartSerializer, responses={201: s.LcsprSerializer})
    def create(self, request, partnership_slug):
        """Start the LCSPR of a case (business managers). 409 when the case has a live one."""
        data = self._input(s.LcsprStartSerializer)
        case = case_selectors.case_for_user(membership=self.membership, pk=data.pop("case"))
        if not permissions.can_manage_lcspr(self.membership, case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        review = lcspr_start(actor=request.user, membership=self.membership, case=case, **data)
        return self._detail(review, status.HTTP_201_CREATED)

    @extend_schema(responses=s.LcsprSerializer)
    def retrieve(self, request, partnership_slug, pk):
        return self._detail(self.get_object())

    @extend_schema(request=s.LcsprTargetSerializer, responses=s.LcsprSerializer)
    def target(self, request, partnership_slug, pk):
        """Set or move the target publication date (business managers): a move needs
        `reason`; a date after six months needs `delay_reasons` and records the delay notice."""
        review = self.get_object()
        if not permissions.can_manage_lcspr(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        review = lcspr_target_set(
            actor=request.user,
            membership=self.membership,
            review=review,
            **self._input(s.LcsprTargetSerializer),
        )
        return self._detail(review)

    @extend_schema(request=s.LcsprPublishSerializer, responses=s.LcsprSerializer)
    def publish(self, request, partnership_slug, pk):
        """Record the publication (business managers): the date, the web address and the date
        sent to the NSPCC repository; refused until the copies before publication are recorded
        as sent."""
        review = self.get_object()
        if not permissions.can_manage_lcspr(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        review = lcspr_publish(
            actor=request.user,
            membership=self.membership,
            review=review,
            **self._input(s.LcsprPublishSerializer),
        )
        return self._detail(review)

    @extend_schema(request=s.LcsprWithdrawSerializer, responses=s.LcsprSerializer)
    def withdraw(self, request, partnership_slug, pk):
        """Withdraw an LCSPR in progress, with the reason (business managers): its open steps
        close and the case is free for a new one."""
        review = self.get_object()
        if not permissions.can_manage_lcspr(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        review = lcspr_withdraw(
            actor=request.user,
            membership=self.membership,
            review=review,
            **self._input(s.LcsprWithdrawSerializer),
        )
        return self._detail(review)
