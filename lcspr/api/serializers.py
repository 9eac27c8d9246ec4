"""What the LCSPR API reads and takes. Input serializers check types only; the rules are the
services' (their errors come back as 400 with the field)."""

from rest_framework import serializers

from cases.api.base import ModelSerializer
from lcspr.choices import BriefingStatus, LcsprSource
from lcspr.models import LearningReview, LocalReview, SevenMinuteBriefing
from rapid_reviews.api.serializers import MilestoneSerializer, NextMilestoneSerializer

SUMMARY_FIELDS = [
    "id",
    "case",
    "case_reference",
    "status",
    "source",
    "day_zero",
    "day_zero_event",
    "target_publication_date",
    "delay_reasons",
    "published_on",
    "web_address",
    "nspcc_submitted_on",
    "withdrawn_reason",
    "withdrawn_at",
    "started_at",
    "updated_at",
]


class LcsprSummarySerializer(ModelSerializer):
    case_reference = serializers.CharField(source="case.reference", read_only=True)
    web_address = serializers.CharField(
        read_only=True, help_text="Where the report is published; empty until it is."
    )

    class Meta:
        model = LocalReview
        fields = SUMMARY_FIELDS
        read_only_fields = fields


class LcsprSerializer(LcsprSummarySerializer):
    six_months_end = serializers.DateField(
        help_text="When it must be completed and published: the lcspr_complete milestone."
    )
    delay_notice = serializers.IntegerField(
        allow_null=True, help_text="The id of the delay notice still to be sent, if any."
    )
    next_milestone = NextMilestoneSerializer(allow_null=True)
    milestones = MilestoneSerializer(many=True)
    publication_milestones = MilestoneSerializer(
        many=True, help_text="Counted back from the target publication date once it is set."
    )

    class Meta:
        model = LocalReview
        fields = [
            *SUMMARY_FIELDS,
            "six_months_end",
            "delay_notice",
            "next_milestone",
            "milestones",
            "publication_milestones",
        ]
        read_only_fields = fields


class LcsprStartSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    source = serializers.ChoiceField(choices=LcsprSource.choices)
    day_zero = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The date of the decision; used only while the case has not recorded the"
        " event the partnership counts the LCSPR from.",
    )


class LcsprTargetSerializer(serializers.Serializer):
    target = serializers.DateField(allow_null=True)
    reason = serializers.CharField(
        max_length=5000, allow_blank=True, required=False, help_text="Needed to move a target."
    )
    delay_reasons = serializers.CharField(
        max_length=5000,
        allow_blank=True,
        required=False,
        help_text="Needed for a target after six months: they go into the delay notice.",
    )


class LcsprPublishSerializer(serializers.Serializer):
    published_on = serializers.DateField(allow_null=True)
    web_address = serializers.CharField(max_length=500, allow_blank=True)
    nspcc_submitted_on = serializers.DateField(required=False, allow_null=True)


class LearningReviewSerializer(ModelSerializer):
    case_reference = serializers.CharField(source="case.reference", read_only=True)

    class Meta:
        model = LearningReview
        fields = [
            "id",
            "case",
            "case_reference",
            "status",
            "option",
            "option_label",
            "lead",
            "governance",
            "lines_of_enquiry",
            "day_zero",
            "due",
            "summary_of_learning",
            "completed_on",
            "started_at",
            "updated_at",
        ]
        read_only_fields = fields


class LearningReviewStartSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    option = serializers.CharField(
        max_length=60, help_text="A key of the learning_options setting."
    )
    day_zero = serializers.DateField(allow_null=True)
    lines_of_enquiry = serializers.CharField(max_length=10000, allow_blank=True)
    lead = serializers.CharField(max_length=300, allow_blank=True, required=False)
    governance = serializers.CharField(max_length=300, allow_blank=True, required=False)


class LearningReviewCompleteSerializer(serializers.Serializer):
    completed_on = serializers.DateField(allow_null=True)
    summary_of_learning = serializers.CharField(max_length=10000, allow_blank=True)


class LcsprWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, allow_blank=True)


class BriefingSerializer(ModelSerializer):
    case_reference = serializers.CharField(source="case.reference", read_only=True)
    status = serializers.ChoiceField(
        choices=BriefingStatus.choices,
        source="current_status",
        read_only=True,
        help_text="With the sign-off chain's outcome read in.",
    )
    web_address = serializers.CharField(
        read_only=True, help_text="Where it was published; blank until then."
    )

    class Meta:
        model = SevenMinuteBriefing
        fields = [
            "id",
            "case",
            "case_reference",
            "local_review",
            "learning_review",
            "status",
            "title",
            "background",
            "why_it_matters",
            "information",
            "think_about",
            "questions",
            "what_to_do",
            "further_information",
            "published_on",
            "web_address",
            "contacts_told",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class BriefingCreateSerializer(serializers.Serializer):
    local_review = serializers.IntegerField(
        required=False, allow_null=True, help_text="The LCSPR it is for."
    )
    learning_review = serializers.IntegerField(
        required=False, allow_null=True, help_text="Or the learning review it is for."
    )


class BriefingSaveSerializer(serializers.Serializer):
    """The fields given are saved; each section up to 700 characters (the service checks)."""

    title = serializers.CharField(max_length=1000, allow_blank=True, required=False)
    background = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    why_it_matters = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    information = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    think_about = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    questions = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    what_to_do = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    further_information = serializers.CharField(max_length=5000, allow_blank=True, required=False)


class BriefingSendSerializer(serializers.Serializer):
    comments = serializers.CharField(max_length=5000, allow_blank=True, required=False)


class BriefingPublishSerializer(serializers.Serializer):
    published_on = serializers.DateField(allow_null=True)
    web_address = serializers.CharField(max_length=500, allow_blank=True)
    contacts = serializers.ListField(
        child=serializers.CharField(max_length=320),
        max_length=50,
        required=False,
        help_text="E-mail addresses of the key contacts to tell, one e-mail each.",
    )
