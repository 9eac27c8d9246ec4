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
