"""A case's deadlines: listed for anyone who can see the case; met or waived by a business
manager (the same services and rules as the pages)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from cases import permissions, selectors
from cases.api.base import ModelSerializer
from cases.api.views import CaseChildViewSet
from cases.models import Deadline
from cases.services import deadlines as deadline_services


class DeadlineSerializer(ModelSerializer):
    class Meta:
        model = Deadline
        fields = [
            "id",
            "stage",
            "key",
            "label",
            "day_zero",
            "day",
            "starts",
            "due",
            "rule_text",
            "statutory",
            "responsible_roles",
            "responsible_agency_types",
            "status",
            "met_on",
            "waived_reason",
            "closed_at",
        ]
        read_only_fields = fields


class MeetSerializer(serializers.Serializer):
    met_on = serializers.DateField(required=False)


class WaiveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class DeadlineViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CaseChildViewSet):
    serializer_class = DeadlineSerializer
    pagination_class = None

    def get_queryset(self):
        stage = self.request.query_params.get("stage")
        return selectors.case_deadlines(case=self.get_case(), stage=stage or None)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def _deadline_for_manager(self) -> Deadline:
        deadline = self.get_object()
        case = self.get_case()
        if not (
            permissions.can_edit_case(self.membership, case)
            and permissions.can_manage_workflow(self.membership)
        ):
            raise PermissionDenied("Only a business manager can close a step.")
        return deadline

    @extend_schema(request=MeetSerializer, responses=DeadlineSerializer)
    @action(detail=True, methods=["post"])
    def meet(self, request, partnership_slug, case_pk, pk):
        deadline = self._deadline_for_manager()
        data = MeetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deadline = deadline_services.deadline_meet(
            actor=request.user,
            case=self.get_case(),
            stage=deadline.stage,
            key=deadline.key,
            met_on=data.validated_data.get("met_on"),
        )
        return Response(DeadlineSerializer(deadline).data)

    @extend_schema(request=WaiveSerializer, responses=DeadlineSerializer)
    @action(detail=True, methods=["post"])
    def waive(self, request, partnership_slug, case_pk, pk):
        deadline = self._deadline_for_manager()
        data = WaiveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deadline = deadline_services.deadline_waive(
            actor=request.user, deadline=deadline, reason=data.validated_data["reason"]
        )
        return Response(DeadlineSerializer(deadline).data)
