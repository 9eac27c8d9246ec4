"""Who may see and do what with referrals. The list filter and the object predicate come in
pairs that apply the same rule, used by pages and API alike (tests/referrals/test_permissions.py
pins them down for every role).

Seeing a referral:
- its author, always (their own drafts included);
- staff of the referring agency (SLO, agency staff, agency executive): the agency's referrals,
  except colleagues' unsent drafts; whoever authorises for the agency (an executive with an
  agency, where settings stored before issue 11 say so; an SLO's named deputy) likewise;
- business manager, review group, scrutineer: every referral the partnership has received, and
  (business manager) the external referrals entered on someone's behalf, drafts included;
- executive: what has been sent for their decision, and what they decided;
- nobody else (other agencies, lead reviewers): 404.
A received referral is also hidden when its case is restricted and the person is not on the
case's access list.
"""

from django.db.models import Q, QuerySet

from cases import deputies
from cases.models import Case, Membership, Role
from cases.permissions import visible_cases
from referrals import deciding
from referrals.choices import EDITABLE_STATUSES, ReferralStatus
from referrals.models import ExecutiveDecision, Recommendation, Referral

S = ReferralStatus
PARTNERSHIP_READERS = (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.SCRUTINEER)
AGENCY_MEMBERS = (Role.SLO, Role.AGENCY_STAFF, Role.AGENCY_EXECUTIVE)
REFERRING_ROLES = (
    Role.SLO,
    Role.AGENCY_STAFF,
    Role.AGENCY_EXECUTIVE,
    Role.EXECUTIVE,
    Role.REVIEW_GROUP_MEMBER,
)


def authoriser_role(partnership) -> str:
    """Who authorises an agency's referral (Partnership.workflow referral_authoriser_role)."""
    return deputies.referral_authoriser_role(partnership)


_AUTHORISER_NOUNS = {
    Role.SLO: "Safeguarding lead officer",
    Role.AGENCY_EXECUTIVE: "Agency executive",
    Role.EXECUTIVE: "Executive",
}


def authoriser_noun(role: str) -> str:
    """The authoriser as a noun for sentences ("your agency's agency executive")."""
    return _AUTHORISER_NOUNS.get(role) or (Role(role).label if role in Role.values else role)


def holds_authoriser_role(membership: Membership) -> bool:
    """Authorises the agency's referrals in their own right (not as someone's deputy)."""
    return bool(membership.agency_id) and membership.has_role(
        authoriser_role(membership.partnership)
    )


def deputy_for(membership: Membership) -> list[Membership]:
    """The SLOs this member authorises for as their named deputy (Lincolnshire, seed 000
    Appendix A: "your ... SLO or their nominated deputy"); empty for someone who holds the
    authoriser role themselves, or where the partnership's authoriser is not the SLO."""
    if holds_authoriser_role(membership):
        return []
    return deputies.authorising_deputy_for(membership)


def _is_agency_authoriser(membership: Membership) -> bool:
    """The agency's authoriser: holds the partnership's authoriser role, or is the named deputy
    of an SLO of the same agency (while named)."""
    return holds_authoriser_role(membership) or bool(deputy_for(membership))


def _rule(membership: Membership) -> Q:
    rule = Q(created_by=membership.user_id)
    if membership.agency_id and (
        membership.has_role(*AGENCY_MEMBERS) or _is_agency_authoriser(membership)
    ):
        rule |= Q(agency=membership.agency_id, is_external=False) & ~Q(status=S.DRAFT)
    if membership.has_role(*PARTNERSHIP_READERS):
        rule |= Q(submitted_at__isnull=False)
    if membership.has_role(Role.BUSINESS_MANAGER):
        rule |= Q(is_external=True)
    if membership.has_role(Role.EXECUTIVE):
        # Sent for their decision: with a recommendation form, or (an outcome the settings have
        # the executive confirm) awaiting it; and any they have decided.
        sent = Recommendation.objects.filter(sent_at__isnull=False).values("referral_id")
        decided = ExecutiveDecision.objects.values("referral_id")
        rule |= Q(pk__in=sent) | Q(pk__in=decided) | Q(status=S.AWAITING_EXECUTIVE)
    if deciding.takes_part(membership):
        # Where the statutory partners or the local authority decide whether to notify (issue
        # 12): the recommendations sent for that decision.
        sent = Recommendation.objects.filter(sent_at__isnull=False).values("referral_id")
        rule |= Q(pk__in=sent)
    return rule


def visible_referrals(membership: Membership) -> QuerySet[Referral]:
    """The rule above as IN-subqueries, never joins, so no row repeats and the list's order
    can come from an index."""
    cases = Q(case__isnull=True) | Q(case__in=visible_cases(membership).values("pk"))
    if deciding.takes_part(membership):
        # A partner's representative deciding (or escalating) on a recommended notification
        # sees the referral though its case does not involve their agency; never a restricted
        # case they are not on.
        sent = Recommendation.objects.filter(sent_at__isnull=False).values("referral_id")
        open_cases = Case.objects.filter(
            partnership=membership.partnership_id, is_restricted=False, archived_at__isnull=True
        ).values("pk")
        cases |= Q(pk__in=sent, case__in=open_cases)
    return (
        Referral.objects.filter(partnership=membership.partnership_id)
        .filter(_rule(membership))
        .filter(cases)
    )


