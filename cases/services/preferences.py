"""A person's own reminder settings: daily digest or one e-mail per reminder, the secret URL of
their calendar feed, and marking in-app notifications as read."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.models import Notification, User

CALENDAR_TOKEN_BYTES = 32


def calendar_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_token_reset(*, user: User) -> str:
    """A new secret for the user's calendar feed; the old URL stops working. Only the hash is
    stored, so the returned token is shown once."""
    token = secrets.token_urlsafe(CALENDAR_TOKEN_BYTES)
    had_one = bool(user.calendar_token)
    user.calendar_token = calendar_token_hash(token)
    user.save(update_fields=["calendar_token"])
    audit_record(
        actor=user,
        partnership=None,
        action="calendar_feed.reset" if had_one else "calendar_feed.create",
        obj=user,
    )
    return token


@transaction.atomic
def calendar_token_revoke(*, user: User) -> None:
    if not user.calendar_token:
        return
    user.calendar_token = ""
    user.save(update_fields=["calendar_token"])
    audit_record(actor=user, partnership=None, action="calendar_feed.revoke", obj=user)


@transaction.atomic
def reminder_digest_set(*, user: User, digest: bool) -> None:
    if user.reminder_digest == digest:
        return
    user.reminder_digest = digest
    user.save(update_fields=["reminder_digest"])
    audit_record(
        actor=user,
        partnership=None,
        action="reminders.preference",
        obj=user,
        changes={"reminder_digest": [not digest, digest]},
    )


def notification_mark_read(*, user: User, notification: Notification) -> None:
    """Mark one of the user's own notifications read (reading is not audited: no data changes)."""
    Notification.objects.filter(pk=notification.pk, user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, user: User, partnership_id: int) -> int:
    return Notification.objects.filter(
        partnership_id=partnership_id, user=user, read_at__isnull=True
    ).update(read_at=timezone.now())
