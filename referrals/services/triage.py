"""Triage by the business manager and the review group."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.errors import DomainError
from cases.models import CaseStage, Deadline, DeadlineStatus, Membership, User
from cases.services.cases import case_stage_set
from cases.services.deadlines import deadline_meet, stage_close, stage_start
from referrals import permissions
from referrals.choices import AlternativeReview, ReferralStatus
from referrals.models import InformationRequest, Referral, ReviewGroupListing, TriageDecision
from referrals.services import notify
from referrals.services._common import audit, locked, require, set_status
from referrals.state import transition_check

S = ReferralStatus
# Where a final triage decision leaves the case (recommend_rapid_review goes to the executive;
# more_information waits for the referrer).
CASE_STAGE_AFTER = {
    "notify_serious_incident": CaseStage.AWAITING_NOTIFICATION,
    "learning_review": CaseStage.LEARNING_REVIEW,
    "single_agency_review": CaseStage.LEARNING_REVIEW,
    "no_further_action": CaseStage.CLOSED,
    "alternative_statutory_review": CaseStage.CLOSED,
    # Lincolnshire "Media Interest Referral" (seed 000): monitored, not closed.
    "media_interest": CaseStage.MEDIA_MONITORING,
}


def _not_future(value: datetime.date | None, field: str, label: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({field: f"{label} must be today or in the past"})


def triage_outcomes(partnership) -> dict[str, str]:
    """The partnership's outcome list (Partnership.workflow triage_outcomes): key -> label."""
    return {o["key"]: o["label"] for o in (partnership.workflow or {}).get("triage_outcomes", [])}


def executive_confirms(partnership, outcome: str) -> bool:
    """Whether the review group only recommends this outcome, for the executive to confirm
    (North Lincolnshire, seed 004: "safeguarding partners confirm or challenge")."""
    return any(
        o["key"] == outcome and o.get("executive_confirms")
        for o in (partnership.workflow or {}).get("triage_outcomes", [])
    )


def learning_options(partnership) -> dict[str, str]:
    return {o["key"]: o["label"] for o in (partnership.workflow or {}).get("learning_options", [])}


@transaction.atomic
def referral_quality_assure(
    *, actor: User, membership: Membership, referral: Referral, note: str = ""
) -> Referral:
    require(permissions.can_triage(membership, referral), "Only a business manager can do this.")
    referral = locked(referral)
    transition_check(referral, "quality_assure")
    if referral.quality_assured_at:
        raise DomainError("The referral has already been quality assured.")
    status = S.IN_TRIAGE if referral.status == S.SUBMITTED else referral.status
    changes = set_status(
        referral,
        status,
        quality_assured_at=timezone.now(),
        quality_assured_by=actor,
        quality_note=note.strip(),
    )
    audit(actor=actor, referral=referral, action="quality_assure", changes=changes, note=note)
    return referral


@transaction.atomic
def referral_request_information(
    *,
    actor: User,
    membership: Membership,
    referral: Referral,
    question: str,
    respond_by: datetime.date | None = None,
) -> InformationRequest:
    """Ask the referrer for more information; the referral waits (and shows how long)."""
    require(permissions.can_triage(membership, referral), "Only a business manager can do this.")
    referral = locked(referral)
    transition_check(referral, "request_information")
    return _request(actor=actor, referral=referral, question=question, respond_by=respond_by)


def _request(*, actor, referral, question, respond_by=None, decision_note=""):
    if not question.strip():
        raise ValidationError({"question": "Enter what information is needed"})
    if respond_by and respond_by < timezone.localdate():
        raise ValidationError({"respond_by": "The reply date must be today or in the future"})
    request = InformationRequest.objects.create(
        partnership_id=referral.partnership_id,
        referral=referral,
        requested_by=actor,
        question=question.strip(),
        respond_by=respond_by,
    )
    changes = set_status(referral, S.INFORMATION_REQUESTED)
    event = audit(
        actor=actor,
        referral=referral,
        action="request_information",
        changes={**changes, "request": [None, request.pk]},
        note=decision_note or question.strip(),
    )
    recipients = notify.referrer(referral) or notify.business_managers(referral)
    notify.send(
        referral=referral,
        event=event,
        recipients=recipients,
        headline="The partnership has asked for more information about your referral.",
        actor=actor,
    )
    return request


