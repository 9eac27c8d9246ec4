from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.api.base import ModelSerializer
from cases.models import Agency
from referrals.choices import (
    AlternativeReview,
    ChallengeKind,
    ExecutiveVerdict,
    ExternalSource,
    StepOutcome,
)
from referrals.models import (
    Challenge,
    ChallengeStep,
    ExecutiveDecision,
    InformationRequest,
    Recommendation,
    Referral,
    ReferralAgencyContact,
    ReferralChild,
    ReferralLookup,
    ReferralPerson,
    ReviewGroupListing,
    TriageDecision,
)
from referrals.services.drafts import CHILD_FIELDS, CONTACT_FIELDS, DRAFT_FIELDS, PERSON_FIELDS
from referrals.services.executive import RECOMMENDATION_FIELDS


class _Optional(ModelSerializer):
    """Every field optional and blank-able: a draft saves whatever is sent; the services
    validate (their errors come back as 400 with the field's reason)."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            if field.read_only:
                continue
            field.required = False
            field.validators = []
            if isinstance(field, serializers.CharField | serializers.ChoiceField):
                field.allow_blank = True
            if hasattr(field, "allow_null") and not isinstance(field, serializers.CharField):
                field.allow_null = True
        return fields


class ChildSerializer(_Optional):
    class Meta:
        model = ReferralChild
        fields = ["id", *CHILD_FIELDS]


class PersonSerializer(_Optional):
    class Meta:
        model = ReferralPerson
        fields = ["id", *PERSON_FIELDS]


class AgencyContactSerializer(_Optional):
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.none(), required=False, allow_null=True
    )

    class Meta:
        model = ReferralAgencyContact
        fields = ["id", *CONTACT_FIELDS]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        membership = getattr(request, "membership", None) if request else None
        if membership is not None:
            fields["agency"].queryset = Agency.objects.filter(partnership=membership.partnership_id)
        return fields


class DraftSerializer(_Optional):
    reasons = serializers.ListField(child=serializers.CharField(), required=False)
    characteristics = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        model = Referral
        fields = list(DRAFT_FIELDS)


class InformationRequestSerializer(ModelSerializer):
    requested_by = serializers.StringRelatedField()
    responded_by = serializers.StringRelatedField()

    class Meta:
        model = InformationRequest
        fields = [
            "id",
            "question",
            "respond_by",
            "requested_by",
            "created_at",
            "response",
            "responded_by",
            "responded_at",
        ]


class ListingSerializer(ModelSerializer):
    class Meta:
        model = ReviewGroupListing
        fields = ["id", "meeting_date", "note", "created_at"]


class DecisionSerializer(ModelSerializer):
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = TriageDecision
        fields = [
            "id",
            "outcome",
            "outcome_label",
            "learning_option",
            "learning_option_label",
            "alternative_review",
            "rationale",
            "decided_on",
            "decided_by",
            "attendees",
            "recorded_by",
            "created_at",
        ]


class ExecutiveDecisionSerializer(ModelSerializer):
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = ExecutiveDecision
        fields = ["id", "verdict", "rationale", "meeting_date", "attendees", "recorded_by"]


class RecommendationSerializer(ModelSerializer):
    executive_decision = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = ["id", *RECOMMENDATION_FIELDS, "sent_at", "executive_decision"]

    def get_executive_decision(self, obj) -> dict | None:
        decision = getattr(obj, "executive_decision", None)
        return ExecutiveDecisionSerializer(decision).data if decision else None


class NotificationAgreementSerializer(serializers.Serializer):
    """A statutory partner's word on a recommended notification (issue 12)."""

    id = serializers.IntegerField()
    agency = serializers.CharField(source="agency.name")
    agrees = serializers.BooleanField()
    rationale = serializers.CharField()
    escalated_to = serializers.CharField(help_text="Empty unless this is an escalation.")
    recorded_at = serializers.DateTimeField()


