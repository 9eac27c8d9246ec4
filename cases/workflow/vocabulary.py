"""The fixed words of workflow settings: stage keys, roles, agency types, rule units.

Kept free of Django models so the clock can be used (and tested) without a database; a test
checks ROLES and AGENCY_TYPES against cases.models.roles.
"""

from __future__ import annotations

STAGES: dict[str, str] = {
    "triage": "Referral triage",
    "notification": "Serious incident notification",
    "rapid_review": "Rapid review",
    "panel_response": "National Panel response",
    "lcspr": "Local child safeguarding practice review",
    "publication": "Publication",
    "learning_review": "Learning review",
    "action_plan": "Action plan",
}

ROLES: frozenset[str] = frozenset(
    {
        "business_manager",
        "slo",
        "agency_staff",
        "executive",
        "review_group_member",
        "lead_reviewer",
        "scrutineer",
        "agency_executive",
    }
)

# Who may be the partnership's referral authoriser (referral_authoriser_role): roles a member of
# the referring agency holds. "executive" stays accepted for settings stored before the agency
# executive role existed (Swindon's preset used it until issue 11).
REFERRAL_AUTHORISER_ROLES: frozenset[str] = frozenset({"slo", "agency_executive", "executive"})

AGENCY_TYPES: frozenset[str] = frozenset(
    {
        "local_authority",
        "police",
        "health",
        "education",
        "probation",
        "health_provider",
        "voluntary_other",
    }
)

# The event whose date is a stage's day zero. Target events lie in the future when the stage
# starts, so only they may have milestones counted backwards from day zero.
DAY_ZERO_EVENTS: dict[str, str] = {
    "referral_received": "the date the referral is received",
    "awareness": "the date of becoming aware of the incident",
    "notification": "the date of the serious incident notification",
    "rapid_review_submitted": "the date the rapid review was submitted to the National Panel",
    "panel_meeting": "the date of the National Panel meeting that considered the rapid review",
    "review_decision": "the date of the decision to initiate the review",
    "panel_recommendation": "the date of the National Panel's recommendation",
    "publication_date": "the target publication date",
    "learning_review_decision": "the date of the decision to undertake the learning review",
    "action_plan_agreed": "the date the action plan is agreed",
    "action_plan_completed": "the date the action plan is completed",
}
TARGET_DAY_ZERO_EVENTS: frozenset[str] = frozenset({"publication_date"})
# The events a milestone may be counted from instead of its stage's day zero (rule `from_event`):
# those the case itself records, so a backstop holds whatever day zero the partnership chose.
CASE_EVENTS: frozenset[str] = frozenset({"awareness", "referral_received"})

UNITS: dict[str, tuple[str, str]] = {
    "working_days": ("working day", "working days"),
    "calendar_days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
}

ADJUSTMENTS: frozenset[str] = frozenset({"none", "previous_working_day", "next_working_day"})

TRIAGE_OUTCOMES: frozenset[str] = frozenset(
    {
        "no_further_action",
        "more_information",
        "learning_review",
        "single_agency_review",
        "media_interest",
        "alternative_statutory_review",
        "recommend_rapid_review",
        # The triage group itself decides to notify (no separate executive decision).
        "notify_serious_incident",
    }
)

# Who decides that a recommended serious incident is notified (notification_decision.by): the
# partnership's executive (Lincolnshire's Assurance Executive, the default), the statutory
# partners each agreeing (Swindon), or the local authority (Dorset 2.1, BCP section 5).
NOTIFICATION_DECIDERS: dict[str, str] = {
    "executive": "The executive decides",
    "statutory_partners": "The statutory partners each agree",
    "local_authority": "The local authority decides",
}

QUORUM_RULES: frozenset[str] = frozenset({"one_of_each_statutory_partner", "minimum_count"})

# Statutory notices (cases.models.notices): their kinds and the bodies they go to. The models'
# choices add the labels; a test checks that the two agree.
NOTICE_KINDS: frozenset[str] = frozenset(
    {
        "lcspr_decision",
        "lcspr_delay",
        "prepublication_copies",
        "rapid_review_submission",
        "not_published_improvements",
        "child_in_care_death",
        "other",
    }
)
NOTICE_RECIPIENTS: frozenset[str] = frozenset(
    {
        "national_panel",
        "ofsted",
        "secretary_of_state",
        "other_partnership",
        "nspcc_repository",
        "cqc",
        "hmicfrs",
    }
)

_CHAIN_WORDS = {"lcspr": "LCSPR", "la": "local authority", "sin": "SIN", "rr": "rapid review"}


def chain_name(key: object) -> str:
    """A sign-off chain's document type in words: rapid_review_report -> "Rapid review
    report", lcspr_report -> "LCSPR report", la_briefing_report -> "Local authority briefing
    report"."""
    words = [_CHAIN_WORDS.get(w, w) for w in str(key).split("_") if w]
    text = " ".join(words) or "Not set"
    return text[0].upper() + text[1:]
