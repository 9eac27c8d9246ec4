"""The partnership's workflow settings: read by members, replaced (PUT) or partly replaced
(PATCH: top-level keys) by a business manager; a schedule preview; closure days."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from cases import permissions
from cases.api.base import ModelSerializer, PartnershipViewSet
from cases.clock import partnership_schedule
from cases.models import ClosureDay
from cases.services import closure_days as closure_services
from cases.services import workflow_settings as services
from cases.workflow import STAGES


def _settings_response(partnership) -> Response:
    return Response({"preset": partnership.workflow_preset, "settings": partnership.workflow})


def _bad_request(exc: DjangoValidationError) -> Response:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    return Response(detail, status=status.HTTP_400_BAD_REQUEST)


# The whole settings document's top-level keys (cases/workflow/_checks.py checks the rest).
WORKFLOW_DOCUMENT = {
    "type": "object",
    "required": [
        "version",
        "stages",
        "triage_outcomes",
        "sign_off_chains",
        "quorum",
        "reminder_policy",
        "learning_options",
        "referral_authoriser_role",
        "review_group_name",
        "executive_board_name",
    ],
    "additionalProperties": True,
}


class WorkflowSettingsViewSet(PartnershipViewSet):
    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def retrieve(self, request, partnership_slug):
        return _settings_response(self.partnership)

    @extend_schema(request={"application/json": WORKFLOW_DOCUMENT}, responses=OpenApiTypes.OBJECT)
    def update(self, request, partnership_slug):
        """Replace every setting: the body is the whole settings document (or
        {"settings": {...}, "note": "..."})."""
        return self._save(request, partial=False)

    @extend_schema(request=OpenApiTypes.OBJECT, responses=OpenApiTypes.OBJECT)
    def partial_update(self, request, partnership_slug):
        """Replace some top-level settings, e.g. {"reminder_policy": {...}}."""
        return self._save(request, partial=True)

    def _save(self, request, *, partial: bool):
        if not permissions.can_manage_workflow(self.membership):
            raise PermissionDenied("Only a business manager can change the workflow settings.")
        body, note = request.data, ""
        if isinstance(body, dict) and "settings" in body and set(body) <= {"settings", "note"}:
            note = str(body.get("note", ""))[:2000]
            body = body["settings"]
        try:
            if partial:
                partnership = services.partnership_workflow_patch(
                    actor=request.user, membership=self.membership, changes=body, note=note
                )
            else:
                partnership = services.partnership_workflow_update(
                    actor=request.user, membership=self.membership, workflow=body, note=note
                )
        except DjangoValidationError as exc:
            return _bad_request(exc)
        return _settings_response(partnership)


class PreviewQuery(serializers.Serializer):
    stage = serializers.ChoiceField(choices=list(STAGES))
    day_zero = serializers.DateField()

    def validate_day_zero(self, value):
        # As the settings page's preview: the working-day calendar covers these years.
        if not 2000 <= value.year <= 2100:
            raise serializers.ValidationError("Day zero must be between 2000 and 2100")
        return value


class SchedulePreviewViewSet(PartnershipViewSet):
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("stage", OpenApiTypes.STR, enum=list(STAGES), required=True),
            OpenApiParameter(
                "day_zero",
                OpenApiTypes.DATE,
                required=True,
                description="A date in the years 2000 to 2100.",
            ),
        ],
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    def list(self, request, partnership_slug):
        """The dates the saved settings give each step of a stage for a day zero."""
        query = PreviewQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            schedule = partnership_schedule(
                self.partnership,
                query.validated_data["stage"],
                query.validated_data["day_zero"],
            )
        except (DjangoValidationError, ValueError, TypeError):
            return Response(
                {"detail": "The settings for this stage have problems."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response([m.as_dict() for m in schedule])


class ClosureDaySerializer(ModelSerializer):
    class Meta:
        model = ClosureDay
        fields = ["id", "date", "reason"]
        # As the page: "Enter why the partnership is closed that day".
        extra_kwargs = {"reason": {"required": True, "allow_blank": False}}


class ClosureDayViewSet(PartnershipViewSet):
    serializer_class = ClosureDaySerializer
    pagination_class = None

    def get_queryset(self):
        return ClosureDay.objects.filter(
            partnership=self.membership.partnership_id, removed_at__isnull=True
        )

    def list(self, request, partnership_slug):
        return Response(ClosureDaySerializer(self.get_queryset(), many=True).data)

    def create(self, request, partnership_slug):
        serializer = ClosureDaySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        day = closure_services.closure_day_add(
            actor=request.user,
            membership=self.membership,
            date=serializer.validated_data["date"],
            reason=serializer.validated_data.get("reason", ""),
        )
        return Response(ClosureDaySerializer(day).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, partnership_slug, pk):
        """Remove a closure day (it is archived and audited, not deleted)."""
        from django.shortcuts import get_object_or_404

        day = get_object_or_404(self.get_queryset(), pk=pk)
        closure_services.closure_day_remove(
            actor=request.user, membership=self.membership, closure_day=day
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
