"""What the rapid review API reads and takes. Input serializers check types only; the rules
are the services' (their errors come back as 400 with the field)."""

from rest_framework import serializers

from cases.api.base import ModelSerializer
from rapid_reviews.choices import MilestoneStatus, ReviewSource
from rapid_reviews.models import RapidReview

SUMMARY_FIELDS = [
    "id",
    "case",
    "case_reference",
    "status",
    "source",
    "day_zero",
    "day_zero_event",
    "started_at",
    "withdrawn_reason",
    "withdrawn_at",
    "updated_at",
]


class RapidReviewSummarySerializer(ModelSerializer):
    case_reference = serializers.CharField(source="case.reference", read_only=True)

    class Meta:
        model = RapidReview
        fields = SUMMARY_FIELDS
        read_only_fields = fields


class MilestoneSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    due = serializers.DateField()
    starts = serializers.DateField(allow_null=True)
    time = serializers.CharField(allow_null=True, help_text="Due by this time of day (HH:MM).")
    day = serializers.IntegerField(allow_null=True, help_text="Working day after day zero.")
    status = serializers.ChoiceField(choices=MilestoneStatus.choices)
    responsible = serializers.CharField()
    source = serializers.CharField(help_text="Where in the partnership's procedure it is set.")
    rule_text = serializers.CharField()


class NextMilestoneSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    due = serializers.DateField()


class RapidReviewSerializer(RapidReviewSummarySerializer):
    day = serializers.IntegerField(
        allow_null=True, help_text="Working day N of the review (day zero is 0)."
    )
    total_days = serializers.IntegerField(allow_null=True, help_text="Its length: 15.")
    summary = serializers.CharField(help_text='"Day N of 15", or where the clock stands.')
    next_milestone = NextMilestoneSerializer(allow_null=True)
    milestones = MilestoneSerializer(many=True)

    class Meta:
        model = RapidReview
        fields = [*SUMMARY_FIELDS, "day", "total_days", "summary", "next_milestone", "milestones"]
        read_only_fields = fields


class RapidReviewStartSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    source = serializers.ChoiceField(choices=ReviewSource.choices)
    day_zero = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Used only while the case has not recorded the event the partnership counts"
        " the rapid review from.",
    )


class RapidReviewWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, allow_blank=True)
