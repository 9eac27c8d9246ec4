"""A case's action plan: the actions the member may see (an agency's members their own agency's;
another agency's action is a 404), adding one (business managers), and each step on an action
(the same services and rules as the pages, cases.services.actions)."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases import permissions
from cases.actions import action_for_user, case_actions, latest_update, with_rag
from cases.api.base import ModelSerializer
from cases.api.signoff import SignOffDetailSerializer
from cases.api.views import CaseChildViewSet
from cases.audit import access_record
from cases.models import AccessKind, ActionItem, ActionStage, ActionUpdate, Agency, User
from cases.services import actions as services
from cases.signoff import signoff_detail


class ActionUpdateSerializer(ModelSerializer):
    summary = serializers.CharField(read_only=True)

    class Meta:
        model = ActionUpdate
        fields = [
            "id",
            "kind",
            "summary",
            "text",
            "evidence",
            "old_status",
            "new_status",
            "old_due_date",
            "new_due_date",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields


class ActionSerializer(ModelSerializer):
    owner = serializers.CharField(source="owner_label", read_only=True)
    rag = serializers.SerializerMethodField()
    rag_text = serializers.SerializerMethodField()
    latest_update = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "case",
            "stage",
            "recommendation",
            "owner_agency",
            "owner",
            "owner_person",
            "what",
            "due_date",
            "success_measure",
            "status",
            "rag",
            "rag_text",
            "closed_on",
            "cancelled_reason",
            "latest_update",
            "created_at",
        ]
        read_only_fields = fields

    def get_rag(self, obj) -> str:
        """red, amber, green or grey (cancelled): docs/action-plans.md."""
        return obj.rag.colour

    def get_rag_text(self, obj) -> str:
        return obj.rag.text

    def get_latest_update(self, obj) -> ActionUpdateSerializer(allow_null=True):  # type: ignore[valid-type]
        update = latest_update(obj)
        return ActionUpdateSerializer(update).data if update is not None else None


class _PartnershipRecordsSerializer(serializers.Serializer):
    """The partnership's agencies and people only: another partnership's id is a 400."""

    def get_fields(self):
        fields = super().get_fields()
        case = self.context.get("case")
        agencies, users = Agency.objects.none(), User.objects.none()
        if case is not None:
            agencies = Agency.objects.filter(partnership=case.partnership_id)
            users = User.objects.filter(
                memberships__partnership=case.partnership_id,
                memberships__agency__isnull=False,
            ).distinct()
        if "owner_agency" in fields:
            fields["owner_agency"].queryset = agencies
        if "owner_person" in fields:
            fields["owner_person"].queryset = users
        return fields


class ActionCreateSerializer(_PartnershipRecordsSerializer):
    stage = serializers.ChoiceField(ActionStage.choices)
    owner_agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.none())
    owner_person = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(), required=False, allow_null=True
    )
    what = serializers.CharField(trim_whitespace=False, max_length=10000)
    due_date = serializers.DateField()
    success_measure = serializers.CharField(trim_whitespace=False, max_length=10000)
    recommendation = serializers.CharField(
        trim_whitespace=False, max_length=10000, required=False, allow_blank=True
    )


# Text is not trimmed here (the services strip it): a trimmed value could pass max_length
# although the request as sent is longer than the schema allows.


class ActionProgressSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, max_length=10000)


class ActionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField([(s.value, s.label) for s in services.AGENCY_STATUSES])
    note = serializers.CharField(
        trim_whitespace=False, max_length=10000, required=False, allow_blank=True
    )


class ActionMoveDueSerializer(serializers.Serializer):
    due_date = serializers.DateField()
    reason = serializers.CharField(trim_whitespace=False, max_length=10000)


class ActionCloseSerializer(serializers.Serializer):
    note = serializers.CharField(
        trim_whitespace=False, max_length=10000, required=False, allow_blank=True
    )


class ActionCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(trim_whitespace=False, max_length=10000)


class ActionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CaseChildViewSet
):
    serializer_class = ActionSerializer
    pagination_class = None

    def get_queryset(self):
        return case_actions(membership=self.membership, case=self.get_case())

    def get_object(self):
        found = action_for_user(
            membership=self.membership, case=self.get_case(), pk=self.kwargs["pk"]
        )
        return with_rag([found], found.partnership)[0]

    def _require(self, allowed: bool, message: str):
        if not allowed:
            raise PermissionDenied(message)

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data, context={"case": self.get_case()})
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _log(self, what: str):
        access_record(
            user=self.request.user,
            case=self.get_case(),
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr=what,
        )

    def list(self, request, partnership_slug, case_pk):
        case = self.get_case()
        self._require(
            permissions.can_view_action_plan(self.membership, case),
            "Only the business managers, the review group, executives, scrutineers and the"
            " agencies (their own actions) can see a case's action plan.",
        )
        actions = with_rag(self.get_queryset(), case.partnership)
        if actions:
            self._log(f"the action plan ({len(actions)} actions)")
        return Response(ActionSerializer(actions, many=True).data)

    def retrieve(self, request, partnership_slug, case_pk, pk):
        found = self.get_object()
        self._log(f"the action {found.reference}")
        return Response(ActionSerializer(found).data)

    @extend_schema(request=ActionCreateSerializer, responses={201: ActionSerializer})
    def create(self, request, partnership_slug, case_pk):
        case = self.get_case()
        self._require(permissions.can_add_action(self.membership, case), services.NOT_ALLOWED_ADD)
        data = self._input(ActionCreateSerializer)
        created = services.action_add(
            actor=request.user,
            membership=self.membership,
            case=case,
            stage=data["stage"],
            owner_agency=data["owner_agency"],
            owner_person=data.get("owner_person"),
            what=data["what"],
            due_date=data["due_date"],
            success_measure=data["success_measure"],
            recommendation=data.get("recommendation", ""),
        )
        self.kwargs["pk"] = created.pk
        return Response(ActionSerializer(self.get_object()).data, status=status.HTTP_201_CREATED)

    def _step(self, serializer_class, service, allowed, message):
        found = self.get_object()
        self._require(allowed(self.membership, found), message)
        data = self._input(serializer_class)
        service(actor=self.request.user, membership=self.membership, action=found, **data)
        return Response(ActionSerializer(self.get_object()).data)

    @extend_schema(request=ActionProgressSerializer, responses=ActionSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, partnership_slug, case_pk, pk):
        return self._step(
            ActionProgressSerializer,
            services.action_update_progress,
            permissions.can_update_action,
            services.NOT_ALLOWED_UPDATE,
        )

    @extend_schema(request=ActionStatusSerializer, responses=ActionSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, partnership_slug, case_pk, pk):
        return self._step(
            ActionStatusSerializer,
            services.action_set_status,
            permissions.can_update_action,
            services.NOT_ALLOWED_UPDATE,
        )

    @extend_schema(request=ActionMoveDueSerializer, responses=ActionSerializer)
    @action(detail=True, methods=["post"], url_path="move-due")
    def move_due(self, request, partnership_slug, case_pk, pk):
        return self._step(
            ActionMoveDueSerializer,
            services.action_move_due,
            permissions.can_update_action,
            services.NOT_ALLOWED_UPDATE,
        )

    @extend_schema(request=ActionCloseSerializer, responses=ActionSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, partnership_slug, case_pk, pk):
        return self._step(
            ActionCloseSerializer,
            services.action_close,
            permissions.can_close_action,
            services.NOT_ALLOWED_CLOSE,
        )

    @extend_schema(request=ActionCancelSerializer, responses=ActionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, partnership_slug, case_pk, pk):
        return self._step(
            ActionCancelSerializer,
            services.action_cancel,
            permissions.can_close_action,
            services.NOT_ALLOWED_CLOSE,
        )


class ActionPlanSignOffSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(ActionStage.choices)
    comments = serializers.CharField(max_length=10000, required=False, allow_blank=True)


class ActionPlanSignOffViewSet(CaseChildViewSet):
    """Send a stage's actions, as its plan, through the partnership's "action_plan" chain (the
    page's "Send the … action plan for sign-off"); the chain then runs under /sign-offs/."""

    serializer_class = ActionPlanSignOffSerializer

    @extend_schema(request=ActionPlanSignOffSerializer, responses={201: SignOffDetailSerializer})
    def create(self, request, partnership_slug, case_pk):
        case = self.get_case()
        if not permissions.can_add_action(self.membership, case):
            raise PermissionDenied(services.NOT_ALLOWED_ADD)
        data = ActionPlanSignOffSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sign_off = services.action_plan_send_for_sign_off(
            actor=request.user, membership=self.membership, case=case, **data.validated_data
        )
        sign_off = signoff_detail(membership=self.membership, pk=sign_off.pk)
        context = {**self.get_serializer_context(), "membership": self.membership}
        return Response(
            SignOffDetailSerializer(sign_off, context=context).data, status=status.HTTP_201_CREATED
        )
