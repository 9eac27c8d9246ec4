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


# --- Agency information requests (issue 13) ---------------------------------------------------
# Who sees every request of a review they can see: the business managers, the review group and
# the executives (and read-only scrutineers). An agency's members see their own agency's only.
REQUEST_WIDE_ROLES = (
    Role.BUSINESS_MANAGER,
    Role.REVIEW_GROUP_MEMBER,
    Role.EXECUTIVE,
    Role.SCRUTINEER,
)
RETURN_WRITERS = (Role.SLO, Role.AGENCY_STAFF, Role.AGENCY_EXECUTIVE)
# A senior person of the agency signs the return off (Swindon 001 Appendix 10: "a senior member
# of staff within the agency should quality assure and sign off"; Lincolnshire 000: the SLO is
# the agency's senior manager for the partnership's reviews).
RETURN_SIGNATORIES = (Role.SLO, Role.AGENCY_EXECUTIVE)
NOT_A_WRITER = "Only the agency's safeguarding lead officer or staff can write its return."
NOT_A_SIGNATORY = (
    "Only the agency's safeguarding lead officer or executive can sign off its return."
)


def sees_every_request(membership: Membership) -> bool:
    return membership.has_role(*REQUEST_WIDE_ROLES)


def can_view_request(membership: Membership, request) -> bool:
    if not can_view_review(membership, request.rapid_review):
        return False
    if sees_every_request(membership):
        return True
    return bool(membership.agency_id == request.agency_id and membership.has_role(*RETURN_WRITERS))


def can_write_return(membership: Membership, request) -> bool:
    return (
        membership.agency_id == request.agency_id
        and membership.has_role(*RETURN_WRITERS)
        and can_view_review(membership, request.rapid_review)
    )


def can_sign_off_return(membership: Membership, request) -> bool:
    return (
        membership.agency_id == request.agency_id
        and membership.has_role(*RETURN_SIGNATORIES)
        and can_view_review(membership, request.rapid_review)
    )


# The report names the children and records the partners' analysis: it is read by the people
# who write, sign off and scrutinise it, never by practitioners (Lincolnshire 000: agency staff
# contribute information and are told the learning, they do not see the report).
REPORT_READERS = (
    Role.BUSINESS_MANAGER,
    Role.EXECUTIVE,
    Role.REVIEW_GROUP_MEMBER,
    Role.SCRUTINEER,
    Role.SLO,
    Role.AGENCY_EXECUTIVE,
    Role.LEAD_REVIEWER,
)
# Written by several people: the business manager, the review group and the agencies' safeguarding
# lead officers (the statutory partner representatives).
REPORT_EDITORS = (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.SLO)
NOT_A_REPORT_EDITOR = (
    "Only a business manager, a review group member or a safeguarding lead officer changes the"
    " rapid review report."
)
NOT_A_CONCLUDER = "Only a business manager or an executive records the review's outcome."


def can_read_report(membership: Membership, review) -> bool:
    return can_view_review(membership, review) and membership.has_role(*REPORT_READERS)


def can_edit_report(membership: Membership, review) -> bool:
    return can_view_review(membership, review) and membership.has_role(*REPORT_EDITORS)


def can_conclude_review(membership: Membership, review) -> bool:
    return can_view_review(membership, review) and membership.has_role(
        Role.BUSINESS_MANAGER, Role.EXECUTIVE
    )
