"""Who decides to notify (issue 12): the statutory partners' agreements (Swindon, seed 001: "it
is for all three safeguarding partners to agree which incidents should be notified") and, where
the local authority decides (Dorset 2.1, BCP sections 5 and 6), another partner's escalation of
its disagreement. One service per transition; the local authority's own decision is
executive_decision_record (referrals/services/executive.py) with its permission."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.errors import DomainError
from cases.models import CaseStage, Membership, User
from referrals import deciding, permissions
from referrals.choices import ExecutiveVerdict, ReferralStatus
from referrals.models import ExecutiveDecision, NotificationAgreement, Recommendation, Referral
from referrals.services import notify
from referrals.services._common import audit, locked, require, set_status
from referrals.services.triage import close_triage
from referrals.state import transition_check

S = ReferralStatus


def current_recommendation(referral: Referral, *, undecided: bool = True) -> Recommendation | None:
    """The latest recommendation sent for a notification decision (still open, by default)."""
    qs = Recommendation.objects.filter(referral=referral, sent_at__isnull=False)
    if undecided:
        qs = qs.filter(executive_decision__isnull=True)
    return qs.order_by("-created_at", "-id").first()


def partners_word(recommendation: Recommendation | None) -> dict[int, NotificationAgreement]:
    """Each agency's latest word on the recommendation, by agency id."""
    if recommendation is None:
        return {}
    word: dict[int, NotificationAgreement] = {}
    rows = recommendation.agreements.filter(escalated_to="").select_related(
        "agency", "membership__user"
    )
    for row in rows.order_by("recorded_at", "id"):
        word[row.agency_id] = row
    return word


def _clean(rationale: str) -> str:
    if not isinstance(rationale, str) or not rationale.strip():
        raise ValidationError({"rationale": "Enter the reasons"})
    return rationale.strip()


@transaction.atomic
def notification_agreement_record(
    *, actor: User, membership: Membership, referral: Referral, agrees: bool, rationale: str
) -> NotificationAgreement:
    """A statutory partner's representative records whether the partner agrees that the
    recommended incident is notified. When ``agreements_needed`` partners agree, the decision is
    made: the case awaits the notification (its clock starts as after an executive's agreement).
    A disagreement is recorded and the business manager is told; a later record of the same
    partner replaces its word (after local resolution, seed 001)."""
    require(
        permissions.can_record_notification_agreement(membership, referral),
        "Only a representative of a statutory partner can record its agreement.",
    )
    referral = locked(referral)
    transition_check(referral, "notification_agreement")
    recommendation = current_recommendation(referral)
    if recommendation is None:
        raise DomainError("No recommendation to notify is waiting for the partners' agreement.")
    if not isinstance(agrees, bool):
        raise ValidationError({"agrees": "Select whether your agency agrees"})
    rationale = _clean(rationale)
    row = NotificationAgreement.objects.create(
        partnership_id=referral.partnership_id,
        referral=referral,
        recommendation=recommendation,
        agency_id=membership.agency_id,
        membership=membership,
        agrees=agrees,
        rationale=rationale,
        recorded_at=timezone.now(),
    )
    agency = membership.agency.name
    event = audit(
        actor=actor,
        referral=referral,
        action="notification_agree" if agrees else "notification_disagree",
        changes={"notification_agreement": [None, row.pk], "agency": [None, agency]},
        note=f"{agency}: {rationale}",
    )
    word = partners_word(recommendation)
    agreeing = [w for w in word.values() if w.agrees]
    needed = deciding.agreements_needed(referral.partnership)
    if agrees and len(agreeing) >= needed:
        _partners_decide(
            actor=actor, referral=referral, recommendation=recommendation, agreeing=agreeing
        )
    elif not agrees:
        notify.send(
            referral=referral,
            event=event,
            recipients=notify.business_managers(referral),
            headline="A statutory partner does not agree that the incident should be notified.",
            actor=actor,
        )
    return row


def _partners_decide(*, actor, referral, recommendation, agreeing) -> ExecutiveDecision:
    """All the partners needed have agreed: the decision is recorded (as the executive's would
    be, so the recommendation's response and the history read alike) and the case moves on."""
    attendees = "\n".join(
        f"{w.agency.name}: {w.membership.user.get_full_name() or w.membership.user.email}"
        for w in sorted(agreeing, key=lambda w: w.agency.name)
    )
    rationale = "\n".join(
        f"{w.agency.name}: {w.rationale}" for w in sorted(agreeing, key=lambda w: w.agency.name)
    )
    decision = ExecutiveDecision.objects.create(
        partnership_id=referral.partnership_id,
        referral=referral,
        recommendation=recommendation,
        verdict=ExecutiveVerdict.AGREE,
        rationale=rationale,
        meeting_date=timezone.localdate(),
        attendees=attendees,
        recorded_by=actor,
    )
    changes = set_status(
        referral, S.DECIDED, outcome="recommend_rapid_review", decided_at=timezone.now()
    )
    event = audit(
        actor=actor,
        referral=referral,
        action="notification_agreed",
        changes={**changes, "agreements": [None, len(agreeing)]},
        note=f"{len(agreeing)} statutory partners agreed.",
    )
    close_triage(
        actor=actor,
        referral=referral,
        stage=CaseStage.AWAITING_NOTIFICATION,
        reason="The statutory partners agreed a rapid review: awaiting the serious incident"
        " notification.",
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.business_managers(referral) + notify.referrer(referral),
        headline="The statutory partners have agreed a rapid review for your referral.",
        actor=actor,
    )
    return decision


@transaction.atomic
def notification_escalation_record(
    *, actor: User, membership: Membership, referral: Referral, rationale: str
) -> NotificationAgreement:
    """Where the local authority decides: another statutory partner does not agree with it and
    escalates (Dorset 2.1: "to the PDSCP Executive"; BCP section 6: "the PDSCP escalation
    process"). The escalation is recorded on the referral and the business manager, the local
    authority and the executive are told; the referrer is not asked for anything."""
    require(
        permissions.can_record_notification_escalation(membership, referral),
        "Only another statutory partner can record an escalation.",
    )
    referral = locked(referral)
    transition_check(referral, "notification_escalation")
    recommendation = current_recommendation(referral, undecided=False)
    if recommendation is None:
        raise DomainError("No recommendation to notify has been sent to the local authority.")
    rationale = _clean(rationale)
    to = deciding.escalate_to(referral.partnership)
    row = NotificationAgreement.objects.create(
        partnership_id=referral.partnership_id,
        referral=referral,
        recommendation=recommendation,
        agency_id=membership.agency_id,
        membership=membership,
        agrees=False,
        rationale=rationale,
        escalated_to=to,
        recorded_at=timezone.now(),
    )
    agency = membership.agency.name
    event = audit(
        actor=actor,
        referral=referral,
        action="notification_escalate",
        changes={"notification_agreement": [None, row.pk], "escalated_to": [None, to]},
        note=f"{agency}: {rationale}",
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=sorted(
            set(notify.business_managers(referral))
            | set(notify.local_authority_deciders(referral))
            | set(notify.executives(referral))
        ),
        headline=f"A statutory partner has escalated its disagreement about notifying to {to}.",
        actor=actor,
    )
    return row
