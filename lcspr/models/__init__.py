"""The LCSPR app's models, a module a record type (see each module's docstring)."""

from lcspr.models.briefing import SevenMinuteBriefing
from lcspr.models.drafts import (
    AnonymisationCheck,
    AnonymisationHit,
    LegalRead,
    NonPublicationDecision,
    ReportVersion,
)
from lcspr.models.family import (
    DisclosureRequest,
    EmbargoedCopy,
    FamilyContact,
    FamilyEngagement,
    FamilyMember,
    ParallelProcess,
)
from lcspr.models.panel import PanelMember, PanelTerms
from lcspr.models.review import LearningReview, LearningTerms, LocalReview
from lcspr.models.reviewers import ReviewerCandidate
from lcspr.models.sessions import (
    CommsPlan,
    CommsPlanItem,
    PractitionerFeedback,
    PractitionerSession,
)

__all__ = [
    "CommsPlan",
    "CommsPlanItem",
    "AnonymisationCheck",
    "AnonymisationHit",
    "LegalRead",
    "NonPublicationDecision",
    "ReportVersion",
    "DisclosureRequest",
    "EmbargoedCopy",
    "FamilyContact",
    "FamilyEngagement",
    "FamilyMember",
    "LearningReview",
    "LearningTerms",
    "LocalReview",
    "PanelMember",
    "PanelTerms",
    "ParallelProcess",
    "PractitionerFeedback",
    "PractitionerSession",
    "ReviewerCandidate",
    "SevenMinuteBriefing",
]
