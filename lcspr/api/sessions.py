"""Reflective practitioner sessions, the practitioners' feedback, and the comms plan with its
reactive statement through the API, with the services and permissions of the pages
(lcspr.session_views): invisible ones 404, refused actions 403, wrong states 409, bad input
400 with every field's error."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from cases.api.base import ModelSerializer, PartnershipViewSet
from cases.models import Agency, MeetingInvitee, Membership
from lcspr import permissions, selectors
from lcspr.models import CommsPlan, CommsPlanItem, PractitionerFeedback, PractitionerSession
from lcspr.models.sessions import CommsChannel, CommsItemStatus, FindingsView, SessionFormat
from lcspr.services import comms as comms_svc
from lcspr.services import sessions as svc

# --- Output ---------------------------------------------------------------------------------------


class SessionInviteeSerializer(ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)
    agency_name = serializers.CharField(read_only=True)

    class Meta:
        model = MeetingInvitee
        fields = ["id", "name", "agency", "agency_name", "attended", "apologies"]
        read_only_fields = fields


class SessionSerializer(ModelSerializer):
    starts_at = serializers.DateTimeField(source="meeting.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="meeting.ends_at", read_only=True)
    location = serializers.CharField(source="meeting.location", read_only=True)
    online_link = serializers.CharField(source="meeting.online_link", read_only=True)
    meeting_status = serializers.CharField(source="meeting.status", read_only=True)
    invitees = serializers.SerializerMethodField()

    class Meta:
        model = PractitionerSession
        fields = [
            "id",
            "review",
            "meeting",
            "format",
            "starts_at",
            "ends_at",
            "location",
            "online_link",
            "meeting_status",
            "reply_by",
            "invitation_text",
            "briefing_text",
            "agenda_text",
            "invitations_sent_at",
            "invited",
            "invitees",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(SessionInviteeSerializer(many=True))
    def get_invitees(self, obj) -> list[dict]:
        rows = MeetingInvitee.objects.filter(meeting=obj.meeting_id, removed_at__isnull=True)
        rows = rows.select_related("membership__user", "agency").order_by("pk")
        return SessionInviteeSerializer(rows, many=True).data


class FeedbackSerializer(ModelSerializer):
    practitioner = serializers.CharField(source="invitee.display_name", read_only=True)

    class Meta:
        model = PractitionerFeedback
        fields = ["id", "session", "invitee", "practitioner", "view", "comments", "given_on"]
        read_only_fields = fields


class CommsItemSerializer(ModelSerializer):
    class Meta:
        model = CommsPlanItem
        fields = ["id", "audience", "message", "channel", "owner", "due_on", "status"]
        read_only_fields = fields


class CommsPlanSerializer(ModelSerializer):
    items = serializers.SerializerMethodField()

    class Meta:
        model = CommsPlan
        fields = [
            "review",
            "agreed_on",
            "agreed_by",
            "statement",
            "statement_owner",
            "statement_agreed_on",
            "statement_agreed_by",
            "items",
        ]
        read_only_fields = fields

    @extend_schema_field(CommsItemSerializer(many=True))
    def get_items(self, obj) -> list[dict]:
        if obj.pk is None:
            return []
        return CommsItemSerializer(comms_svc.plan_items(obj), many=True).data


# --- Input ----------------------------------------------------------------------------------------


class OutsidePractitionerSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, allow_blank=True)
    email = serializers.CharField(max_length=254, allow_blank=True)
    agency = serializers.IntegerField(required=False, allow_null=True)


class SessionScheduleSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=SessionFormat.choices)
    starts_at = serializers.DateTimeField(allow_null=True)
    ends_at = serializers.DateTimeField(allow_null=True)
    location = serializers.CharField(max_length=300, allow_blank=True, required=False)
    online_link = serializers.CharField(max_length=500, allow_blank=True, required=False)
    reply_by = serializers.DateField(required=False, allow_null=True)
    members = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Membership ids to invite."
    )
    outside = OutsidePractitionerSerializer(many=True, required=False)


class SessionTextsSerializer(serializers.Serializer):
    invitation_text = serializers.CharField(allow_blank=True, required=False)
    briefing_text = serializers.CharField(allow_blank=True, required=False)
    agenda_text = serializers.CharField(allow_blank=True, required=False)


class FeedbackInputSerializer(serializers.Serializer):
    invitee = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The invitee (business manager or lead reviewer); left out, your own.",
    )
    view = serializers.ChoiceField(choices=FindingsView.choices)
    comments = serializers.CharField(allow_blank=True)
    given_on = serializers.DateField(allow_null=True)


class CommsItemInputSerializer(serializers.Serializer):
    audience = serializers.CharField(max_length=200, allow_blank=True)
    message = serializers.CharField(max_length=5000, allow_blank=True)
    channel = serializers.ChoiceField(choices=CommsChannel.choices)
    owner = serializers.IntegerField(help_text="The owner's membership id.")
    due_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(
        choices=CommsItemStatus.choices, required=False, default=CommsItemStatus.PLANNED
    )


class AgreeInputSerializer(serializers.Serializer):
    agreed_on = serializers.DateField(allow_null=True)
    agreed_by = serializers.CharField(max_length=200, allow_blank=True)


class StatementInputSerializer(serializers.Serializer):
    statement = serializers.CharField(max_length=5000, allow_blank=True)
    owner = serializers.IntegerField(help_text="The owner's membership id.")


# --- Views ----------------------------------------------------------------------------------------


class _Base(PartnershipViewSet):
    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _member(self, pk, field):
        found = Membership.objects.filter(partnership=self.membership.partnership_id, pk=pk).first()
        if found is None:
            raise ValidationError({field: "Select a member of the partnership"})
        return found

    def _paginated(self, rows, serializer_class):
        """A list paginated like the API's other lists."""
        page = self.paginate_queryset(rows)
        data = serializer_class(page if page is not None else rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def _review(self, manage=False):
        review = selectors.lcspr_for_user(membership=self.membership, pk=self.kwargs["pk"])
        if manage and not permissions.can_manage_lcspr(self.membership, review.case):
            raise PermissionDenied(comms_svc.NOT_ALLOWED)
        return review


class SessionViewSet(_Base):
    """An LCSPR's reflective practitioner sessions (Swindon 001, Appendices 11-13)."""

    serializer_class = SessionSerializer

    def _session(self, invitee_too=False):
        return selectors.session_for_user(
            membership=self.membership, pk=self.kwargs["pk"], invitee_too=invitee_too
        )

    def _detail(self, session, code=status.HTTP_200_OK):
        fresh = selectors.session_for_user(membership=self.membership, pk=session.pk)
        return Response(SessionSerializer(fresh).data, status=code)

    @extend_schema(responses=SessionSerializer(many=True))
    def list(self, request, partnership_slug, pk):
        return self._paginated(svc.sessions_of(self._review()), SessionSerializer)

    @extend_schema(request=SessionScheduleSerializer, responses={201: SessionSerializer})
    def create(self, request, partnership_slug, pk):
        """Arrange a session (business managers): no e-mail until the invitations are sent."""
        review = self._review(manage=True)
        data = self._input(SessionScheduleSerializer)
        members = [self._member(m, "members") for m in data.pop("members", [])]
        outside = []
        for person in data.pop("outside", []):
            agency = None
            if person.get("agency") is not None:
                agency = Agency.objects.filter(
                    partnership=self.membership.partnership_id, pk=person["agency"]
                ).first()
                if agency is None:
                    raise ValidationError({"outside": "Select an agency of the partnership"})
            outside.append({**person, "agency": agency})
        session = svc.session_schedule(
            actor=request.user,
            membership=self.membership,
            review=review,
            invitees=svc.invitee_details(members, outside),
            **data,
        )
        return self._detail(session, status.HTTP_201_CREATED)

    @extend_schema(responses=SessionSerializer)
    def retrieve(self, request, partnership_slug, pk):
        return self._detail(self._session())

    @extend_schema(request=SessionTextsSerializer, responses=SessionSerializer)
    def texts(self, request, partnership_slug, pk):
        """Change the invitation, briefing or agenda (those given)."""
        session = svc.session_texts_save(
            actor=request.user,
            membership=self.membership,
            session=self._session(),
            **self._input(SessionTextsSerializer),
        )
        return self._detail(session)

    @extend_schema(request=None, responses=SessionSerializer)
    def send(self, request, partnership_slug, pk):
        """E-mail the invitation, briefing and agenda (with invite.ics) to those not yet sent."""
        session = self._session()
        svc.session_send_invitations(
            actor=request.user, membership=self.membership, session=session
        )
        return self._detail(session)

    @extend_schema(responses=FeedbackSerializer(many=True))
    def feedback(self, request, partnership_slug, pk):
        """Everyone's feedback for the lead reviewer and the business manager; your own for a
        practitioner invited."""
        session = self._session(invitee_too=True)
        if not svc.can_see_all_feedback(self.membership, session) and (
            svc.own_invitee(self.membership, session) is None
        ):
            raise PermissionDenied(svc.FEEDBACK_NOT_ALLOWED)
        rows = svc.visible_feedback(self.membership, session).order_by("given_on", "pk")
        return self._paginated(rows, FeedbackSerializer)

    @extend_schema(request=FeedbackInputSerializer, responses={201: FeedbackSerializer})
    def give_feedback(self, request, partnership_slug, pk):
        """Give feedback on the draft findings after the session (given again, corrected)."""
        session = self._session(invitee_too=True)
        data = self._input(FeedbackInputSerializer)
        invitee_id = data.pop("invitee", None)
        invitee = None
        if invitee_id is not None:
            invitee = MeetingInvitee.objects.filter(
                meeting=session.meeting_id, pk=invitee_id
            ).first()
            if invitee is None:
                raise ValidationError({"invitee": "Select a practitioner invited to the session"})
        row = svc.feedback_give(
            actor=request.user,
            membership=self.membership,
            session=session,
            invitee=invitee,
            **data,
        )
        return Response(FeedbackSerializer(row).data, status=status.HTTP_201_CREATED)


class CommsPlanViewSet(_Base):
    """An LCSPR's comms plan and reactive statement (Dorset 002 7.16-7.20)."""

    serializer_class = CommsPlanSerializer

    def _plan_response(self, review, code=status.HTTP_200_OK):
        plan = comms_svc.comms_plan_of(review) or CommsPlan(review=review)
        return Response(CommsPlanSerializer(plan).data, status=code)

    @extend_schema(responses=CommsPlanSerializer)
    def retrieve(self, request, partnership_slug, pk):
        return self._plan_response(self._review())

    @extend_schema(request=CommsItemInputSerializer, responses={201: CommsPlanSerializer})
    def add_item(self, request, partnership_slug, pk):
        review = self._review(manage=True)
        data = self._input(CommsItemInputSerializer)
        data["owner"] = self._member(data["owner"], "owner")
        comms_svc.comms_item_add(
            actor=request.user, membership=self.membership, review=review, **data
        )
        return self._plan_response(review, status.HTTP_201_CREATED)

    @extend_schema(
        request=CommsItemInputSerializer,
        responses=CommsPlanSerializer,
        operation_id="p_lcsprs_comms_items_update",
    )
    def update_item(self, request, partnership_slug, pk, item_pk):
        review = self._review(manage=True)
        item = CommsPlanItem.objects.filter(plan__review=review, pk=item_pk).first()
        if item is None:
            raise Http404("No such item")
        data = self._input(CommsItemInputSerializer)
        data["owner"] = self._member(data["owner"], "owner")
        comms_svc.comms_item_update(
            actor=request.user, membership=self.membership, item=item, **data
        )
        return self._plan_response(review)

    @extend_schema(request=AgreeInputSerializer, responses=CommsPlanSerializer)
    def agree(self, request, partnership_slug, pk):
        """Record the plan as agreed (meets Dorset's comms_meeting step); 409 if it is."""
        review = self._review(manage=True)
        comms_svc.comms_plan_agree(
            actor=request.user,
            membership=self.membership,
            review=review,
            **self._input(AgreeInputSerializer),
        )
        return self._plan_response(review)

    @extend_schema(request=StatementInputSerializer, responses=CommsPlanSerializer)
    def statement(self, request, partnership_slug, pk):
        review = self._review(manage=True)
        data = self._input(StatementInputSerializer)
        comms_svc.reactive_statement_save(
            actor=request.user,
            membership=self.membership,
            review=review,
            statement=data["statement"],
            owner=self._member(data["owner"], "owner"),
        )
        return self._plan_response(review)

    @extend_schema(request=AgreeInputSerializer, responses=CommsPlanSerializer)
    def agree_statement(self, request, partnership_slug, pk):
        review = self._review(manage=True)
        comms_svc.reactive_statement_agree(
            actor=request.user,
            membership=self.membership,
            review=review,
            **self._input(AgreeInputSerializer),
        )
        return self._plan_response(review)
