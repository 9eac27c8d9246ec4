"""Challenges to decisions and complaints, through the partnership's resolution steps."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import CaseStage, Membership, Role, User
from referrals import permissions
from referrals.choices import ChallengeKind, ChallengeStatus, ReferralStatus, StepOutcome
from referrals.lookups import resolution_steps
from referrals.models import Challenge, ChallengeStep, Referral
from referrals.services import notify
from referrals.services._common import audit, locked, require, set_status
from referrals.state import transition_check


def _not_future(value, field, label):
    if value is None:
        raise ValidationError({field: f"Enter the {label}"})
    if value > timezone.localdate():
        raise ValidationError({field: f"The {label} must be today or in the past"})


@transaction.atomic
def challenge_raise(
    *,
    actor: User,
    membership: Membership,
    referral: Referral,
    kind: str,
    grounds: str,
    raised_on: datetime.date,
    raised_by_name: str = "",
) -> Challenge:
    """Record a challenge to a decision (by the agency that disagrees, or by the business
    manager for them) or a complaint (recorded by the business manager)."""
    require(
        permissions.can_raise_challenge(membership, referral),
        "You cannot record a challenge on this referral.",
    )
    referral = locked(referral)
    transition_check(referral, "raise_challenge")
    errors = {}
    if kind not in ChallengeKind.values:
        errors["kind"] = "Select a challenge or a complaint"
    elif kind == ChallengeKind.COMPLAINT and not membership.has_role(Role.BUSINESS_MANAGER):
        errors["kind"] = "Complaints are recorded by the business manager"
    elif kind == ChallengeKind.CHALLENGE and not (
        referral.decisions.exists() or referral.executive_decisions.exists()
    ):
        errors["kind"] = "There is no decision to challenge yet"
    if not grounds.strip():
        errors["grounds"] = "Enter what is disagreed with, and why"
    if errors:
        raise ValidationError(errors)
    _not_future(raised_on, "raised_on", "date it was raised")
    is_bm = membership.has_role(Role.BUSINESS_MANAGER)
    name = raised_by_name.strip() if is_bm and raised_by_name.strip() else ""
    if not name:
        name = f"{actor.get_full_name()}" + (f", {membership.agency}" if membership.agency else "")
    steps = resolution_steps(referral.partnership, kind)
    if not steps:
        raise ValidationError("The partnership has no resolution steps: add them in settings.")
    challenge = Challenge.objects.create(
        partnership_id=referral.partnership_id,
        referral=referral,
        kind=kind,
        raised_by_agency=membership.agency if not is_bm or not raised_by_name.strip() else None,
        raised_by_name=name[:200],
        raised_on=raised_on,
        grounds=grounds.strip(),
        steps=steps,
        recorded_by=actor,
    )
    event = audit(
        actor=actor,
        referral=referral,
        action=f"{kind}_raise",
        changes={"challenge": [None, challenge.pk], "first_step": [None, steps[0]["label"]]},
        note=grounds.strip(),
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.business_managers(referral),
        headline=f"A {challenge.get_kind_display().lower()} has been recorded on a referral.",
        actor=actor,
    )
    return challenge


def _reopen_for_triage(*, actor: User, referral: Referral, step_label: str) -> None:
    """An upheld challenge to a decision sends the referral back to triage to decide again.
    The triage clock is not restarted: its steps were met when the first decision was made."""
    from cases.services.cases import case_stage_set

    referral = locked(referral)
    changes = set_status(referral, ReferralStatus.IN_TRIAGE, outcome="", decided_at=None)
    audit(
        actor=actor,
        referral=referral,
        action="reopen",
        changes=changes,
        note=f"Challenge upheld at: {step_label}",
    )
    if referral.case_id:
        case_stage_set(
            actor=actor,
            case=referral.case,
            stage=CaseStage.TRIAGE,
            reason="A challenge to the decision was upheld.",
        )


def current_step(challenge: Challenge) -> dict | None:
    if not challenge.is_open:
        return None
    done = challenge.records.count()
    return challenge.steps[done] if done < len(challenge.steps) else None


@transaction.atomic
def challenge_step_record(
    *,
    actor: User,
    membership: Membership,
    challenge: Challenge,
    outcome: str,
    notes: str,
    held_on: datetime.date,
) -> ChallengeStep:
    """Record the outcome of the current resolution step: resolved (upheld or not), withdrawn,
    or not resolved and escalated to the next step."""
    require(
        permissions.can_record_challenge_step(membership, challenge.referral),
        "Only a business manager records the resolution steps.",
    )
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    step = current_step(challenge)
    if step is None:
        raise InvalidTransition(f"The {challenge.get_kind_display().lower()} is closed.")
    errors = {}
    if outcome not in StepOutcome.values:
        errors["outcome"] = "Select the outcome of this step"
    position = challenge.records.count()
    is_last = position + 1 >= len(challenge.steps)
    if outcome == StepOutcome.ESCALATED and is_last:
        errors["outcome"] = (
            "This is the last step: record whether it was resolved, or that it was withdrawn"
        )
    if not notes.strip():
        errors["notes"] = "Enter what happened at this step"
    if errors:
        raise ValidationError(errors)
    _not_future(held_on, "held_on", "date of this step")
    record = ChallengeStep.objects.create(
        partnership_id=challenge.partnership_id,
        challenge=challenge,
        position=position,
        step_key=step["key"],
        step_label=step["label"][:255],
        outcome=outcome,
        notes=notes.strip(),
        held_on=held_on,
        recorded_by=actor,
    )
    if outcome != StepOutcome.ESCALATED:
        challenge.status = (
            ChallengeStatus.WITHDRAWN
            if outcome == StepOutcome.WITHDRAWN
            else ChallengeStatus.RESOLVED
        )
        challenge.closed_at = timezone.now()
        challenge.save(update_fields=["status", "closed_at"])
    referral = challenge.referral
    if (
        challenge.kind == ChallengeKind.CHALLENGE
        and outcome == StepOutcome.UPHELD
        and referral.status == ReferralStatus.DECIDED
    ):
        _reopen_for_triage(actor=actor, referral=referral, step_label=step["label"])
    audit_record(
        actor=actor,
        partnership=referral.partnership,
        action=f"referral.{challenge.kind}_step",
        obj=referral,
        case=referral.case,
        changes={
            "step": [None, step["label"]],
            "outcome": [None, outcome],
            "challenge_status": [ChallengeStatus.OPEN, challenge.status],
        },
        note=notes.strip(),
    )
    return record
