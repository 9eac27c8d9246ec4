"""What the rapid review API reads and takes. Input serializers check types only; the rules
are the services' (their errors come back as 400 with the field)."""

from rest_framework import serializers

from cases.api.base import ModelSerializer
from rapid_reviews.choices import MilestoneStatus, ReviewSource
from rapid_reviews.models import InformationRequest, RapidReview

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


class ReviewInformationRequestSerializer(ModelSerializer):
    """A request and its return. `answers` is keyed by the partnership's return questions
    (the workflow setting `rapid_review_return`)."""

    agency_name = serializers.CharField(source="agency.name", read_only=True)
    late = serializers.BooleanField(help_text="Open and past its due date.")
    answers = serializers.DictField(child=serializers.CharField())

    class Meta:
        model = InformationRequest
        fields = [
            "id",
            "rapid_review",
            "case",
            "agency",
            "agency_name",
            "status",
            "late",
            "due_date",
            "due_time",
            "chronology",
            "sent_by",
            "sent_at",
            "chase_count",
            "last_chased_at",
            "closed_reason",
            "closed_at",
            "answers",
            "written_by",
            "written_at",
            "quality_assured_by",
            "quality_assured_at",
            "signed_off_by",
            "signed_off_at",
            "not_involved_declared",
            "entered_on_behalf",
            "entered_by",
            "returned_at",
            "updated_at",
        ]
        read_only_fields = fields


class RequestsSendSerializer(serializers.Serializer):
    agencies = serializers.ListField(child=serializers.IntegerField(), max_length=200)
    due_date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Defaults to the date of the clock's agency_returns milestone.",
    )
    with_chronology = serializers.BooleanField(required=False, default=False)


class ReturnAnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=20000),
        help_text="Answers keyed by the partnership's return questions.",
    )


class ReturnSignOffSerializer(serializers.Serializer):
    not_involved = serializers.BooleanField(
        help_text="The signatory's declaration: I was not involved in the case."
    )


class RequestCloseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, allow_blank=True)
