"""Who may do what with an LCSPR: business managers manage it; everyone who can see the case
reads its timeline (cases.permissions.can_view_case)."""

from cases.models import Membership, Role
from cases.permissions import can_view_case

NOT_ALLOWED = "Only a business manager starts an LCSPR or sets its target publication date."


def can_manage_lcsprs(membership: Membership) -> bool:
    return membership.has_role(Role.BUSINESS_MANAGER)


def can_manage_lcspr(membership: Membership, case) -> bool:
    return can_manage_lcsprs(membership) and can_view_case(membership, case)


def can_view_lcspr(membership: Membership, review) -> bool:
    return review.partnership_id == membership.partnership_id and can_view_case(
        membership, review.case
    )


# Family engagement and parallel processes (lcspr.services.family): the family's details are
# for the people running the review, never for agency members (SLOs, agency staff).
FAMILY_READERS = (
    Role.BUSINESS_MANAGER,
    Role.LEAD_REVIEWER,
    Role.REVIEW_GROUP_MEMBER,
    Role.EXECUTIVE,
    Role.SCRUTINEER,
)
FAMILY_WRITERS = (Role.BUSINESS_MANAGER, Role.LEAD_REVIEWER)
FAMILY_NOT_ALLOWED = "Only a business manager or the lead reviewer records family engagement."


def can_view_family(membership: Membership, review) -> bool:
    return membership.has_role(*FAMILY_READERS) and can_view_lcspr(membership, review)


def can_manage_family(membership: Membership, review) -> bool:
    return membership.has_role(*FAMILY_WRITERS) and can_view_lcspr(membership, review)
