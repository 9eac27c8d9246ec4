"""A case's statutory notices: listed and read by anyone who can see the case; created,
recorded as sent and cancelled by a business manager or the local authority's members (the
same services and rules as the pages, cases.services.notices)."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases import permissions, selectors
from cases.api.base import ModelSerializer
from cases.api.views import CaseChildViewSet
from cases.models import Attachment, Deadline, Notice, NoticeKind, NoticeRecipient
from cases.services import notices as notice_services


class NoticeSerializer(ModelSerializer):
    recipients = serializers.ListField(child=serializers.ChoiceField(NoticeRecipient.choices))
    documents = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    sent_by = serializers.SerializerMethodField()
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = Notice
        fields = [
            "id",
            "kind",
            "recipients",
            "other_partnership",
            "description",
            "documents",
            "deadline",
            "due_date",
            "overdue",
            "reason",
            "status",
            "sent_on",
            "sent_by",
            "evidence",
            "cancelled_reason",
            "cancelled_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_sent_by(self, notice) -> str:
        """Who sent it: the name given, or the member who recorded it; "" until sent."""
        return notice.sender_name


class _CaseRecordsSerializer(serializers.Serializer):
    """Documents (and clock steps) of the view's case only: another case's id is a 400."""

    def get_fields(self):
        fields = super().get_fields()
        case = self.context.get("case")
        attachments, deadlines = Attachment.objects.none(), Deadline.objects.none()
        if case is not None:
            attachments = Attachment.objects.filter(case=case, archived_at__isnull=True)
            deadlines = Deadline.objects.filter(case=case)
        for name, field in fields.items():
            if name == "documents":
                field.child_relation.queryset = attachments
            elif name == "evidence":
                field.queryset = attachments
            elif name == "deadline":
                field.queryset = deadlines
        return fields


class NoticeCreateSerializer(_CaseRecordsSerializer):
    kind = serializers.ChoiceField(NoticeKind.choices)
    recipients = serializers.ListField(
        child=serializers.ChoiceField(NoticeRecipient.choices),
        required=False,
        help_text="Empty or left out: the partnership's usual recipients for the kind.",
    )
    other_partnership = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    documents = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Attachment.objects.none(), required=False
    )
    deadline = serializers.PrimaryKeyRelatedField(
        queryset=Deadline.objects.none(), required=False, allow_null=True
    )
    due_date = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=10000, required=False, allow_blank=True)


class NoticeSentSerializer(_CaseRecordsSerializer):
    sent_on = serializers.DateField()
    sent_by_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    documents = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Attachment.objects.none(), required=False
    )
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    evidence = serializers.PrimaryKeyRelatedField(
        queryset=Attachment.objects.none(),
        required=False,
        allow_null=True,
        help_text="A document of the case (upload it first through its attachments).",
    )


class NoticeCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=10000)


class NoticeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CaseChildViewSet
):
    serializer_class = NoticeSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.case_notices(case=self.get_case())

    def get_object(self):
        return selectors.notice_for_case(case=self.get_case(), pk=self.kwargs["pk"])

    def _require_manager(self):
        if not permissions.can_manage_notices(self.membership, self.get_case()):
            raise PermissionDenied(notice_services.NOT_ALLOWED)

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data, context={"case": self.get_case()})
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(request=NoticeCreateSerializer, responses={201: NoticeSerializer})
    def create(self, request, partnership_slug, case_pk):
        self._require_manager()
        data = self._input(NoticeCreateSerializer)
        notice = notice_services.notice_create(
            actor=request.user,
            membership=self.membership,
            case=self.get_case(),
            kind=data["kind"],
            recipients=data.get("recipients"),
            other_partnership=data.get("other_partnership", ""),
            description=data.get("description", ""),
            documents=data.get("documents", []),
            deadline=data.get("deadline"),
            due_date=data.get("due_date"),
            reason=data.get("reason", ""),
        )
        return Response(
            NoticeSerializer(self.get_queryset().get(pk=notice.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=NoticeSentSerializer, responses=NoticeSerializer)
    @action(detail=True, methods=["post"])
    def sent(self, request, partnership_slug, case_pk, pk):
        notice = self.get_object()
        self._require_manager()
        data = self._input(NoticeSentSerializer)
        notice_services.notice_record_sent(
            actor=request.user,
            membership=self.membership,
            notice=notice,
            sent_on=data["sent_on"],
            sent_by_name=data.get("sent_by_name", ""),
            evidence=data.get("evidence"),
            documents=data.get("documents", []),
            description=data.get("description", ""),
        )
        return Response(NoticeSerializer(self.get_object()).data)

    @extend_schema(request=NoticeCancelSerializer, responses=NoticeSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, partnership_slug, case_pk, pk):
        notice = self.get_object()
        self._require_manager()
        data = NoticeCancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        notice_services.notice_cancel(
            actor=request.user,
            membership=self.membership,
            notice=notice,
            reason=data.validated_data["reason"],
        )
        return Response(NoticeSerializer(self.get_object()).data)
