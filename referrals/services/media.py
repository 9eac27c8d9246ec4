"""Monitoring a referral made for potential media interest (Lincolnshire, "Media Interest
Referral", seed 000): the business manager circulates updates and ends the monitoring; the case
closes only then."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cases.errors import InvalidTransition
from cases.models import CaseStage, Membership, User
from cases.services.cases import case_stage_set
from referrals import permissions
from referrals.choices import ReferralStatus
from referrals.models import Referral
from referrals.services import notify
from referrals.services._common import audit, locked, require


def is_monitored(referral: Referral) -> bool:
    return (
        referral.status == ReferralStatus.DECIDED
        and referral.outcome == "media_interest"
        and referral.case_id is not None
        and referral.case.stage == CaseStage.MEDIA_MONITORING
    )


def _check(membership: Membership, referral: Referral, note: str, missing: str) -> Referral:
    require(permissions.can_triage(membership, referral), "Only a business manager can do this.")
    referral = locked(referral)
    if not is_monitored(referral):
        raise InvalidTransition("The referral is not being monitored for media interest.")
    if not note.strip():
        raise ValidationError({"note": missing})
    return referral


@transaction.atomic
def media_update(*, actor: User, membership: Membership, referral: Referral, note: str) -> None:
    """Send an update on media interest to the review group and the executive."""
    referral = _check(membership, referral, note, "Enter the update")
    event = audit(actor=actor, referral=referral, action="media_update", note=note.strip())
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.review_group(referral) + notify.executives(referral),
        headline="There is an update on a referral monitored for media interest.",
        actor=actor,
    )


@transaction.atomic
def media_monitoring_end(
    *, actor: User, membership: Membership, referral: Referral, note: str
) -> None:
    """End the monitoring: the case closes."""
    referral = _check(membership, referral, note, "Enter why the monitoring has ended")
    reason = f"Media monitoring ended: {note.strip()}"
    case_stage_set(actor=actor, case=referral.case, stage=CaseStage.CLOSED, reason=reason)
    event = audit(
        actor=actor,
        referral=referral,
        action="media_monitoring_end",
        note=note.strip(),
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.review_group(referral) + notify.executives(referral),
        headline="Media monitoring of a referral has ended and its case is closed.",
        actor=actor,
    )
