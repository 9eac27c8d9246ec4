"""Sign-off chains through the API (docs/sign-off.md), with the same services and permissions as
the page: sign-offs of cases the member cannot see (or of another partnership) 404, a member the
step does not name 403, a wrong state 409, bad input 400.

Chains are started by the stage apps' own services and endpoints (a chain belongs to their
document); here they are listed, read and moved on."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.response import Response

from cases import permissions
from cases import signoff as reads
from cases.api.base import ModelSerializer, PartnershipViewSet
from cases.models import SignOff, SignOffAction
from cases.services import signoff as services
from cases.services.signoff import COMMENTS_LIMIT


class SignOffResponsibleSerializer(serializers.Serializer):
    roles = serializers.ListField(child=serializers.CharField())
    agency_types = serializers.ListField(child=serializers.CharField())


class SignOffStepSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    responsible = SignOffResponsibleSerializer()


class SignOffActionSerializer(ModelSerializer):
    actor = serializers.CharField(source="actor.get_full_name", read_only=True)

    class Meta:
        model = SignOffAction
        fields = [
            "version",
            "position",
            "step_key",
            "step_label",
            "decision",
            "comments",
            "actor",
            "acted_at",
        ]
        read_only_fields = fields


class SignOffDocumentSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="The document's model, as app_label.model.")
    id = serializers.IntegerField()


class SignOffCurrentStepSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class SignOffSerializer(ModelSerializer):
    case_reference = serializers.CharField(source="case.reference", read_only=True)
    document_label = serializers.CharField(read_only=True)
    document = serializers.SerializerMethodField()
    steps = SignOffStepSerializer(many=True, read_only=True)
    current_step = serializers.SerializerMethodField()
    started_by = serializers.CharField(source="started_by.get_full_name", read_only=True)
    awaiting_you = serializers.SerializerMethodField()

    class Meta:
        model = SignOff
        fields = [
            "id",
            "case",
            "case_reference",
            "document_type",
            "document_label",
            "document",
            "steps",
            "position",
            "current_step",
            "status",
            "version",
            "started_by",
            "started_at",
            "completed_at",
            "awaiting_you",
        ]
        read_only_fields = fields

    @extend_schema_field(SignOffDocumentSerializer)
    def get_document(self, obj) -> dict:
        ct = obj.content_type
        return {"type": f"{ct.app_label}.{ct.model}", "id": obj.object_id}

    @extend_schema_field(SignOffCurrentStepSerializer(allow_null=True))
    def get_current_step(self, obj) -> dict | None:
        step = obj.current_step
        return {"key": step.get("key"), "label": step.get("label")} if step else None

    def get_awaiting_you(self, obj) -> bool:
        membership = self.context.get("membership")
        return bool(membership and permissions.is_awaiting(membership, obj))


class SignOffDetailSerializer(SignOffSerializer):
    actions = SignOffActionSerializer(many=True, read_only=True, source="action_list")

    class Meta(SignOffSerializer.Meta):
        fields = [*SignOffSerializer.Meta.fields, "actions"]
        read_only_fields = fields


class SignOffListFilterSerializer(serializers.Serializer):
    case = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    document_type = serializers.CharField(required=False, max_length=50, allow_blank=True)


class SignOffCommentsSerializer(serializers.Serializer):
    comments = serializers.CharField(
        required=False, allow_blank=True, max_length=COMMENTS_LIMIT, default=""
    )


class SignOffReasonSerializer(serializers.Serializer):
    comments = serializers.CharField(max_length=COMMENTS_LIMIT)


class _SignOffSeen(serializers.Serializer):
    """Optional: the version and position the decision is about (from a GET). If the chain
    has moved on since, the answer is 409 and nothing changes."""

    version = serializers.IntegerField(required=False, min_value=1, max_value=32767)
    position = serializers.IntegerField(required=False, min_value=0, max_value=32767)

    def validate(self, attrs):
        if ("version" in attrs) != ("position" in attrs):
            raise serializers.ValidationError("Give both version and position, or neither.")
        return attrs


class SignOffDecisionInputSerializer(_SignOffSeen, SignOffCommentsSerializer):
    pass


class SignOffReturnSerializer(_SignOffSeen, SignOffReasonSerializer):
    pass


LIST_PARAMETERS = [
    OpenApiParameter("case", OpenApiTypes.INT, description="Only the sign-offs of this case."),
    OpenApiParameter(
        "document_type",
        OpenApiTypes.STR,
        description="Only this document type (a key of the partnership's sign_off_chains, e.g."
        " notification).",
    ),
]


class SignOffViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """Sign-offs of the cases you can see, newest first."""

    serializer_class = SignOffSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "membership": self.membership}

    def get_queryset(self):
        filters = SignOffListFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        return reads.signoff_list(
            membership=self.membership,
            case_id=data.get("case"),
            document_type=data.get("document_type", ""),
        )

    @extend_schema(parameters=LIST_PARAMETERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _detail(self, pk):
        sign_off = reads.signoff_detail(membership=self.membership, pk=pk)
        return Response(
            SignOffDetailSerializer(sign_off, context=self.get_serializer_context()).data
        )

    @extend_schema(responses=SignOffDetailSerializer)
    def retrieve(self, request, partnership_slug, pk):
        """One sign-off with every decision of every version."""
        return self._detail(pk)

    def _act(self, service, serializer_class, allowed):
        sign_off = reads.signoff_for_user(membership=self.membership, pk=self.kwargs["pk"])
        if not allowed(self.membership, sign_off):
            raise PermissionDenied("This sign-off is not waiting for you.")
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        extra = {}
        if "version" in data.validated_data:
            extra["seen"] = (data.validated_data["version"], data.validated_data["position"])
        service(
            actor=self.request.user,
            membership=self.membership,
            sign_off=sign_off,
            comments=data.validated_data.get("comments", ""),
            **extra,
        )
        return self._detail(sign_off.pk)

    @extend_schema(request=SignOffDecisionInputSerializer, responses=SignOffDetailSerializer)
    def approve(self, request, partnership_slug, pk):
        """Sign off the current step (a member it names); after the last step the document is
        signed off. Give the version and position you decided on to be sure it is that step."""
        return self._act(
            services.signoff_approve, SignOffDecisionInputSerializer, permissions.can_act_on_signoff
        )

    @extend_schema(request=SignOffReturnSerializer, responses=SignOffDetailSerializer)
    def return_for_changes(self, request, partnership_slug, pk):
        """Return the draft to its drafter (a member the current step names), saying what needs
        to change."""
        return self._act(
            services.signoff_return, SignOffReturnSerializer, permissions.can_act_on_signoff
        )

    @extend_schema(request=SignOffCommentsSerializer, responses=SignOffDetailSerializer)
    def resubmit(self, request, partnership_slug, pk):
        """The drafter resubmits a returned draft: a new version, from the second step."""
        return self._act(
            services.signoff_resubmit, SignOffCommentsSerializer, permissions.can_resubmit_signoff
        )

    @extend_schema(request=SignOffReasonSerializer, responses=SignOffDetailSerializer)
    def withdraw(self, request, partnership_slug, pk):
        """Stop the chain (whoever started it, the drafter or a business manager); the
        comments say why."""
        return self._act(
            services.signoff_withdraw, SignOffReasonSerializer, permissions.can_withdraw_signoff
        )
