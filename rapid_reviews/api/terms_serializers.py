"""The terms of reference through the API: what they read and take."""

from rest_framework import serializers

from cases.api.base import ModelSerializer
from cases.models.meetings import MeetingRole
from rapid_reviews.models import TermsOfReference, TermsOfReferenceMember

TEXT = {"max_length": 20000, "allow_blank": True, "required": False}
DATE = {"allow_null": True, "required": False}


class TermsMemberSerializer(ModelSerializer):
    """A row of Appendix E's membership table."""

    person_name = serializers.CharField(
        max_length=200,
        allow_blank=True,
        required=False,
        default="",
        help_text="Blank while the individual is to be named.",
    )
    role = serializers.ChoiceField(choices=MeetingRole.choices)

    class Meta:
        model = TermsOfReferenceMember
        fields = ["organisation", "person_name", "role"]


class TermsApprovalSerializer(serializers.Serializer):
    """A statutory partner agency and its approval of the version (null fields: not yet)."""

    agency = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.name")
    approved = serializers.BooleanField()
    approved_at = serializers.DateTimeField(allow_null=True)
    approved_by_name = serializers.CharField(allow_null=True)
    recorded_for_agency = serializers.BooleanField(
        help_text="A business manager recorded the agency's approval."
    )
    comments = serializers.CharField(allow_blank=True)


class TermsVersionSerializer(ModelSerializer):
    class Meta:
        model = TermsOfReference
        fields = ["version", "status", "created_at", "sent_at", "agreed_at"]
        read_only_fields = fields


class TermsOfReferenceSerializer(ModelSerializer):
    members = TermsMemberSerializer(many=True, read_only=True)
    approvals = TermsApprovalSerializer(
        many=True,
        read_only=True,
        source="approval_rows",
        help_text="Each statutory partner agency, approved or not: the version is agreed when"
        " all have approved.",
    )
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = TermsOfReference
        fields = [
            "id",
            "rapid_review",
            "version",
            "status",
            "is_current",
            "background",
            "purpose",
            "people_in_scope",
            "scope_agreed_on",
            "scope_from",
            "scope_to",
            "include_earlier_information",
            "contributors",
            "methodology",
            "reporting",
            "chronology_due",
            "meeting_dates",
            "members",
            "approvals",
            "created_at",
            "updated_at",
            "sent_at",
            "agreed_at",
        ]
        read_only_fields = fields


class TermsUpdateSerializer(serializers.Serializer):
    """The draft's fields you change (those left out stay); `members`, when given, replaces the
    membership table."""

    background = serializers.CharField(**TEXT)
    purpose = serializers.CharField(**TEXT)
    people_in_scope = serializers.CharField(
        **TEXT,
        help_text="One a line: name, relationship to the child, date of birth, address, NHS"
        " number.",
    )
    scope_agreed_on = serializers.DateField(**DATE)
    scope_from = serializers.DateField(**DATE)
    scope_to = serializers.DateField(**DATE)
    include_earlier_information = serializers.BooleanField(required=False)
    contributors = serializers.CharField(**TEXT, help_text="One agency a line.")
    methodology = serializers.CharField(**TEXT)
    reporting = serializers.CharField(**TEXT)
    chronology_due = serializers.DateField(**DATE)
    meeting_dates = serializers.CharField(**TEXT)
    members = TermsMemberSerializer(many=True, required=False, max_length=100)

    def validate(self, attrs):
        start, end = attrs.get("scope_from"), attrs.get("scope_to")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"scope_to": "The end of the scope period must be the same as or after its start"}
            )
        return attrs


class TermsApproveSerializer(serializers.Serializer):
    agency = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The statutory partner agency whose approval a business manager records;"
        " others approve for their own agency and leave it out.",
    )
    comments = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")
