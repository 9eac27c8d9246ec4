"""The LCSPR app's models, a module a record type (see each module's docstring)."""

from lcspr.models.briefing import SevenMinuteBriefing
from lcspr.models.panel import PanelMember, PanelTerms
from lcspr.models.review import LearningReview, LocalReview
from lcspr.models.reviewers import ReviewerCandidate

__all__ = [
    "LearningReview",
    "LocalReview",
    "PanelMember",
    "PanelTerms",
    "ReviewerCandidate",
    "SevenMinuteBriefing",
]
