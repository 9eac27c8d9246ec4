"""Who may see and do what with cases. Each rule is a queryset filter and a predicate that agree.

The list filter (`visible_cases`) and the object check (`can_view_case`) are the pair used by
pages and API alike; `tests/cases/test_role_matrix.py` pins them down.
"""

from django.db.models import Q, QuerySet

from cases.models import Case, Membership, Role
from cases.models.roles import AGENCY_ROLES, PARTNERSHIP_WIDE_ROLES

RESTRICTED_PERMISSION = "access_restricted_case"


def _granted(membership: Membership) -> Q:
    return Q(
        caseuserobjectpermission__user=membership.user_id,
        caseuserobjectpermission__permission__codename=RESTRICTED_PERMISSION,
    )


def visible_cases(membership: Membership) -> QuerySet[Case]:
    qs = Case.objects.filter(partnership=membership.partnership_id, archived_at__isnull=True)
    granted = _granted(membership)
    if membership.has_role(*PARTNERSHIP_WIDE_ROLES):
        rule = Q(is_restricted=False) | granted
    elif membership.has_role(*AGENCY_ROLES) and membership.agency_id:
        rule = (Q(is_restricted=False) & Q(agencies=membership.agency_id)) | granted
    else:
        # Lead reviewers and anyone else: only what they are named on.
        rule = granted
    ids = Case.objects.filter(partnership=membership.partnership_id).filter(rule).values("pk")
    return qs.filter(pk__in=ids)


def can_view_case(membership: Membership, case: Case) -> bool:
    return visible_cases(membership).filter(pk=case.pk).exists()


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
