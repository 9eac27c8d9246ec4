from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cases import permissions
from cases.audit import audit_created, audit_record, diff, snapshot
from cases.models import Case, Membership, Subject, User
from cases.validators import normalise_nhs_number

SUBJECT_FIELDS = (
    "role",
    "first_name",
    "last_name",
    "aliases",
    "date_of_birth",
    "date_of_death",
    "nhs_number",
    "sex",
    "gender_identity",
    "ethnicity",
    "ethnicity_other",
    "disability",
    "faith",
    "first_language",
    "address",
    "legal_status",
    "cp_plan_status",
    "cp_plan_category",
    "relationship_to_child",
)


def _clean(subject: Subject) -> None:
    if subject.nhs_number:
        subject.nhs_number = normalise_nhs_number(subject.nhs_number)
    subject.full_clean()


@transaction.atomic
def subject_add(
    *, actor: User, membership: Membership, case: Case, check_permission: bool = True, **fields
) -> Subject:
    if check_permission and not permissions.can_edit_case(membership, case):
        raise PermissionDenied("You cannot add people to this case.")
    unknown = set(fields) - set(SUBJECT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown subject fields: {', '.join(sorted(unknown))}")
    subject = Subject(partnership_id=case.partnership_id, case=case, **fields)
    _clean(subject)
    subject.save()
    audit_created(actor=actor, partnership=case.partnership, obj=subject, case=case)
    return subject


@transaction.atomic
def subject_update(*, actor: User, membership: Membership, subject: Subject, **fields) -> Subject:
    if not permissions.can_edit_case(membership, subject.case):
        raise PermissionDenied("You cannot change people on this case.")
    unknown = set(fields) - set(SUBJECT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown subject fields: {', '.join(sorted(unknown))}")
    before = snapshot(subject, SUBJECT_FIELDS)
    for name, value in fields.items():
        setattr(subject, name, value)
    _clean(subject)
    subject.save()
    changes = diff(before, snapshot(subject, SUBJECT_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            partnership=subject.case.partnership,
            action="subject.update",
            obj=subject,
            case=subject.case,
            changes=changes,
        )
    return subject


@transaction.atomic
def subject_archive(*, actor: User, membership: Membership, subject: Subject, reason: str = ""):
    if not permissions.can_edit_case(membership, subject.case):
        raise PermissionDenied("You cannot remove people from this case.")
    subject.archived_at = timezone.now()
    subject.save(update_fields=["archived_at", "updated_at"])
    audit_record(
        actor=actor,
        partnership=subject.case.partnership,
        action="subject.archive",
        obj=subject,
        case=subject.case,
        note=reason,
        changes={"archived_at": [None, subject.archived_at.isoformat()]},
    )
    return subject
