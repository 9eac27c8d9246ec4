"""The National Panel's replies through the API, with the services and permissions of the pages:
invisible replies 404, refused actions 403, wrong transitions 409, bad input 400."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cases import selectors as case_selectors
from cases.api.base import PartnershipViewSet
from notifications import permissions, selectors
from notifications.api import panel_serializers as s
from notifications.services import panel_responses as svc


class PanelResponseViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """The National Panel's replies to the rapid reviews of the cases you can see."""

    serializer_class = s.PanelResponseSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]  # the letter: multipart

    def get_queryset(self):
        qs = selectors.visible_panel_responses(self.membership).order_by("-submitted_on", "-pk")
        wanted = self.request.query_params.get("status", "")[:30]
        return qs.filter(status=wanted) if wanted else qs

    def get_object(self):
        return selectors.panel_response_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, response, code=status.HTTP_200_OK):
        fresh = selectors.visible_panel_responses(self.membership).get(pk=response.pk)
        return Response(s.PanelResponseSerializer(fresh).data, status=code)

    def _step(self, service, serializer_class, check, message):
        response = self.get_object()
        if not check(self.membership, response.case):
            raise PermissionDenied(message)
        result = service(
            actor=self.request.user,
            membership=self.membership,
            response=response,
            **self._input(serializer_class),
        )
        return self._detail(result)

    @extend_schema(request=s.PanelOpenSerializer, responses={201: s.PanelResponseSerializer})
    def create(self, request, partnership_slug):
        """The rapid review of a case went to the National Panel: wait for its reply. Business
        managers only. (Recording the rapid review's submission notice as sent does this too.)"""
        data = self._input(s.PanelOpenSerializer)
        case = case_selectors.case_for_user(membership=self.membership, pk=data.pop("case"))
        if not permissions.can_record_panel_response(self.membership, case):
            raise PermissionDenied(permissions.PANEL_NOT_ALLOWED)
        response = svc.panel_response_open(
            actor=request.user, membership=self.membership, case=case, **data
        )
        return self._detail(response, status.HTTP_201_CREATED)

    @extend_schema(responses=s.PanelResponseSerializer)
    def retrieve(self, request, partnership_slug, pk):
        return self._detail(self.get_object())

    @extend_schema(request=s.PanelMeetingSerializer, responses=s.PanelResponseSerializer)
    def meeting(self, request, partnership_slug, pk):
        """The date of the Panel's meeting that considers the rapid review (Dorset 002 6.8)."""
        return self._step(
            svc.panel_response_meeting,
            s.PanelMeetingSerializer,
            permissions.can_record_panel_response,
            permissions.PANEL_NOT_ALLOWED,
        )

    @extend_schema(request=s.PanelReplySerializer, responses=s.PanelResponseSerializer)
    def reply(self, request, partnership_slug, pk):
        """The Panel's reply: its decision, what it said, its letter (multipart)."""
        return self._step(
            svc.panel_response_record,
            s.PanelReplySerializer,
            permissions.can_record_panel_response,
            permissions.PANEL_NOT_ALLOWED,
        )

    @extend_schema(request=s.PanelInformationSerializer, responses=s.PanelResponseSerializer)
    def information(self, request, partnership_slug, pk):
        """The information the Panel asked for was sent: answers the next round."""
        return self._step(
            svc.panel_response_information,
            s.PanelInformationSerializer,
            permissions.can_record_panel_response,
            permissions.PANEL_NOT_ALLOWED,
        )

    @extend_schema(request=s.PanelReconsiderSerializer, responses=s.PanelResponseSerializer)
    def reconsider(self, request, partnership_slug, pk):
        """The decision-makers' answer to a Panel view contrary to the partnership's."""
        return self._step(
            svc.panel_response_reconsider,
            s.PanelReconsiderSerializer,
            permissions.can_reconsider,
            permissions.RECONSIDER_NOT_ALLOWED,
        )
