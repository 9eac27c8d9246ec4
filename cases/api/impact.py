"""A case's impact statement (BCP 003 section 15): read by the action plan's readers, recorded
or corrected by a review group member or a business manager once the plan is complete."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from cases import permissions
from cases.api.base import ModelSerializer
from cases.api.views import CaseChildViewSet
from cases.models import ImpactStatement
from cases.services.impact import impact_statement_record, plan_completed_on


class ImpactStatementSerializer(ModelSerializer):
    recorded_by = serializers.SerializerMethodField()
    plan_completed_on = serializers.SerializerMethodField()

    class Meta:
        model = ImpactStatement
        fields = [
            "written_on",
            "produced_by",
            "difference_made",
            "evidence",
            "recorded_by",
            "recorded_at",
            "updated_at",
            "plan_completed_on",
        ]
        read_only_fields = fields

    def get_recorded_by(self, obj) -> str:
        return obj.recorded_by.get_full_name()

    def get_plan_completed_on(self, obj) -> str | None:
        day = plan_completed_on(obj.case)
        return day.isoformat() if day else None


class ImpactStatementInputSerializer(serializers.Serializer):
    written_on = serializers.DateField()
    produced_by = serializers.CharField(max_length=200)
    difference_made = serializers.CharField(max_length=10000)
    evidence = serializers.CharField(max_length=10000, required=False, allow_blank=True)


class ImpactStatementViewSet(CaseChildViewSet):
    serializer_class = ImpactStatementSerializer

    def _readable(self):
        case = self.get_case()
        if not permissions.can_view_action_plan(self.membership, case):
            raise PermissionDenied("Only the readers of the case's action plan can see it.")
        return case

    def retrieve(self, request, partnership_slug, case_pk):
        case = self._readable()
        statement = ImpactStatement.objects.filter(case=case).first()
        if statement is None:
            raise Http404("No impact statement has been recorded for this case.")
        return Response(ImpactStatementSerializer(statement).data)

    @extend_schema(request=ImpactStatementInputSerializer, responses=ImpactStatementSerializer)
    def update(self, request, partnership_slug, case_pk):
        case = self._readable()
        data = ImpactStatementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        statement = impact_statement_record(
            actor=request.user, membership=self.membership, case=case, **data.validated_data
        )
        return Response(ImpactStatementSerializer(statement).data)
