"""What the National Panel replies API reads and takes. Input serializers check types only; the
rules are the services' (their errors come back as 400 with the field)."""

from rest_framework import serializers

from cases.api.base import ModelSerializer
from notifications.choices import PanelDecision, PartnershipView, Reconsideration
from notifications.models import PanelResponse


class PanelResponseSerializer(ModelSerializer):
    case_reference = serializers.CharField(source="case.reference", read_only=True)
    letter_name = serializers.CharField(source="letter.original_name", default="", read_only=True)
    is_contrary = serializers.BooleanField(read_only=True)

    class Meta:
        model = PanelResponse
        fields = [
            "id",
            "case",
            "case_reference",
            "notice",
            "round",
            "status",
            "submitted_on",
            "partnership_view",
            "meeting_date",
            "received_on",
            "decision",
            "comments",
            "letter",
            "letter_name",
            "is_contrary",
            "reconsidered_by_body",
            "reconsideration",
            "reconsideration_reasons",
            "reconsidered_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PanelOpenSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    submitted_on = serializers.DateField(allow_null=True)
    partnership_view = serializers.ChoiceField(
        choices=PartnershipView.choices, required=False, allow_blank=True
    )
    meeting_date = serializers.DateField(required=False, allow_null=True)


class PanelMeetingSerializer(serializers.Serializer):
    meeting_date = serializers.DateField(allow_null=True)


class PanelReplySerializer(serializers.Serializer):
    received_on = serializers.DateField(allow_null=True)
    decision = serializers.ChoiceField(choices=PanelDecision.choices)
    comments = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    partnership_view = serializers.ChoiceField(
        choices=PartnershipView.choices,
        required=False,
        allow_blank=True,
        help_text="Left out: the one recorded when the rapid review was sent.",
    )
    letter = serializers.FileField(required=False, allow_null=True)


class PanelInformationSerializer(serializers.Serializer):
    sent_on = serializers.DateField(allow_null=True)
    meeting_date = serializers.DateField(required=False, allow_null=True)


class PanelReconsiderSerializer(serializers.Serializer):
    reconsideration = serializers.ChoiceField(choices=Reconsideration.choices)
    reconsideration_reasons = serializers.CharField(max_length=20000, allow_blank=True)
    reconsidered_on = serializers.DateField(allow_null=True)
