"""Whether a meeting was quorate, under the partnership's `quorum` workflow setting
(cases/workflow/validation.py `_quorum`; docs/meetings.md), with the reason in words a business
manager reads on the meeting's page and in the case history.

- one_of_each_statutory_partner: someone attended from each statutory partner: the local
  authority, the police and health (Swindon 001, The Rapid Review Meeting: "at least one
  representative of each statutory partner"; Lincolnshire 000 chapter 2, the Panel's core
  membership). A partner is the partnership's active agencies flagged as statutory partners,
  grouped by type, so a partnership with two police forces needs someone from either.
- minimum_count: at least `minimum` people attended.

A partnership without the setting has no rule, and every meeting held counts as quorate.
"""

from collections.abc import Iterable

from cases.models import Agency, AgencyType, MeetingInvitee, Partnership


def quorum_rule(partnership: Partnership) -> dict:
    workflow = partnership.workflow if isinstance(partnership.workflow, dict) else {}
    rule = workflow.get("quorum")
    return rule if isinstance(rule, dict) else {}


def _statutory_partners(partnership: Partnership) -> dict[str, list[Agency]]:
    partners: dict[str, list[Agency]] = {}
    agencies = Agency.objects.filter(
        partnership=partnership, is_statutory_partner=True, is_active=True
    ).order_by("agency_type", "name")
    for agency in agencies:
        partners.setdefault(agency.agency_type, []).append(agency)
    return partners


def _partner_name(agency_type: str, agencies: list[Agency]) -> str:
    return " or ".join(a.name for a in agencies) or AgencyType(agency_type).label


def quorum_result(
    partnership: Partnership, attendees: Iterable[MeetingInvitee]
) -> tuple[bool, str]:
    """(quorate, why) for the people who attended."""
    attendees = list(attendees)
    rule = quorum_rule(partnership)
    if rule.get("rule") == "minimum_count":
        minimum = rule.get("minimum") or 1
        people = "person" if len(attendees) == 1 else "people"
        if len(attendees) >= minimum:
            return True, (
                f"Quorate: {len(attendees)} {people} attended; the partnership's quorum is "
                f"at least {minimum}."
            )
        return False, (
            f"Not quorate: {len(attendees)} {people} attended; the partnership's quorum is "
            f"at least {minimum}."
        )
    if rule.get("rule") == "one_of_each_statutory_partner":
        partners = _statutory_partners(partnership)
        if not partners:
            return False, (
                "Not quorate: the quorum needs someone from each statutory partner, and no "
                "agency of the partnership is recorded as a statutory partner."
            )
        present = {a.agency_id for a in attendees if a.agency_id}
        missing = [
            _partner_name(kind, agencies)
            for kind, agencies in partners.items()
            if not present & {a.pk for a in agencies}
        ]
        if missing:
            return False, (
                "Not quorate: the quorum is someone from each statutory partner, and no one "
                f"attended from {_and(missing)}."
            )
        names = _and([_partner_name(k, a) for k, a in partners.items()])
        return True, f"Quorate: someone from each statutory partner attended ({names})."
    return True, "The partnership has no quorum rule: every meeting held counts as quorate."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
