"""Every referral step through the API, with the same services and permissions as the pages:
invisible referrals 404, refused actions 403, wrong transitions 409, bad input 400."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from cases.api.base import PartnershipViewSet
from cases.api.serializers import AuditEventSerializer, RenderStatusSerializer
from cases.models import Agency
from cases.permissions import visible_cases
from cases.rendered.views import document_api_response
from referrals import permissions, selectors
from referrals.access_log import referral_read
from referrals.api import serializers as s
from referrals.documents import RECOMMENDATION_PDF, REFERRAL_PDF
from referrals.lookups import lookups_install_defaults
from referrals.models import ReferralLookup
from referrals.services import (
    agency_information,
    agreements,
    authorisation,
    challenges,
    drafts,
    executive,
    media,
    receipt,
    triage,
)

PDF_DESCRIPTION = (
    "Rendered off the request path, once per version of the referral. 200 with the PDF when "
    "the current version is ready (the download is written to the case's access log); "
    "otherwise 202 with the status and a Retry-After header: GET again after that many "
    "seconds. A failed render answers 202 with status `failed`: POST to try again."
)


class ReferralViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """Referrals you can see (their agency's for agency staff; all received ones for the
    business manager and the review group; those sent for decision for executives)."""

    serializer_class = s.ReferralSummarySerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        return {**context, "membership": getattr(self, "membership", None)}

    def get_queryset(self):
        return selectors.referral_list(
            membership=self.membership, status=self.request.query_params.get("status", "")[:40]
        )

    def get_object(self):
        return selectors.referral_detail(membership=self.membership, pk=self.kwargs["pk"])

    def _detail(self, referral=None, code=status.HTTP_200_OK):
        referral = self.get_object() if referral is None else referral
        fresh = selectors.referral_detail(membership=self.membership, pk=referral.pk)
        return Response(
            s.ReferralSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    def _act(self, serializer_cls, service, **extra):
        referral = self.get_object()
        data = {}
        if serializer_cls is not None:
            serializer = serializer_cls(
                data=self.request.data, context=self.get_serializer_context()
            )
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        service(
            actor=self.request.user, membership=self.membership, referral=referral, **data, **extra
        )
        return self._detail(referral)

    @extend_schema(request=s.CreateSerializer, responses={201: s.ReferralSerializer})
    def create(self, request, partnership_slug):
        """Start a draft: for your agency, or (business manager, external=true) on behalf of a
        referrer without an account."""
        serializer = s.CreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data.get("external"):
            referral = drafts.referral_create_external(
                actor=request.user,
                membership=self.membership,
                external_source=data["external_source"],
                referrer_organisation=data.get("referrer_organisation", ""),
                referrer_name=data.get("referrer_name", ""),
            )
        else:
            referral = drafts.referral_create(actor=request.user, membership=self.membership)
        return self._detail(referral, status.HTTP_201_CREATED)

    @extend_schema(responses=s.ReferralSerializer)
    def retrieve(self, request, partnership_slug, pk):
        referral = self.get_object()
        referral_read(user=request.user, referral=referral, what="referral via API")
        return self._detail(referral)

    @extend_schema(request=s.DraftSerializer, responses=s.ReferralSerializer)
    def partial_update(self, request, partnership_slug, pk):
        """Save answers on a draft (any subset of the form's fields)."""
        referral = self.get_object()
        serializer = s.DraftSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        drafts.referral_save_draft(
            actor=request.user,
            membership=self.membership,
            referral=referral,
            **serializer.validated_data,
        )
        return self._detail(referral)

    @extend_schema(request=None, responses=s.ReferralSerializer)
    def submit_for_authorisation(self, request, partnership_slug, pk):
        return self._act(None, authorisation.referral_submit_for_authorisation)

    @extend_schema(request=s.AuthoriseSerializer, responses=s.ReferralSerializer)
    def authorise(self, request, partnership_slug, pk):
        """Authorise and send to the partnership (the receipt: case opened, triage day 0)."""
        return self._act(s.AuthoriseSerializer, authorisation.referral_authorise)

    @extend_schema(request=s.ReturnSerializer, responses=s.ReferralSerializer)
    def return_to_referrer(self, request, partnership_slug, pk):
        return self._act(s.ReturnSerializer, authorisation.referral_return)

    @extend_schema(request=s.ReasonSerializer, responses=s.ReferralSerializer)
    def withdraw(self, request, partnership_slug, pk):
        return self._act(s.ReasonSerializer, authorisation.referral_withdraw)

    @extend_schema(request=s.NoteSerializer, responses=s.ReferralSerializer)
    def quality_assure(self, request, partnership_slug, pk):
        return self._act(s.NoteSerializer, triage.referral_quality_assure)

    @extend_schema(request=s.InformationQuestionSerializer, responses=s.ReferralSerializer)
    def request_information(self, request, partnership_slug, pk):
        return self._act(s.InformationQuestionSerializer, triage.referral_request_information)

    @extend_schema(request=s.InformationResponseSerializer, responses=s.ReferralSerializer)
    def provide_information(self, request, partnership_slug, pk):
        return self._act(s.InformationResponseSerializer, triage.referral_provide_information)

    @extend_schema(request=s.ScheduleSerializer, responses=s.ReferralSerializer)
    def schedule_review_group(self, request, partnership_slug, pk):
        return self._act(s.ScheduleSerializer, triage.referral_schedule_review_group)

    @extend_schema(request=s.DecideSerializer, responses=s.ReferralSerializer)
    def decide(self, request, partnership_slug, pk):
        return self._act(s.DecideSerializer, triage.referral_decide)

    @extend_schema(request=s.AgencyInformationInputSerializer, responses=s.ReferralSerializer)
    def request_agency_information(self, request, partnership_slug, pk):
        """Ask an agency other than the referrer for a summary of its involvement (Lincolnshire
        Appendix B); triage goes on."""
        referral = self.get_object()
        serializer = s.AgencyInformationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["agency"] = Agency.objects.filter(
            partnership=self.membership.partnership_id, pk=data["agency"]
        ).first()
        agency_information.agency_information_request(
            actor=request.user, membership=self.membership, referral=referral, **data
        )
        return self._detail(referral)

    @extend_schema(request=s.MediaNoteSerializer, responses=s.ReferralSerializer)
    def media_update(self, request, partnership_slug, pk):
        """Send an update on a referral monitored for media interest (business manager)."""
        return self._act(s.MediaNoteSerializer, media.media_update)

    @extend_schema(request=s.MediaNoteSerializer, responses=s.ReferralSerializer)
    def media_monitoring_end(self, request, partnership_slug, pk):
        """End the monitoring of a media interest referral: its case closes."""
        return self._act(s.MediaNoteSerializer, media.media_monitoring_end)

    @extend_schema(request=s.RecommendSerializer, responses=s.ReferralSerializer)
    def recommend(self, request, partnership_slug, pk):
        """Send the recommendation to the executive; omitted fields are generated from the
        referral (GET recommendation-draft shows them)."""
        referral = self.get_object()
        serializer = s.RecommendSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        executive.referral_recommend_to_executive(
            actor=request.user,
            membership=self.membership,
            referral=referral,
            **serializer.validated_data,
        )
        return self._detail(referral)

    @extend_schema(responses=s.RecommendSerializer)
    def recommendation_draft(self, request, partnership_slug, pk):
        referral = self.get_object()
        if not permissions.can_triage(self.membership, referral):
            raise PermissionDenied("Only a business manager prepares the recommendation.")
        referral_read(user=request.user, referral=referral, what="recommendation")
        return Response(s.RecommendSerializer(executive.recommendation_initial(referral)).data)

    @extend_schema(request=s.ExecutiveDecisionInputSerializer, responses=s.ReferralSerializer)
    def executive_decision(self, request, partnership_slug, pk):
        return self._act(s.ExecutiveDecisionInputSerializer, executive.executive_decision_record)

    @extend_schema(request=s.NotificationAgreementInputSerializer, responses=s.ReferralSerializer)
    def notification_agreement(self, request, partnership_slug, pk):
        """A statutory partner's representative records whether it agrees that the recommended
        incident is notified, where the statutory partners decide (issue 12)."""
        return self._act(
            s.NotificationAgreementInputSerializer, agreements.notification_agreement_record
        )

    @extend_schema(request=s.NotificationEscalationInputSerializer, responses=s.ReferralSerializer)
    def notification_escalation(self, request, partnership_slug, pk):
        """Another statutory partner records its disagreement with the local authority as an
        escalation, where the local authority decides (issue 12)."""
        return self._act(
            s.NotificationEscalationInputSerializer, agreements.notification_escalation_record
        )

    @extend_schema(responses=s.DuplicateSerializer(many=True))
    def duplicates(self, request, partnership_slug, pk):
        """Open cases that may be about the same child (only cases you can see)."""
        referral = self.get_object()
        if not permissions.can_triage(self.membership, referral):
            raise PermissionDenied("Only a business manager can see possible duplicates.")
        matches = selectors.possible_duplicates(membership=self.membership, referral=referral)
        return Response(s.DuplicateSerializer(matches, many=True).data)

    @extend_schema(request=s.LinkCaseSerializer, responses=s.ReferralSerializer)
    def link_case(self, request, partnership_slug, pk):
        referral = self.get_object()
        serializer = s.LinkCaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = get_object_or_404(
            visible_cases(self.membership), pk=serializer.validated_data["case"]
        )
        receipt.referral_link_case(
            actor=request.user, membership=self.membership, referral=referral, case=case
        )
        return self._detail(referral)

    @extend_schema(responses=AuditEventSerializer(many=True))
    def history(self, request, partnership_slug, pk):
        referral = self.get_object()
        page = self.paginate_queryset(selectors.referral_history(referral=referral))
        referral_read(user=request.user, referral=referral, what="history via API")
        return self.get_paginated_response(AuditEventSerializer(page, many=True).data)

    @extend_schema(
        methods=["GET"],
        description=PDF_DESCRIPTION,
        responses={(200, "application/pdf"): bytes, 202: RenderStatusSerializer},
    )
    @extend_schema(methods=["POST"], request=None, responses={202: RenderStatusSerializer})
    def pdf(self, request, partnership_slug, pk):
        referral = self.get_object()
        if referral.case_id is None:
            raise NotFound("The referral has not been received yet.")
        return document_api_response(request, REFERRAL_PDF, selectors.referral_for_print(pk))

    @extend_schema(
        methods=["GET"],
        description=PDF_DESCRIPTION,
        responses={(200, "application/pdf"): bytes, 202: RenderStatusSerializer},
    )
    @extend_schema(methods=["POST"], request=None, responses={202: RenderStatusSerializer})
    def recommendation_pdf(self, request, partnership_slug, pk):
        referral = self.get_object()
        if selectors.latest_recommendation(referral) is None or referral.case_id is None:
            raise NotFound("There is no recommendation.")
        return document_api_response(request, RECOMMENDATION_PDF, selectors.referral_for_print(pk))


class AgencyRequestViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """Calls for information addressed to your agency (its safeguarding lead officers); the
    business manager sees every agency's."""

    serializer_class = s.AgencyRequestSerializer

    def get_queryset(self):
        return selectors.agency_requests(membership=self.membership)

    def retrieve(self, request, partnership_slug, pk):
        info = selectors.agency_request(membership=self.membership, pk=pk)
        referral_read(user=request.user, referral=info.referral, what="call for agency information")
        return Response(s.AgencyRequestSerializer(info).data)

    @extend_schema(request=s.AgencyResponseSerializer, responses=s.AgencyRequestSerializer)
    def respond(self, request, partnership_slug, pk):
        info = selectors.agency_request(membership=self.membership, pk=pk)
        serializer = s.AgencyResponseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        info = agency_information.agency_information_respond(
            actor=request.user,
            membership=self.membership,
            request=info,
            **serializer.validated_data,
        )
        return Response(s.AgencyRequestSerializer(info).data)


class ReferralChildViewSet(PartnershipViewSet):
    """Records that hang off one referral: the referral is looked up first (404 if hidden)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.get_referral()

    def get_referral(self):
        if not hasattr(self, "_referral"):
            self._referral = selectors.referral_for_user(
                membership=self.membership, pk=self.kwargs["referral_pk"]
            )
        return self._referral


class ReferralItemViewSet(ReferralChildViewSet):
    """The form's repeating lists: children, family, agencies (whole lists, not pages)."""

    collection = "children"
    pagination_class = None
    SERIALIZERS = {
        "children": s.ChildSerializer,
        "family": s.PersonSerializer,
        "agencies": s.AgencyContactSerializer,
    }

    def get_serializer_class(self):
        return self.SERIALIZERS[self.collection]

    def _item(self):
        return selectors.referral_item(
            referral=self.get_referral(), collection=self.collection, pk=self.kwargs["pk"]
        )

    def list(self, request, partnership_slug, referral_pk):
        referral = self.get_referral()
        items = selectors.referral_items(referral=referral, collection=self.collection)
        referral_read(user=request.user, referral=referral, what=f"{self.collection} via API")
        return Response(self.get_serializer(items, many=True).data)

    def create(self, request, partnership_slug, referral_pk):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = drafts.referral_item_add(
            actor=request.user,
            membership=self.membership,
            referral=self.get_referral(),
            collection=self.collection,
            **serializer.validated_data,
        )
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request, partnership_slug, referral_pk, pk):
        item = self._item()
        what = f"{self.collection} item {item.pk} via API"
        referral_read(user=request.user, referral=self.get_referral(), what=what)
        return Response(self.get_serializer(item).data)

    def partial_update(self, request, partnership_slug, referral_pk, pk):
        item = self._item()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        item = drafts.referral_item_update(
            actor=request.user,
            membership=self.membership,
            item=item,
            **serializer.validated_data,
        )
        return Response(self.get_serializer(item).data)

    def destroy(self, request, partnership_slug, referral_pk, pk):
        drafts.referral_item_remove(
            actor=request.user, membership=self.membership, item=self._item()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChallengeViewSet(ReferralChildViewSet):
    serializer_class = s.ChallengeSerializer
    pagination_class = None

    def list(self, request, partnership_slug, referral_pk):
        items = self.get_referral().challenges.prefetch_related("records")
        return Response(s.ChallengeSerializer(items, many=True).data)

    @extend_schema(request=s.ChallengeInputSerializer, responses={201: s.ChallengeSerializer})
    def create(self, request, partnership_slug, referral_pk):
        serializer = s.ChallengeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        challenge = challenges.challenge_raise(
            actor=request.user,
            membership=self.membership,
            referral=self.get_referral(),
            **serializer.validated_data,
        )
        return Response(s.ChallengeSerializer(challenge).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request, partnership_slug, referral_pk, pk):
        challenge = selectors.challenge_for_referral(referral=self.get_referral(), pk=pk)
        return Response(s.ChallengeSerializer(challenge).data)

    @extend_schema(request=s.ChallengeStepInputSerializer, responses={201: s.ChallengeSerializer})
    def record_step(self, request, partnership_slug, referral_pk, pk):
        challenge = selectors.challenge_for_referral(referral=self.get_referral(), pk=pk)
        serializer = s.ChallengeStepInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        challenges.challenge_step_record(
            actor=request.user,
            membership=self.membership,
            challenge=challenge,
            **serializer.validated_data,
        )
        challenge = selectors.challenge_for_referral(referral=self.get_referral(), pk=pk)
        return Response(s.ChallengeSerializer(challenge).data, status=status.HTTP_201_CREATED)


class LookupViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """The partnership's answer lists (reasons, characteristics, resolution steps)."""

    serializer_class = s.LookupSerializer
    pagination_class = None

    def get_queryset(self):
        lookups_install_defaults(self.membership.partnership)
        return ReferralLookup.objects.filter(partnership=self.membership.partnership_id)
