from referrals.models.challenges import Challenge, ChallengeStep
from referrals.models.lookups import ReferralLookup
from referrals.models.people import ReferralAgencyContact, ReferralChild, ReferralPerson
from referrals.models.referral import Referral
from referrals.models.triage import (
    ExecutiveDecision,
    InformationRequest,
    Recommendation,
    ReviewGroupListing,
    TriageDecision,
)

__all__ = [
    "Challenge",
    "ChallengeStep",
    "ExecutiveDecision",
    "InformationRequest",
    "Recommendation",
    "Referral",
    "ReferralAgencyContact",
    "ReferralChild",
    "ReferralLookup",
    "ReferralPerson",
    "ReviewGroupListing",
    "TriageDecision",
]
