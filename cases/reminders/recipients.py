"""Who receives a deadline's reminders, from data loaded once per sweep (no query per deadline).

- A named ``responsible_user``: that person alone (while an active member who can see the case).
- Otherwise the active members of the partnership who match the milestone's ``responsible``:
  holding one of its roles (any role when it names only agency types), in an agency of one of
  its agency types (any agency when it names only roles), and in ``responsible_agency`` when set.
  ``{"roles": ["slo"], "agency_types": ["local_authority"]}`` is the local authority's SLO.
- Nobody matching: the partnership's business managers, so no step goes unreminded.
- Escalations: the business managers, then the executives.

Everyone must also be able to see the case: the same rule as cases.permissions.visible_cases,
applied in memory (a test holds the two together).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cases.models import Case, CaseUserObjectPermission, Deadline, Membership, Role
from cases.models.roles import AGENCY_ROLES, PARTNERSHIP_WIDE_ROLES
from cases.permissions import RESTRICTED_PERMISSION
from cases.reminders.policy import BUSINESS_MANAGER, EXECUTIVE
from cases.workflow.schedule import Responsible


@dataclass(frozen=True)
class Recipient:
    user_id: int
    email: str
    digest: bool
    partnership_id: int
    roles: frozenset[str]
    agency_id: int | None
    agency_type: str | None


@dataclass(frozen=True)
class CaseAccess:
    """What visibility needs to know about one case."""

    is_restricted: bool
    agency_ids: frozenset[int]
    granted_user_ids: frozenset[int]


def can_see(member: Recipient, access: CaseAccess) -> bool:
    """In-memory twin of cases.permissions.visible_cases for one member and one case."""
    granted = member.user_id in access.granted_user_ids
    if member.roles & PARTNERSHIP_WIDE_ROLES:
        return not access.is_restricted or granted
    if member.roles & AGENCY_ROLES and member.agency_id:
        return (not access.is_restricted and member.agency_id in access.agency_ids) or granted
    return granted


def load_case_access(restricted: dict[int, bool]) -> dict[int, CaseAccess]:
    """Visibility facts for many cases (case id -> is_restricted) in two queries."""
    case_ids = list(restricted)
    if not case_ids:
        return {}
    agencies: dict[int, set[int]] = defaultdict(set)
    for case_id, agency_id in Case.agencies.through.objects.filter(
        case_id__in=case_ids
    ).values_list("case_id", "agency_id"):
        agencies[case_id].add(agency_id)
    grants: dict[int, set[int]] = defaultdict(set)
    for case_id, user_id in CaseUserObjectPermission.objects.filter(
        content_object_id__in=case_ids, permission__codename=RESTRICTED_PERMISSION
    ).values_list("content_object_id", "user_id"):
        grants[case_id].add(user_id)
    return {
        pk: CaseAccess(
            is_restricted=restricted[pk],
            agency_ids=frozenset(agencies[pk]),
            granted_user_ids=frozenset(grants[pk]),
        )
        for pk in case_ids
    }


class RecipientIndex:
    """Active members of some partnerships, indexed for recipient look-ups."""

    def __init__(self, members: Iterable[Recipient], case_access: dict[int, CaseAccess]):
        self.by_partnership: dict[int, list[Recipient]] = defaultdict(list)
        for member in members:
            self.by_partnership[member.partnership_id].append(member)
        self.case_access = case_access

    @classmethod
    def load(cls, partnership_ids: Iterable[int], restricted: dict[int, bool]) -> RecipientIndex:
        """Members of the partnerships and access facts of the cases (id -> is_restricted)."""
        memberships = (
            Membership.objects.active()
            .filter(partnership_id__in=list(set(partnership_ids)))
            .select_related("user", "agency")
            .prefetch_related("roles")
            .order_by("user_id")
        )
        members = [
            Recipient(
                user_id=m.user_id,
                email=m.user.email,
                digest=m.user.reminder_digest,
                partnership_id=m.partnership_id,
                roles=m.role_set,
                agency_id=m.agency_id,
                agency_type=m.agency.agency_type if m.agency_id else None,
            )
            for m in memberships
        ]
        return cls(members, load_case_access(restricted))

    def _visible(self, deadline: Deadline, members: Iterable[Recipient]) -> list[Recipient]:
        access = self.case_access.get(deadline.case_id)
        if access is None:
            return []
        return [m for m in members if can_see(m, access)]

    def with_role(self, deadline: Deadline, role: str) -> list[Recipient]:
        members = self.by_partnership.get(deadline.partnership_id, [])
        return self._visible(deadline, (m for m in members if role in m.roles))

    def responsible(self, deadline: Deadline) -> list[Recipient]:
        members = self.by_partnership.get(deadline.partnership_id, [])
        if deadline.responsible_user_id:
            named = [m for m in members if m.user_id == deadline.responsible_user_id]
            found = self._visible(deadline, named)
            if found:
                return found
        spec = Responsible(
            tuple(deadline.responsible_roles or ()), tuple(deadline.responsible_agency_types or ())
        )
        agency_id = deadline.responsible_agency_id
        matching = [
            m
            for m in members
            if spec.matches(m.roles, m.agency_type)
            and (agency_id is None or m.agency_id == agency_id)
        ]
        found = self._visible(deadline, matching)
        return found or self.with_role(deadline, Role.BUSINESS_MANAGER)

    def for_audience(self, deadline: Deadline, audience: str) -> list[Recipient]:
        if audience == BUSINESS_MANAGER:
            return self.with_role(deadline, Role.BUSINESS_MANAGER)
        if audience == EXECUTIVE:
            return self.with_role(deadline, Role.EXECUTIVE)
        return self.responsible(deadline)
