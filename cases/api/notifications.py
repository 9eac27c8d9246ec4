"""The signed-in person's own reminders in this partnership; mark them read."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.api.base import ModelSerializer, PartnershipViewSet
from cases.models import Notification
from cases.reminders import selectors
from cases.services import preferences


class NotificationSerializer(ModelSerializer):
    case = serializers.IntegerField(source="deadline.case_id", read_only=True)
    case_reference = serializers.CharField(source="deadline.case.reference", read_only=True)
    due = serializers.DateField(source="deadline.due", read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "step",
            "step_date",
            "message",
            "case",
            "case_reference",
            "deadline",
            "due",
            "emailed",
            "created_at",
            "read_at",
        ]
        read_only_fields = fields


class NotificationViewSet(mixins.ListModelMixin, PartnershipViewSet):
    serializer_class = NotificationSerializer

    def get_queryset(self):
        qs = selectors.notifications_for(membership=self.membership)
        if self.request.query_params.get("unread") in ("1", "true"):
            qs = qs.filter(read_at__isnull=True)
        return qs

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, partnership_slug, pk):
        notification = selectors.notification_for_user(membership=self.membership, pk=pk)
        preferences.notification_mark_read(user=request.user, notification=notification)
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)
