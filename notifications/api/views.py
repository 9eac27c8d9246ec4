"""Every notification step through the API, with the services and permissions of the pages:
invisible notifications 404, refused actions 403, wrong transitions 409, bad input 400."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from cases import selectors as case_selectors
from cases.api.base import PartnershipViewSet
from notifications import permissions, selectors
from notifications.access_log import notification_read
from notifications.api import serializers as s
from notifications.services import copies, drafts, requests, submission


class NotificationViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """Serious incident notifications of the cases you can see, newest first."""

    serializer_class = s.SinNotificationSummarySerializer

    def get_queryset(self):
        qs = selectors.visible_notifications(self.membership).order_by("-created_at", "-pk")
        wanted = self.request.query_params.get("status", "")[:20]
        return qs.filter(status=wanted) if wanted else qs

    def get_object(self):
        n = selectors.notification_for_user(membership=self.membership, pk=self.kwargs["pk"])
        return drafts.notification_sync(actor=self.request.user, notification=n)

    def _require_manager(self, n):
        if not permissions.can_manage_notification(self.membership, n.case):
            raise PermissionDenied(permissions.NOT_ALLOWED)

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _detail(self, n, code=status.HTTP_200_OK, what="notification via API"):
        fresh = (
            selectors.visible_notifications(self.membership)
            .select_related("created_by", "submitted_by")
            .prefetch_related("children")
            .get(pk=n.pk)
        )
        notification_read(user=self.request.user, notification=fresh, what=what)
        return Response(s.SinNotificationSerializer(fresh).data, status=code)

    @extend_schema(request=s.SinCreateSerializer, responses={201: s.SinNotificationSerializer})
    def create(self, request, partnership_slug):
        """Start a notification: of a case you can see (its answers from the case and its
        referral), or without one (a case is opened). Only the local authority (its SLOs and
        agency executives) and business managers."""
        if not permissions.can_draft_notifications(self.membership):
            raise PermissionDenied(permissions.NOT_ALLOWED)
        data = self._input(s.SinCreateSerializer)
        case = None
        if data.get("case") is not None:
            case = case_selectors.case_for_user(membership=self.membership, pk=data["case"])
        n = drafts.notification_start(
            actor=request.user,
            membership=self.membership,
            case=case,
            title=data.get("title", ""),
            awareness_date=data.get("awareness_date"),
        )
        return self._detail(n, status.HTTP_201_CREATED)

    @extend_schema(responses=s.SinNotificationSerializer)
    def retrieve(self, request, partnership_slug, pk):
        return self._detail(self.get_object())

    @extend_schema(request=s.SinAnswersSerializer, responses=s.SinNotificationSerializer)
    def partial_update(self, request, partnership_slug, pk):
        """Change any of a draft's answers (the national form's order)."""
        n = self.get_object()
        self._require_manager(n)
        data = self._input(s.SinAnswersSerializer)
        drafts.notification_update(
            actor=request.user, membership=self.membership, notification=n, **data
        )
        return self._detail(n)

    @extend_schema(responses=s.SinChildrenSerializer)
    def children(self, request, partnership_slug, pk):
        n = self.get_object()
        notification_read(user=request.user, notification=n, what="children via API")
        return Response(s.SinChildrenSerializer({"children": n.children.all()}).data)

    @extend_schema(request=s.SinChildrenSerializer, responses=s.SinChildrenSerializer)
    def children_replace(self, request, partnership_slug, pk):
        """Name the children (up to four, in order); any others go in other_children."""
        n = self.get_object()
        self._require_manager(n)
        data = self._input(s.SinChildrenSerializer)
        drafts.notification_update(
            actor=request.user,
            membership=self.membership,
            notification=n,
            children=[dict(c) for c in data["children"]],
        )
        return self.children(request, partnership_slug, pk)

    def _act(self, service, serializer_class=None, **extra):
        n = self.get_object()
        self._require_manager(n)
        data = self._input(serializer_class) if serializer_class else {}
        service(actor=self.request.user, membership=self.membership, notification=n, **data)
        return self._detail(n)

    @extend_schema(request=None, responses=s.SinNotificationSerializer)
    def send_for_sign_off(self, request, partnership_slug, pk):
        """Send the complete draft up the partnership's notification chain (a returned draft
        is resubmitted). 400 lists every answer still missing."""
        return self._act(drafts.notification_send_for_sign_off)

    @extend_schema(request=s.SinAcknowledgeSerializer, responses=s.SinNotificationSerializer)
    def acknowledge(self, request, partnership_slug, pk):
        n = self.get_object()
        self._require_manager(n)
        data = self._input(s.SinAcknowledgeSerializer)
        submission.notification_acknowledge(
            actor=request.user,
            membership=self.membership,
            notification=n,
            acknowledged_on=data.get("acknowledged_on") or timezone.localdate(),
        )
        return self._detail(n)

    @extend_schema(request=s.SinReasonSerializer, responses=s.SinNotificationSerializer)
    def withdraw(self, request, partnership_slug, pk):
        return self._act(drafts.notification_withdraw, s.SinReasonSerializer)

    @extend_schema(request=None, responses={201: None})
    def child_in_care_notice(self, request, partnership_slug, pk):
        """A child in care died: add the separate notice to the Secretary of State and Ofsted
        to the case (see /cases/<case>/notices/)."""
        n = self.get_object()
        self._require_manager(n)
        notice = drafts.notification_child_in_care_notice(
            actor=request.user, membership=self.membership, notification=n
        )
        return Response({"notice": notice.pk, "case": n.case_id}, status=status.HTTP_201_CREATED)


class SubmissionViewSet(NotificationViewSet):
    parser_classes = [MultiPartParser]  # the downloaded copy: multipart/form-data only

    @extend_schema(request=s.SinSubmitSerializer, responses=s.SinNotificationSerializer)
    def submit(self, request, partnership_slug, pk):
        """Record the submission through the national portal (the signed-off notification):
        meets the clock's notify-the-Panel step, moves the case to the rapid review."""
        n = self.get_object()
        self._require_manager(n)
        serializer = s.SinSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        submission.notification_submit(
            actor=request.user,
            membership=self.membership,
            notification=n,
            submitted_at=data.get("submitted_at") or timezone.now(),
            national_reference=data.get("national_reference", ""),
            copy=data.get("copy"),
        )
        return self._detail(n)


