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


# Who approves the terms of reference for their own statutory partner agency (Lincolnshire 000
# chapter 2: the SLOs of the three key statutory partners attend the ToR meeting).
TERMS_APPROVERS = (Role.SLO, Role.AGENCY_EXECUTIVE)
NOT_AN_APPROVER = (
    "Only a statutory partner agency's safeguarding lead officer or executive, or a business"
    " manager recording for them, approves the terms of reference."
)


def can_approve_terms(membership: Membership, review) -> bool:
    """May approve for some agency: their own statutory partner agency, or any of them for a
    business manager. Which agency is the service's check."""
    if not can_view_review(membership, review):
        return False
    if can_manage_rapid_reviews(membership):
        return True
    return bool(
        membership.agency_id
        and membership.agency.is_statutory_partner
        and membership.has_role(*TERMS_APPROVERS)
    )
