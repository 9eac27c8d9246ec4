"""A safeguarding lead officer names or removes their deputy (cases.deputies says what a deputy
may do). Audited on the SLO's membership; the deputy is e-mailed through the one e-mail path."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from cases import deputies
from cases.audit import audit_record
from cases.emails import email_enqueue
from cases.errors import DomainError
from cases.models import Membership, User


def _require(membership: Membership) -> Membership:
    if not deputies.can_name_deputy(membership):
        raise PermissionDenied("Only an agency's safeguarding lead officer names a deputy.")
    # Under a row lock: two changes at once cannot both read the old deputy.
    return Membership.objects.select_for_update().get(pk=membership.pk)


def _tell(*, event, membership: Membership, to: Membership, named: bool) -> None:
    partnership = membership.partnership
    slo = membership.user.get_full_name()
    if named:
        if deputies.deputies_authorise(partnership):
            what = (
                f"{slo} has named you as their deputy in {partnership.name}: you can authorise"
                f" {membership.agency}'s referrals while you are named."
            )
        else:
            what = f"{slo} has named you as their deputy in {partnership.name}."
    else:
        what = f"{slo} has removed you as their deputy in {partnership.name}."
    url = reverse("cases:home", args=[partnership.slug])
    email_enqueue(
        key=f"deputy:{event.pk}:{to.pk}",
        to=to.user.email,
        template="deputy",
        partnership=partnership,
        context={
            "partnership_name": partnership.name,
            "headline": what,
            "url": settings.SITE_URL + url,
        },
    )


@transaction.atomic
def deputy_name(*, actor: User, membership: Membership, deputy: Membership | None) -> Membership:
    """Name `deputy` (another active member of the SLO's agency) as the SLO's deputy, in place
    of any deputy named before."""
    locked = _require(membership)
    if deputy is not None and deputy.pk == membership.pk:
        raise ValidationError({"deputy": "Select someone other than yourself"})
    if not deputies.is_valid_deputy(membership, deputy):
        raise ValidationError({"deputy": deputies.DEPUTY_ERROR})
    if locked.deputy_id == deputy.pk:
        raise DomainError(f"{deputy.user.get_full_name()} is already your deputy.")
    previous = locked.deputy
    locked.deputy = deputy
    locked.save(update_fields=["deputy"])
    membership.deputy = deputy
    event = audit_record(
        actor=actor,
        partnership=membership.partnership,
        action="membership.deputy_name",
        obj=membership,
        changes={"deputy": [previous.user_id if previous else None, deputy.user_id]},
    )
    _tell(event=event, membership=membership, to=deputy, named=True)
    if previous is not None and previous.is_active:
        _tell(event=event, membership=membership, to=previous, named=False)
    return membership


@transaction.atomic
def deputy_remove(*, actor: User, membership: Membership) -> Membership:
    """The SLO has no deputy from now on; the former deputy can no longer authorise."""
    locked = _require(membership)
    previous = locked.deputy
    if previous is None:
        raise DomainError("You have not named a deputy.")
    locked.deputy = None
    locked.save(update_fields=["deputy"])
    membership.deputy = None
    event = audit_record(
        actor=actor,
        partnership=membership.partnership,
        action="membership.deputy_remove",
        obj=membership,
        changes={"deputy": [previous.user_id, None]},
    )
    if previous.is_active:
        _tell(event=event, membership=membership, to=previous, named=False)
    return membership
