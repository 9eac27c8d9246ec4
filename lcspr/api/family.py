"""Family engagement and parallel processes of an LCSPR through the API, with the services and
permissions of the pages (lcspr.family_views): business managers and the lead reviewer write;
the partnership-wide roles read; agency members get 403 (the family's details are not theirs
to see); an LCSPR the member cannot see is 404. A learning review's family engagement uses the
same views (mounted with learning=True): coordinator, members, contact log, letter and leaflet."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from cases.api.base import ModelSerializer, PartnershipViewSet
from cases.api.serializers import RenderStatusSerializer
from cases.audit import access_record
from cases.models import AccessKind, Membership
from cases.rendered.views import document_api_response
from lcspr import permissions, selectors
from lcspr.choices import ContactMethod, ParallelProcessKind, ParallelProcessStatus
from lcspr.models import (
    DisclosureRequest,
    EmbargoedCopy,
    FamilyContact,
    FamilyMember,
    ParallelProcess,
)
from lcspr.services import family as services

PDF_DESCRIPTION = (
    "Rendered off the request path, once per version of its content (a change of the template's"
    " wording makes a new PDF). 200 with the PDF when it is ready (the download is written to"
    " the case's access log); otherwise 202 with the status and a Retry-After header: GET again"
    " after that many seconds. A failed render answers 202 with status `failed`: POST to try"
    " again."
)

# --- Output ----------------------------------------------------------------------------------


class FamilyMemberSerializer(ModelSerializer):
    class Meta:
        model = FamilyMember
        fields = [
            "id",
            "review",
            "learning_review",
            "name",
            "relationship",
            "contact_details",
            "to_be_contacted",
            "not_contacted_reason",
            "preferred_method",
            "support_needs",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class FamilyContactSerializer(ModelSerializer):
    class Meta:
        model = FamilyContact
        fields = [
            "id",
            "review",
            "learning_review",
            "member",
            "method",
            "contacted_on",
            "made_by",
            "outcome",
            "notes_shared",
            "notes_shared_on",
            "despite_hold",
            "created_at",
        ]
        read_only_fields = fields


class EmbargoedCopySerializer(ModelSerializer):
    class Meta:
        model = EmbargoedCopy
        fields = [
            "id",
            "review",
            "member",
            "given_to",
            "given_on",
            "version",
            "embargo_until",
            "created_at",
        ]
        read_only_fields = fields


class DisclosureRequestSerializer(ModelSerializer):
    class Meta:
        model = DisclosureRequest
        fields = ["id", "requested_on", "what", "answered_on", "answer"]
        read_only_fields = fields


class ParallelProcessSerializer(ModelSerializer):
    liaison_email = serializers.CharField(read_only=True, help_text="Empty when not given.")
    disclosure_requests = DisclosureRequestSerializer(many=True, read_only=True)
    coroner_contact = serializers.SerializerMethodField(
        help_text="For a coroner's process: contact is only through the legal adviser."
    )

    class Meta:
        model = ParallelProcess
        fields = [
            "id",
            "review",
            "kind",
            "description",
            "status",
            "holds_family_contact",
            "liaison_name",
            "liaison_role",
            "liaison_organisation",
            "liaison_email",
            "liaison_phone",
            "notes",
            "disclosure_requests",
            "coroner_contact",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_coroner_contact(self, obj) -> str:
        return services.CORONER_NOTE if obj.kind == ParallelProcessKind.CORONER else ""


class FamilyEngagementSerializer(serializers.Serializer):
    coordinator = serializers.IntegerField(allow_null=True, help_text="The coordinator's user id.")
    coordinator_name = serializers.CharField()
    approach = serializers.CharField()
    members = FamilyMemberSerializer(many=True)
    contacts = FamilyContactSerializer(many=True)
    embargoed_copies = EmbargoedCopySerializer(many=True)
    embargoed_copy_done = serializers.BooleanField(
        help_text="An embargoed copy was given to the family (before publication, if published)."
    )
    contact_held_back_by = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The parallel processes (ids) that hold family contact back.",
    )
    coroner_contact = serializers.CharField()


# --- Input -----------------------------------------------------------------------------------


def _text(limit):
    return serializers.CharField(max_length=limit, allow_blank=True, required=False)


def _date():
    return serializers.DateField(required=False, allow_null=True)


class CoordinatorInputSerializer(serializers.Serializer):
    coordinator = serializers.IntegerField(
        allow_null=True, help_text="The user id of a member of the partnership."
    )
    approach = _text(10000)


class MemberInputSerializer(serializers.Serializer):
    name = _text(200)
    relationship = _text(100)
    contact_details = _text(10000)
    to_be_contacted = serializers.BooleanField(required=False)
    not_contacted_reason = _text(10000)
    preferred_method = serializers.ChoiceField(
        choices=ContactMethod.choices, allow_blank=True, required=False
    )
    support_needs = _text(10000)


class ContactInputSerializer(serializers.Serializer):
    member = serializers.IntegerField(allow_null=True)
    method = serializers.ChoiceField(choices=ContactMethod.choices)
    contacted_on = serializers.DateField(allow_null=True)
    made_by = _text(200)
    outcome = _text(10000)
    notes_shared = serializers.BooleanField(required=False)
    notes_shared_on = _date()
    confirm_despite_hold = serializers.BooleanField(
        required=False,
        help_text="Needed while a parallel process holds family contact back.",
    )


class CopyInputSerializer(serializers.Serializer):
    member = serializers.IntegerField(required=False, allow_null=True)
    given_to = _text(200)
    given_on = serializers.DateField(allow_null=True)
    version = _text(200)
    embargo_until = serializers.DateField(allow_null=True)


class ProcessInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ParallelProcessKind.choices, required=False)
    description = _text(200)
    status = serializers.ChoiceField(choices=ParallelProcessStatus.choices, required=False)
    holds_family_contact = serializers.BooleanField(required=False)
    liaison_name = _text(200)
    liaison_role = _text(200)
    liaison_organisation = _text(200)
    liaison_email = _text(254)
    liaison_phone = _text(50)
    notes = _text(10000)


class DisclosureInputSerializer(serializers.Serializer):
    requested_on = serializers.DateField(allow_null=True)
    what = _text(10000)
    answered_on = _date()
    answer = _text(10000)


class AnswerInputSerializer(serializers.Serializer):
    answered_on = serializers.DateField(allow_null=True)
    answer = _text(10000)


# --- Views -----------------------------------------------------------------------------------


class _FamilyBase(PartnershipViewSet):
    learning = False  # mounted with learning=True: a learning review's family engagement

    def _review(self, *, write=False):
        find = selectors.learning_review_for_user if self.learning else selectors.lcspr_for_user
        review = find(membership=self.membership, pk=self.kwargs["pk"])
        allowed = permissions.can_manage_family if write else permissions.can_view_family
        if not allowed(self.membership, review):
            raise PermissionDenied(permissions.FAMILY_NOT_ALLOWED)
        return review

    @property
    def _kind(self) -> str:
        return "learning review" if self.learning else "LCSPR"

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _log_read(self, review, what: str) -> None:
        access_record(
            user=self.request.user,
            case=review.case,
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr=f"{what} (API)",
        )

    def _member(self, review, member_id):
        if member_id is None:
            return None
        found = FamilyMember.objects.filter(**services.owned_by(review), pk=member_id).first()
        if found is None:
            raise ValidationError({"member": "Select a family member of this review"})
        return found


class FamilyEngagementViewSet(_FamilyBase):
    """The LCSPR's family engagement: coordinator, family members, contact log, embargoed
    copies, and whether a parallel process holds family contact back."""

    serializer_class = FamilyEngagementSerializer

    def _summary(self, review):
        engagement = services.engagement_of(review)
        coordinator = engagement.coordinator if engagement else None
        embargo = services.embargoed_copy_status(review)
        data = {
            "coordinator": coordinator.pk if coordinator else None,
            "coordinator_name": coordinator.get_full_name() if coordinator else "",
            "approach": engagement.approach if engagement else "",
            "members": FamilyMember.objects.filter(**services.owned_by(review)),
            "contacts": FamilyContact.objects.filter(**services.owned_by(review)),
            "embargoed_copies": embargo["copies"],
            "embargoed_copy_done": embargo["done"],
            "contact_held_back_by": [p.pk for p in services.holding_processes(review)],
            "coroner_contact": services.CORONER_NOTE if services.coroner_involved(review) else "",
        }
        return Response(FamilyEngagementSerializer(data).data)

    @extend_schema(responses=FamilyEngagementSerializer)
    def retrieve(self, request, partnership_slug, pk):
        review = self._review()
        self._log_read(review, f"the {self._kind}'s family engagement")
        return self._summary(review)

    @extend_schema(request=CoordinatorInputSerializer, responses=FamilyEngagementSerializer)
    def coordinator(self, request, partnership_slug, pk):
        """Name the family engagement coordinator, a member of the partnership."""
        review = self._review(write=True)
        data = self._input(CoordinatorInputSerializer)
        user = None
        if data["coordinator"] is not None:
            membership = (
                Membership.objects.active()
                .filter(partnership=review.partnership_id, user=data["coordinator"])
                .select_related("user")
                .first()
            )
            if membership is None:
                raise ValidationError({"coordinator": "Select a member of the partnership"})
            user = membership.user
        services.family_coordinator_set(
            actor=request.user,
            membership=self.membership,
            review=review,
            coordinator=user,
            approach=data.get("approach", ""),
        )
        return self._summary(review)


class FamilyMemberViewSet(mixins.ListModelMixin, _FamilyBase):
    serializer_class = FamilyMemberSerializer

    def get_queryset(self):
        return FamilyMember.objects.filter(**services.owned_by(self._review())).order_by(
            "created_at", "pk"
        )

    def list(self, request, *args, **kwargs):
        self._log_read(self._review(), f"the {self._kind}'s family members")
        return super().list(request, *args, **kwargs)

    def get_object(self):
        found = self.get_queryset().filter(pk=self.kwargs["member_pk"]).first()
        if found is None:
            raise Http404("No such family member")
        return found

    @extend_schema(request=MemberInputSerializer, responses={201: FamilyMemberSerializer})
    def create(self, request, partnership_slug, pk):
        member = services.family_member_add(
            actor=request.user,
            membership=self.membership,
            review=self._review(write=True),
            **self._input(MemberInputSerializer),
        )
        return Response(FamilyMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=FamilyMemberSerializer)
    def retrieve(self, request, partnership_slug, pk, member_pk):
        member = self.get_object()
        self._log_read(member.owner, f"family member {member.pk}")
        return Response(FamilyMemberSerializer(member).data)

    @extend_schema(request=MemberInputSerializer, responses=FamilyMemberSerializer)
    def partial_update(self, request, partnership_slug, pk, member_pk):
        self._review(write=True)
        member = services.family_member_update(
            actor=request.user,
            membership=self.membership,
            member=self.get_object(),
            **self._input(MemberInputSerializer),
        )
        return Response(FamilyMemberSerializer(member).data)

    def _pdf(self, request, which):
        from lcspr.family_pdf import KINDS, member_for_print

        return document_api_response(request, KINDS[which], member_for_print(self.get_object().pk))

    @extend_schema(
        methods=["GET"],
        description=PDF_DESCRIPTION,
        responses={(200, "application/pdf"): bytes, 202: RenderStatusSerializer},
    )
    @extend_schema(methods=["POST"], request=None, responses={202: RenderStatusSerializer})
    def letter(self, request, partnership_slug, pk, member_pk):
        """The letter to the family member (Swindon 001 Appendix 7), marked OFFICIAL-SENSITIVE,
        from the partnership's wording of the `family_letter` template."""
        return self._pdf(request, "letter")

    @extend_schema(
        methods=["GET"],
        description=PDF_DESCRIPTION,
        responses={(200, "application/pdf"): bytes, 202: RenderStatusSerializer},
    )
    @extend_schema(methods=["POST"], request=None, responses={202: RenderStatusSerializer})
    def leaflet(self, request, partnership_slug, pk, member_pk):
        """The leaflet for parents and carers (Appendix 8), from the `family_leaflet` template."""
        return self._pdf(request, "leaflet")


