"""Who may do what with rapid reviews: business managers manage; everyone who can see the case
reads its review (the review group and executives see every case; an agency's members see the
cases their agency is involved in: cases.permissions.can_view_case)."""

from cases.models import Membership, Role
from cases.permissions import can_view_case

NOT_ALLOWED = "Only a business manager starts or changes a rapid review."


def can_manage_rapid_reviews(membership: Membership) -> bool:
    return membership.has_role(Role.BUSINESS_MANAGER)


def can_manage_review(membership: Membership, case) -> bool:
    return can_manage_rapid_reviews(membership) and can_view_case(membership, case)


def can_view_review(membership: Membership, review) -> bool:
    return review.partnership_id == membership.partnership_id and can_view_case(
        membership, review.case
    )
