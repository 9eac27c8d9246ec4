"""The recommendation to the executive (Lincolnshire Appendix D) and the executive's decision."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.models import CaseStage, Membership, User
from referrals import deciding, permissions
from referrals.choices import AbuseOrNeglect, ExecutiveVerdict, Harm, ReferralStatus
from referrals.models import ExecutiveDecision, Recommendation, Referral, TriageDecision
from referrals.services import notify
from referrals.services._common import audit, locked, require, set_status
from referrals.services.triage import CASE_STAGE_AFTER, close_triage
from referrals.state import transition_check

S = ReferralStatus
RECOMMENDATION_FIELDS = (
    "discussed_on",
    "children",
    "services_involved",
    "harm",
    "abuse_or_neglect",
    "incident_date",
    "characteristics",
    "characteristics_other",
    "outline",
    "actions_taken",
    "rationale",
)


def _who(referral: Referral) -> str:
    """Who decided a recommended notification, to start a sentence (issue 12)."""
    if deciding.decided_by(referral.partnership) == deciding.EXECUTIVE:
        return "The executive"
    name = deciding.decider_name(referral.partnership)
    return name[:1].upper() + name[1:]


def _lines(values) -> str:
    return "\n".join(v for v in values if v)


def recommendation_initial(referral: Referral) -> dict:
    """The recommendation generated from the referral, for the business manager to complete."""
    children = list(referral.children.filter(archived_at__isnull=True))
    contacts = list(referral.contacts.filter(archived_at__isnull=True).select_related("agency"))
    listing = referral.listings.order_by("-meeting_date").first()
    decision = referral.decisions.order_by("-created_at").first()

    def plan(child) -> str:
        if not child.cp_plan_status:
            return ""
        text = child.get_cp_plan_status_display()
        if child.cp_plan_start:
            text += f", started {child.cp_plan_start:%d %B %Y}"
        if child.cp_plan_category:
            text += f", {child.get_cp_plan_category_display().lower()}"
        return text

    def service(contact) -> str:
        dates = ""
        if contact.involved_from or contact.involved_to:
            start = f"{contact.involved_from:%d %b %Y}" if contact.involved_from else "?"
            end = f"{contact.involved_to:%d %b %Y}" if contact.involved_to else "now"
            dates = f" ({start} to {end})"
        return f"{contact.agency_label}{dates}"

    harm = referral.harm if referral.harm in (Harm.DIED, Harm.SERIOUS_HARM) else ""
    return {
        "discussed_on": listing.meeting_date if listing else None,
        "children": [
            {
                "child": c.pk,
                "name": f"{c.first_name} {c.last_name}".strip() or "A child not yet named",
                "legal_status": c.legal_status,
                "child_protection_plan": plan(c),
            }
            for c in children
        ],
        "services_involved": _lines(service(c) for c in contacts),
        "harm": harm,
        "abuse_or_neglect": "",
        "incident_date": referral.incident_date,
        "characteristics": list(referral.characteristics),
        "characteristics_other": referral.characteristics_other,
        "outline": referral.what_happened,
        "actions_taken": referral.immediate_action,
        "rationale": decision.rationale if decision else "",
    }


def _children(initial: list[dict], given) -> list[dict]:
    """The referral's children, each with the legal status and plan given for it (by id)."""
    error = ValidationError(
        {
            "children": "Give each child's legal status and plan against one of the"
            " referral's children"
        }
    )
    if not isinstance(given, list) or not all(isinstance(g, dict) for g in given):
        raise error
    by_id = {entry["child"]: entry for entry in initial}
    result = {entry["child"]: dict(entry) for entry in initial}
    for entry in given:
        if entry.get("child") not in by_id:
            raise error
        for name in ("legal_status", "child_protection_plan"):
            value = entry.get(name, result[entry["child"]][name])
            if not isinstance(value, str):
                raise error
            result[entry["child"]][name] = value.strip()
    return list(result.values())


@transaction.atomic
def referral_recommend_to_executive(
    *, actor: User, membership: Membership, referral: Referral, **fields
) -> Recommendation:
    """Send the completed recommendation to the executive for their decision."""
    unknown = set(fields) - set(RECOMMENDATION_FIELDS)
    if unknown:
        raise ValueError(f"Not part of the recommendation: {', '.join(sorted(unknown))}")
    require(permissions.can_triage(membership, referral), "Only a business manager can do this.")
    referral = locked(referral)
    transition_check(referral, "recommend_to_executive")
    decision = (
        TriageDecision.objects.filter(referral=referral, outcome="recommend_rapid_review")
        .order_by("-created_at")
        .first()
    )
    initial = recommendation_initial(referral)
    if "children" in fields:
        fields["children"] = _children(initial["children"], fields["children"])
    values = {**initial, **fields}
    recommendation = Recommendation(
        partnership_id=referral.partnership_id,
        referral=referral,
        decision=decision,
        prepared_by=actor,
        sent_at=timezone.now(),
        **{
            k: ("" if v is None and k not in ("discussed_on", "incident_date") else v)
            for k, v in values.items()
        },
    )
    errors = {}
    if recommendation.harm not in (Harm.DIED, Harm.SERIOUS_HARM):
        errors["harm"] = "Select death or serious harm"
    if recommendation.abuse_or_neglect not in AbuseOrNeglect.values:
        errors["abuse_or_neglect"] = "Select neglect or abuse"
    if not recommendation.outline.strip():
        errors["outline"] = "Enter the incident outline"
    if not recommendation.rationale.strip():
        errors["rationale"] = "Enter the rationale for the recommendation"
    if errors:
        raise ValidationError(errors)
    recommendation.full_clean(exclude=["referral", "decision", "prepared_by", "partnership"])
    recommendation.save()
    changes = set_status(referral, S.AWAITING_EXECUTIVE)
    event = audit(
        actor=actor,
        referral=referral,
        action="recommend_to_executive",
        changes={**changes, "recommendation": [None, recommendation.pk]},
    )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.notification_deciders(referral),
        headline=(
            "A recommendation for a rapid review is waiting for your agreement."
            if deciding.decided_by(referral.partnership) == deciding.STATUTORY_PARTNERS
            else "A recommendation for a rapid review is waiting for your decision."
        ),
        actor=actor,
    )
    return recommendation