class FamilyContactViewSet(mixins.ListModelMixin, _FamilyBase):
    """The contact log."""

    serializer_class = FamilyContactSerializer

    def get_queryset(self):
        return FamilyContact.objects.filter(**services.owned_by(self._review())).order_by(
            "contacted_on", "pk"
        )

    @extend_schema(request=ContactInputSerializer, responses={201: FamilyContactSerializer})
    def create(self, request, partnership_slug, pk):
        """Record a contact; 400 asking for confirm_despite_hold while contact is held back."""
        review = self._review(write=True)
        data = self._input(ContactInputSerializer)
        data["member"] = self._member(review, data.get("member"))
        contact = services.family_contact_add(
            actor=request.user, membership=self.membership, review=review, **data
        )
        return Response(FamilyContactSerializer(contact).data, status=status.HTTP_201_CREATED)


class EmbargoedCopyViewSet(mixins.ListModelMixin, _FamilyBase):
    """The embargoed confidential copies of the report given to the family."""

    serializer_class = EmbargoedCopySerializer

    def get_queryset(self):
        return EmbargoedCopy.objects.filter(review=self._review()).order_by("given_on", "pk")

    @extend_schema(request=CopyInputSerializer, responses={201: EmbargoedCopySerializer})
    def create(self, request, partnership_slug, pk):
        review = self._review(write=True)
        data = self._input(CopyInputSerializer)
        data["member"] = self._member(review, data.get("member"))
        data.setdefault("given_to", "")
        data.setdefault("version", "")
        copy = services.embargoed_copy_record(
            actor=request.user, membership=self.membership, review=review, **data
        )
        return Response(EmbargoedCopySerializer(copy).data, status=status.HTTP_201_CREATED)


