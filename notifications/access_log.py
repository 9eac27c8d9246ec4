"""Reads of a notification's children (names, dates of birth, NHS numbers), for the case's
access log (cases.audit.access_record), from the pages and the API alike."""

from cases.audit import access_record
from cases.models import AccessKind


def notification_read(*, user, notification, what: str) -> None:
    access_record(
        user=user,
        obj=notification,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr=f"{what}, serious incident notification {notification.pk}",
    )
