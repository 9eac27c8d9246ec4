from rapid_reviews.models.report import (
    RapidReviewOutcome,
    RapidReviewReport,
    RapidReviewReportVersion,
)
from rapid_reviews.models.requests import InformationRequest
from rapid_reviews.models.review import RapidReview
from rapid_reviews.models.terms import (
    TermsOfReference,
    TermsOfReferenceApproval,
    TermsOfReferenceMember,
)

__all__ = [
    "InformationRequest",
    "RapidReview",
    "RapidReviewOutcome",
    "RapidReviewReport",
    "RapidReviewReportVersion",
    "TermsOfReference",
    "TermsOfReferenceApproval",
    "TermsOfReferenceMember",
]
