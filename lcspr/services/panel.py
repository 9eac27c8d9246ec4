"""The LCSPR's review panel (Swindon 001 sections 5-8; Dorset 002 7.8; BCP 003 section 11), one
service per transition, each audited.

    panel_member_add       a member of the partnership, or an outside expert by name, role and
                           organisation, with their role on the panel
    panel_member_declare   their declaration of conflicts of interest (none, or declared with
                           the details and the chair's decision) and the date they signed the
                           confidentiality agreement
    panel_member_remove    off the panel (the row is kept); access given for the panel is taken
                           back

A member of the partnership who cannot otherwise see the case (a restricted case, an agency the
case does not involve, a lead reviewer) is put on its access list
(cases.services.cases.case_access_grant, as the reviewer's contract does) only once both the
declaration and the confidentiality agreement are recorded."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import Membership, User
from cases.permissions import visible_cases
from cases.services.cases import case_access_grant, case_access_revoke
from lcspr import permissions
from lcspr.choices import PanelConflicts, PanelPartner, PanelRole
from lcspr.models import LocalReview, PanelMember

NOT_ALLOWED = "Only a business manager manages the LCSPR's review panel."
TEXT_LIMIT = 10000


def _check(membership: Membership, review: LocalReview) -> None:
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(NOT_ALLOWED)


def _audit(actor, member: PanelMember, action: str, changes: dict, note: str = "") -> None:
    audit_record(
        actor=actor,
        partnership=member.review.case.partnership,
        action=action,
        obj=member,
        case=member.review.case,
        changes={"panel_member": [None, member.display_name], **changes},
        note=note,
    )


def active_panel(review: LocalReview):
    return (
        PanelMember.objects.filter(review=review, removed_at__isnull=True)
        .select_related("membership__user")
        .order_by("created_at", "pk")
    )


def missing_partners(review: LocalReview, panel=None) -> list[str]:
    """The statutory partners (local authority, police, ICB) no one on the panel represents,
    as their names."""
    panel = active_panel(review) if panel is None else panel
    present = {m.statutory_partner for m in panel if m.panel_role == PanelRole.STATUTORY_PARTNER}
    return [label for value, label in PanelPartner.choices if value not in present]


def partnership_members(partnership_id):
    """Who may be put on a panel: the partnership's active members."""
    return (
        Membership.objects.active()
        .filter(partnership=partnership_id)
        .select_related("user", "agency")
        .order_by("user__full_name", "user__email")
    )


def _text(data: dict, field: str, limit: int, errors: dict) -> str:
    value = (data.get(field) or "").strip()
    if len(value) > limit:
        errors[field] = (
            f"The text must be {limit:,} characters or fewer"
            if limit == TEXT_LIMIT
            else f"The text must be {limit} characters or fewer"
        )
    return value


@transaction.atomic
def panel_member_add(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    member: Membership | None = None,
    name: str = "",
    job_title: str = "",
    organisation: str = "",
    email: str = "",
    panel_role: str = "",
    statutory_partner: str = "",
) -> PanelMember:
    """Every error at once. A member of the partnership is named by their membership; someone
    from outside by their name (their job title and organisation too)."""
    _check(membership, review)
    LocalReview.objects.select_for_update().filter(pk=review.pk).first()
    errors: dict[str, str] = {}
    data = {
        "name": name,
        "job_title": job_title,
        "organisation": organisation,
        "email": email,
    }
    name = _text(data, "name", 200, errors)
    job_title = _text(data, "job_title", 200, errors)
    organisation = _text(data, "organisation", 200, errors)
    email = _text(data, "email", 254, errors)
    if member is not None:
        if member.partnership_id != review.partnership_id or not member.is_active:
            errors["member"] = "Select a member of this partnership"
        elif PanelMember.objects.filter(
            review=review, membership=member, removed_at__isnull=True
        ).exists():
            errors["member"] = "That person is already on the panel"
        name = email = ""
    elif not name and "name" not in errors:
        errors["member"] = "Select a member of the partnership, or enter the name of the expert"
        errors["name"] = "Enter the name of someone from outside the partnership"
    else:
        if not job_title and "job_title" not in errors:
            errors["job_title"] = "Enter their job title or role"
        if not organisation and "organisation" not in errors:
            errors["organisation"] = "Enter their organisation"
    if email and "email" not in errors:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Enter an email address in the correct format, like name@example.com"
    if panel_role not in PanelRole.values:
        errors["panel_role"] = "Select their role on the panel"
    if panel_role == PanelRole.STATUTORY_PARTNER:
        if statutory_partner not in PanelPartner.values:
            errors["statutory_partner"] = "Select the statutory partner they represent"
    else:
        statutory_partner = ""
    if errors:
        raise ValidationError(errors)
    row = PanelMember.objects.create(
        partnership_id=review.partnership_id,
        review=review,
        membership=member,
        name=name,
        job_title=job_title,
        organisation=organisation or (member.agency.name if member and member.agency_id else ""),
        email=email,
        panel_role=panel_role,
        statutory_partner=statutory_partner,
    )
    changes = {
        "panel_role": [None, panel_role],
        **({"statutory_partner": [None, statutory_partner]} if statutory_partner else {}),
        **({"organisation": [None, row.organisation]} if row.organisation else {}),
    }
    _audit(actor, row, "lcspr_panel.add", changes)
    return row


