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


# --- The report's drafts (lcspr/services/drafts.py) -------------------------------------------

LEGAL_STEP = "legal"  # the lcspr_report chain's legal step names Legal Services (Dorset 7.15)


def can_write_drafts(membership: Membership, review) -> bool:
    """Upload a version and run the anonymisation check: the business manager and the lead
    reviewer (once on the case's access list)."""
    return can_view_lcspr(membership, review) and (
        membership.has_role(Role.BUSINESS_MANAGER) or membership.has_role(Role.LEAD_REVIEWER)
    )


def can_record_legal_read(membership: Membership, review) -> bool:
    """The business manager (recording Legal Services' reply), or a member the partnership's
    `lcspr_report` chain names at its legal step (Dorset: the local authority's staff)."""
    from cases.permissions import matches_step
    from cases.signoff import chain_steps

    if not can_view_lcspr(membership, review):
        return False
    if membership.has_role(Role.BUSINESS_MANAGER):
        return True
    steps = chain_steps(review.case.partnership, "lcspr_report")
    return any(s.get("key") == LEGAL_STEP and matches_step(membership, s) for s in steps)


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