@transaction.atomic
def referral_provide_information(
    *, actor: User, membership: Membership, referral: Referral, response: str
) -> InformationRequest:
    require(
        permissions.can_provide_information(membership, referral),
        "Only the referring agency can answer this request.",
    )
    if not response.strip():
        raise ValidationError({"response": "Enter the information"})
    referral = locked(referral)
    transition_check(referral, "provide_information")
    request = (
        InformationRequest.objects.select_for_update()
        .filter(referral=referral, responded_at__isnull=True, agency__isnull=True)
        .order_by("created_at")
        .first()
    )
    request.response = response.strip()
    request.responded_by = actor
    request.responded_at = timezone.now()
    request.save(update_fields=["response", "responded_by", "responded_at"])
    changes = set_status(referral, S.IN_TRIAGE)
    event = audit(
        actor=actor,
        referral=referral,
        action="provide_information",
        changes={**changes, "request": [request.pk, request.pk]},
        note=response.strip(),
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.business_managers(referral),
        headline="The referrer has sent the information you asked for.",
        actor=actor,
    )
    return request


@transaction.atomic
def referral_schedule_review_group(
    *,
    actor: User,
    membership: Membership,
    referral: Referral,
    meeting_date: datetime.date,
    note: str = "",
) -> ReviewGroupListing:
    """Put the referral on the agenda of a review group meeting."""
    require(
        permissions.can_decide(membership, referral),
        "Only the business manager or the review group can do this.",
    )
    referral = locked(referral)
    transition_check(referral, "schedule_review_group")
    if meeting_date is None:
        raise ValidationError({"meeting_date": "Enter the date of the meeting"})
    listing = ReviewGroupListing.objects.create(
        partnership_id=referral.partnership_id,
        referral=referral,
        meeting_date=meeting_date,
        note=note.strip(),
        scheduled_by=actor,
    )
    status = S.IN_TRIAGE if referral.status == S.SUBMITTED else referral.status
    changes = set_status(referral, status)
    audit(
        actor=actor,
        referral=referral,
        action="schedule_review_group",
        changes={**changes, "meeting_date": [None, meeting_date.isoformat()]},
        note=note,
    )
    return listing


def _outcome_details(referral, outcome, learning_option, alternative_review) -> dict:
    outcomes = triage_outcomes(referral.partnership)
    if outcome not in outcomes:
        raise ValidationError({"outcome": "Select one of the partnership's outcomes"})
    details = {"outcome": outcome, "outcome_label": outcomes[outcome]}
    if outcome == "learning_review":
        options = learning_options(referral.partnership)
        if options:
            if learning_option not in options:
                raise ValidationError({"learning_option": "Select the type of learning review"})
            details.update(
                learning_option=learning_option, learning_option_label=options[learning_option]
            )
    if outcome == "alternative_statutory_review":
        if alternative_review not in AlternativeReview.values:
            raise ValidationError({"alternative_review": "Select the other statutory review"})
        details["alternative_review"] = alternative_review
    return details


# The triage step a preset names for the decision on the referral itself (seed 001 section 3).
DECISION_STEP = "triage_decision"


def close_triage(*, actor, referral: Referral, stage: str, reason: str) -> None:
    """Move the case on and close whatever triage steps are still open."""
    case = referral.case
    if Deadline.objects.filter(case=case, stage="triage", status=DeadlineStatus.OPEN).exists():
        stage_close(actor=actor, case=case, stage="triage", reason=reason)
    case_stage_set(actor=actor, case=case, stage=stage, reason=reason)
    if (
        stage == CaseStage.LEARNING_REVIEW
        and not Deadline.objects.filter(case=case, stage="learning_review").exists()
    ):
        stage_start(actor=actor, case=case, stage="learning_review", day_zero=timezone.localdate())
    if (
        stage == CaseStage.AWAITING_NOTIFICATION
        and not Deadline.objects.filter(case=case, stage="notification").exists()
    ):
        # Every preset counts the notification from the day the local authority became aware
        # (Dorset 2.3: "day zero, not day one"); until that date is recorded, the referral's
        # receipt is the latest it can be. The business manager corrects day zero on the case.
        stage_start(
            actor=actor,
            case=case,
            stage="notification",
            day_zero=case.awareness_date or referral.received_on,
        )


