"""The LCSPR's independent reviewer candidates through the API, with the services and
permissions of the pages (lcspr.reviewer_views): the LCSPR's business managers only. CVs and
contracts are case documents: the contract is uploaded with the contract endpoint (multipart);
a CV through the candidate pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cases.api.base import ModelSerializer, PartnershipViewSet
from cases.models import Membership
from lcspr import permissions, selectors
from lcspr.choices import ReviewerDecision
from lcspr.models import ReviewerCandidate
from lcspr.services.reviewers import (
    NOT_ALLOWED,
    appointment_missing,
    candidate_add,
    candidate_decide,
    candidate_shortlist,
    candidate_update,
    contract_record,
)


class ReviewerCandidateSerializer(ModelSerializer):
    email = serializers.CharField(read_only=True, help_text="Empty when not given.")
    missing = serializers.SerializerMethodField(
        help_text="What still stands in the way of appointing (empty once decided)."
    )

    class Meta:
        model = ReviewerCandidate
        fields = [
            "id",
            "review",
            "name",
            "email",
            "organisation",
            "cv",
            "previous_reviews",
            "referee_1_name",
            "referee_1_contact",
            "referee_1_received_on",
            "referee_2_name",
            "referee_2_contact",
            "referee_2_received_on",
            "public_liability_expires_on",
            "indemnity_expires_on",
            "conflicts_declared_on",
            "conflicts",
            "shortlisted",
            "shortlist_notes",
            "interview_notes",
            "decision",
            "decision_reason",
            "decided_on",
            "user",
            "contract_recorded_on",
            "contract",
            "missing",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_missing(self, obj) -> list[str]:
        return [] if obj.decision else list(appointment_missing(obj).values())


def _text(limit):
    return serializers.CharField(max_length=limit, allow_blank=True, required=False)


def _date():
    return serializers.DateField(required=False, allow_null=True)


class CandidateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    email = _text(254)
    organisation = _text(200)
    previous_reviews = _text(10000)
    referee_1_name = _text(200)
    referee_1_contact = _text(300)
    referee_1_received_on = _date()
    referee_2_name = _text(200)
    referee_2_contact = _text(300)
    referee_2_received_on = _date()
    public_liability_expires_on = _date()
    indemnity_expires_on = _date()
    conflicts_declared_on = _date()
    conflicts = _text(10000)


class ShortlistInputSerializer(serializers.Serializer):
    shortlisted = serializers.BooleanField()
    shortlist_notes = _text(10000)
    interview_notes = _text(10000)


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ReviewerDecision.choices)
    reason = _text(10000)
    member = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The membership id of the lead reviewer appointed (for an appointment).",
    )
    decided_on = _date()


class ContractInputSerializer(serializers.Serializer):
    contract_recorded_on = serializers.DateField(allow_null=True)
    contract = serializers.FileField(required=False, allow_null=True)


class ReviewerCandidateViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """The candidates for an LCSPR's independent reviewer (BCP 003 section 10)."""

    serializer_class = ReviewerCandidateSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def _review(self):
        review = selectors.lcspr_for_user(membership=self.membership, pk=self.kwargs["pk"])
        if not permissions.can_manage_lcspr(self.membership, review.case):
            raise PermissionDenied(NOT_ALLOWED)
        return review

    def get_queryset(self):
        return ReviewerCandidate.objects.filter(review=self._review()).order_by("created_at", "pk")

    def get_object(self):
        found = self.get_queryset().filter(pk=self.kwargs["candidate_pk"]).first()
        if found is None:
            raise Http404("No such candidate")
        return found

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, candidate, code=status.HTTP_200_OK):
        candidate = ReviewerCandidate.objects.get(pk=candidate.pk)
        return Response(ReviewerCandidateSerializer(candidate).data, status=code)

    @extend_schema(request=CandidateInputSerializer, responses={201: ReviewerCandidateSerializer})
    def create(self, request, partnership_slug, pk):
        """Add a candidate (business managers)."""
        candidate = candidate_add(
            actor=request.user,
            membership=self.membership,
            review=self._review(),
            **self._input(CandidateInputSerializer),
        )
        return self._detail(candidate, status.HTTP_201_CREATED)

    @extend_schema(responses=ReviewerCandidateSerializer)
    def retrieve(self, request, partnership_slug, pk, candidate_pk):
        return self._detail(self.get_object())

    @extend_schema(request=CandidateInputSerializer, responses=ReviewerCandidateSerializer)
    def partial_update(self, request, partnership_slug, pk, candidate_pk):
        """Change the candidate's details (409 once decided); every error at once."""
        candidate = candidate_update(
            actor=request.user,
            membership=self.membership,
            candidate=self.get_object(),
            **self._input(CandidateInputSerializer),
        )
        return self._detail(candidate)

    @extend_schema(request=ShortlistInputSerializer, responses=ReviewerCandidateSerializer)
    def shortlist(self, request, partnership_slug, pk, candidate_pk):
        candidate = candidate_shortlist(
            actor=request.user,
            membership=self.membership,
            candidate=self.get_object(),
            **self._input(ShortlistInputSerializer),
        )
        return self._detail(candidate)

    @extend_schema(request=DecisionInputSerializer, responses=ReviewerCandidateSerializer)
    def decide(self, request, partnership_slug, pk, candidate_pk):
        """Appointed (with the lead reviewer member), not appointed or withdrew; appointing
        lists everything still missing at once."""
        candidate = self.get_object()
        data = self._input(DecisionInputSerializer)
        member_id = data.pop("member", None)
        member = None
        if member_id is not None:
            member = Membership.objects.filter(
                partnership=self.membership.partnership_id, pk=member_id
            ).first()
            if member is None:
                raise ValidationError({"member": "Select a lead reviewer of this partnership"})
        candidate = candidate_decide(
            actor=request.user,
            membership=self.membership,
            candidate=candidate,
            member=member,
            **data,
        )
        return self._detail(candidate)

    @extend_schema(
        request={"multipart/form-data": ContractInputSerializer},
        responses=ReviewerCandidateSerializer,
    )
    def contract(self, request, partnership_slug, pk, candidate_pk):
        """Record the contract with the appointed reviewer (multipart, with the file): the
        reviewer joins the case's access list and a notice to the National Panel is due."""
        candidate = contract_record(
            actor=request.user,
            membership=self.membership,
            candidate=self.get_object(),
            **self._input(ContractInputSerializer),
        )
        return self._detail(candidate)
