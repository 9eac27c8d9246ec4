from referrals.models.challenges import Challenge, ChallengeStep
from referrals.models.lookups import ReferralLookup
from referrals.models.people import ReferralAgencyContact, ReferralChild, ReferralPerson
from referrals.models.referral import Referral
from referrals.models.triage import (
    ExecutiveDecision,
    InformationRequest,
    NotificationAgreement,
    Recommendation,
    ReviewGroupListing,
    TriageDecision,
)

__all__ = [
    "Challenge",
    "ChallengeStep",
    "ExecutiveDecision",
    "InformationRequest",
    "NotificationAgreement",
    "Recommendation",
    "Referral",
    "ReferralAgencyContact",
    "ReferralChild",
    "ReferralLookup",
    "ReferralPerson",
    "ReviewGroupListing",
    "TriageDecision",
]
