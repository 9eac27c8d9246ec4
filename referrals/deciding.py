"""Who decides that a recommended serious incident is notified (issue 12): the partnership's
``notification_decision`` setting (cases/workflow/validation.py). Settings stored without it
behave as before: the executive decides.

- ``executive`` (Lincolnshire, seed 000 section 1; North Lincolnshire, seed 004: "safeguarding
  partners confirm or challenge"): the executive records the decision.
- ``statutory_partners`` (Swindon, seed 001: "all three safeguarding partners to agree which
  incidents should be notified"): a representative of each statutory partner (its safeguarding
  lead officer or agency executive) records agreement; the decision is made when
  ``agreements_needed`` agencies agree.
- ``local_authority`` (Dorset 2.1, BCP section 5): a local authority member with an agency role
  records the decision; another statutory partner that disagrees records an escalation (to
  ``escalate_to``), not a request for information to the referrer.
"""

from cases.models import AgencyType, Membership, Role

EXECUTIVE = "executive"
STATUTORY_PARTNERS = "statutory_partners"
LOCAL_AUTHORITY = "local_authority"
# An agency's representative: its safeguarding lead officer or its executive-level manager.
REPRESENTATIVE_ROLES = (Role.SLO, Role.AGENCY_EXECUTIVE)


def setting(partnership) -> dict:
    value = (partnership.workflow or {}).get("notification_decision")
    return value if isinstance(value, dict) and value.get("by") else {"by": EXECUTIVE}


def decided_by(partnership) -> str:
    return setting(partnership)["by"]


def agreements_needed(partnership) -> int:
    return int(setting(partnership).get("agreements_needed") or 3)


def escalate_to(partnership) -> str:
    board = (partnership.workflow or {}).get("executive_board_name") or "the executive"
    return setting(partnership).get("escalate_to") or board


def decider_name(partnership) -> str:
    """Who decides, for sentences: "the Assurance Executive", "the statutory partners"."""
    by = decided_by(partnership)
    if by == STATUTORY_PARTNERS:
        return "the statutory partners"
    if by == LOCAL_AUTHORITY:
        return "the local authority"
    board = (partnership.workflow or {}).get("executive_board_name")
    return f"the {board}" if board else "the executive"


def is_partner_representative(membership: Membership) -> bool:
    """A safeguarding lead officer or agency executive of a statutory partner agency."""
    agency = membership.agency if membership.agency_id else None
    return bool(
        agency and agency.is_statutory_partner and membership.has_role(*REPRESENTATIVE_ROLES)
    )


def is_local_authority_decider(membership: Membership) -> bool:
    """A local authority member with an agency role (the SLO, e.g. Dorset's Head of QA and
    Partnerships, BCP's registered lead officer; or the agency executive)."""
    agency = membership.agency if membership.agency_id else None
    return bool(
        agency
        and agency.agency_type == AgencyType.LOCAL_AUTHORITY
        and membership.has_role(*REPRESENTATIVE_ROLES)
    )


def may_escalate(membership: Membership) -> bool:
    """Another statutory partner, where the local authority decides."""
    return is_partner_representative(membership) and not is_local_authority_decider(membership)


def takes_part(membership: Membership) -> bool:
    """Whether this member has a part in the partnership's notification decisions (and so sees
    the referrals sent for one)."""
    by = decided_by(membership.partnership)
    if by == STATUTORY_PARTNERS:
        return is_partner_representative(membership)
    if by == LOCAL_AUTHORITY:
        return is_local_authority_decider(membership) or may_escalate(membership)
    return False


def is_notification_decision(referral) -> bool:
    """Whether the referral awaits (or had) a decision on a recommended notification, rather
    than the executive's confirmation of another outcome (North Lincolnshire's
    executive_confirms)."""
    latest = referral.decisions.order_by("-created_at").first()
    return latest is None or latest.outcome == "recommend_rapid_review"