def can_view_referral(membership: Membership, referral: Referral) -> bool:
    return visible_referrals(membership).filter(pk=referral.pk).exists()


# --- What a member may do (roles and relationships; the state machine checks the status). ---


def can_start_referral(membership: Membership) -> bool:
    """Agency referrals: anyone with an agency who refers for it."""
    return bool(membership.agency_id) and membership.has_role(*REFERRING_ROLES)


def can_record_external_referral(membership: Membership) -> bool:
    return membership.has_role(Role.BUSINESS_MANAGER)


def can_edit_referral(membership: Membership, referral: Referral) -> bool:
    """Change a draft: its author, the agency's authoriser, or (external) a business manager."""
    if referral.is_external:
        allowed = membership.has_role(Role.BUSINESS_MANAGER)
    else:
        allowed = referral.created_by_id == membership.user_id or (
            _is_agency_authoriser(membership) and membership.agency_id == referral.agency_id
        )
    return allowed and can_view_referral(membership, referral)


def can_authorise_referral(membership: Membership, referral: Referral) -> bool:
    """Authorise (and send to the partnership) or return: the agency's authoriser; for an
    external referral, a business manager records its receipt."""
    if referral.is_external:
        allowed = membership.has_role(Role.BUSINESS_MANAGER)
    else:
        allowed = _is_agency_authoriser(membership) and membership.agency_id == referral.agency_id
    return allowed and can_view_referral(membership, referral)


def answers_for_agency(membership: Membership) -> bool:
    """Who answers a call for agency information (Lincolnshire Appendix B): the agency's
    safeguarding lead officers and referral authorisers."""
    return bool(membership.agency_id) and (
        membership.has_role(Role.SLO) or _is_agency_authoriser(membership)
    )


def can_answer_agency_request(membership: Membership, request) -> bool:
    return (
        request.agency_id is not None
        and membership.partnership_id == request.partnership_id
        and membership.agency_id == request.agency_id
        and answers_for_agency(membership)
    )


def can_triage(membership: Membership, referral: Referral) -> bool:
    """Quality-assure, ask for information, link a duplicate, prepare the recommendation."""
    return membership.has_role(Role.BUSINESS_MANAGER) and can_view_referral(membership, referral)


def can_decide(membership: Membership, referral: Referral) -> bool:
    """Agenda and triage decisions: the business manager and the review group."""
    return membership.has_role(
        Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER
    ) and can_view_referral(membership, referral)


def can_provide_information(membership: Membership, referral: Referral) -> bool:
    """Answer a request for more information: the referring agency (or, for an external
    referral, the business manager on the referrer's behalf)."""
    if referral.is_external:
        allowed = membership.has_role(Role.BUSINESS_MANAGER)
    else:
        allowed = referral.created_by_id == membership.user_id or (
            membership.agency_id == referral.agency_id
            and (membership.has_role(*AGENCY_MEMBERS) or _is_agency_authoriser(membership))
        )
    return allowed and can_view_referral(membership, referral)


def can_record_executive_decision(membership: Membership, referral: Referral) -> bool:
    """The executive; for a recommended notification where the setting says so (issue 12), a
    local authority member (Dorset 2.1, BCP section 5), or nobody (the statutory partners each
    agree instead: can_record_notification_agreement)."""
    by = deciding.decided_by(membership.partnership)
    if by != deciding.EXECUTIVE and deciding.is_notification_decision(referral):
        allowed = by == deciding.LOCAL_AUTHORITY and deciding.is_local_authority_decider(membership)
    else:
        allowed = membership.has_role(Role.EXECUTIVE)
    return allowed and can_view_referral(membership, referral)


def can_record_notification_agreement(membership: Membership, referral: Referral) -> bool:
    """Where the statutory partners decide (Swindon): a representative of each."""
    return (
        deciding.decided_by(membership.partnership) == deciding.STATUTORY_PARTNERS
        and deciding.is_partner_representative(membership)
        and can_view_referral(membership, referral)
    )


def can_record_notification_escalation(membership: Membership, referral: Referral) -> bool:
    """Where the local authority decides (Dorset, BCP): another statutory partner records its
    disagreement as an escalation."""
    return (
        deciding.decided_by(membership.partnership) == deciding.LOCAL_AUTHORITY
        and deciding.may_escalate(membership)
        and can_view_referral(membership, referral)
    )


def can_raise_challenge(membership: Membership, referral: Referral) -> bool:
    """An agency that disagrees records a challenge; the business manager records challenges and
    complaints on others' behalf."""
    if not can_view_referral(membership, referral):
        return False
    return membership.has_role(Role.BUSINESS_MANAGER) or (
        bool(membership.agency_id) and membership.has_role(*REFERRING_ROLES)
    )


def can_record_challenge_step(membership: Membership, referral: Referral) -> bool:
    return membership.has_role(Role.BUSINESS_MANAGER) and can_view_referral(membership, referral)


def can_manage_lookups(membership: Membership) -> bool:
    return membership.has_role(Role.BUSINESS_MANAGER)


def can_see_triage_queue(membership: Membership) -> bool:
    return membership.has_role(Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.SCRUTINEER)


def is_editable(referral: Referral) -> bool:
    return referral.status in EDITABLE_STATUSES