class ReferralSerializer(ModelSerializer):
    agency = serializers.StringRelatedField()
    case_reference = serializers.CharField(source="case.reference", default=None, allow_null=True)
    children = serializers.SerializerMethodField()
    people = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()
    information_requests = InformationRequestSerializer(many=True, read_only=True)
    listings = ListingSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)
    notification_agreements = serializers.SerializerMethodField(
        help_text="The statutory partners' agreements and escalations (issue 12): for the"
        " partnership's readers, the executive and the partners deciding; empty for others."
    )

    class Meta:
        model = Referral
        fields = [
            "id",
            "reference",
            "status",
            "case",
            "case_reference",
            "agency",
            "is_external",
            *DRAFT_FIELDS,
            "sent_for_authorisation_at",
            "authorised_at",
            "submitted_at",
            "received_on",
            "quality_assured_at",
            "outcome",
            "decided_at",
            "withdrawn_at",
            "created_at",
            "updated_at",
            "children",
            "people",
            "contacts",
            "information_requests",
            "listings",
            "decisions",
            "recommendations",
            "notification_agreements",
        ]
        read_only_fields = fields

    def _live(self, qs, serializer):
        return serializer([x for x in qs.all() if x.archived_at is None], many=True).data

    @extend_schema_field(NotificationAgreementSerializer(many=True))
    def get_notification_agreements(self, obj) -> list[dict]:
        from cases.models import Role
        from referrals import deciding
        from referrals.permissions import PARTNERSHIP_READERS

        membership = self.context.get("membership")
        if membership is None or not (
            membership.has_role(*PARTNERSHIP_READERS, Role.EXECUTIVE)
            or deciding.takes_part(membership)
        ):
            return []
        rows = obj.notification_agreements.select_related("agency")
        return NotificationAgreementSerializer(rows, many=True).data

    def get_children(self, obj) -> list[dict]:
        return self._live(obj.children, ChildSerializer)

    def get_people(self, obj) -> list[dict]:
        return self._live(obj.people, PersonSerializer)

    def get_contacts(self, obj) -> list[dict]:
        return self._live(obj.contacts, AgencyContactSerializer)


class ReferralSummarySerializer(ModelSerializer):
    agency = serializers.StringRelatedField(allow_null=True)
    case_reference = serializers.CharField(source="case.reference", default=None, allow_null=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "reference",
            "status",
            "case",
            "case_reference",
            "agency",
            "is_external",
            "external_source",
            "referrer_name",
            "received_on",
            "outcome",
            "created_at",
            "updated_at",
        ]


class CreateSerializer(serializers.Serializer):
    external = serializers.BooleanField(
        default=False, help_text="A referral entered for someone without an account."
    )
    external_source = serializers.ChoiceField(
        choices=ExternalSource.choices, required=False, allow_blank=True
    )
    referrer_organisation = serializers.CharField(required=False, allow_blank=True)
    referrer_name = serializers.CharField(required=False, allow_blank=True)

    def validate(self, data):
        if data.get("external") and not data.get("external_source"):
            raise serializers.ValidationError({"external_source": "Select who made the referral"})
        return data


class AuthoriseSerializer(serializers.Serializer):
    received_on = serializers.DateField(
        required=False, help_text="External referrals only: the day it arrived."
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnSerializer(serializers.Serializer):
    comments = serializers.CharField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AgencyInformationInputSerializer(serializers.Serializer):
    agency = serializers.IntegerField(help_text="The id of an agency other than the referrer's.")
    question = serializers.CharField(allow_blank=True)
    respond_by = serializers.DateField(required=False, allow_null=True)


class AgencyRequestSerializer(serializers.Serializer):
    """A call for information as the asked agency sees it: the question and who the child is."""

    id = serializers.IntegerField()
    referral = serializers.CharField(source="referral.display_reference")
    agency = serializers.CharField(source="agency.name")
    question = serializers.CharField()
    respond_by = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    children = serializers.SerializerMethodField()
    response = serializers.CharField()
    responded_at = serializers.DateTimeField(allow_null=True)

    def get_children(self, obj) -> list[dict]:
        return [
            {
                "name": f"{c.first_name} {c.last_name}".strip(),
                "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else None,
                "nhs_number": c.nhs_number,
            }
            for c in obj.referral.children.filter(archived_at__isnull=True)
        ]


class AgencyResponseSerializer(serializers.Serializer):
    response = serializers.CharField(allow_blank=True)


class MediaNoteSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True)


