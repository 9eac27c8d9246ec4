"""The LCSPR app's models, a module a record type (see each module's docstring)."""

from lcspr.models.briefing import SevenMinuteBriefing
from lcspr.models.drafts import (
    AnonymisationCheck,
    AnonymisationHit,
    LegalRead,
    NonPublicationDecision,
    ReportVersion,
)
from lcspr.models.review import LearningReview, LocalReview
from lcspr.models.reviewers import ReviewerCandidate

__all__ = [
    "AnonymisationCheck",
    "AnonymisationHit",
    "LearningReview",
    "LegalRead",
    "LocalReview",
    "NonPublicationDecision",
    "ReportVersion",
    "ReviewerCandidate",
    "SevenMinuteBriefing",
]
