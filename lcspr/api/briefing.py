"""7-minute briefings through the API, with the services and permissions of the pages:
invisible ones 404, refused actions 403, wrong states 409, bad input 400."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response

from cases.api.base import PartnershipViewSet
from cases.api.serializers import RenderStatusSerializer
from cases.models import SignOff
from cases.rendered.views import document_api_response
from lcspr import permissions, selectors
from lcspr.api import serializers as s
from lcspr.briefing import DOCUMENT_TYPE
from lcspr.models import SevenMinuteBriefing
from lcspr.services import briefing as svc


def _with_status(briefings, sign_offs: dict | None = None):
    """Each briefing's status with its chain's outcome read in (sign_offs: already fetched)."""
    for briefing in briefings:
        sign_off = (sign_offs or {}).get(briefing.pk)
        briefing.current_status = svc.effective_status(briefing, sign_off)
    return briefings


def _latest_sign_offs(briefings) -> dict:
    """The newest sign-off of each briefing in sign-off, in one query (for a list page)."""
    ids = [b.pk for b in briefings if b.status == "in_sign_off"]
    if not ids:
        return {}
    found = {}
    rows = SignOff.objects.filter(
        content_type=ContentType.objects.get_for_model(SevenMinuteBriefing),
        object_id__in=ids,
        document_type=DOCUMENT_TYPE,
    ).order_by("object_id", "-pk")
    for row in rows:
        found.setdefault(row.object_id, row)
    return found


class BriefingViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """The 7-minute briefings (Synopsis of Learning) of the cases you can see."""

    serializer_class = s.BriefingSerializer

    def get_queryset(self):
        return selectors.visible_briefings(self.membership).order_by("-created_at", "-pk")

    def get_object(self):
        return selectors.briefing_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, briefing, code=status.HTTP_200_OK):
        fresh = selectors.briefing_for_user(membership=self.membership, pk=briefing.pk)
        return Response(s.BriefingSerializer(_with_status([fresh])[0]).data, status=code)

    def _manager(self):
        briefing = self.get_object()
        if not permissions.can_manage_lcspr(self.membership, briefing.case):
            raise PermissionDenied(svc.NOT_ALLOWED)
        return briefing

    def list(self, request, partnership_slug):
        page = self.paginate_queryset(self.get_queryset())
        rows = list(page if page is not None else self.get_queryset())
        _with_status(rows, _latest_sign_offs(rows))
        data = s.BriefingSerializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(request=s.BriefingCreateSerializer, responses={201: s.BriefingSerializer})
    def create(self, request, partnership_slug):
        """Start the briefing of an LCSPR or a learning review (exactly one; business
        managers). 409 when it has one."""
        data = self._input(s.BriefingCreateSerializer)
        lcspr_id, learning_id = data.get("local_review"), data.get("learning_review")
        if (lcspr_id is None) == (learning_id is None):
            raise ValidationError(
                {"local_review": "Select the LCSPR or the learning review the briefing is for"}
            )
        if lcspr_id is not None:
            review = selectors.lcspr_for_user(membership=self.membership, pk=lcspr_id)
        else:
            review = selectors.learning_review_for_user(membership=self.membership, pk=learning_id)
        briefing = svc.briefing_create(
            actor=request.user, membership=self.membership, review=review
        )
        return self._detail(briefing, status.HTTP_201_CREATED)

    @extend_schema(responses=s.BriefingSerializer)
    def retrieve(self, request, partnership_slug, pk):
        return self._detail(self.get_object())

    @extend_schema(request=s.BriefingSaveSerializer, responses=s.BriefingSerializer)
    def save(self, request, partnership_slug, pk):
        """Save the title and sections given (business managers); every error at once."""
        briefing = svc.briefing_save(
            actor=request.user,
            membership=self.membership,
            briefing=self._manager(),
            **self._input(s.BriefingSaveSerializer),
        )
        return self._detail(briefing)

    @extend_schema(request=s.BriefingSendSerializer, responses=s.BriefingSerializer)
    def send(self, request, partnership_slug, pk):
        """Send it for sign-off through the partnership's synopsis_of_learning chain."""
        briefing = self._manager()
        svc.briefing_send_for_sign_off(
            actor=request.user,
            membership=self.membership,
            briefing=briefing,
            **self._input(s.BriefingSendSerializer),
        )
        return self._detail(briefing)

    @extend_schema(request=s.BriefingPublishSerializer, responses=s.BriefingSerializer)
    def publish(self, request, partnership_slug, pk):
        """Record the publication and tell the key contacts (signed off first, where the
        partnership has a chain)."""
        briefing = svc.briefing_publish(
            actor=request.user,
            membership=self.membership,
            briefing=self._manager(),
            **self._input(s.BriefingPublishSerializer),
        )
        return self._detail(briefing)

    @extend_schema(
        methods=["GET"],
        description="Rendered off the request path, once per version of the briefing's text."
        " 200 with the PDF when it is ready (the download is written to the case's access log);"
        " otherwise 202 with the status and a Retry-After header: GET again after that many"
        " seconds. A failed render answers 202 with status `failed`: POST to try again.",
        responses={(200, "application/pdf"): bytes, 202: RenderStatusSerializer},
    )
    @extend_schema(methods=["POST"], request=None, responses={202: RenderStatusSerializer})
    def pdf(self, request, partnership_slug, pk):
        """The one-page PDF of the briefing: whoever reads the briefing may download it."""
        from lcspr.briefing_pdf import BRIEFING_PDF, briefing_for_print

        briefing = self.get_object()
        return document_api_response(request, BRIEFING_PDF, briefing_for_print(briefing.pk))
