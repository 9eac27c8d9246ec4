"""Who may do what with serious incident notifications.

Only the local authority notifies (Dorset 002 2.1 and 3.5: only the Head of QA and the
Corporate Director are registered on the portal; BCP 003 section 6: the registered lead
officer). So drafting, editing, sending to sign-off and recording the submission are for the
safeguarding lead officers and agency executives of the partnership's local-authority agency,
and for business managers. Everyone who can see the case reads. Any agency member who can see
the case may raise a request with the local authority; the local authority answers it.
"""

from cases.models import AgencyType, Membership, Role
from cases.permissions import can_view_case

NOT_ALLOWED = "Only the local authority makes a serious incident notification."
LA_NOTIFYING_ROLES = (Role.SLO, Role.AGENCY_EXECUTIVE)


def is_la_notifier(membership: Membership) -> bool:
    agency = membership.agency if membership.agency_id else None
    return bool(
        agency is not None
        and agency.agency_type == AgencyType.LOCAL_AUTHORITY
        and membership.has_role(*LA_NOTIFYING_ROLES)
    )


def can_draft_notifications(membership: Membership) -> bool:
    """Start a notification at all (the case is checked separately)."""
    return membership.has_role(Role.BUSINESS_MANAGER) or is_la_notifier(membership)


def can_manage_notification(membership: Membership, case) -> bool:
    return can_draft_notifications(membership) and can_view_case(membership, case)


def can_view_notification(membership: Membership, notification) -> bool:
    return notification.partnership_id == membership.partnership_id and can_view_case(
        membership, notification.case
    )


def can_raise_request(membership: Membership, case) -> bool:
    """Another agency's member (or a business manager on its behalf) who can see the case."""
    if not can_view_case(membership, case):
        return False
    return membership.has_role(Role.BUSINESS_MANAGER) or (
        bool(membership.agency_id) and not is_la_notifier(membership)
    )


def can_answer_request(membership: Membership, case) -> bool:
    return can_manage_notification(membership, case)


# --- The National Panel's replies to the rapid review. -----------------------------------------

PANEL_NOT_ALLOWED = "Only a business manager records the National Panel's replies."
RECONSIDER_NOT_ALLOWED = (
    "Only the partnership's executives, or a business manager for them, record a reconsideration."
)


PANEL_RECORDERS = (Role.BUSINESS_MANAGER,)
RECONSIDERERS = (Role.EXECUTIVE, Role.BUSINESS_MANAGER)


def can_record_panel_response(membership: Membership, case) -> bool:
    """The Panel writes to the business manager (Dorset 002 6.8; Lincolnshire 000 Appendix C:
    the business manager circulates its response)."""
    return membership.has_role(*PANEL_RECORDERS) and can_view_case(membership, case)


def can_reconsider(membership: Membership, case) -> bool:
    """The decision-makers (the executives) reconsider; the business manager may record their
    answer for them (BCP 003 section 7: the business manager takes the challenge back)."""
    return membership.has_role(*RECONSIDERERS) and can_view_case(membership, case)
