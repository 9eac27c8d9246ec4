"""Lincolnshire Appendix B, "Call for limited agency information / summary of involvement":
during triage the business manager asks an agency other than the referrer what it knows. The
agency sees the question and who the child is, never the referral; the referral is not held."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases.errors import InvalidTransition
from cases.models import Agency, Membership, User
from referrals import permissions
from referrals.models import InformationRequest, Referral
from referrals.services import notify
from referrals.services._common import audit, locked, require
from referrals.state import transition_check


def _respond_url(request: InformationRequest) -> str:
    return reverse("referrals:agency_request", args=[request.referral.partnership.slug, request.pk])


@transaction.atomic
def agency_information_request(
    *,
    actor: User,
    membership: Membership,
    referral: Referral,
    agency: Agency | None,
    question: str,
    respond_by: datetime.date | None = None,
) -> InformationRequest:
    require(permissions.can_triage(membership, referral), "Only a business manager can do this.")
    referral = locked(referral)
    transition_check(referral, "request_agency_information")
    errors = {}
    if agency is None or agency.partnership_id != referral.partnership_id or not agency.is_active:
        errors["agency"] = "Select the agency to ask"
    elif agency.pk == referral.agency_id:
        errors["agency"] = "Select an agency other than the referrer: ask the referrer instead"
    if not question.strip():
        errors["question"] = "Enter the information you need"
    if respond_by and respond_by < timezone.localdate():
        errors["respond_by"] = "The reply date must be today or in the future"
    if not errors and referral.case_id and referral.case.is_restricted:
        errors["agency"] = (
            "The case is restricted: its details go only to the people on its access list"
        )
    if errors:
        raise ValidationError(errors)
    request = InformationRequest.objects.create(
        partnership_id=referral.partnership_id,
        referral=referral,
        requested_by=actor,
        agency=agency,
        question=question.strip(),
        respond_by=respond_by,
    )
    event = audit(
        actor=actor,
        referral=referral,
        action="request_agency_information",
        changes={"agency": [None, agency.pk], "request": [None, request.pk]},
        note=question.strip(),
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.agency_leads(referral, agency.pk),
        headline="The partnership asks your agency for a summary of its involvement with a child.",
        actor=actor,
        url=_respond_url(request),
    )
    return request


@transaction.atomic
def agency_information_respond(
    *, actor: User, membership: Membership, request: InformationRequest, response: str
) -> InformationRequest:
    require(
        permissions.can_answer_agency_request(membership, request),
        "Only the agency asked can answer this request.",
    )
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise InvalidTransition("This request has already been answered.")
    if not response.strip():
        raise ValidationError({"response": "Enter your agency's summary of involvement"})
    request.response = response.strip()
    request.responded_by = actor
    request.responded_at = timezone.now()
    request.save(update_fields=["response", "responded_by", "responded_at"])
    event = audit(
        actor=actor,
        referral=request.referral,
        action="provide_agency_information",
        changes={"agency": [request.agency_id, request.agency_id]},
        # The summary stays on the request, which only the partnership's triage roles see: the
        # referral's timeline is also read by the referring agency.
    )
    notify.send(
        referral=request.referral,
        event=event,
        recipients=notify.business_managers(request.referral),
        headline=f"{request.agency} has sent the summary of involvement you asked for.",
        actor=actor,
    )
    return request
