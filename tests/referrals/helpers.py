"""Referrals built through the services, for tests and the tenant crawler's world."""

import datetime

from cases.models import Role
from referrals.services import authorisation, drafts, executive, triage

TODAY = datetime.date.today()


def complete_draft(side, member=None, *, child=None, **fields):
    """A draft with everything triage needs, by the side's police SLO (or `member`)."""
    member = member or side.members[Role.SLO]
    referral = drafts.referral_create(actor=member.user, membership=member)
    values = {
        "harm": "serious_harm",
        "what_happened": "The child was admitted to hospital with unexplained injuries.",
        "reasons": ["partner_notification"],
        "incident_date": TODAY - datetime.timedelta(days=3),
        **fields,
    }
    drafts.referral_save_draft(actor=member.user, membership=member, referral=referral, **values)
    drafts.referral_item_add(
        actor=member.user,
        membership=member,
        referral=referral,
        collection="children",
        **(child or {"first_name": "Sam", "last_name": "Example"}),
    )
    referral.refresh_from_db()
    return referral


def submitted(side, **kwargs):
    """Authorised and received (the police SLO authorises their own referral)."""
    slo = side.members[Role.SLO]
    referral = complete_draft(side, **kwargs)
    return authorisation.referral_authorise(actor=slo.user, membership=slo, referral=referral)


def awaiting_executive(side, **kwargs):
    bm = side.members[Role.BUSINESS_MANAGER]
    referral = submitted(side, **kwargs)
    triage.referral_decide(
        actor=bm.user,
        membership=bm,
        referral=referral,
        outcome="recommend_rapid_review",
        rationale="Serious harm; abuse suspected.",
        decided_on=TODAY,
        decided_by="SIRG",
    )
    executive.referral_recommend_to_executive(
        actor=bm.user,
        membership=bm,
        referral=referral,
        abuse_or_neglect="abuse",
    )
    referral.refresh_from_db()
    return referral
