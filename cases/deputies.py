"""Who authorises an agency's referral, and the deputies safeguarding lead officers name.

Lincolnshire (seed 000, Appendix A): "Submission of this form should only be by your LSCP Senior
Liaison Officer (SLO) or their nominated deputy." An SLO names one deputy (Membership.deputy):
another active member of the same partnership and agency. While named, and while the SLO is an
active SLO of that agency, the deputy authorises the agency's referrals as the SLO does, where
the partnership's authoriser is the SLO (referral_authoriser_role "slo"). Where the partnership
has someone else sign off (Swindon: the agency executive, seed 001 section 4), a deputy named by
an SLO authorises nothing.

Reads only: names and removals go through cases.services.deputies (audited, e-mailed).
"""

from django.db.models import QuerySet

from cases.models import Membership, Role

DEPUTY_ERROR = "Select a deputy from your agency"


def referral_authoriser_role(partnership) -> str:
    """Partnership.workflow referral_authoriser_role: the role of the agency member who
    authorises the agency's referral (the SLO unless the settings say otherwise)."""
    return (partnership.workflow or {}).get("referral_authoriser_role") or Role.SLO


def can_name_deputy(membership: Membership) -> bool:
    """A safeguarding lead officer of an agency names (and removes) their own deputy."""
    return bool(membership.agency_id) and membership.has_role(Role.SLO)


def deputies_authorise(partnership) -> bool:
    """A deputy acts for the SLO where the SLO is the partnership's referral authoriser."""
    return referral_authoriser_role(partnership) == Role.SLO


def deputy_candidates(membership: Membership) -> QuerySet[Membership]:
    """Whom an SLO may name: the other active members of their agency, by name."""
    return (
        Membership.objects.active()
        .filter(partnership=membership.partnership_id, agency=membership.agency_id)
        .exclude(pk=membership.pk)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def is_valid_deputy(membership: Membership, deputy: Membership | None) -> bool:
    return (
        deputy is not None
        and deputy.pk != membership.pk
        and bool(membership.agency_id)
        and deputy.partnership_id == membership.partnership_id
        and deputy.agency_id == membership.agency_id
        and deputy_candidates(membership).filter(pk=deputy.pk).exists()
    )


def current_deputy(membership: Membership) -> Membership | None:
    """The SLO's deputy while it still holds: active, same agency."""
    if not membership.deputy_id or not can_name_deputy(membership):
        return None
    return deputy_candidates(membership).filter(pk=membership.deputy_id).first()


def deputising_for(membership: Membership) -> list[Membership]:
    """The active SLOs of the member's own agency who have named them deputy (kept on the
    membership object: asked several times a request)."""
    cached = getattr(membership, "_deputising_for", None)
    if cached is None:
        if not membership.agency_id or not membership.is_active:
            cached = []
        else:
            cached = list(
                Membership.objects.active()
                .filter(
                    deputy=membership.pk,
                    partnership=membership.partnership_id,
                    agency=membership.agency_id,
                    roles__role=Role.SLO,
                )
                .exclude(pk=membership.pk)
                .select_related("user")
                .distinct()
                .order_by("user__full_name", "pk")
            )
        membership._deputising_for = cached
    return cached


def authorising_deputy_for(membership: Membership) -> list[Membership]:
    """The SLOs this member authorises referrals for, as their deputy (none where the
    partnership's authoriser is not the SLO)."""
    if not deputies_authorise(membership.partnership):
        return []
    return deputising_for(membership)
