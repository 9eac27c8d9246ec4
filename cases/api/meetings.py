"""A case's meetings: listed and read by anyone who can see the case; scheduled, changed,
cancelled, attended and given papers by a business manager, through the services the pages use
(cases.services.meetings). An invitee who cannot see the case uses the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases import permissions
from cases.api.base import ModelSerializer
from cases.api.views import CaseChildViewSet
from cases.meetings import case_meetings, with_people
from cases.models import (
    Agency,
    Attachment,
    Meeting,
    MeetingDocument,
    MeetingInvitee,
    MeetingKind,
    MeetingRole,
    Membership,
)
from cases.services import meetings as meeting_services


class InviteeSerializer(ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)
    agency_name = serializers.CharField(read_only=True)

    class Meta:
        model = MeetingInvitee
        fields = [
            "id",
            "membership",
            "name",
            "agency",
            "agency_name",
            "role",
            "attended",
            "apologies",
        ]
        read_only_fields = fields


class MeetingSerializer(ModelSerializer):
    invitees = InviteeSerializer(many=True, read_only=True, source="active_invitees")
    online_link = serializers.CharField(read_only=True, help_text="Empty when there is none.")
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "purpose",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "online_link",
            "status",
            "sequence",
            "uid",
            "quorate",
            "quorum_reason",
            "notes",
            "cancelled_reason",
            "cancelled_at",
            "papers_sent_at",
            "invitees",
            "documents",
            "created_at",
        ]
        read_only_fields = fields

    def get_documents(self, meeting) -> list[int]:
        """Ids of the case's attachments among the papers."""
        return list(
            MeetingDocument.objects.filter(meeting=meeting).values_list("attachment_id", flat=True)
        )


class MeetingPersonSerializer(serializers.Serializer):
    membership = serializers.IntegerField(
        required=False, allow_null=True, help_text="A member of the partnership (id)."
    )
    name = serializers.CharField(
        trim_whitespace=False, max_length=200, required=False, allow_blank=True
    )
    email = serializers.CharField(
        trim_whitespace=False, max_length=254, required=False, allow_blank=True
    )
    agency = serializers.IntegerField(required=False, allow_null=True)
    role = serializers.ChoiceField(MeetingRole.choices, required=False, allow_blank=True)


class MeetingDetailsSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(MeetingKind.choices)
    title = serializers.CharField(
        trim_whitespace=False, max_length=200, required=False, allow_blank=True
    )
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    location = serializers.CharField(
        trim_whitespace=False, max_length=300, required=False, allow_blank=True
    )
    online_link = serializers.CharField(
        trim_whitespace=False, max_length=500, required=False, allow_blank=True
    )


class MeetingScheduleSerializer(MeetingDetailsSerializer):
    purpose = serializers.CharField(
        trim_whitespace=False, max_length=40, required=False, allow_blank=True
    )
    invitees = MeetingPersonSerializer(many=True)


class MeetingChangeSerializer(MeetingDetailsSerializer):
    """Only what changes: the rest stays as it is."""

    kind = serializers.ChoiceField(MeetingKind.choices, required=False)
    starts_at = serializers.DateTimeField(required=False)
    ends_at = serializers.DateTimeField(required=False)


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(trim_whitespace=False, max_length=10000)


class AttendanceSerializer(serializers.Serializer):
    attended = serializers.ListField(child=serializers.IntegerField(), help_text="Invitee ids.")
    apologies = serializers.ListField(child=serializers.IntegerField(), required=False)
    notes = serializers.CharField(
        trim_whitespace=False, max_length=50000, required=False, allow_blank=True
    )


