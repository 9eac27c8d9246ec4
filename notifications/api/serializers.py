"""What the notification API reads and takes. Input serializers check types and lengths only;
the rules across answers are the services' (their errors come back as 400 with the field)."""

from rest_framework import serializers

from cases.api.base import ModelSerializer
from notifications.choices import AbuseOrNeglect, CareStatus, Harm, Location, RequestAnswer
from notifications.models import (
    MAX_CHILDREN,
    NotificationChild,
    NotificationCopy,
    NotificationRequest,
    SeriousIncidentNotification,
)
from notifications.services.drafts import ANSWER_FIELDS, CHILD_FIELDS


def _name(user) -> str:
    if user is None:
        return ""
    return user.full_name or user.email


class SinChildSerializer(ModelSerializer):
    class Meta:
        model = NotificationChild
        fields = ["position", *CHILD_FIELDS, "subject_id"]
        read_only_fields = ["position"]
        extra_kwargs = {
            "subject_id": {"required": False, "allow_null": True},
            **{
                f: {"required": False, "allow_blank": True}
                for f in CHILD_FIELDS
                if f not in ("first_name", "date_of_birth", "date_of_death")
            },
            "date_of_birth": {"required": False, "allow_null": True},
            "date_of_death": {"required": False, "allow_null": True},
        }


class SinChildrenSerializer(serializers.Serializer):
    children = SinChildSerializer(many=True, max_length=MAX_CHILDREN)


class SinNotificationSummarySerializer(ModelSerializer):
    """A list row: no child's details, so the list writes no access-log row."""

    case_reference = serializers.CharField(source="case.reference", read_only=True)

    class Meta:
        model = SeriousIncidentNotification
        fields = [
            "id",
            "case",
            "case_reference",
            "status",
            "awareness_date",
            "created_at",
            "submitted_at",
            "rapid_review_acknowledged_on",
        ]
        read_only_fields = fields


class SinNotificationSerializer(ModelSerializer):
    case_reference = serializers.CharField(source="case.reference", read_only=True)
    children = SinChildSerializer(many=True, read_only=True)
    created_by = serializers.SerializerMethodField()
    submitted_by = serializers.SerializerMethodField()
    sign_off = serializers.SerializerMethodField()
    sign_off_status = serializers.SerializerMethodField()

    class Meta:
        model = SeriousIncidentNotification
        fields = [
            "id",
            "case",
            "case_reference",
            "status",
            "children",
            *ANSWER_FIELDS,
            "referral_id",
            "created_by",
            "created_at",
            "updated_at",
            "sign_off",
            "sign_off_status",
            "submitted_at",
            "submitted_by",
            "national_reference",
            "submitted_copy",
            "rapid_review_acknowledged_on",
            "withdrawn_reason",
        ]
        read_only_fields = fields

    def get_created_by(self, n) -> str:
        return _name(n.created_by)

    def get_submitted_by(self, n) -> str:
        """Who recorded the submission; "" until submitted."""
        return _name(n.submitted_by)

    def _sign_off(self, n):
        from notifications.services.drafts import current_sign_off

        if not hasattr(n, "_current_sign_off"):
            n._current_sign_off = current_sign_off(n)
        return n._current_sign_off

    def get_sign_off(self, n) -> int | None:
        """The sign-off chain (see /sign-offs/<id>/), once it was started."""
        sign_off = self._sign_off(n)
        return sign_off.pk if sign_off else None

    def get_sign_off_status(self, n) -> str:
        sign_off = self._sign_off(n)
        return sign_off.status if sign_off else ""


class SinCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The case to notify about. Left out: a case is opened (give title and "
        "awareness_date), for a notification without a referral.",
    )
    title = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        help_text="Without a case: a short title that does not identify the child.",
    )
    awareness_date = serializers.DateField(required=False, allow_null=True)


def _choice(choices):
    return serializers.ChoiceField(choices, required=False, allow_blank=True)


def _text():
    return serializers.CharField(max_length=20000, required=False, allow_blank=True)


class SinAnswersSerializer(serializers.Serializer):
    """Any subset of the national form's answers."""

    other_children = _text()
    incident_date = serializers.DateField(required=False, allow_null=True)
    awareness_date = serializers.DateField(required=False, allow_null=True)
    location = _choice(Location.choices)
    care_status = _choice(CareStatus.choices)
    abuse_or_neglect = _choice(AbuseOrNeglect.choices)
    harm = _choice(Harm.choices)
    characteristics = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=60
    )
    characteristics_other = _text()
    outline = _text()
    immediate_action = _text()
    learning = _text()
    criteria = _text()


class SinSubmitSerializer(serializers.Serializer):
    submitted_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When it was submitted through the national portal (left out: now).",
    )
    national_reference = serializers.CharField(max_length=60, required=False, allow_blank=True)
    copy = serializers.FileField(
        required=False,
        allow_null=True,
        help_text="The copy downloaded from the portal; stored on the case, named with the "
        "date of notification (Dorset 002 3.4).",
    )


class SinAcknowledgeSerializer(serializers.Serializer):
    acknowledged_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The date the National Panel said a rapid review is required (left out: "
        "today). The rapid review's clock starts.",
    )


class SinReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=10000)


class SinRequestSerializer(ModelSerializer):
    case_reference = serializers.CharField(source="case.reference", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True, default="")
    raised_by = serializers.SerializerMethodField()

    class Meta:
        model = NotificationRequest
        fields = [
            "id",
            "case",
            "case_reference",
            "agency",
            "agency_name",
            "raised_by",
            "reason",
            "created_at",
            "answer",
            "answer_reason",
            "answered_at",
            "escalated_to",
            "escalated_at",
        ]
        read_only_fields = fields

    def get_raised_by(self, r) -> str:
        return _name(r.raised_by)


class SinRequestCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    reason = serializers.CharField(max_length=10000)


class SinAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField([c for c in RequestAnswer.choices if c[0]])
    reason = serializers.CharField(
        max_length=10000,
        required=False,
        allow_blank=True,
        help_text="Required when the local authority disagrees.",
    )


class SinEscalateSerializer(serializers.Serializer):
    escalated_to = serializers.CharField(max_length=200)


class SinCopySerializer(ModelSerializer):
    """Who gets a copy of the submitted notification, by when, and whether it went."""

    sent_by_name = serializers.SerializerMethodField()
    added = serializers.BooleanField(source="is_added", read_only=True)

    class Meta:
        model = NotificationCopy
        fields = [
            "id",
            "position",
            "key",
            "label",
            "note",
            "due_date",
            "sent_on",
            "sent_by_name",
            "added",
            "created_at",
        ]
        read_only_fields = fields

    def get_sent_by_name(self, copy) -> str:
        return _name(copy.sent_by)


class SinCopyAddSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=255, allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class SinCopySentSerializer(serializers.Serializer):
    sent_on = serializers.DateField(required=False, allow_null=True, default=None)
