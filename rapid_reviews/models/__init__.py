from rapid_reviews.models.review import RapidReview
from rapid_reviews.models.terms import (
    TermsOfReference,
    TermsOfReferenceApproval,
    TermsOfReferenceMember,
)

__all__ = [
    "RapidReview",
    "TermsOfReference",
    "TermsOfReferenceApproval",
    "TermsOfReferenceMember",
]
