from rest_framework import serializers

from cases.api.base import ModelSerializer
from cases.models import (
    Agency,
    Attachment,
    AuditEvent,
    Case,
    CaseNote,
    Membership,
    RenderStatus,
    Subject,
)
from cases.services.subjects import SUBJECT_FIELDS


class AgencySerializer(ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "agency_type", "is_statutory_partner"]


class CaseSerializer(ModelSerializer):
    agencies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Agency.objects.none(), required=False
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "title",
            "summary",
            "stage",
            "incident_date",
            "awareness_date",
            "agencies",
            "is_restricted",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["reference", "stage", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        membership = getattr(request, "membership", None) if request else None
        if membership is not None:
            fields["agencies"].child_relation.queryset = Agency.objects.filter(
                partnership=membership.partnership_id
            )
        return fields


class SubjectSerializer(ModelSerializer):
    class Meta:
        model = Subject
        fields = ["id", *SUBJECT_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        # Services run full_clean with the model's validators.
        extra_kwargs = {"nhs_number": {"validators": []}}


class CaseNoteSerializer(ModelSerializer):
    author = serializers.StringRelatedField()

    class Meta:
        model = CaseNote
        fields = ["id", "text", "author", "created_at"]
        read_only_fields = ["author", "created_at"]


class AttachmentSerializer(ModelSerializer):
    file = serializers.FileField(write_only=True)
    uploaded_by = serializers.StringRelatedField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "file",
            "original_name",
            "description",
            "content_type",
            "size",
            "sha256",
            "uploaded_by",
            "created_at",
        ]
        read_only_fields = [
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_by",
            "created_at",
        ]


class AuditEventSerializer(ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="email", read_only=True)

    class Meta:
        model = AuditEvent
        fields = ["id", "created_at", "actor", "action", "object_repr", "changes", "note"]


class MembershipSerializer(ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    full_name = serializers.CharField(source="user.full_name", read_only=True)
    agency = serializers.StringRelatedField(allow_null=True)
    roles = serializers.SerializerMethodField()
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "partnership",
            "email",
            "full_name",
            "agency",
            "job_title",
            "roles",
            "is_active",
        ]

    def get_roles(self, obj) -> list[str]:
        return sorted(obj.role_set)


class InvitationSerializer(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    job_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.none(), required=False, allow_null=True
    )
    roles = serializers.ListField(child=serializers.CharField(), allow_empty=False, min_length=1)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        membership = getattr(request, "membership", None) if request else None
        if membership is not None:
            fields["agency"].queryset = Agency.objects.filter(partnership=membership.partnership_id)
        return fields


class RenderStatusSerializer(serializers.Serializer):
    """The answer while a PDF is not ready: poll again after ``retry_after`` seconds (also in
    the Retry-After header); ``failed`` has none: POST to the same URL to try again."""

    status = serializers.ChoiceField(choices=RenderStatus.choices)
    retry_after = serializers.IntegerField(allow_null=True)
