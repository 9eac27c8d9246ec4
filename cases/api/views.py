from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from cases import permissions, selectors
from cases.api.base import PartnershipViewSet
from cases.api.permissions import IsTwoFactorUser
from cases.api.serializers import (
    AgencySerializer,
    AttachmentSerializer,
    AuditEventSerializer,
    CaseNoteSerializer,
    CaseSerializer,
    InvitationSerializer,
    MembershipSerializer,
    SubjectSerializer,
)
from cases.audit import access_record
from cases.models import AccessKind, Agency
from cases.services import cases as case_services
from cases.services import documents as document_services
from cases.services import people as people_services
from cases.services import subjects as subject_services
from cases.tenancy import memberships_of


@extend_schema(responses=MembershipSerializer(many=True))
@api_view(["GET"])
@permission_classes([IsTwoFactorUser])
def me(request):
    """Your memberships: the partnerships you can work in."""
    return Response(MembershipSerializer(memberships_of(request.user), many=True).data)


class CaseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    PartnershipViewSet,
):
    serializer_class = CaseSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.case_list(
            membership=self.membership, search=self.request.query_params.get("q", "")[:100]
        )

    def get_object(self):
        return selectors.case_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = case_services.case_create(
            actor=self.request.user,
            membership=self.membership,
            title=data["title"],
            summary=data.get("summary", ""),
            incident_date=data.get("incident_date"),
            awareness_date=data.get("awareness_date"),
            agencies=data.get("agencies", []),
            is_restricted=data.get("is_restricted", False),
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "is_restricted" in data:
            case_services.case_set_restricted(
                actor=self.request.user,
                membership=self.membership,
                case=serializer.instance,
                is_restricted=data.pop("is_restricted"),
            )
        serializer.instance = case_services.case_update(
            actor=self.request.user, membership=self.membership, case=serializer.instance, **data
        )

    @extend_schema(responses=AuditEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, partnership_slug, pk):
        if not permissions.can_see_case_history(self.membership):
            raise PermissionDenied("Only a business manager can see a case's history.")
        case = self.get_object()
        page = self.paginate_queryset(selectors.case_history(case=case))
        access_record(
            user=request.user,
            case=case,
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr="case history via API",
        )
        return self.get_paginated_response(AuditEventSerializer(page, many=True).data)


class CaseChildViewSet(PartnershipViewSet):
    """Records that hang off one case: the case is looked up first, 404 if not visible."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Before the body is validated: an invisible case answers 404, never a 400 that
        # confirms it exists.
        self.get_case()

    def get_case(self):
        if not hasattr(self, "_case"):
            self._case = selectors.case_for_user(
                membership=self.membership, pk=self.kwargs["case_pk"]
            )
        return self._case


class SubjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    CaseChildViewSet,
):
    serializer_class = SubjectSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        case = self.get_case()
        access_record(
            user=self.request.user,
            case=case,
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr="subjects via API",
        )
        return case.subjects.filter(archived_at__isnull=True)

    def get_object(self):
        subject = selectors.subject_for_case(case=self.get_case(), pk=self.kwargs["pk"])
        access_record(
            user=self.request.user,
            case=subject.case,
            obj=subject,
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr=f"{subject.get_role_display()} {subject.pk} via API",
        )
        return subject

    def perform_create(self, serializer):
        serializer.instance = subject_services.subject_add(
            actor=self.request.user,
            membership=self.membership,
            case=self.get_case(),
            **serializer.validated_data,
        )

    def perform_update(self, serializer):
        serializer.instance = subject_services.subject_update(
            actor=self.request.user,
            membership=self.membership,
            subject=serializer.instance,
            **serializer.validated_data,
        )


class CaseNoteViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, CaseChildViewSet):
    serializer_class = CaseNoteSerializer

    def get_queryset(self):
        return self.get_case().notes.select_related("author")

    def perform_create(self, serializer):
        serializer.instance = document_services.case_note_add(
            actor=self.request.user,
            membership=self.membership,
            case=self.get_case(),
            text=serializer.validated_data["text"],
        )


class AttachmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, CaseChildViewSet
):
    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser]  # a file upload: multipart/form-data only

    def get_queryset(self):
        return (
            self.get_case()
            .attachments.filter(archived_at__isnull=True)
            .select_related("uploaded_by")
        )

    def get_object(self):
        return selectors.attachment_for_case(case=self.get_case(), pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        from django.core.exceptions import ValidationError

        try:
            serializer.instance = document_services.attachment_add(
                actor=self.request.user,
                membership=self.membership,
                case=self.get_case(),
                uploaded=serializer.validated_data["file"],
                description=serializer.validated_data.get("description", ""),
            )
        except ValidationError as exc:
            raise serializers.ValidationError({"file": exc.messages}) from exc

    # The file as it was uploaded: PDF, Word, a spreadsheet or an image.
    @extend_schema(responses={(200, "*/*"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, partnership_slug, case_pk, pk):
        attachment = self.get_object()
        handle = document_services.attachment_open(
            actor=request.user, membership=self.membership, attachment=attachment
        )
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response


class AgencyViewSet(mixins.ListModelMixin, PartnershipViewSet):
    serializer_class = AgencySerializer

    def get_queryset(self):
        return Agency.objects.filter(partnership=self.membership.partnership_id, is_active=True)


class MemberViewSet(mixins.ListModelMixin, PartnershipViewSet):
    serializer_class = MembershipSerializer

    def get_queryset(self):
        if not permissions.can_manage_people(self.membership):
            raise PermissionDenied("Only a business manager can list the partnership's people.")
        return selectors.partnership_members(membership=self.membership)


class InvitationViewSet(PartnershipViewSet):
    serializer_class = InvitationSerializer

    @extend_schema(responses={201: None})
    def create(self, request, partnership_slug):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        invitation, _ = people_services.invitation_create(
            actor=request.user,
            membership=self.membership,
            email=data["email"],
            roles=data["roles"],
            agency=data.get("agency"),
            full_name=data.get("full_name", ""),
            job_title=data.get("job_title", ""),
        )
        return Response(
            {"id": invitation.pk, "email": invitation.email, "expires_at": invitation.expires_at},
            status=status.HTTP_201_CREATED,
        )
