import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases import permissions
from cases.audit import audit_record
from cases.emails import email_enqueue
from cases.errors import DomainError
from cases.models import Agency, Invitation, Membership, MembershipRole, Role, User
from cases.models.roles import ROLES_NEEDING_AGENCY
from cases.services.api_tokens import api_tokens_end_without_membership
from cases.tenancy import invitation_key_scope

INVITATION_GONE = "This invitation link has expired or has already been used."


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_roles(roles, agency: Agency | None) -> list[str]:
    roles = sorted(set(roles))
    if not roles:
        raise ValidationError({"roles": "Select at least one role."})
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationError({"roles": f"Unknown role: {', '.join(sorted(unknown))}."})
    if agency is None and set(roles) & ROLES_NEEDING_AGENCY:
        raise ValidationError(
            {
                "agency": "Select the agency: safeguarding lead officers, agency staff and agency"
                " executives need one."
            }
        )
    return roles


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    membership: Membership,
    email: str,
    roles: list[str],
    agency: Agency | None = None,
    full_name: str = "",
    job_title: str = "",
) -> tuple[Invitation, str]:
    if not permissions.can_manage_people(membership):
        raise PermissionDenied("Only a business manager can invite people.")
    partnership = membership.partnership
    email = email.strip().lower()
    if agency is not None and agency.partnership_id != partnership.pk:
        raise ValidationError({"agency": "Select an agency of this partnership."})
    roles = _check_roles(roles, agency)
    if Membership.objects.filter(
        partnership=partnership, user__email__iexact=email, is_active=True
    ).exists():
        raise ValidationError({"email": "This person is already a member of the partnership."})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        partnership=partnership,
        agency=agency,
        email=email,
        full_name=full_name,
        job_title=job_title,
        roles=roles,
        token_hash=_hash(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit_record(
        actor=actor,
        partnership=partnership,
        action="invitation.create",
        obj=invitation,
        changes={
            "email": [None, email],
            "roles": [None, roles],
            "agency": [None, str(agency) if agency else None],
        },
    )
    email_enqueue(
        key=f"invitation:{invitation.pk}",
        to=email,
        template="invitation",
        partnership=partnership,
        context={
            "partnership_name": partnership.name,
            "invited_by": actor.get_full_name(),
            "accept_url": settings.SITE_URL + reverse("invitation_accept", args=[token]),
            "expires_at": invitation.expires_at,
        },
    )
    return invitation, token


def invitation_partnership_id(token: str) -> int:
    """The partnership of the invitation whose token this is, found by the token alone (the
    database shows that one invitation to whoever holds its token). Enter its scope next."""
    token_hash = _hash(token)
    with invitation_key_scope(token_hash):
        partnership_id = (
            Invitation.unscoped.filter(token_hash=token_hash)
            .values_list("partnership_id", flat=True)
            .first()
        )
    if partnership_id is None:
        raise DomainError(INVITATION_GONE)
    return partnership_id


def invitation_by_token(token: str) -> Invitation:
    """The usable invitation with this token, inside its partnership's scope."""
    invitation = (
        Invitation.unscoped.select_related("partnership", "agency")
        .filter(token_hash=_hash(token))
        .first()
    )
    if (
        invitation is None
        or invitation.accepted_at
        or invitation.revoked_at
        or invitation.expires_at < timezone.now()
    ):
        raise DomainError(INVITATION_GONE)
    return invitation


@transaction.atomic
def invitation_accept(
    *, token: str, user: User | None = None, full_name: str = "", password: str = ""
) -> Membership:
    """Accept as the signed-in `user` (an existing account), or create the account."""
    invitation = invitation_by_token(token)
    Invitation.unscoped.select_for_update().filter(pk=invitation.pk).first()
    if user is not None and user.is_authenticated:
        if user.email.lower() != invitation.email:
            raise DomainError("This invitation is for a different e-mail address.")
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise DomainError("Sign in to accept this invitation: you already have an account.")
        if not full_name.strip():
            raise ValidationError({"full_name": "Enter your full name."})
        candidate = User(email=invitation.email, full_name=full_name.strip())
        validate_password(password, candidate)
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name.strip()
        )
    membership, _ = Membership.objects.update_or_create(
        user=user,
        partnership=invitation.partnership,
        defaults={
            "agency": invitation.agency,
            "job_title": invitation.job_title,
            "is_active": True,
        },
    )
    membership.roles.all().delete()
    MembershipRole.objects.bulk_create(
        [MembershipRole(membership=membership, role=r) for r in invitation.roles]
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=user,
        partnership=invitation.partnership,
        action="invitation.accept",
        obj=membership,
        changes={"roles": [None, invitation.roles]},
    )
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, membership: Membership, invitation: Invitation):
    if not permissions.can_manage_people(membership):
        raise PermissionDenied("Only a business manager can revoke invitations.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor, partnership=membership.partnership, action="invitation.revoke", obj=invitation
    )


@transaction.atomic
def membership_create(
    *,
    partnership,
    user: User,
    roles: list[str],
    agency: Agency | None = None,
    job_title: str = "",
    actor: User | None = None,
) -> Membership:
    """Direct creation, for operators and demo data; people normally arrive by invitation."""
    roles = _check_roles(roles, agency)
    membership = Membership.objects.create(
        user=user, partnership=partnership, agency=agency, job_title=job_title
    )
    MembershipRole.objects.bulk_create(
        [MembershipRole(membership=membership, role=r) for r in roles]
    )
    audit_record(
        actor=actor,
        partnership=partnership,
        action="membership.create",
        obj=membership,
        changes={"roles": [None, roles]},
    )
    return membership


@transaction.atomic
def membership_update(
    *,
    actor: User,
    membership: Membership,
    target: Membership,
    roles: list[str],
    agency: Agency | None,
    is_active: bool,
) -> Membership:
    if not permissions.can_manage_people(membership):
        raise PermissionDenied("Only a business manager can change people's roles.")
    if target.partnership_id != membership.partnership_id:
        raise PermissionDenied("Not in this partnership.")
    if target.pk == membership.pk and (not is_active or Role.BUSINESS_MANAGER not in roles):
        raise DomainError("You cannot remove your own business manager role or access.")
    roles = _check_roles(roles, agency)
    before = {
        "roles": sorted(target.role_set),
        "agency": str(target.agency or ""),
        "is_active": target.is_active,
    }
    target.agency = agency
    target.is_active = is_active
    target.save(update_fields=["agency", "is_active"])
    target.roles.all().delete()
    MembershipRole.objects.bulk_create([MembershipRole(membership=target, role=r) for r in roles])
    target._role_set = frozenset(roles)
    after = {"roles": roles, "agency": str(agency or ""), "is_active": is_active}
    audit_record(
        actor=actor,
        partnership=membership.partnership,
        action="membership.update",
        obj=target,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )
    if before["is_active"] and not is_active:
        api_tokens_end_without_membership(user=target.user, actor=actor)
    return target