@transaction.atomic
def referral_decide(
    *,
    actor: User,
    membership: Membership,
    referral: Referral,
    outcome: str,
    rationale: str,
    decided_on: datetime.date,
    decided_by: str,
    attendees: str = "",
    learning_option: str = "",
    alternative_review: str = "",
    information_needed: str = "",
) -> TriageDecision:
    """Record the pathway decision, with its rationale, date and who took it."""
    require(
        permissions.can_decide(membership, referral),
        "Only the business manager or the review group can record a decision.",
    )
    referral = locked(referral)
    transition_check(referral, "decide")
    if referral.case_id is None:
        raise DomainError(
            "First link the referral to the existing case, or open a new case for it."
        )
    details = _outcome_details(referral, outcome, learning_option, alternative_review)
    errors = {}
    if not rationale.strip():
        errors["rationale"] = "Enter the rationale for the decision"
    if not decided_by.strip():
        errors["decided_by"] = "Enter who took the decision"
    if decided_on is None:
        errors["decided_on"] = "Enter the date of the decision"
    if outcome == "more_information" and not information_needed.strip():
        errors["information_needed"] = "Enter what information is needed"
    if errors:
        raise ValidationError(errors)
    _not_future(decided_on, "decided_on", "The date of the decision")
    listing = referral.listings.filter(meeting_date__lte=decided_on).order_by("-meeting_date")
    decision = TriageDecision.objects.create(
        partnership_id=referral.partnership_id,
        referral=referral,
        rationale=rationale.strip(),
        decided_on=decided_on,
        decided_by=decided_by.strip(),
        attendees=attendees.strip(),
        listing=listing.first(),
        recorded_by=actor,
        **details,
    )
    case = referral.case
    open_steps = Deadline.objects.filter(case=case, stage="triage", status=DeadlineStatus.OPEN)
    if outcome == "more_information":
        # Asking for more information is not the decision on the referral (Swindon section 3).
        open_steps = open_steps.exclude(key=DECISION_STEP)
    for deadline in open_steps:
        deadline_meet(actor=actor, case=case, stage="triage", key=deadline.key, met_on=decided_on)
    note = f"{details['outcome_label']}: {rationale.strip()}"
    if outcome == "more_information":
        _request(actor=actor, referral=referral, question=information_needed, decision_note=note)
        return decision
    if executive_confirms(referral.partnership, outcome):
        changes = set_status(referral, S.AWAITING_EXECUTIVE)
        event = audit(
            actor=actor,
            referral=referral,
            action="recommend_to_executive",
            changes={**changes, "outcome": [None, outcome]},
            note=note,
        )
        notify.send(
            referral=referral,
            event=event,
            recipients=notify.executives(referral),
            headline=f"A recommendation is waiting for your decision: {details['outcome_label']}.",
            actor=actor,
        )
        return decision
    if outcome == "recommend_rapid_review":
        changes = set_status(referral, S.PREPARING_RECOMMENDATION)
        audit(
            actor=actor,
            referral=referral,
            action="decide",
            changes={**changes, "outcome": [None, outcome]},
            note=note,
        )
        return decision
    changes = set_status(referral, S.DECIDED, outcome=outcome, decided_at=timezone.now())
    event = audit(actor=actor, referral=referral, action="decide", changes=changes, note=note)
    close_triage(
        actor=actor,
        referral=referral,
        stage=CASE_STAGE_AFTER[outcome],
        reason=details["outcome_label"],
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.referrer(referral),
        headline=f"A decision has been made on your referral: {details['outcome_label']}.",
        actor=actor,
    )
    if outcome == "media_interest":
        # Seed 000: "the LSCP Business Manager will circulate the form to SIRG and provide an
        # update to the Assurance Executive, Independent Chair and the appropriate Media Officers".
        notify.send(
            referral=referral,
            event=event,
            recipients=notify.review_group(referral) + notify.executives(referral),
            headline="A referral has been received for potential media interest. The business"
            " manager is monitoring it and will keep you updated.",
            actor=actor,
        )
    return decision