def _locked(member: PanelMember) -> PanelMember:
    row = (
        PanelMember.objects.select_for_update(of=("self",))
        .select_related("review__case__partnership", "membership__user")
        .get(pk=member.pk)
    )
    if row.removed_at is not None:
        raise InvalidTransition("This person is no longer on the panel.")
    return row


def _can_see_otherwise(member: PanelMember) -> bool:
    return visible_cases(member.membership).filter(pk=member.review.case_id).exists()


@transaction.atomic
def panel_member_declare(
    *,
    actor: User,
    membership: Membership,
    member: PanelMember,
    conflicts: str = "",
    conflicts_details: str = "",
    chair_decision: str = "",
    declared_on: datetime.date | None = None,
    confidentiality_signed_on: datetime.date | None = None,
) -> PanelMember:
    """Record (or correct) the declaration and the confidentiality agreement; every error at
    once. Once both are recorded, a member of the partnership who cannot see the case is put
    on its access list; a correction that leaves the agreement unsigned takes them off it."""
    _check(membership, member.review)
    row = _locked(member)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    data = {"conflicts_details": conflicts_details, "chair_decision": chair_decision}
    details = _text(data, "conflicts_details", TEXT_LIMIT, errors)
    decision = _text(data, "chair_decision", TEXT_LIMIT, errors)
    if conflicts not in PanelConflicts.values:
        errors["conflicts"] = "Select whether they declared a conflict of interest"
    elif conflicts == PanelConflicts.DECLARED:
        if not details and "conflicts_details" not in errors:
            errors["conflicts_details"] = "Enter the details of the conflict of interest"
        if not decision and "chair_decision" not in errors:
            errors["chair_decision"] = "Enter the chair's decision on the conflict of interest"
    else:
        details = decision = ""
    if declared_on is None:
        errors["declared_on"] = "Enter the date of the declaration"
    elif declared_on > today:
        errors["declared_on"] = "The date of the declaration must be today or in the past"
    if confidentiality_signed_on is not None and confidentiality_signed_on > today:
        errors["confidentiality_signed_on"] = (
            "The date the confidentiality agreement was signed must be today or in the past"
        )
    if errors:
        raise ValidationError(errors)
    fields = (
        "conflicts",
        "conflicts_details",
        "chair_decision",
        "declared_on",
        "confidentiality_signed_on",
    )
    before = {f: _plain(getattr(row, f)) for f in fields}
    row.conflicts = conflicts
    row.conflicts_details = details
    row.chair_decision = decision
    row.declared_on = declared_on
    row.confidentiality_signed_on = confidentiality_signed_on
    after = {f: _plain(getattr(row, f)) for f in fields}
    grant = (
        row.declarations_recorded
        and row.membership_id is not None
        and row.access_granted_at is None
        and not _can_see_otherwise(row)
    )
    # A correction that leaves the agreement unsigned takes back the access the panel gave
    # (case_access_revoke never takes one's own: that stays for another business manager).
    revoke = (
        row.access_granted_at is not None
        and not row.declarations_recorded
        and row.membership.user_id != actor.pk
    )
    if grant:
        row.access_granted_at = timezone.now()
    if revoke:
        row.access_granted_at = None
    row.save()
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    _audit(actor, row, "lcspr_panel.declare", changes)
    if grant:
        case_access_grant(
            actor=actor, membership=membership, case=row.review.case, member=row.membership
        )
    if revoke:
        case_access_revoke(
            actor=actor, membership=membership, case=row.review.case, member=row.membership
        )
    return row


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else (value or None)


@transaction.atomic
def panel_member_remove(
    *, actor: User, membership: Membership, member: PanelMember, reason: str = ""
) -> PanelMember:
    """Off the panel; the row is kept. Access given for the panel is taken back."""
    _check(membership, member.review)
    row = _locked(member)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why they are leaving the panel"})
    if len(reason) > TEXT_LIMIT:
        raise ValidationError({"reason": "The reason must be 10,000 characters or fewer"})
    row.removed_at = timezone.now()
    row.save(update_fields=["removed_at", "updated_at"])
    _audit(actor, row, "lcspr_panel.remove", {"removed": [None, True]}, note=reason)
    if row.access_granted_at is not None and row.membership.user_id != actor.pk:
        case_access_revoke(
            actor=actor, membership=membership, case=row.review.case, member=row.membership
        )
    return row
