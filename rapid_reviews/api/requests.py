"""A rapid review's agency information requests through the API, with the services and
permissions of the pages: an invisible review or request (another agency's) 404, refused
actions 403, wrong states 409, bad input 400."""

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from cases.api.base import PartnershipViewSet
from cases.models import Agency
from rapid_reviews import permissions, selectors
from rapid_reviews.api import serializers as s
from rapid_reviews.services import requests as svc


class InformationRequestViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """The information requests of a rapid review: every one for the business managers, the
    review group and the executives; an agency's members see their own agency's only."""

    serializer_class = s.ReviewInformationRequestSerializer

    def _review(self):
        return selectors.review_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def get_queryset(self):
        return selectors.visible_requests(self.membership, self._review()).order_by(
            "agency__name", "pk"
        )

    def get_object(self):
        return selectors.request_for_user(
            membership=self.membership, review=self._review(), pk=self.kwargs["request_pk"]
        )

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _out(self, request, code=status.HTTP_200_OK):
        request.late = request.is_late()
        return Response(s.ReviewInformationRequestSerializer(request).data, status=code)

    def list(self, request, *args, **kwargs):
        rows = list(self.get_queryset())
        for row in rows:
            row.late = row.is_late()
        page = self.paginate_queryset(rows)
        data = s.ReviewInformationRequestSerializer(
            page if page is not None else rows, many=True
        ).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        request=s.RequestsSendSerializer,
        responses={201: s.ReviewInformationRequestSerializer(many=True)},
    )
    def create(self, request, partnership_slug, pk):
        """Send requests to the agencies given (business managers); agencies not involved in
        the case join it; their SLOs are e-mailed."""
        review = self._review()
        if not permissions.can_manage_review(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        data = self._input(s.RequestsSendSerializer)
        ids = data.pop("agencies")
        found = Agency.objects.filter(partnership=self.partnership, pk__in=ids).in_bulk()
        agencies = [found[pk] for pk in dict.fromkeys(ids) if pk in found]
        if len(agencies) != len(set(ids)):
            raise ValidationError({"agencies": "Select agencies of the partnership"})
        made = svc.requests_send(
            actor=request.user, membership=self.membership, review=review, agencies=agencies, **data
        )
        for row in made:
            row.late = row.is_late()
        return Response(
            s.ReviewInformationRequestSerializer(made, many=True).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses=s.ReviewInformationRequestSerializer)
    def retrieve(self, request, partnership_slug, pk, request_pk):
        return self._out(self.get_object())

    def _run(self, fn, serializer_class=None):
        """The request first (404 before any 400), then the input, then the service."""
        target = self.get_object()
        kwargs = self._input(serializer_class) if serializer_class else {}
        result = fn(actor=self.request.user, membership=self.membership, request=target, **kwargs)
        return self._out(result)

    @extend_schema(
        request=s.ReturnAnswersSerializer, responses=s.ReviewInformationRequestSerializer
    )
    def save_return(self, request, partnership_slug, pk, request_pk):
        """Save the agency's draft return (its SLO and staff)."""
        return self._run(svc.return_save, s.ReturnAnswersSerializer)

    @extend_schema(request=None, responses=s.ReviewInformationRequestSerializer)
    def quality_assure(self, request, partnership_slug, pk, request_pk):
        """Record the return as quality-assured (a member of the agency)."""
        return self._run(svc.return_quality_assure)

    @extend_schema(
        request=s.ReturnSignOffSerializer, responses=s.ReviewInformationRequestSerializer
    )
    def sign_off(self, request, partnership_slug, pk, request_pk):
        """Sign the return off, which sends it (the agency's SLO or executive, who did not write
        it and declares they were not involved in the case)."""
        return self._run(svc.return_sign_off, s.ReturnSignOffSerializer)

    @extend_schema(request=None, responses=s.ReviewInformationRequestSerializer)
    def chase(self, request, partnership_slug, pk, request_pk):
        """Chase the agency now (business managers): its SLOs are e-mailed."""
        return self._run(svc.request_chase)

    @extend_schema(
        request=s.ReturnAnswersSerializer, responses=s.ReviewInformationRequestSerializer
    )
    def on_behalf(self, request, partnership_slug, pk, request_pk):
        """Enter the agency's response on its behalf (business managers): returned, recorded
        as entered on its behalf."""
        return self._run(svc.return_enter_on_behalf, s.ReturnAnswersSerializer)

    @extend_schema(request=s.RequestCloseSerializer, responses=s.ReviewInformationRequestSerializer)
    def close(self, request, partnership_slug, pk, request_pk):
        """Close the request without a response, with the reason (business managers)."""
        return self._run(svc.request_close, s.RequestCloseSerializer)
