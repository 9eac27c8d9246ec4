"""The LCSPR's review panel and terms of reference through the API, with the services and
permissions of the pages (lcspr.panel_views): the panel (declarations of interests) for the
LCSPR's business managers only; the terms of reference read by everyone who can see the LCSPR
and changed by its business managers. Another partnership's LCSPR is a 404."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from cases.api.base import ModelSerializer, PartnershipViewSet
from cases.models import Meeting, Membership
from lcspr import permissions, selectors
from lcspr.choices import PanelConflicts, PanelPartner, PanelRole
from lcspr.models import PanelMember, PanelTerms
from lcspr.services import panel as panel_svc
from lcspr.services import panel_terms as terms_svc


class PanelMemberSerializer(ModelSerializer):
    email = serializers.CharField(read_only=True, help_text="Empty when not given.")
    display_name = serializers.CharField(read_only=True)
    declarations_recorded = serializers.BooleanField(
        read_only=True,
        help_text="Both the declaration and the confidentiality agreement are recorded.",
    )

    class Meta:
        model = PanelMember
        fields = [
            "id",
            "review",
            "membership",
            "display_name",
            "name",
            "job_title",
            "organisation",
            "email",
            "panel_role",
            "statutory_partner",
            "conflicts",
            "conflicts_details",
            "chair_decision",
            "declared_on",
            "confidentiality_signed_on",
            "declarations_recorded",
            "access_granted_at",
            "removed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


def _text(limit):
    return serializers.CharField(max_length=limit, allow_blank=True, required=False)


def _date():
    return serializers.DateField(required=False, allow_null=True)


class PanelMemberInputSerializer(serializers.Serializer):
    member = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The membership id of a member of the partnership; empty for an outsider.",
    )
    name = _text(200)
    job_title = _text(200)
    organisation = _text(200)
    email = _text(254)
    panel_role = serializers.ChoiceField(choices=PanelRole.choices)
    statutory_partner = serializers.ChoiceField(
        choices=PanelPartner.choices, required=False, allow_blank=True
    )


class DeclarationInputSerializer(serializers.Serializer):
    conflicts = serializers.ChoiceField(choices=PanelConflicts.choices)
    conflicts_details = _text(10000)
    chair_decision = _text(10000)
    declared_on = _date()
    confidentiality_signed_on = _date()


class RemoveInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=10000, allow_blank=True)


class TimelineRowSerializer(serializers.Serializer):
    step = serializers.CharField(max_length=300, allow_blank=True)
    date = serializers.CharField(
        max_length=10, allow_blank=True, required=False, help_text="YYYY-MM-DD, or empty."
    )


class PanelTermsSerializer(ModelSerializer):
    timeline = TimelineRowSerializer(many=True, read_only=True)

    class Meta:
        model = PanelTerms
        fields = [
            "id",
            "review",
            "version",
            "status",
            *(f for f, _h in terms_svc.SECTIONS),
            "timeline",
            "change_summary",
            "meeting",
            "approved_by",
            "approved_on",
            "decided_by",
            "decided_at",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PanelTermsInputSerializer(serializers.Serializer):
    overview = _text(20000)
    purpose = _text(20000)
    process = _text(20000)
    methodology = _text(20000)
    lead_reviewer = _text(20000)
    lines_of_enquiry = _text(20000)
    timeframe = _text(20000)
    family_involvement = _text(20000)
    agencies = _text(20000)
    key_steps = _text(20000)
    timeline = TimelineRowSerializer(many=True, required=False)
    change_summary = _text(20000)


class SignOffInputSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(
        allow_null=True, help_text="The held review panel meeting of the case."
    )


class ReviseInputSerializer(serializers.Serializer):
    change_summary = serializers.CharField(max_length=20000, allow_blank=True, required=False)


class ApproveInputSerializer(serializers.Serializer):
    approved_by = _text(300)
    approved_on = _date()


class _LcsprChild(PartnershipViewSet):
    manage_only = True

    def _review(self, *, manage=None):
        review = selectors.lcspr_for_user(membership=self.membership, pk=self.kwargs["pk"])
        manage = self.manage_only if manage is None else manage
        if manage and not permissions.can_manage_lcspr(self.membership, review.case):
            raise PermissionDenied(panel_svc.NOT_ALLOWED)
        return review

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class PanelMemberViewSet(mixins.ListModelMixin, _LcsprChild):
    """The people on an LCSPR's review panel, with their declarations (Swindon 001 ss5-8)."""

    serializer_class = PanelMemberSerializer

    def get_queryset(self):
        return (
            PanelMember.objects.filter(review=self._review())
            .select_related("membership__user")
            .order_by("created_at", "pk")
        )

    def get_object(self):
        found = self.get_queryset().filter(pk=self.kwargs["member_pk"]).first()
        if found is None:
            raise Http404("No such panel member")
        return found

    def _detail(self, row, code=status.HTTP_200_OK):
        row = PanelMember.objects.select_related("membership__user").get(pk=row.pk)
        return Response(PanelMemberSerializer(row).data, status=code)

    @extend_schema(request=PanelMemberInputSerializer, responses={201: PanelMemberSerializer})
    def create(self, request, partnership_slug, pk):
        """Add someone to the panel: a member of the partnership, or an outsider by name."""
        review = self._review()
        data = self._input(PanelMemberInputSerializer)
        member_id = data.pop("member", None)
        member = None
        if member_id is not None:
            member = Membership.objects.filter(
                partnership=self.membership.partnership_id, pk=member_id
            ).first()
            if member is None:
                raise ValidationError({"member": "Select a member of this partnership"})
        row = panel_svc.panel_member_add(
            actor=request.user,
            membership=self.membership,
            review=review,
            member=member,
            **data,
        )
        return self._detail(row, status.HTTP_201_CREATED)

    @extend_schema(responses=PanelMemberSerializer)
    def retrieve(self, request, partnership_slug, pk, member_pk):
        return self._detail(self.get_object())

    @extend_schema(request=DeclarationInputSerializer, responses=PanelMemberSerializer)
    def declare(self, request, partnership_slug, pk, member_pk):
        """Record the declaration of interests and the confidentiality agreement; once both
        are, a member who cannot otherwise see the case is given access."""
        row = panel_svc.panel_member_declare(
            actor=request.user,
            membership=self.membership,
            member=self.get_object(),
            **self._input(DeclarationInputSerializer),
        )
        return self._detail(row)

    @extend_schema(request=RemoveInputSerializer, responses=PanelMemberSerializer)
    def remove(self, request, partnership_slug, pk, member_pk):
        row = panel_svc.panel_member_remove(
            actor=request.user,
            membership=self.membership,
            member=self.get_object(),
            **self._input(RemoveInputSerializer),
        )
        return self._detail(row)