def pending_outcome(referral: Referral) -> TriageDecision:
    """The review group's decision the executive is asked to confirm: a rapid review (with the
    recommendation form) or an outcome the partnership's settings have the executive confirm."""
    return referral.decisions.order_by("-created_at").first()


@transaction.atomic
def executive_decision_record(
    *,
    actor: User,
    membership: Membership,
    referral: Referral,
    verdict: str,
    rationale: str,
    meeting_date: datetime.date,
    attendees: str,
) -> ExecutiveDecision:
    """Agree: the case awaits the serious incident notification and triage closes.
    Disagree: the referral goes back to triage with the executive's feedback."""
    require(
        permissions.can_record_executive_decision(membership, referral),
        f"Only {deciding.decider_name(referral.partnership)} can record this decision."
        if deciding.decided_by(referral.partnership) == deciding.LOCAL_AUTHORITY
        else "Only an executive can record this decision.",
    )
    referral = locked(referral)
    transition_check(referral, "executive_decision")
    errors = {}
    if verdict not in ExecutiveVerdict.values:
        errors["verdict"] = "Select whether the executive agrees"
    if not rationale.strip():
        errors["rationale"] = "Enter the executive's rationale"
    if meeting_date is None:
        errors["meeting_date"] = "Enter the date of the meeting"
    elif meeting_date > timezone.localdate():
        errors["meeting_date"] = "The date of the meeting must be today or in the past"
    if not attendees.strip():
        errors["attendees"] = "Enter who attended"
    if errors:
        raise ValidationError(errors)
    recommendation = (
        Recommendation.objects.filter(referral=referral, executive_decision__isnull=True)
        .order_by("-created_at")
        .first()
    )
    decision = ExecutiveDecision.objects.create(
        partnership_id=referral.partnership_id,
        referral=referral,
        recommendation=recommendation,
        verdict=verdict,
        rationale=rationale.strip(),
        meeting_date=meeting_date,
        attendees=attendees.strip(),
        recorded_by=actor,
    )
    note = f"{decision.get_verdict_display()}: {rationale.strip()}"
    recommended = pending_outcome(referral)
    confirming = recommended is not None and recommended.outcome != "recommend_rapid_review"
    # Where the local authority decides whether to notify (Dorset 2.1, BCP section 5), the
    # history says so; the executive's confirmation of other outcomes reads as before.
    by_la = deciding.decided_by(referral.partnership) == deciding.LOCAL_AUTHORITY
    action = "local_authority_decision" if by_la and not confirming else "executive_decision"
    if verdict == ExecutiveVerdict.AGREE and confirming:
        changes = set_status(
            referral, S.DECIDED, outcome=recommended.outcome, decided_at=timezone.now()
        )
        event = audit(
            actor=actor, referral=referral, action="executive_decision", changes=changes, note=note
        )
        close_triage(
            actor=actor,
            referral=referral,
            stage=CASE_STAGE_AFTER[recommended.outcome],
            reason=f"The executive confirmed the recommendation: {recommended.outcome_label}.",
        )
        headline = (
            "The executive has confirmed the decision on your referral:"
            f" {recommended.outcome_label}."
        )
    elif verdict == ExecutiveVerdict.AGREE:
        changes = set_status(
            referral, S.DECIDED, outcome="recommend_rapid_review", decided_at=timezone.now()
        )
        event = audit(actor=actor, referral=referral, action=action, changes=changes, note=note)
        close_triage(
            actor=actor,
            referral=referral,
            stage=CaseStage.AWAITING_NOTIFICATION,
            reason=f"{_who(referral)} agreed a rapid review: awaiting the serious incident"
            " notification.",
        )
        headline = f"{_who(referral)} has agreed a rapid review for your referral."
    else:
        changes = set_status(referral, S.IN_TRIAGE)
        event = audit(actor=actor, referral=referral, action=action, changes=changes, note=note)
        headline = (
            f"The executive did not agree with the recommendation: {recommended.outcome_label}."
            if confirming
            else f"{_who(referral)} did not agree with the recommendation for a rapid review."
        )
    notify.send(
        referral=referral,
        event=event,
        recipients=notify.business_managers(referral) + notify.referrer(referral),
        headline=headline,
        actor=actor,
    )
    return decision