class DocumentSerializer(serializers.Serializer):
    attachment = serializers.IntegerField(
        help_text="A document of the case (upload it first through its attachments)."
    )


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CaseChildViewSet):
    serializer_class = MeetingSerializer
    pagination_class = None

    def get_queryset(self):
        return with_people(case_meetings(case=self.get_case()))

    def get_object(self):
        meeting = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if meeting is None:
            raise Http404("No such meeting")
        return meeting

    def _require_manager(self):
        if not permissions.can_manage_meetings(self.membership, self.get_case()):
            raise PermissionDenied(meeting_services.NOT_ALLOWED)

    def _input(self, serializer_class, **kwargs):
        data = serializer_class(data=self.request.data, **kwargs)
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _person(self, data: dict) -> meeting_services.InviteeDetails:
        """Ids to records of this partnership; another partnership's is a 400, never a leak."""
        partnership = self.partnership
        membership = agency = None
        if data.get("membership") is not None:
            membership = (
                Membership.objects.filter(partnership=partnership, pk=data["membership"])
                .select_related("user", "agency")
                .first()
            )
            if membership is None:
                raise serializers.ValidationError(
                    {"invitees": "Select people who are members of the partnership"}
                )
        if data.get("agency") is not None:
            agency = Agency.objects.filter(partnership=partnership, pk=data["agency"]).first()
            if agency is None:
                raise serializers.ValidationError({"agency": "Select an agency of the partnership"})
        return meeting_services.InviteeDetails(
            membership=membership,
            name=data.get("name", ""),
            email=data.get("email", ""),
            agency=agency,
            role=data.get("role", ""),
        )

    def _answer(self, meeting, code=status.HTTP_200_OK):
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk)).data, status=code)

    @extend_schema(request=MeetingScheduleSerializer, responses={201: MeetingSerializer})
    def create(self, request, partnership_slug, case_pk):
        self._require_manager()
        data = self._input(MeetingScheduleSerializer)
        meeting = meeting_services.meeting_schedule(
            actor=request.user,
            membership=self.membership,
            case=self.get_case(),
            kind=data["kind"],
            title=data.get("title", ""),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            location=data.get("location", ""),
            online_link=data.get("online_link", ""),
            purpose=data.get("purpose", ""),
            invitees=[self._person(p) for p in data["invitees"]],
        )
        return self._answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=MeetingChangeSerializer, responses=MeetingSerializer)
    def partial_update(self, request, partnership_slug, case_pk, pk):
        meeting = self.get_object()
        self._require_manager()
        data = self._input(MeetingChangeSerializer)
        meeting = meeting_services.meeting_update(
            actor=request.user,
            membership=self.membership,
            meeting=meeting,
            **{
                name: data.get(name, getattr(meeting, name))
                for name in meeting_services.CHANGED_FIELDS
            },
        )
        return self._answer(meeting)

    @extend_schema(request=CancelSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, partnership_slug, case_pk, pk):
        meeting = self.get_object()
        self._require_manager()
        data = self._input(CancelSerializer)
        meeting_services.meeting_cancel(
            actor=request.user, membership=self.membership, meeting=meeting, reason=data["reason"]
        )
        return self._answer(meeting)

    @extend_schema(request=MeetingPersonSerializer, responses={201: MeetingSerializer})
    @action(detail=True, methods=["post"])
    def invite(self, request, partnership_slug, case_pk, pk):
        meeting = self.get_object()
        self._require_manager()
        data = self._input(MeetingPersonSerializer)
        meeting_services.meeting_invitee_add(
            actor=request.user,
            membership=self.membership,
            meeting=meeting,
            person=self._person(data),
        )
        return self._answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def uninvite(self, request, partnership_slug, case_pk, pk, invitee_pk):
        meeting = self.get_object()
        self._require_manager()
        invitee = next((i for i in meeting.active_invitees if i.pk == invitee_pk), None)
        if invitee is None:
            raise Http404("No such invitee")
        meeting_services.meeting_invitee_remove(
            actor=request.user, membership=self.membership, meeting=meeting, invitee=invitee
        )
        return self._answer(meeting)

    @extend_schema(request=AttendanceSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request, partnership_slug, case_pk, pk):
        meeting = self.get_object()
        self._require_manager()
        data = self._input(AttendanceSerializer)
        meeting_services.meeting_record_attendance(
            actor=request.user,
            membership=self.membership,
            meeting=meeting,
            attended=data["attended"],
            apologies=data.get("apologies", []),
            notes=data.get("notes"),
        )
        return self._answer(meeting)

    @extend_schema(request=DocumentSerializer, responses={201: MeetingSerializer})
    @action(detail=True, methods=["post"])
    def documents(self, request, partnership_slug, case_pk, pk):
        meeting = self.get_object()
        self._require_manager()
        data = self._input(DocumentSerializer)
        attachment = Attachment.objects.filter(
            case=self.get_case(), pk=data["attachment"], archived_at__isnull=True
        ).first()
        if attachment is None:
            raise serializers.ValidationError({"attachment": "Choose a document of this case"})
        meeting_services.meeting_add_document(
            actor=request.user, membership=self.membership, meeting=meeting, attachment=attachment
        )
        return self._answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def papers(self, request, partnership_slug, case_pk, pk):
        meeting = self.get_object()
        self._require_manager()
        meeting_services.meeting_papers_send(
            actor=request.user, membership=self.membership, meeting=meeting
        )
        return self._answer(meeting)