class PanelTermsViewSet(mixins.ListModelMixin, _LcsprChild):
    """The versions of an LCSPR's terms of reference (Swindon 001 Appendices 5 and 6)."""

    serializer_class = PanelTermsSerializer
    manage_only = False

    def get_queryset(self):
        return PanelTerms.objects.filter(review=self._review()).order_by("-version")

    def get_object(self):
        found = self.get_queryset().filter(version=self.kwargs["version"]).first()
        if found is None:
            raise Http404("No such version of the terms of reference")
        return found

    def _detail(self, terms, code=status.HTTP_200_OK):
        return Response(PanelTermsSerializer(PanelTerms.objects.get(pk=terms.pk)).data, status=code)

    @extend_schema(request=None, responses={201: PanelTermsSerializer})
    def create(self, request, partnership_slug, pk):
        """Draft version 1, prefilled (409 once drafted)."""
        terms = terms_svc.panel_terms_draft(
            actor=request.user, membership=self.membership, review=self._review(manage=True)
        )
        return self._detail(terms, status.HTTP_201_CREATED)

    @extend_schema(responses=PanelTermsSerializer)
    def retrieve(self, request, partnership_slug, pk, version):
        return self._detail(self.get_object())

    @extend_schema(request=PanelTermsInputSerializer, responses=PanelTermsSerializer)
    def partial_update(self, request, partnership_slug, pk, version):
        """Change a draft's sections and timeline (409 once signed off or approved)."""
        self._review(manage=True)
        data = self._input(PanelTermsInputSerializer)
        if "timeline" in data:
            data["timeline"] = [dict(row) for row in data["timeline"]]
        terms = terms_svc.panel_terms_update(
            actor=request.user, membership=self.membership, terms=self.get_object(), **data
        )
        return self._detail(terms)

    @extend_schema(request=SignOffInputSerializer, responses=PanelTermsSerializer)
    def sign_off(self, request, partnership_slug, pk, version):
        """Version 1 signed off at a held review panel meeting of the case: the clock's
        first panel step is met on the meeting's date."""
        review = self._review(manage=True)
        meeting_id = self._input(SignOffInputSerializer)["meeting"]
        meeting = (
            Meeting.objects.filter(case=review.case_id, pk=meeting_id).first()
            if meeting_id is not None
            else None
        )
        if meeting_id is not None and meeting is None:
            raise ValidationError({"meeting": "Select a review panel meeting of this case"})
        terms = terms_svc.panel_terms_sign_off(
            actor=request.user, membership=self.membership, terms=self.get_object(), meeting=meeting
        )
        return self._detail(terms)

    @extend_schema(request=ApproveInputSerializer, responses=PanelTermsSerializer)
    def approve(self, request, partnership_slug, pk, version):
        """A later version approved by the review group: who, and when."""
        self._review(manage=True)
        terms = terms_svc.panel_terms_approve(
            actor=request.user,
            membership=self.membership,
            terms=self.get_object(),
            **self._input(ApproveInputSerializer),
        )
        return self._detail(terms)

    @extend_schema(request=ReviseInputSerializer, responses={201: PanelTermsSerializer})
    def revise(self, request, partnership_slug, pk):
        """Start the next version, a copy of the newest one (409 while a draft exists)."""
        terms = terms_svc.panel_terms_revise(
            actor=request.user,
            membership=self.membership,
            review=self._review(manage=True),
            **self._input(ReviseInputSerializer),
        )
        return self._detail(terms, status.HTTP_201_CREATED)
