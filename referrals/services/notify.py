"""Referral e-mails. They say that something moved and link to it: the reference, the status
and the partnership, never a child's name, NHS number or incident details."""

from django.conf import settings
from django.urls import reverse

from cases.deputies import deputies_authorise
from cases.emails import email_enqueue
from cases.models import Membership, Role
from referrals.models import Referral
from referrals.permissions import authoriser_role


def _members(referral: Referral, role: str, *, agency_id=None) -> list[str]:
    qs = Membership.objects.active().filter(partnership=referral.partnership_id, roles__role=role)
    if agency_id is not None:
        qs = qs.filter(agency=agency_id)
    return list(qs.values_list("user__email", flat=True).distinct())


def referrer(referral: Referral) -> list[str]:
    return [] if referral.is_external else [referral.created_by.email]


def deputies(referral: Referral, agency_id) -> list[str]:
    """The deputies the agency's SLOs have named, where the SLO is the authoriser (cases.deputies):
    they authorise while named, so they hear of what waits for authorisation."""
    if not deputies_authorise(referral.partnership):
        return []
    named_by = Membership.objects.active().filter(
        partnership=referral.partnership_id, agency=agency_id, roles__role=Role.SLO
    )
    return list(
        Membership.objects.active()
        .filter(
            partnership=referral.partnership_id,
            agency=agency_id,
            pk__in=named_by.values("deputy"),
        )
        .values_list("user__email", flat=True)
        .distinct()
    )


def authorisers(referral: Referral) -> list[str]:
    if referral.is_external or not referral.agency_id:
        return []
    role = authoriser_role(referral.partnership)
    return sorted(
        set(_members(referral, role, agency_id=referral.agency_id))
        | set(deputies(referral, referral.agency_id))
    )


def business_managers(referral: Referral) -> list[str]:
    return _members(referral, Role.BUSINESS_MANAGER)


def executives(referral: Referral) -> list[str]:
    return _members(referral, Role.EXECUTIVE)


def _representatives(referral: Referral, agencies) -> list[str]:
    from referrals.deciding import REPRESENTATIVE_ROLES

    return list(
        Membership.objects.active()
        .filter(
            partnership=referral.partnership_id,
            agency__in=agencies,
            roles__role__in=REPRESENTATIVE_ROLES,
        )
        .values_list("user__email", flat=True)
        .distinct()
    )


def partner_representatives(referral: Referral) -> list[str]:
    """The statutory partners' safeguarding lead officers and agency executives."""
    from cases.models import Agency

    return _representatives(
        referral,
        Agency.objects.filter(partnership=referral.partnership_id, is_statutory_partner=True),
    )


def local_authority_deciders(referral: Referral) -> list[str]:
    from cases.models import Agency, AgencyType

    return _representatives(
        referral,
        Agency.objects.filter(
            partnership=referral.partnership_id, agency_type=AgencyType.LOCAL_AUTHORITY
        ),
    )


def notification_deciders(referral: Referral) -> list[str]:
    """Whoever the partnership's notification_decision setting says decides (issue 12)."""
    from referrals import deciding

    by = deciding.decided_by(referral.partnership)
    if by == deciding.STATUTORY_PARTNERS:
        return partner_representatives(referral)
    if by == deciding.LOCAL_AUTHORITY:
        return local_authority_deciders(referral)
    return executives(referral)


def review_group(referral: Referral) -> list[str]:
    return _members(referral, Role.REVIEW_GROUP_MEMBER)


def agency_leads(referral: Referral, agency_id: int) -> list[str]:
    """An agency's safeguarding lead officers (and its referral authorisers)."""
    return sorted(
        set(_members(referral, Role.SLO, agency_id=agency_id))
        | set(_members(referral, authoriser_role(referral.partnership), agency_id=agency_id))
        | set(deputies(referral, agency_id))
    )


def send(*, referral: Referral, event, recipients, headline: str, actor=None, url: str = "") -> int:
    """Queue one e-mail per recipient (not the person who made the change); the audit event's
    id makes the key unique, so a retried transaction never e-mails twice."""
    url = settings.SITE_URL + (
        url or reverse("referrals:detail", args=[referral.partnership.slug, referral.pk])
    )
    skip = getattr(actor, "email", None)
    sent = 0
    for to in sorted(set(recipients) - {skip}):
        queued = email_enqueue(
            key=f"referral:{referral.pk}:{event.pk}:{to}",
            to=to,
            template="referral_update",
            partnership=referral.partnership,
            context={
                "partnership_name": referral.partnership.name,
                "reference": referral.case.reference if referral.case_id else "",
                "status": referral.get_status_display(),
                "headline": headline,
                "url": url,
            },
        )
        sent += queued is not None
    return sent
