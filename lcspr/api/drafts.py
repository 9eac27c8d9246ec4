"""The LCSPR report's drafts through the API, with the services and permissions of the pages
(lcspr.draft_views): versions (uploaded as multipart), the legal read of a version, the
anonymisation check and its findings, the final approval, and the decision not to publish.
404 for an LCSPR you cannot see, 403 for an action your role may not take, 409 for a wrong
state, 400 with every field's reason."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cases.api.base import ModelSerializer, PartnershipViewSet
from lcspr import permissions, selectors
from lcspr.choices import LegalReadOutcome
from lcspr.models import (
    AnonymisationCheck,
    AnonymisationHit,
    LegalRead,
    NonPublicationDecision,
    ReportVersion,
)
from lcspr.services import drafts as svc
from lcspr.services.not_published import not_published_decide


class LegalReadSerializer(ModelSerializer):
    class Meta:
        model = LegalRead
        fields = ["id", "adviser_name", "read_on", "outcome", "comments", "recorded_at"]
        read_only_fields = fields


class AnonymisationFindingSerializer(ModelSerializer):
    contexts = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        read_only=True,
        help_text='A few places it was found: {"before", "found", "after"}.',
    )

    class Meta:
        model = AnonymisationHit
        fields = [
            "id",
            "subject",
            "kind",
            "found",
            "occurrences",
            "contexts",
            "accepted_reason",
            "accepted_at",
        ]
        read_only_fields = fields


class AnonymisationCheckSerializer(ModelSerializer):
    hits = AnonymisationFindingSerializer(many=True, read_only=True)

    class Meta:
        model = AnonymisationCheck
        fields = ["id", "characters", "run_at", "hits"]
        read_only_fields = fields


class ReportVersionSerializer(ModelSerializer):
    file_name = serializers.CharField(source="document.original_name", read_only=True)
    status = serializers.SerializerMethodField(help_text="Draft, in sign-off, final report...")
    legal_reads = LegalReadSerializer(many=True, read_only=True)
    latest_check = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField(
        help_text="What stands in the way of sending it for final approval."
    )

    class Meta:
        model = ReportVersion
        fields = [
            "id",
            "review",
            "number",
            "document",
            "file_name",
            "comments",
            "uploaded_by",
            "uploaded_at",
            "final_at",
            "status",
            "legal_reads",
            "latest_check",
            "missing",
        ]
        read_only_fields = fields

    def _state(self, obj):
        """The review's drafts state, read once for the version or the whole list (every
        version of a list is of one review)."""
        if "drafts_state" not in self.context:
            self.context["drafts_state"] = svc.drafts_state(obj.review)
        return self.context["drafts_state"]

    def get_status(self, obj) -> str:
        return svc.version_status(obj, state=self._state(obj))

    @extend_schema_field(AnonymisationCheckSerializer(allow_null=True))
    def get_latest_check(self, obj) -> dict | None:
        check = svc.latest_check(obj)
        return AnonymisationCheckSerializer(check).data if check else None

    def get_missing(self, obj) -> list[str]:
        return list(svc.final_missing(obj, self._state(obj)).values())


class ReportVersionUploadSerializer(serializers.Serializer):
    document = serializers.FileField(required=False, allow_null=True)
    comments = serializers.CharField(max_length=10000, allow_blank=True, required=False)


class LegalReadRecordSerializer(serializers.Serializer):
    adviser_name = serializers.CharField(max_length=200, allow_blank=True)
    read_on = serializers.DateField(allow_null=True)
    outcome = serializers.ChoiceField(choices=LegalReadOutcome.choices)
    comments = serializers.CharField(max_length=10000, allow_blank=True, required=False)


class FindingAcceptSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=10000, allow_blank=True)


class FinalApprovalSerializer(serializers.Serializer):
    comments = serializers.CharField(max_length=10000, allow_blank=True, required=False)


class NotPublishedDecideSerializer(serializers.Serializer):
    decided_on = serializers.DateField(allow_null=True)
    reasons = serializers.CharField(max_length=10000, allow_blank=True)


class NotPublishedDecisionSerializer(ModelSerializer):
    notice_due = serializers.DateField(source="notice.due_date", read_only=True)

    class Meta:
        model = NonPublicationDecision
        fields = ["id", "review", "decided_on", "reasons", "notice", "notice_due", "completed_on"]
        read_only_fields = fields


class ReportVersionViewSet(PartnershipViewSet):
    """The versions of an LCSPR's report."""

    serializer_class = ReportVersionSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def _review(self):
        return selectors.lcspr_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def get_queryset(self):
        return svc.versions_of(self._review())

    def get_object(self):
        found = self.get_queryset().filter(pk=self.kwargs["version_pk"]).first()
        if found is None:
            raise Http404("No such version")
        return found

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, version, code=status.HTTP_200_OK):
        version = svc.versions_of(version.review).get(pk=version.pk)
        svc.findings_read(self.request.user, version, svc.latest_check(version))
        return Response(ReportVersionSerializer(version).data, status=code)

    def list(self, request, partnership_slug, pk):
        """Every version, oldest first (everyone who can see the LCSPR)."""
        rows = self.get_queryset()
        page = self.paginate_queryset(rows)
        for version in page if page is not None else rows:
            svc.findings_read(request.user, version, svc.latest_check(version))
        data = ReportVersionSerializer(page if page is not None else rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        request={"multipart/form-data": ReportVersionUploadSerializer},
        responses={201: ReportVersionSerializer},
    )
    def create(self, request, partnership_slug, pk):
        """Upload a version, DOCX or PDF (business managers and the lead reviewer)."""
        data = self._input(ReportVersionUploadSerializer)
        version = svc.draft_upload(
            actor=request.user,
            membership=self.membership,
            review=self._review(),
            uploaded=data.get("document"),
            comments=data.get("comments", ""),
        )
        return self._detail(version, status.HTTP_201_CREATED)

    @extend_schema(responses=ReportVersionSerializer)
    def retrieve(self, request, partnership_slug, pk, version_pk):
        return self._detail(self.get_object())

    @extend_schema(request=LegalReadRecordSerializer, responses=ReportVersionSerializer)
    def legal_read(self, request, partnership_slug, pk, version_pk):
        """Record Legal Services' read of this version (approved or changes needed)."""
        version = self.get_object()
        svc.legal_read_record(
            actor=request.user,
            membership=self.membership,
            version=version,
            **self._input(LegalReadRecordSerializer),
        )
        return self._detail(version)

    @extend_schema(request=None, responses=ReportVersionSerializer)
    def run_check(self, request, partnership_slug, pk, version_pk):
        """Run the anonymisation check on this version's text."""
        version = self.get_object()
        svc.anonymisation_run(actor=request.user, membership=self.membership, version=version)
        return self._detail(version)

    @extend_schema(request=FindingAcceptSerializer, responses=ReportVersionSerializer)
    def accept(self, request, partnership_slug, pk, version_pk, hit_pk):
        """Accept a finding of the check, with the reason it may stay in the report."""
        version = self.get_object()
        hit = AnonymisationHit.objects.filter(check_run__version=version, pk=hit_pk).first()
        if hit is None:
            raise Http404("No such finding")
        svc.hit_accept(
            actor=request.user,
            membership=self.membership,
            hit=hit,
            **self._input(FindingAcceptSerializer),
        )
        return self._detail(version)

    @extend_schema(request=FinalApprovalSerializer, responses=ReportVersionSerializer)
    def final(self, request, partnership_slug, pk, version_pk):
        """Send this version for final approval through the lcspr_report sign-off chain
        (business managers); 400 listing what is missing."""
        version = self.get_object()
        svc.final_send_for_sign_off(
            actor=request.user,
            membership=self.membership,
            version=version,
            **self._input(FinalApprovalSerializer),
        )
        return self._detail(version)

    @extend_schema(
        request=NotPublishedDecideSerializer, responses={201: NotPublishedDecisionSerializer}
    )
    def not_published(self, request, partnership_slug, pk):
        """Record the decision not to publish the report (business managers): the
        information about improvements falls due."""
        review = self._review()
        if not permissions.can_manage_lcspr(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        decision = not_published_decide(
            actor=request.user,
            membership=self.membership,
            review=review,
            **self._input(NotPublishedDecideSerializer),
        )
        data = NotPublishedDecisionSerializer(decision).data
        return Response(data, status=status.HTTP_201_CREATED)
