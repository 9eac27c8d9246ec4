"""The rapid review report through the API: what it reads and takes."""

from rest_framework import serializers

from cases.api.base import ModelSerializer
from cases.models import ActionItem
from rapid_reviews.choices import ReportStatus, ReviewDecision
from rapid_reviews.models import RapidReviewOutcome, RapidReviewReport, RapidReviewReportVersion

CONTENT_HELP = (
    "The sections by key (rapid_reviews/report_sections.py): text sections are strings;"
    " `criteria` maps each criterion to {decision: yes|no|'', notes}; `recommendation` is"
    " {choice: A..I|'', other}; `good_practice` and `learning_actions` are lists of rows by"
    " agency."
)


class ActionItemSerializer(ModelSerializer):
    owner = serializers.CharField(source="owner_label", read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "case",
            "owner_agency",
            "owner",
            "what",
            "due_date",
            "success_measure",
            "status",
            "created_at",
        ]
        read_only_fields = fields


class RapidReviewReportVersionSerializer(ModelSerializer):
    saved_by_name = serializers.SerializerMethodField()

    class Meta:
        model = RapidReviewReportVersion
        fields = ["number", "changed_sections", "saved_by_name", "saved_at", "comment"]
        read_only_fields = fields

    def get_saved_by_name(self, version) -> str:
        return version.saved_by.full_name or version.saved_by.email


class RapidReviewReportSerializer(ModelSerializer):
    status = serializers.ChoiceField(
        choices=ReportStatus.choices,
        source="effective_status",
        read_only=True,
        help_text="With the sign-off chain's outcome read in.",
    )
    content = serializers.JSONField(read_only=True, help_text=CONTENT_HELP)
    missing = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text="What the report still needs before sign-off, by section.",
    )
    sign_off = serializers.IntegerField(allow_null=True, read_only=True, source="sign_off_id")
    action_items = ActionItemSerializer(many=True, read_only=True)

    class Meta:
        model = RapidReviewReport
        fields = [
            "id",
            "rapid_review",
            "status",
            "version",
            "content",
            "missing",
            "sign_off",
            "submitted_on",
            "decision_meeting",
            "decision_recorded_at",
            "created_at",
            "updated_at",
            "action_items",
        ]
        read_only_fields = fields


class RapidReviewReportSaveSerializer(serializers.Serializer):
    base_version = serializers.IntegerField(
        min_value=1, help_text="The version your edit started from."
    )
    sections = serializers.DictField(help_text="The sections you changed. " + CONTENT_HELP)
    comment = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")


class RapidReviewReportConflictItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    by = serializers.CharField()
    theirs = serializers.CharField()
    mine = serializers.CharField()
    message = serializers.CharField()


class RapidReviewReportConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField()
    conflicts = RapidReviewReportConflictItemSerializer(many=True)


class RapidReviewReportSendSerializer(serializers.Serializer):
    comments = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")


class RapidReviewReportSubmitSerializer(serializers.Serializer):
    sent_on = serializers.DateField(allow_null=True)


class RapidReviewReportDecisionSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(
        help_text="The case's meeting that agreed the decision: it must have been quorate."
    )


class RapidReviewConcludeSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    decided_on = serializers.DateField(allow_null=True)
    rationale = serializers.CharField(max_length=20000, allow_blank=True)


class RapidReviewOutcomeSerializer(ModelSerializer):
    class Meta:
        model = RapidReviewOutcome
        fields = ["id", "rapid_review", "decision", "decided_on", "rationale", "recorded_at"]
        read_only_fields = fields
