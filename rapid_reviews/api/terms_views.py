"""The terms of reference through the API, with the pages' services and permissions: a review
you cannot see (or a version that does not exist) 404, an action you may not take 403, a
wrong state 409 (changing or sending what is not a draft, drafting twice), bad input 400 with
every field's error."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from cases.api.base import PartnershipViewSet
from cases.api.serializers import RenderStatusSerializer
from cases.audit import access_record
from cases.errors import InvalidTransition
from cases.models import AccessKind
from cases.rendered.views import document_api_response
from rapid_reviews import permissions, selectors
from rapid_reviews.api import terms_serializers as s
from rapid_reviews.choices import TermsStatus
from rapid_reviews.services import terms as svc
from rapid_reviews.terms_pdf import TERMS_PDF, approval_rows, terms_for_print

PDF_DESCRIPTION = (
    "Rendered off the request path, once per version of its content (a new approval makes a"
    " new PDF). 200 with the PDF when it is ready (the download is written to the case's"
    " access log); otherwise 202 with the status and a Retry-After header: GET again after"
    " that many seconds. A failed render answers 202 with status `failed`: POST to try again."
)


class TermsOfReferenceViewSet(PartnershipViewSet):
    """The terms of reference of a rapid review (Lincolnshire 000 Appendix E), in versions."""

    serializer_class = s.TermsOfReferenceSerializer
    pagination_class = None  # the versions: one review's, never many

    def _review(self):
        return selectors.review_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def _managed(self):
        review = self._review()
        if not permissions.can_manage_review(self.membership, review.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        return review

    def _current(self, review):
        terms = svc.current_terms(review)
        if terms is None:
            raise Http404("The terms of reference have not been drafted")
        return terms

    def _version(self, review, version):
        terms = review.terms.filter(version=version).first()
        if terms is None:
            raise Http404("No such version of the terms of reference")
        return terms

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _detail(self, review, terms, code=status.HTTP_200_OK):
        terms = terms_for_print(terms.pk)
        access_record(
            user=self.request.user,
            case=review.case,
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr=f"Terms of reference version {terms.version}, rapid review {review.pk}"
            " (API)",
        )
        current = svc.current_terms(review)
        terms.is_current = current is not None and current.pk == terms.pk
        terms.approval_rows = approval_rows(terms)
        return Response(s.TermsOfReferenceSerializer(terms).data, status=code)

    @extend_schema(responses=s.TermsOfReferenceSerializer)
    def retrieve(self, request, partnership_slug, pk):
        """The current version: its Appendix E fields, membership, status and each statutory
        partner's approval (404 until drafted)."""
        review = self._review()
        return self._detail(review, self._current(review))

    @extend_schema(request=s.TermsUpdateSerializer, responses=s.TermsOfReferenceSerializer)
    def partial_update(self, request, partnership_slug, pk):
        """Change the current draft's fields (those given) and, with `members`, replace its
        membership table (business managers). 400 with every field's error; 409 when the
        current version is not a draft (revise an agreed one first)."""
        review = self._managed()
        terms = self._current(review)
        if terms.status != TermsStatus.DRAFT:
            raise InvalidTransition(
                f"The terms of reference are {terms.get_status_display().lower()}: only a draft"
                " can be changed."
            )
        data = self._input(s.TermsUpdateSerializer)
        if "members" in data:
            data["members"] = [
                (m["organisation"], m.get("person_name", ""), m["role"]) for m in data["members"]
            ]
        terms = svc.terms_update(
            actor=request.user, membership=self.membership, terms=terms, **data
        )
        return self._detail(review, terms)

    @extend_schema(request=None, responses={201: s.TermsOfReferenceSerializer})
    def draft(self, request, partnership_slug, pk):
        """Draft version 1, prefilled from the case (business managers); 409 when drafted."""
        review = self._managed()
        terms = svc.terms_draft(actor=request.user, membership=self.membership, review=review)
        return self._detail(review, terms, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.TermsOfReferenceSerializer)
    def send(self, request, partnership_slug, pk):
        """Send the draft to the statutory partners for approval (business managers); 400
        naming every field it still needs."""
        review = self._managed()
        terms = svc.terms_send_for_approval(
            actor=request.user, membership=self.membership, terms=self._current(review)
        )
        return self._detail(review, terms)

    @extend_schema(request=s.TermsApproveSerializer, responses=s.TermsOfReferenceSerializer)
    def approve(self, request, partnership_slug, pk):
        """Approve the version awaiting approval for your own statutory partner agency (its
        SLO or agency executive), or record an agency's approval (business managers, naming
        `agency`). The last statutory partner's approval agrees the version."""
        review = self._review()
        if not permissions.can_approve_terms(self.membership, review):
            raise PermissionDenied(permissions.NOT_AN_APPROVER)
        terms = self._current(review)
        data = self._input(s.TermsApproveSerializer)
        agency = None
        if data["agency"] is not None:
            agency = next(
                (
                    a
                    for a in svc.statutory_partners(review.partnership_id)
                    if a.pk == data["agency"]
                ),
                None,
            )
            if agency is None:
                raise ValidationError({"agency": "Select a statutory partner agency"})
        svc.terms_approve(
            actor=request.user,
            membership=self.membership,
            terms=terms,
            agency=agency,
            comments=data["comments"],
        )
        return self._detail(review, terms)

    @extend_schema(request=None, responses={201: s.TermsOfReferenceSerializer})
    def revise(self, request, partnership_slug, pk):
        """Start the next draft version, a copy of the agreed current one (business managers);
        the agreed version is kept."""
        review = self._managed()
        revised = svc.terms_revise(
            actor=request.user, membership=self.membership, terms=self._current(review)
        )
        return self._detail(review, revised, status.HTTP_201_CREATED)

    @extend_schema(responses=s.TermsVersionSerializer(many=True))
    def versions(self, request, partnership_slug, pk):
        """Every version, newest first."""
        review = self._review()
        return Response(s.TermsVersionSerializer(review.terms.order_by("-version"), many=True).data)

    @extend_schema(responses=s.TermsOfReferenceSerializer)
    def version(self, request, partnership_slug, pk, version):
        """One version by number, with its membership and approvals."""
        review = self._review()
        return self._detail(review, self._version(review, version))

    @extend_schema(
        methods=["GET"],
        description=PDF_DESCRIPTION,
        responses={(200, "application/pdf"): bytes, 202: RenderStatusSerializer},
    )
    @extend_schema(methods=["POST"], request=None, responses={202: RenderStatusSerializer})
    def pdf(self, request, partnership_slug, pk, version):
        """One version as a PDF, marked OFFICIAL-SENSITIVE."""
        review = self._review()
        terms = self._version(review, version)
        return document_api_response(request, TERMS_PDF, terms_for_print(terms.pk))
