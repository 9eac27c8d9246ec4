"""Who may see and do what with cases. Each rule is a queryset filter and a predicate that agree.

The list filter (`visible_cases`) and the object check (`can_view_case`) are the pair used by
pages and API alike; `tests/cases/test_role_matrix.py` pins them down.
"""

from django.db.models import Q, QuerySet

from cases.models import AgencyType, Case, CaseUserObjectPermission, Membership, Role
from cases.models.roles import AGENCY_ROLES, PARTNERSHIP_WIDE_ROLES

RESTRICTED_PERMISSION = "access_restricted_case"


def _granted(membership: Membership) -> Q:
    """Cases the member is named on (restricted cases' access lists)."""
    return Q(
        pk__in=CaseUserObjectPermission.objects.filter(
            user=membership.user_id, permission__codename=RESTRICTED_PERMISSION
        ).values("content_object_id")
    )


def visible_cases(membership: Membership) -> QuerySet[Case]:
    """One indexable rule for every list: "not restricted (and, for agency staff, involving
    their agency), or on the member's access list", as IN-subqueries rather than joins, so that
    no row is repeated and no other partnership's grants are scanned."""
    qs = Case.objects.filter(partnership=membership.partnership_id, archived_at__isnull=True)
    granted = _granted(membership)
    if membership.has_role(*PARTNERSHIP_WIDE_ROLES):
        rule = Q(is_restricted=False) | granted
    elif membership.has_role(*AGENCY_ROLES) and membership.agency_id:
        involved = Case.agencies.through.objects.filter(agency=membership.agency_id)
        rule = Q(is_restricted=False, pk__in=involved.values("case_id")) | granted
    else:
        # Lead reviewers and anyone else: only what they are named on.
        rule = granted
    return qs.filter(rule)


def can_view_case(membership: Membership, case: Case) -> bool:
    """Asked once per case and member in a request: the answer is kept on the case object
    (`case_for_user` and `case_detail` load cases through `visible_cases` and mark them)."""
    if getattr(case, "_visible_to", None) == membership.pk:
        return True
    visible = visible_cases(membership).filter(pk=case.pk).exists()
    if visible:
        mark_visible(case, membership)
    return visible


def mark_visible(case: Case, membership: Membership) -> Case:
    case._visible_to = membership.pk
    return case


def can_create_case(membership: Membership) -> bool:
    return membership.has_role(Role.BUSINESS_MANAGER)


def can_edit_case(membership: Membership, case: Case) -> bool:
    """Change the case record, its subjects and its access list."""
    return membership.has_role(Role.BUSINESS_MANAGER) and can_view_case(membership, case)


def can_contribute_to_case(membership: Membership, case: Case) -> bool:
    """Add notes and attachments."""
    if membership.has_role(Role.SCRUTINEER) and not membership.has_role(
        Role.BUSINESS_MANAGER, Role.SLO, Role.LEAD_REVIEWER
    ):
        return False
    return membership.has_role(
        Role.BUSINESS_MANAGER, Role.SLO, Role.LEAD_REVIEWER
    ) and can_view_case(membership, case)


def can_see_case_history(membership: Membership) -> bool:
    return membership.has_role(Role.BUSINESS_MANAGER)


def can_manage_people(membership: Membership) -> bool:
    return membership.has_role(Role.BUSINESS_MANAGER)


def can_manage_workflow(membership: Membership) -> bool:
    """Change the partnership's workflow settings and closure days; recompute running stages."""
    return membership.has_role(Role.BUSINESS_MANAGER)


def is_local_authority_member(membership: Membership) -> bool:
    """A member of the partnership's local authority (its children's services) in an agency
    role: the local authority makes some statutory notices itself (a child in care's death)."""
    agency = membership.agency if membership.agency_id else None
    return bool(
        agency is not None
        and agency.agency_type == AgencyType.LOCAL_AUTHORITY
        and membership.has_role(*AGENCY_ROLES)
    )


def can_manage_notices(membership: Membership, case: Case) -> bool:
    """Create statutory notices on a case, record them as sent, cancel them: the business
    managers and the local authority's members. Everyone who can see the case reads them."""
    return (
        membership.has_role(Role.BUSINESS_MANAGER) or is_local_authority_member(membership)
    ) and can_view_case(membership, case)
