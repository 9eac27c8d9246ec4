"""Authorisation inside the agency, and the moment the partnership receives the referral."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.calendar import local_date
from cases.models import Membership, User
from referrals import permissions
from referrals.choices import ReferralStatus
from referrals.completeness import referral_problems
from referrals.models import Referral
from referrals.services import notify
from referrals.services._common import audit, locked, require, set_status
from referrals.services.receipt import receive
from referrals.state import transition_check

S = ReferralStatus


def _complete(referral: Referral) -> None:
    problems = referral_problems(referral)
    if problems:
        raise ValidationError([p.message for p in problems])


@transaction.atomic
def referral_submit_for_authorisation(
    *, actor: User, membership: Membership, referral: Referral
) -> Referral:
    """Send a finished draft to the agency's authoriser (Partnership.workflow
    referral_authoriser_role)."""
    require(permissions.can_edit_referral(membership, referral), "You cannot send this referral.")
    referral = locked(referral)
    transition_check(referral, "submit_for_authorisation")
    if referral.is_external:
        raise ValidationError(
            "An external referral has no agency authorisation: record its receipt instead."
        )
    _complete(referral)
    changes = set_status(
        referral, S.AWAITING_AUTHORISATION, sent_for_authorisation_at=timezone.now()
    )
    event = audit(
        actor=actor, referral=referral, action="submit_for_authorisation", changes=changes
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.authorisers(referral),
        headline="A referral from your agency is waiting for your authorisation.",
        actor=actor,
    )
    return referral


@transaction.atomic
def referral_authorise(
    *,
    actor: User,
    membership: Membership,
    referral: Referral,
    received_on: datetime.date | None = None,
    note: str = "",
) -> Referral:
    """Authorise and send the referral to the partnership. The moment it is sent is the
    partnership's receipt and day zero of triage; the case is opened then.

    For an external referral the business manager records its receipt, and may give the date
    it actually arrived (received_on, not in the future)."""
    require(
        permissions.can_authorise_referral(membership, referral),
        "Only the agency's authoriser can authorise this referral.",
    )
    referral = locked(referral)
    transition_check(referral, "authorise")
    _complete(referral)
    now = timezone.now()
    if received_on is None or not referral.is_external:
        received_on = local_date(now)
    elif received_on > local_date(now):
        raise ValidationError({"received_on": "The date received must be today or in the past"})
    changes = set_status(
        referral, S.SUBMITTED, authorised_at=now, authorised_by=actor, submitted_at=now
    )
    referral = receive(
        actor=actor, membership=membership, referral=referral, received_on=received_on
    )
    changes["received_on"] = [None, received_on.isoformat()]
    # Lincolnshire: "your ... SLO or their nominated deputy". The deputy's authorisation says
    # whom they acted for (the history reads "... as deputy for <SLO>").
    acting_for = [] if referral.is_external else permissions.deputy_for(membership)
    if acting_for:
        changes["deputy_for"] = [None, [slo.user_id for slo in acting_for]]
    event = audit(
        actor=actor,
        referral=referral,
        action="authorise_as_deputy" if acting_for else "authorise",
        changes=changes,
        note=note,
    )
    headline = (
        "Your referral has been authorised and received by the partnership."
        if referral.created_by_id != actor.pk
        else "Your referral has been received by the partnership."
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.referrer(referral),
        headline=headline,
        actor=actor,
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.business_managers(referral),
        headline="A new referral has been received and is waiting for triage.",
        actor=actor,
    )
    return referral


@transaction.atomic
def referral_return(
    *, actor: User, membership: Membership, referral: Referral, comments: str
) -> Referral:
    """The authoriser sends the referral back to its author with comments."""
    require(
        permissions.can_authorise_referral(membership, referral),
        "Only the agency's authoriser can return this referral.",
    )
    if not comments.strip():
        raise ValidationError({"comments": "Enter what needs to change"})
    referral = locked(referral)
    transition_check(referral, "return")
    changes = set_status(referral, S.RETURNED)
    event = audit(
        actor=actor, referral=referral, action="return", changes=changes, note=comments.strip()
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.referrer(referral),
        headline="Your referral has been returned to you with comments from your authoriser.",
        actor=actor,
    )
    return referral


@transaction.atomic
def referral_withdraw(
    *, actor: User, membership: Membership, referral: Referral, reason: str
) -> Referral:
    """Withdraw a referral that has not reached the partnership (kept, never deleted)."""
    require(
        permissions.can_edit_referral(membership, referral)
        or permissions.can_authorise_referral(membership, referral),
        "You cannot withdraw this referral.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the referral is withdrawn"})
    referral = locked(referral)
    transition_check(referral, "withdraw")
    changes = set_status(
        referral, S.WITHDRAWN, withdrawn_at=timezone.now(), withdrawal_reason=reason.strip()
    )
    audit(actor=actor, referral=referral, action="withdraw", changes=changes, note=reason)
    return referral
