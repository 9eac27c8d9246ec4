"""Who may see and do what with cases. Each rule is a queryset filter and a predicate that agree.

The list filter (`visible_cases`) and the object check (`can_view_case`) are the pair used by
pages and API alike; `tests/cases/test_role_matrix.py` pins them down.
"""

from django.db.models import Q, QuerySet

from cases.models import (
    AgencyType,
    Case,
    CaseUserObjectPermission,
    Meeting,
    MeetingInvitee,
    Membership,
    Role,
    SignOff,
    SignOffStatus,
)
from cases.models.roles import AGENCY_ROLES, PARTNERSHIP_WIDE_ROLES
from cases.workflow.schedule import Responsible

RESTRICTED_PERMISSION = "access_restricted_case"


def _granted(membership: Membership) -> Q:
    """Cases the member is named on (restricted cases' access lists): the grants of the
    member's partnership, by the index case_grant_partnership_user."""
    return Q(
        pk__in=CaseUserObjectPermission.objects.filter(
            partnership=membership.partnership_id,
            user=membership.user_id,
            permission__codename=RESTRICTED_PERMISSION,
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


# --- Meetings (cases.models.meetings): one rule for every stage app's meetings. ---------------


def can_manage_meetings(membership: Membership, case: Case) -> bool:
    """Schedule, change and cancel a case's meetings, invite people, record attendance, add and
    send the papers: the business managers. Everyone who can see the case reads them."""
    return membership.has_role(Role.BUSINESS_MANAGER) and can_view_case(membership, case)


def _invited(membership: Membership) -> QuerySet[MeetingInvitee]:
    return MeetingInvitee.objects.filter(membership=membership.pk, removed_at__isnull=True)


def visible_meetings(membership: Membership) -> QuerySet[Meeting]:
    """The list filter paired with can_view_meeting: meetings of the cases the member can see,
    and the meetings they are invited to (Dorset 002 5.8: the invitees of the rapid review
    meeting include people who do not otherwise see the case)."""
    return Meeting.objects.filter(partnership=membership.partnership_id).filter(
        Q(case__in=visible_cases(membership).values("pk"))
        | Q(pk__in=_invited(membership).values("meeting_id"))
    )


def can_view_meeting(membership: Membership, meeting: Meeting) -> bool:
    if meeting.partnership_id != membership.partnership_id:
        return False
    return (
        can_view_case(membership, meeting.case)
        or _invited(membership).filter(meeting=meeting.pk).exists()
    )


# --- Sign-off chains (cases.models.signoff): one rule for every stage app's documents. ---------


def matches_step(membership: Membership, step: dict | None) -> bool:
    """The member is whom a chain's step names (its `responsible` roles and agency types)."""
    if not step or not membership.is_active:
        return False
    agency_type = membership.agency.agency_type if membership.agency_id else None
    spec = Responsible.from_settings(step.get("responsible") or {})
    return spec.matches(membership.role_set, agency_type)


def can_view_signoff(membership: Membership, sign_off: SignOff) -> bool:
    """Whoever can see the case sees its sign-offs (the list filter is visible_signoffs in
    cases.signoff: the same rule)."""
    return sign_off.partnership_id == membership.partnership_id and can_view_case(
        membership, sign_off.case
    )


def can_start_signoff(membership: Membership, case: Case, steps: list[dict]) -> bool:
    """The drafter (the chain's first step) or a business manager, who can see the case."""
    if not steps:
        return False
    return (
        membership.has_role(Role.BUSINESS_MANAGER) or matches_step(membership, steps[0])
    ) and can_view_case(membership, case)


def can_act_on_signoff(membership: Membership, sign_off: SignOff) -> bool:
    """Sign off or return: the member is named by the step the chain is at. Whether the chain
    is at a step that can be signed off now is the service's state check (409), not this."""
    steps = sign_off.steps or []
    if not steps:
        return False
    step = steps[min(sign_off.position, len(steps) - 1)]
    return matches_step(membership, step) and can_view_signoff(membership, sign_off)


def can_resubmit_signoff(membership: Membership, sign_off: SignOff) -> bool:
    """The drafter: named by the first step."""
    steps = sign_off.steps or []
    return (
        bool(steps)
        and matches_step(membership, steps[0])
        and can_view_signoff(membership, sign_off)
    )


def can_withdraw_signoff(membership: Membership, sign_off: SignOff) -> bool:
    """Whoever started it, the drafter, or a business manager."""
    if not can_view_signoff(membership, sign_off):
        return False
    return (
        sign_off.started_by_id == membership.user_id
        or membership.has_role(Role.BUSINESS_MANAGER)
        or can_resubmit_signoff(membership, sign_off)
    )


def is_awaiting(membership: Membership, sign_off: SignOff) -> bool:
    """The chain waits for this member now: in progress at a step that names them, or
    returned to them as its drafter."""
    if sign_off.status == SignOffStatus.IN_PROGRESS:
        return can_act_on_signoff(membership, sign_off)
    if sign_off.status == SignOffStatus.RETURNED:
        return can_resubmit_signoff(membership, sign_off)
    return False


# --- Chronologies (cases.models.chronologies): one rule for every stage's chronologies. --------

# Who reads the integrated chronology of a case they can see (the lead reviewer only where named
# on it: can_view_case). Agency members are not among them: "practitioners never see the
# reports" (Lincolnshire 000); they see their own agency's chronology only.
CHRONOLOGY_READERS = (
    Role.BUSINESS_MANAGER,
    Role.EXECUTIVE,
    Role.REVIEW_GROUP_MEMBER,
    Role.SCRUTINEER,
    Role.LEAD_REVIEWER,
)
# Who writes their own agency's chronology.
CHRONOLOGY_WRITERS = (Role.SLO, Role.AGENCY_STAFF)


def _of_own_agency(membership: Membership, agency_id: int, *roles) -> bool:
    return bool(
        membership.agency_id and membership.agency_id == agency_id and membership.has_role(*roles)
    )


def visible_chronologies(membership: Membership, case: Case) -> QuerySet:
    """The list filter paired with can_view_chronology: a case's chronologies the member may
    read (all for the readers of the integrated chronology, their own agency's otherwise)."""
    from cases.models import Chronology

    qs = Chronology.objects.filter(case=case)
    if not can_view_case(membership, case):
        return qs.none()
    if membership.has_role(*CHRONOLOGY_READERS):
        return qs
    if membership.agency_id and membership.has_role(*AGENCY_ROLES):
        return qs.filter(agency=membership.agency_id)
    return qs.none()


def can_view_chronology(membership: Membership, chronology) -> bool:
    if chronology.partnership_id != membership.partnership_id:
        return False
    if not can_view_case(membership, chronology.case):
        return False
    return membership.has_role(*CHRONOLOGY_READERS) or _of_own_agency(
        membership, chronology.agency_id, *AGENCY_ROLES
    )


def can_view_integrated_chronology(membership: Membership, case: Case) -> bool:
    return membership.has_role(*CHRONOLOGY_READERS) and can_view_case(membership, case)


def can_manage_chronologies(membership: Membership, case: Case) -> bool:
    """Ask agencies for chronologies, return them, and write on an agency's behalf."""
    return membership.has_role(Role.BUSINESS_MANAGER) and can_view_case(membership, case)


def can_edit_chronology(membership: Membership, chronology) -> bool:
    """Add, change and remove entries, import: the agency's SLO and staff, or a business
    manager on the agency's behalf. Whether it is still open to changes is the service's state
    check (409), not this."""
    return (
        membership.has_role(Role.BUSINESS_MANAGER)
        or _of_own_agency(membership, chronology.agency_id, *CHRONOLOGY_WRITERS)
    ) and can_view_chronology(membership, chronology)


def can_submit_chronology(membership: Membership, chronology) -> bool:
    """The agency's SLO (Lincolnshire 000: "A representative from your agency (Safeguarding
    Lead Officer—SLO) will ... complete a chronology"), or a business manager on its behalf."""
    return (
        membership.has_role(Role.BUSINESS_MANAGER)
        or _of_own_agency(membership, chronology.agency_id, Role.SLO)
    ) and can_view_chronology(membership, chronology)


# --- Action plans (cases.models.actions): one rule for every stage's actions. ------------------

# Who monitors a case's whole action plan (the review group, Dorset 002 8.2; BCP 003 section 13's
# CSPR Group; Lincolnshire 000's SIRG) and reads every action of a case they can see.
ACTION_PLAN_READERS = (
    Role.BUSINESS_MANAGER,
    Role.REVIEW_GROUP_MEMBER,
    Role.EXECUTIVE,
    Role.SCRUTINEER,
)
# Who checks and closes or cancels actions.
ACTION_PLAN_MONITORS = (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER)
# Who updates their own agency's actions.
ACTION_OWNERS = (Role.SLO, Role.AGENCY_STAFF)


def visible_actions(membership: Membership, case: Case) -> QuerySet:
    """The list filter paired with can_view_action: every action of the case for the readers
    of the plan, the member's own agency's otherwise (another agency's action does not exist
    for them: 404)."""
    from cases.models import ActionItem

    qs = ActionItem.objects.filter(case=case)
    if not can_view_case(membership, case):
        return qs.none()
    if membership.has_role(*ACTION_PLAN_READERS):
        return qs
    if membership.agency_id and membership.has_role(*AGENCY_ROLES):
        return qs.filter(owner_agency=membership.agency_id)
    return qs.none()


def can_view_action_plan(membership: Membership, case: Case) -> bool:
    """The case's action plan page: its readers, and agency members (who see their own)."""
    return (
        membership.has_role(*ACTION_PLAN_READERS)
        or bool(membership.agency_id and membership.has_role(*AGENCY_ROLES))
    ) and can_view_case(membership, case)


def can_view_action(membership: Membership, action) -> bool:
    if action.partnership_id != membership.partnership_id:
        return False
    if not can_view_case(membership, action.case):
        return False
    return membership.has_role(*ACTION_PLAN_READERS) or bool(
        action.owner_agency_id and _of_own_agency(membership, action.owner_agency_id, *AGENCY_ROLES)
    )


def can_add_action(membership: Membership, case: Case) -> bool:
    """Add actions to a case's plan and send the plan for sign-off: the business managers."""
    return membership.has_role(Role.BUSINESS_MANAGER) and can_view_case(membership, case)


def can_update_action(membership: Membership, action) -> bool:
    """Record progress, mark it in progress or completed, move its due date (with the reason):
    the owner agency's SLO and staff, or a business manager."""
    return (
        membership.has_role(Role.BUSINESS_MANAGER)
        or bool(
            action.owner_agency_id
            and _of_own_agency(membership, action.owner_agency_id, *ACTION_OWNERS)
        )
    ) and can_view_action(membership, action)


def can_export_annual_report(membership: Membership) -> bool:
    """The action plans' annual report export, of the cases the member can see."""
    return membership.has_role(*ACTION_PLAN_READERS)


def can_record_impact_statement(membership: Membership, case: Case) -> bool:
    """The case's impact statement: those who monitor and close its actions."""
    return membership.has_role(*ACTION_PLAN_MONITORS) and can_view_case(membership, case)


def can_close_action(membership: Membership, action) -> bool:
    """Close (checked, done) or cancel an action: a review group member or a business manager."""
    return membership.has_role(*ACTION_PLAN_MONITORS) and can_view_action(membership, action)
