"""The rapid review report through the API, with the pages' services and permissions: a
review you cannot see 404, a report you may not read or change 403, a wrong state 409 (a save
whose sections someone else changed since its base version: 409 naming them), bad input 400."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from cases.api.base import PartnershipViewSet
from cases.audit import access_record
from cases.models import AccessKind, Meeting
from rapid_reviews import permissions, selectors
from rapid_reviews.api import report_serializers as s
from rapid_reviews.report_views import action_items_of
from rapid_reviews.services import report as svc
from rapid_reviews.services.decision import report_decision_record


class RapidReviewReportViewSet(PartnershipViewSet):
    """The report of a rapid review."""

    serializer_class = s.RapidReviewReportSerializer
    pagination_class = None  # the versions: one report's, never many

    def _review(self, pk):
        review = selectors.review_for_user(membership=self.membership, pk=pk)
        if not permissions.can_read_report(self.membership, review):
            raise PermissionDenied("You cannot read rapid review reports.")
        return review

    def _report(self, review):
        report = svc.report_of(review)
        if report is None:
            raise Http404("The report has not been drafted")
        return report

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, review, code=status.HTTP_200_OK):
        report = self._report(review)
        access_record(
            user=self.request.user,
            case=review.case,
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr=f"Rapid review report version {report.version}, rapid review {review.pk}"
            " (API)",
        )
        sign_off = svc.current_signoff(report)
        report.effective_status = svc.effective_status(report, sign_off)
        report.missing = (
            svc.report_errors(report.content) if report.effective_status == "draft" else {}
        )
        report.sign_off_id = sign_off.pk if sign_off else None
        report.action_items = action_items_of(report)
        return Response(s.RapidReviewReportSerializer(report).data, status=code)

    @extend_schema(responses=s.RapidReviewReportSerializer)
    def retrieve(self, request, partnership_slug, pk):
        """The report with its status, its sections and the action items made from it."""
        return self._detail(self._review(pk))

    @extend_schema(request=None, responses={201: s.RapidReviewReportSerializer})
    def create(self, request, partnership_slug, pk):
        """Draft the report, prefilled from the case and the terms of reference."""
        review = self._review(pk)
        svc.report_create(actor=request.user, membership=self.membership, review=review)
        return self._detail(review, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.RapidReviewReportSaveSerializer,
        responses={
            200: s.RapidReviewReportSerializer,
            409: OpenApiResponse(
                s.RapidReviewReportConflictSerializer,
                description="Someone saved a section you changed since your base version (each"
                " named, with both texts), or the report cannot be changed now.",
            ),
        },
    )
    def save(self, request, partnership_slug, pk):
        """Save the sections you changed since `base_version`: sections changed by someone else
        meanwhile are kept; a section both changed is refused (409), nothing saved."""
        review = self._review(pk)
        if not permissions.can_edit_report(self.membership, review):
            raise PermissionDenied(permissions.NOT_A_REPORT_EDITOR)
        report = self._report(review)
        data = self._input(s.RapidReviewReportSaveSerializer)
        try:
            svc.report_save(
                actor=request.user,
                membership=self.membership,
                report=report,
                base_version=data["base_version"],
                sections=data["sections"],
                comment=data["comment"],
            )
        except svc.ReportConflict as conflict:
            body = {
                "detail": str(conflict),
                "current_version": conflict.current_version,
                "conflicts": conflict.conflicts,
            }
            return Response(
                s.RapidReviewReportConflictSerializer(body).data, status=status.HTTP_409_CONFLICT
            )
        return self._detail(review)

    @extend_schema(responses=s.RapidReviewReportVersionSerializer(many=True))
    def versions(self, request, partnership_slug, pk):
        """Every saved version, newest first, with the sections each changed."""
        report = self._report(self._review(pk))
        versions = report.versions.select_related("saved_by").order_by("-number")
        return Response(s.RapidReviewReportVersionSerializer(versions, many=True).data)

    @extend_schema(
        request=s.RapidReviewReportSendSerializer, responses=s.RapidReviewReportSerializer
    )
    def send(self, request, partnership_slug, pk):
        """Send the complete report for the partnership's sign-off (400 naming every missing
        section)."""
        review = self._review(pk)
        svc.report_send_for_sign_off(
            actor=request.user,
            membership=self.membership,
            report=self._report(review),
            **self._input(s.RapidReviewReportSendSerializer),
        )
        return self._detail(review)

    @extend_schema(
        request=s.RapidReviewReportSubmitSerializer, responses=s.RapidReviewReportSerializer
    )
    def submit(self, request, partnership_slug, pk):
        """Submit the signed-off report to the National Panel (business managers)."""
        review = self._review(pk)
        if not permissions.can_manage_review(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        svc.report_submit(
            actor=request.user,
            membership=self.membership,
            report=self._report(review),
            **self._input(s.RapidReviewReportSubmitSerializer),
        )
        return self._detail(review)

    @extend_schema(
        request=s.RapidReviewReportDecisionSerializer, responses=s.RapidReviewReportSerializer
    )
    def decision(self, request, partnership_slug, pk):
        """Record which meeting of the case agreed the decision written in the report
        (business managers); 400 when it was not quorate."""
        review = self._review(pk)
        if not permissions.can_manage_review(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        report = self._report(review)
        data = self._input(s.RapidReviewReportDecisionSerializer)
        report_decision_record(
            actor=request.user,
            membership=self.membership,
            report=report,
            meeting=Meeting.objects.filter(case=review.case, pk=data["meeting"]).first(),
        )
        return self._detail(review)

    @extend_schema(
        request=s.RapidReviewConcludeSerializer, responses=s.RapidReviewOutcomeSerializer
    )
    def conclude(self, request, partnership_slug, pk):
        """Record the partnership's decision after the National Panel's response (business
        managers and executives): an LCSPR or a learning review starts its stage."""
        review = selectors.review_for_user(membership=self.membership, pk=pk)
        if not permissions.can_conclude_review(self.membership, review):
            raise PermissionDenied(permissions.NOT_A_CONCLUDER)
        outcome = svc.rapid_review_conclude(
            actor=request.user,
            membership=self.membership,
            review=review,
            **self._input(s.RapidReviewConcludeSerializer),
        )
        return Response(s.RapidReviewOutcomeSerializer(outcome).data)