class InformationQuestionSerializer(serializers.Serializer):
    question = serializers.CharField()
    respond_by = serializers.DateField(required=False, allow_null=True, default=None)


class InformationResponseSerializer(serializers.Serializer):
    response = serializers.CharField()


class ScheduleSerializer(serializers.Serializer):
    meeting_date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DecideSerializer(serializers.Serializer):
    outcome = serializers.CharField(help_text="A key of the partnership's triage_outcomes.")
    rationale = serializers.CharField()
    decided_on = serializers.DateField()
    decided_by = serializers.CharField()
    attendees = serializers.CharField(required=False, allow_blank=True, default="")
    learning_option = serializers.CharField(required=False, allow_blank=True, default="")
    alternative_review = serializers.ChoiceField(
        choices=AlternativeReview.choices, required=False, allow_blank=True, default=""
    )
    information_needed = serializers.CharField(required=False, allow_blank=True, default="")


class RecommendationChildSerializer(serializers.Serializer):
    child = serializers.IntegerField(help_text="The id of one of the referral's children.")
    name = serializers.CharField(read_only=True)
    legal_status = serializers.CharField(allow_blank=True, required=False)
    child_protection_plan = serializers.CharField(allow_blank=True, required=False)


class RecommendSerializer(_Optional):
    characteristics = serializers.ListField(child=serializers.CharField(), required=False)
    children = RecommendationChildSerializer(many=True, required=False)

    class Meta:
        model = Recommendation
        fields = list(RECOMMENDATION_FIELDS)


class ExecutiveDecisionInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=ExecutiveVerdict.choices)
    rationale = serializers.CharField()
    meeting_date = serializers.DateField()
    attendees = serializers.CharField()


class NotificationAgreementInputSerializer(serializers.Serializer):
    """A statutory partner's answer (Swindon, seed 001): true agrees that the incident should be
    notified."""

    agrees = serializers.BooleanField()
    rationale = serializers.CharField()


class NotificationEscalationInputSerializer(serializers.Serializer):
    """Another partner's disagreement with the local authority (Dorset 2.1, BCP section 6)."""

    rationale = serializers.CharField()


class LinkCaseSerializer(serializers.Serializer):
    case = serializers.IntegerField(help_text="The id of one of the possible duplicates.")


class DuplicateSerializer(serializers.Serializer):
    case = serializers.IntegerField(source="case.pk")
    reference = serializers.CharField(source="case.reference")
    reasons = serializers.ListField(child=serializers.CharField())


class ChallengeStepSerializer(ModelSerializer):
    class Meta:
        model = ChallengeStep
        fields = ["id", "position", "step_key", "step_label", "outcome", "notes", "held_on"]


class ChallengeSerializer(ModelSerializer):
    records = ChallengeStepSerializer(many=True, read_only=True)

    class Meta:
        model = Challenge
        fields = [
            "id",
            "kind",
            "raised_by_name",
            "raised_on",
            "grounds",
            "steps",
            "status",
            "records",
            "created_at",
            "closed_at",
        ]


class ChallengeInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ChallengeKind.choices)
    grounds = serializers.CharField()
    raised_on = serializers.DateField()
    raised_by_name = serializers.CharField(required=False, allow_blank=True, default="")


class ChallengeStepInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=StepOutcome.choices)
    notes = serializers.CharField()
    held_on = serializers.DateField()


class LookupSerializer(ModelSerializer):
    class Meta:
        model = ReferralLookup
        fields = ["id", "kind", "key", "label", "position", "is_active"]
