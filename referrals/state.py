"""The referral's state machine: which action may happen in which status.

Services call `transition_check(referral, action)` before anything else changes, so a wrong
transition raises cases.errors.InvalidTransition (409 in the API) and leaves no trace.

    draft ──submit_for_authorisation──> awaiting_authorisation ──return──> returned ──┐
      │  └───────────(the authoriser's own draft)──authorise──┐          (edit, resubmit)
      │                 awaiting_authorisation ──authorise──> submitted (case opened, triage day 0)
      └─withdraw (draft / returned / awaiting_authorisation) ──> withdrawn
    submitted / in_triage ──request_information──> information_requested ──provide──> in_triage
    submitted ──quality_assure / schedule_review_group──> in_triage
    submitted / in_triage ──decide──> decided (final pathway)
                                   └─> preparing_recommendation (recommend a rapid review)
                                   └─> information_requested (more information needed)
    preparing_recommendation ──recommend_to_executive──> awaiting_executive
    awaiting_executive ──executive agrees──> decided (case awaiting notification)
                       └─executive disagrees──> in_triage (decide again)
"""

from cases.errors import InvalidTransition
from referrals.choices import RECEIVED_STATUSES, ReferralStatus

S = ReferralStatus

ALLOWED_FROM: dict[str, frozenset[str]] = {
    "save_draft": frozenset({S.DRAFT, S.RETURNED}),
    "submit_for_authorisation": frozenset({S.DRAFT, S.RETURNED}),
    "authorise": frozenset({S.DRAFT, S.RETURNED, S.AWAITING_AUTHORISATION}),
    "return": frozenset({S.AWAITING_AUTHORISATION}),
    "withdraw": frozenset({S.DRAFT, S.RETURNED, S.AWAITING_AUTHORISATION}),
    "quality_assure": frozenset({S.SUBMITTED, S.IN_TRIAGE, S.INFORMATION_REQUESTED}),
    "request_information": frozenset({S.SUBMITTED, S.IN_TRIAGE}),
    "request_agency_information": frozenset({S.SUBMITTED, S.IN_TRIAGE, S.INFORMATION_REQUESTED}),
    "provide_information": frozenset({S.INFORMATION_REQUESTED}),
    "schedule_review_group": frozenset({S.SUBMITTED, S.IN_TRIAGE, S.INFORMATION_REQUESTED}),
    "decide": frozenset({S.SUBMITTED, S.IN_TRIAGE}),
    "recommend_to_executive": frozenset({S.PREPARING_RECOMMENDATION}),
    "executive_decision": frozenset({S.AWAITING_EXECUTIVE}),
    "notification_agreement": frozenset({S.AWAITING_EXECUTIVE}),
    "notification_escalation": frozenset({S.AWAITING_EXECUTIVE, S.IN_TRIAGE, S.DECIDED}),
    "link_case": frozenset(RECEIVED_STATUSES - {S.DECIDED}),
    "raise_challenge": frozenset(RECEIVED_STATUSES),
}

ACTION_NAMES = {
    "save_draft": "change the referral",
    "submit_for_authorisation": "send the referral for authorisation",
    "authorise": "authorise the referral",
    "return": "return the referral",
    "withdraw": "withdraw the referral",
    "quality_assure": "quality-assure the referral",
    "request_information": "ask for more information",
    "request_agency_information": "ask another agency for information",
    "provide_information": "give more information",
    "schedule_review_group": "put the referral on a review group agenda",
    "decide": "record a triage decision",
    "recommend_to_executive": "send a recommendation to the executive",
    "executive_decision": "record the executive's decision",
    "notification_agreement": "record a statutory partner's agreement to notify",
    "notification_escalation": "record an escalation of a disagreement about notifying",
    "link_case": "link the referral to another case",
    "raise_challenge": "record a challenge or complaint",
}


def transition_allowed(referral, action: str) -> bool:
    return referral.status in ALLOWED_FROM[action]


def transition_check(referral, action: str) -> None:
    if not transition_allowed(referral, action):
        raise InvalidTransition(
            f"You cannot {ACTION_NAMES[action]}: the referral is "
            f"{referral.get_status_display().lower()}."
        )
