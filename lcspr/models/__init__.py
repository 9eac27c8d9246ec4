"""The LCSPR app's models, a module a record type (see each module's docstring)."""

from lcspr.models.briefing import SevenMinuteBriefing
from lcspr.models.review import LearningReview, LocalReview
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
    "LearningReview",
    "LocalReview",
    "PractitionerFeedback",
    "PractitionerSession",
    "ReviewerCandidate",
    "SevenMinuteBriefing",
]
