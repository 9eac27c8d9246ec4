"""Reads of the people on a referral, for the access log: a received referral's reads are on
its case's log, a draft's on the referral itself (cases.audit.access_record)."""

from cases.audit import access_record
from cases.models import AccessKind


def referral_read(*, user, referral, what: str) -> None:
    access_record(
        user=user,
        obj=referral,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr=f"{what}, referral {referral.pk}",
    )
