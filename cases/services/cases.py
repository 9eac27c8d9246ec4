from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from cases import permissions
from cases.audit import audit_created, audit_record, diff, snapshot
from cases.models import Agency, Case, CaseReferenceCounter, Membership, User
from cases.permissions import RESTRICTED_PERMISSION

CASE_EDITABLE_FIELDS = ("title", "summary", "incident_date", "awareness_date")


def next_reference_number(partnership, series: str, year: int = 0) -> int:
    """The next number of one of the partnership's reference series, without gaps or
    duplicates under concurrent requests (the counter row is locked until commit)."""
    counter, _ = CaseReferenceCounter.objects.get_or_create(
        partnership=partnership, series=series, year=year
    )
    counter = CaseReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _next_reference(partnership, year: int) -> str:
    return f"{partnership.code}-{year}-{next_reference_number(partnership, 'case', year):04d}"


@transaction.atomic
def case_create(
    *,
    actor: User,
    membership: Membership,
    title: str,
    summary: str = "",
    incident_date=None,
    awareness_date=None,
    agencies: list[Agency] | tuple = (),
    is_restricted: bool = False,
    stage: str | None = None,
    check_permission: bool = True,
) -> Case:
    if check_permission and not permissions.can_create_case(membership):
        raise PermissionDenied("Only a business manager can open a case.")
    partnership = membership.partnership
    year = timezone.localdate().year
    case = Case(
        partnership=partnership,
        reference=_next_reference(partnership, year),
        title=title,
        summary=summary,
        incident_date=incident_date,
        awareness_date=awareness_date,
        is_restricted=is_restricted,
        created_by=actor,
    )
    if stage:
        case.stage = stage
    case.full_clean()
    case.save()
    agency_ids = [a.pk for a in agencies if a.partnership_id == partnership.pk]
    case.agencies.set(agency_ids)
    if is_restricted:
        assign_perm(RESTRICTED_PERMISSION, actor, case)
    audit_created(actor=actor, partnership=partnership, obj=case, case=case)
    return case


@transaction.atomic
def case_update(
    *, actor: User, membership: Membership, case: Case, check_permission: bool = True, **fields
) -> Case:
    """Change the case record (audited, before/after). `check_permission=False` is for a stage
    app's service that has already checked who may change the fact it shares with the case (the
    notification's awareness date: the local authority's drafter, not only a business
    manager)."""
    if check_permission and not permissions.can_edit_case(membership, case):
        raise PermissionDenied("You cannot change this case.")
    unknown = set(fields) - set(CASE_EDITABLE_FIELDS) - {"agencies"}
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    before = snapshot(case, CASE_EDITABLE_FIELDS)
    before_agencies = sorted(case.agencies.values_list("name", flat=True))
    agencies = fields.pop("agencies", None)
    for name, value in fields.items():
        setattr(case, name, value)
    case.full_clean()
    case.save()
    changes = diff(before, snapshot(case, CASE_EDITABLE_FIELDS))
    if agencies is not None:
        case.agencies.set([a.pk for a in agencies if a.partnership_id == case.partnership_id])
        after_agencies = sorted(case.agencies.values_list("name", flat=True))
        if after_agencies != before_agencies:
            changes["agencies"] = [before_agencies, after_agencies]
    if changes:
        audit_record(
            actor=actor,
            partnership=case.partnership,
            action="case.update",
            obj=case,
            case=case,
            changes=changes,
        )
    if "awareness_date" in changes:
        from cases.extensions import awareness_changed
        from cases.services.notices import notices_follow_awareness

        notices_follow_awareness(actor=actor, case=case)
        awareness_changed(actor, membership, case)
    return case


@transaction.atomic
def case_set_restricted(
    *, actor: User, membership: Membership, case: Case, is_restricted: bool
) -> Case:
    if not permissions.can_edit_case(membership, case):
        raise PermissionDenied("You cannot change this case.")
    if case.is_restricted == is_restricted:
        return case
    case.is_restricted = is_restricted
    case.save(update_fields=["is_restricted", "updated_at"])
    if is_restricted:
        # Whoever restricts a case keeps access to it.
        assign_perm(RESTRICTED_PERMISSION, actor, case)
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="case.restriction",
        obj=case,
        case=case,
        changes={"is_restricted": [not is_restricted, is_restricted]},
    )
    return case


@transaction.atomic
def case_access_grant(*, actor: User, membership: Membership, case: Case, member: Membership):
    if not permissions.can_edit_case(membership, case):
        raise PermissionDenied("You cannot change who can see this case.")
    if member.partnership_id != case.partnership_id:
        raise PermissionDenied("That person is not in this partnership.")
    assign_perm(RESTRICTED_PERMISSION, member.user, case)
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="case.access_grant",
        obj=case,
        case=case,
        changes={"access_list": [None, member.user.email]},
    )


@transaction.atomic
def case_access_revoke(*, actor: User, membership: Membership, case: Case, member: Membership):
    if not permissions.can_edit_case(membership, case):
        raise PermissionDenied("You cannot change who can see this case.")
    if member.user_id == actor.pk:
        raise PermissionDenied("You cannot remove yourself from the access list.")
    remove_perm(RESTRICTED_PERMISSION, member.user, case)
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="case.access_revoke",
        obj=case,
        case=case,
        changes={"access_list": [member.user.email, None]},
    )


def case_access_list(case: Case):
    from cases.models import CaseUserObjectPermission

    return (
        CaseUserObjectPermission.objects.filter(
            content_object=case, permission__codename=RESTRICTED_PERMISSION
        )
        .select_related("user")
        .order_by("user__email")
    )


@transaction.atomic
def case_archive(*, actor: User, membership: Membership, case: Case, reason: str) -> Case:
    if not permissions.can_edit_case(membership, case):
        raise PermissionDenied("You cannot archive this case.")
    case.archived_at = timezone.now()
    case.save(update_fields=["archived_at", "updated_at"])
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="case.archive",
        obj=case,
        case=case,
        changes={"archived_at": [None, case.archived_at.isoformat()]},
        note=reason,
    )
    return case


@transaction.atomic
def case_stage_set(*, actor: User | None, case: Case, stage: str, reason: str = "") -> Case:
    """Move a case to another stage. Called by the stage apps' services (referrals,
    notifications, rapid reviews), which check who may do it; audited with the reason."""
    from cases.models import CaseStage

    if stage not in CaseStage.values:
        raise ValueError(f"Unknown case stage {stage!r}")
    if case.stage == stage:
        return case
    before = case.stage
    case.stage = stage
    case.save(update_fields=["stage", "updated_at"])
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="case.stage",
        obj=case,
        case=case,
        changes={"stage": [before, stage]},
        note=reason,
    )
    return case
