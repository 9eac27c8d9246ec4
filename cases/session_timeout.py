"""When a session ends (WCAG 2.2.1): how long it has left, why it ended, and the answers a user
had typed but not sent, kept on the server for that user alone.

The browser warns two minutes before the idle limit (static/app/timeout.js). What was typed is
kept in the new, anonymous session that follows the ended one (server-side, like every session),
marked with the user it belonged to; it is offered back only after that same user has signed in
again, on the same page, once. Nothing is kept in the browser's storage.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.dispatch import receiver

STARTED_KEY = "prm_session_started"
SEEN_KEY = "prm_session_seen"
ENDED_KEY = "prm_signed_out"
KEPT_KEY = "prm_kept_form"

# Never kept, whatever the form: secrets, and what the sign-in pages ask for.
_SECRET_WORDS = ("password", "token", "code", "secret", "csrf")
_KEPT_LIMIT = 64 * 1024  # characters: a referral page's answers, not an upload


def touch_interval() -> int:
    """How often activity renews the idle expiry: at most once a minute, and often enough
    that a short idle limit (tests, a cautious partnership) still counts from the last click."""
    return max(1, min(settings.SESSION_TOUCH_SECONDS, settings.SESSION_COOKIE_AGE // 10))


def touch(session, now: int | None = None) -> None:
    """Renew the idle expiry (the session is saved after the response, with a new expiry)."""
    session[SEEN_KEY] = int(time.time()) if now is None else now


def seconds_left(session, now: int | None = None) -> int:
    """Seconds until the session ends: the idle limit counted from the last renewal, or the
    absolute lifetime, whichever comes first."""
    now = int(time.time()) if now is None else now
    seen = session.get(SEEN_KEY, now)
    started = session.get(STARTED_KEY, now)
    idle_left = seen + settings.SESSION_COOKIE_AGE - now
    absolute_left = started + settings.SESSION_ABSOLUTE_SECONDS - now
    return max(0, min(idle_left, absolute_left))


def ended_session_user_id(session_key: str) -> int | None:
    """The user an expired session belonged to. The browser still holds its cookie, so it is
    the same browser; this only marks answers kept for that user, it never signs anyone in."""
    row = Session.objects.filter(session_key=session_key).first()
    if row is None:
        return None
    user_id = row.get_decoded().get("_auth_user_id")
    try:
        return int(user_id) if user_id is not None else None
    except (TypeError, ValueError):
        return None


def note_signed_out(session, reason: str) -> None:
    """Tell the sign-in page why: "idle" or "absolute"."""
    session[ENDED_KEY] = reason


def keep_unsent_form(session, *, user_id: int, path: str, data) -> bool:
    """Keep what was typed on ``path`` for ``user_id``; False when there is nothing to keep."""
    fields: dict[str, list[str]] = {}
    size = 0
    for name in data:
        if any(word in name.lower() for word in _SECRET_WORDS):
            continue
        values = [v for v in data.getlist(name) if isinstance(v, str)]
        if not any(v.strip() for v in values):
            continue
        size += len(name) + sum(len(v) for v in values)
        if size > _KEPT_LIMIT:
            return False
        fields[name] = values
    if not fields:
        return False
    session[KEPT_KEY] = {"user_id": user_id, "path": path, "fields": fields}
    return True


def kept_form_for(request) -> dict | None:
    """The answers kept for this user on this page, handed over once."""
    kept = request.session.get(KEPT_KEY)
    if not kept or not request.user.is_authenticated:
        return None
    if kept.get("user_id") != request.user.pk:
        request.session.pop(KEPT_KEY, None)  # someone else signed in on this computer
        return None
    if kept.get("path") != request.path or request.method != "GET":
        return None
    request.session.pop(KEPT_KEY, None)
    return kept["fields"]


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    """The reason is said; answers kept for someone else are dropped, unseen."""
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(ENDED_KEY, None)
    kept = request.session.get(KEPT_KEY)
    if kept and kept.get("user_id") != user.pk:
        request.session.pop(KEPT_KEY, None)