class ParallelProcessViewSet(mixins.ListModelMixin, _FamilyBase):
    """Processes running alongside the review, with their disclosure requests."""

    serializer_class = ParallelProcessSerializer

    def get_queryset(self):
        return (
            ParallelProcess.objects.filter(review=self._review())
            .prefetch_related("disclosure_requests")
            .order_by("created_at", "pk")
        )

    def get_object(self):
        found = self.get_queryset().filter(pk=self.kwargs["process_pk"]).first()
        if found is None:
            raise Http404("No such parallel process")
        return found

    def _detail(self, process, code=status.HTTP_200_OK):
        process = self.get_queryset().get(pk=process.pk)
        return Response(ParallelProcessSerializer(process).data, status=code)

    @extend_schema(request=ProcessInputSerializer, responses={201: ParallelProcessSerializer})
    def create(self, request, partnership_slug, pk):
        process = services.process_add(
            actor=request.user,
            membership=self.membership,
            review=self._review(write=True),
            **self._input(ProcessInputSerializer),
        )
        return self._detail(process, status.HTTP_201_CREATED)

    @extend_schema(responses=ParallelProcessSerializer)
    def retrieve(self, request, partnership_slug, pk, process_pk):
        return self._detail(self.get_object())

    @extend_schema(request=ProcessInputSerializer, responses=ParallelProcessSerializer)
    def partial_update(self, request, partnership_slug, pk, process_pk):
        """Change the process; "holds_family_contact": false lifts the hold."""
        self._review(write=True)
        process = services.process_update(
            actor=request.user,
            membership=self.membership,
            process=self.get_object(),
            **self._input(ProcessInputSerializer),
        )
        return self._detail(process)

    @extend_schema(request=DisclosureInputSerializer, responses={201: ParallelProcessSerializer})
    def disclosure(self, request, partnership_slug, pk, process_pk):
        """Record a disclosure request of the process."""
        self._review(write=True)
        process = self.get_object()
        data = self._input(DisclosureInputSerializer)
        data.setdefault("what", "")
        services.disclosure_request_add(
            actor=request.user, membership=self.membership, process=process, **data
        )
        return self._detail(process, status.HTTP_201_CREATED)

    @extend_schema(request=AnswerInputSerializer, responses=ParallelProcessSerializer)
    def answer(self, request, partnership_slug, pk, process_pk, disclosure_pk):
        """Record the answer to a disclosure request."""
        self._review(write=True)
        process = self.get_object()
        found = DisclosureRequest.objects.filter(process=process, pk=disclosure_pk).first()
        if found is None:
            raise Http404("No such disclosure request")
        services.disclosure_request_answer(
            actor=request.user,
            membership=self.membership,
            disclosure=found,
            **self._input(AnswerInputSerializer),
        )
        return self._detail(process)
