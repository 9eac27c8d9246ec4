"""An agency other than the local authority thinks a notification is due and raises it with the
local authority, which agrees or disagrees; a disagreement is escalated (Dorset 002 2.1: "if
there is no agreement this is to be escalated to the PDSCP Executive"; BCP 003 section 6: "the
PDSCP escalation process"; Swindon 001: "the local resolution processes")."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases.audit import audit_created
from cases.errors import InvalidTransition
from cases.models import Case, Membership, User
from notifications import permissions
from notifications.choices import RequestAnswer
from notifications.models import NotificationRequest
from notifications.services import _common
from notifications.services._common import audit, require


def _path(request: NotificationRequest) -> str:
    return reverse("notifications:request", args=[request.case.partnership.slug, request.pk])


def _locked(request: NotificationRequest) -> NotificationRequest:
    return NotificationRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def notification_request_raise(
    *, actor: User, membership: Membership, case: Case, reason: str
) -> NotificationRequest:
    require(
        permissions.can_raise_request(membership, case),
        "Only another agency that can see the case raises a notification with the local authority.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you think a notification is due"})
    request = NotificationRequest.objects.create(
        partnership_id=case.partnership_id,
        case=case,
        agency_id=membership.agency_id,
        raised_by=actor,
        reason=reason.strip(),
    )
    audit_created(
        actor=actor,
        partnership=case.partnership,
        obj=request,
        case=case,
        action="notification.request_raise",
    )
    _common.tell(
        key=f"notification-request:{request.pk}:raised",
        recipients=_common.la_members(case.partnership_id),
        actor=actor,
        case=case,
        headline="An agency asks the local authority to make a serious incident notification.",
        status="Waiting for the local authority's answer",
        path=_path(request),
    )
    return request


@transaction.atomic
def notification_request_answer(
    *,
    actor: User,
    membership: Membership,
    request: NotificationRequest,
    answer: str,
    reason: str = "",
) -> NotificationRequest:
    require(
        permissions.can_answer_request(membership, request.case),
        "Only the local authority answers a request to notify.",
    )
    request = _locked(request)
    if request.answer:
        raise InvalidTransition("The local authority has already answered this request.")
    if answer not in (RequestAnswer.AGREED, RequestAnswer.DISAGREED):
        raise ValidationError({"answer": "Select whether the local authority agrees"})
    if answer == RequestAnswer.DISAGREED and not reason.strip():
        raise ValidationError({"answer_reason": "Enter why the local authority disagrees"})
    request.answer = answer
    request.answer_reason = reason.strip()
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save()
    audit(
        actor=actor,
        obj=request,
        case=request.case,
        action="request_answer",
        changes={"answer": ["", answer]},
        note=request.answer_reason,
    )
    if request.raised_by.email:
        _common.tell(
            key=f"notification-request:{request.pk}:answered",
            recipients=[request.raised_by.email],
            actor=actor,
            case=request.case,
            headline="The local authority has answered your request to notify.",
            status=request.get_answer_display(),
            path=_path(request),
        )
    return request


@transaction.atomic
def notification_request_escalate(
    *, actor: User, membership: Membership, request: NotificationRequest, escalated_to: str
) -> NotificationRequest:
    """Record that a disagreement went to the partnership's escalation (to whom)."""
    require(
        request.raised_by_id == actor.pk
        or permissions.can_raise_request(membership, request.case)
        or permissions.can_answer_request(membership, request.case),
        "You cannot escalate this request.",
    )
    request = _locked(request)
    if request.answer != RequestAnswer.DISAGREED or request.escalated_at:
        raise InvalidTransition("Only a disagreement not yet escalated can be escalated.")
    if not escalated_to.strip():
        raise ValidationError({"escalated_to": "Enter who the disagreement was escalated to"})
    request.escalated_to = escalated_to.strip()[:200]
    request.escalated_at = timezone.now()
    request.escalated_by = actor
    request.save()
    audit(
        actor=actor,
        obj=request,
        case=request.case,
        action="request_escalate",
        changes={"escalated_to": [None, request.escalated_to]},
    )
    return request
