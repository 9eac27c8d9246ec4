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
from lcspr.models.review import LearningReview, LocalReview
from lcspr.models.reviewers import ReviewerCandidate

__all__ = [
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
    "LocalReview",
    "PanelMember",
    "PanelTerms",
    "ParallelProcess",
    "ReviewerCandidate",
    "SevenMinuteBriefing",
]
