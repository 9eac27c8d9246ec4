from django.core.exceptions import PermissionDenied

from cases.audit import audit_record
from referrals.models import Referral


def locked(referral: Referral) -> Referral:
    """Re-read the referral under a row lock: two people acting at once cannot both move it."""
    fresh = Referral.objects.select_for_update().get(pk=referral.pk)
    referral.refresh_from_db()
    return fresh


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def audit(*, actor, referral: Referral, action: str, changes=None, note: str = ""):
    return audit_record(
        actor=actor,
        partnership=referral.partnership,
        action=f"referral.{action}",
        obj=referral,
        case=referral.case,
        changes=changes or {},
        note=note,
    )


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


def set_status(referral: Referral, status: str, **fields) -> dict:
    """Change the status (and other lifecycle fields), save; returns the audit changes."""
    changes = {"status": [referral.status, status]}
    referral.status = status
    for name, value in fields.items():
        changes[name] = [_plain(getattr(referral, name)), _plain(value)]
        setattr(referral, name, value)
    referral.save()
    return changes