class RequestViewSet(mixins.ListModelMixin, PartnershipViewSet):
    """Agencies' requests that the local authority notify, on the cases you can see."""

    serializer_class = s.SinRequestSerializer

    def get_queryset(self):
        return selectors.visible_requests(self.membership).order_by("-created_at", "-pk")

    def get_object(self):
        return selectors.request_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def _detail(self, req, code=status.HTTP_200_OK):
        return Response(s.SinRequestSerializer(self.get_object_by_pk(req.pk)).data, status=code)

    def get_object_by_pk(self, pk):
        return self.get_queryset().get(pk=pk)

    @extend_schema(request=s.SinRequestCreateSerializer, responses={201: s.SinRequestSerializer})
    def create(self, request, partnership_slug):
        """Raise with the local authority that a notification is due (Dorset 002 2.1)."""
        serializer = s.SinRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = case_selectors.case_for_user(
            membership=self.membership, pk=serializer.validated_data["case"]
        )
        req = requests.notification_request_raise(
            actor=request.user,
            membership=self.membership,
            case=case,
            reason=serializer.validated_data["reason"],
        )
        return self._detail(req, status.HTTP_201_CREATED)

    @extend_schema(responses=s.SinRequestSerializer)
    def retrieve(self, request, partnership_slug, pk):
        return self._detail(self.get_object())

    @extend_schema(request=s.SinAnswerSerializer, responses=s.SinRequestSerializer)
    def answer(self, request, partnership_slug, pk):
        """The local authority agrees or disagrees (a reason when it disagrees)."""
        req = self.get_object()
        if not permissions.can_answer_request(self.membership, req.case):
            raise PermissionDenied("Only the local authority answers a request to notify.")
        serializer = s.SinAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        requests.notification_request_answer(
            actor=request.user,
            membership=self.membership,
            request=req,
            answer=serializer.validated_data["answer"],
            reason=serializer.validated_data.get("reason", ""),
        )
        return self._detail(req)

    @extend_schema(request=s.SinEscalateSerializer, responses=s.SinRequestSerializer)
    def escalate(self, request, partnership_slug, pk):
        """Record to whom a disagreement was escalated (Dorset 002 2.1: the PDSCP Executive)."""
        req = self.get_object()
        serializer = s.SinEscalateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        requests.notification_request_escalate(
            actor=request.user,
            membership=self.membership,
            request=req,
            escalated_to=serializer.validated_data["escalated_to"],
        )
        return self._detail(req)


class CopyViewSet(PartnershipViewSet):
    """Who gets a copy of a submitted notification and by when (the partnership's
    `notification_copies`), ticked off as they go. Everyone who sees the notification reads
    the list; those who manage it change it."""

    serializer_class = s.SinCopySerializer
    pagination_class = None

    def _notification(self):
        return selectors.notification_for_user(membership=self.membership, pk=self.kwargs["pk"])

    def _copy(self, n):
        return selectors.copy_of_notification(n, self.kwargs["copy_pk"])

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _one(self, copy, code=status.HTTP_200_OK):
        copy.refresh_from_db()
        return Response(s.SinCopySerializer(copy).data, status=code)

    @extend_schema(responses=s.SinCopySerializer(many=True))
    def list(self, request, partnership_slug, pk):
        rows = copies.live_copies(self._notification())
        return Response(s.SinCopySerializer(rows, many=True).data)

    @extend_schema(request=s.SinCopyAddSerializer, responses={201: s.SinCopySerializer})
    def create(self, request, partnership_slug, pk):
        """Add someone who gets a copy, e.g. a partnership where the child lived (Dorset 002
        2.6). 409 before the submission."""
        n = self._notification()
        data = self._input(s.SinCopyAddSerializer)
        copy = copies.copy_add(
            actor=request.user, membership=self.membership, notification=n, **data
        )
        return self._one(copy, status.HTTP_201_CREATED)

    @extend_schema(request=s.SinCopySentSerializer, responses=s.SinCopySerializer)
    def sent(self, request, partnership_slug, pk, copy_pk):
        """The copy went on `sent_on` (today or before, not before the submission)."""
        n = self._notification()
        copy = self._copy(n)
        data = self._input(s.SinCopySentSerializer)
        copies.copies_mark_sent(
            actor=request.user,
            membership=self.membership,
            notification=n,
            copies=[copy],
            sent_on=data["sent_on"],
        )
        return self._one(copy)

    @extend_schema(request=None, responses=s.SinCopySerializer)
    def unsent(self, request, partnership_slug, pk, copy_pk):
        """Undo a tick made by mistake."""
        copy = self._copy(self._notification())
        copies.copy_unmark(actor=request.user, membership=self.membership, copy=copy)
        return self._one(copy)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request, partnership_slug, pk, copy_pk):
        """Take an added copy not sent off the list (kept as removed); 409 for the
        partnership's own rows or one sent."""
        copy = self._copy(self._notification())
        copies.copy_remove(actor=request.user, membership=self.membership, copy=copy)
        return Response(status=status.HTTP_204_NO_CONTENT)
