"""A person's API tokens (ADR 0010): made, revoked, ended with the password or the last
membership, and found by the secret a client sends.

The secret is ``prm_`` and 43 URL-safe characters (256 random bits from ``secrets``); only its
SHA-256 is stored, so the secret is shown once, when the token is made. A plain hash is enough:
the secret is random and long, not a password a person chose, so there is nothing to guess.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format

from cases.audit import audit_record
from cases.models import ApiToken, ApiTokenEnd, Membership, User
from cases.tenancy import user_scope

PREFIX = "prm_"
SECRET_BYTES = 32
MAX_TOKENS = 10
# The lifetimes a person may choose, in days; the default is 90, the longest a year.
EXPIRY_DAYS = (7, 30, 90, 180, 365)
DEFAULT_EXPIRY_DAYS = 90
# last_used_at is written at most this often per token, not on every request.
LAST_USED_EVERY = timedelta(minutes=1)


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def day(moment) -> str:
    """1 March 2027, in the service's time zone."""
    return date_format(timezone.localtime(moment), "j F Y")


def _quoted(names) -> str:
    quoted = [f"“{name}”" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


@transaction.atomic
def api_token_create(*, user: User, name: str, expiry_days: int) -> tuple[ApiToken, str]:
    """Make a token for the user; returns it with its secret, which is not stored."""
    name = " ".join(name.split())
    errors = {}
    if not name:
        errors["name"] = "Enter a name for the token"
    elif len(name) > 100:
        errors["name"] = "Name must be 100 characters or fewer"
    if expiry_days not in EXPIRY_DAYS:
        errors["expiry_days"] = "Select when the token expires"
    if errors:
        raise ValidationError(errors)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one limit check at a time
    now = timezone.now()
    if ApiToken.objects.live().filter(user=user, expires_at__gt=now).count() >= MAX_TOKENS:
        raise ValidationError(
            f"You have {MAX_TOKENS} API tokens, the most you can have. "
            "Revoke one you no longer use before you create another."
        )
    secret = PREFIX + secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=token_digest(secret),
        expires_at=now + timedelta(days=expiry_days),
    )
    audit_record(
        actor=user,
        partnership=None,
        action="api_token.create",
        obj=token,
        changes={"name": [None, name], "expires_at": [None, token.expires_at.isoformat()]},
        note=f"{user.get_full_name()} created the API token “{name}” "
        f"(expires {day(token.expires_at)}).",
    )
    return token, secret


def api_token_for_user(*, user: User, pk: int) -> ApiToken:
    """One of the user's own live tokens; ApiToken.DoesNotExist alike for a missing, ended or
    someone else's (the views answer 404)."""
    return ApiToken.objects.live().get(user=user, pk=pk)


def api_tokens_of(*, user: User):
    return ApiToken.objects.live().filter(user=user)


@transaction.atomic
def api_token_revoke(*, user: User, pk: int) -> ApiToken:
    """Revoke one of the user's own live tokens (ApiToken.DoesNotExist as for a lookup)."""
    token = ApiToken.objects.live().select_for_update().get(user=user, pk=pk)
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(ended_at=now, end_reason=ApiTokenEnd.REVOKED)
    audit_record(
        actor=user,
        partnership=None,
        action="api_token.revoke",
        obj=token,
        changes={"ended_at": [None, now.isoformat()], "end_reason": ["", ApiTokenEnd.REVOKED]},
        note=f"{user.get_full_name()} revoked the API token “{token.name}”.",
    )
    return token


@transaction.atomic
def api_tokens_end(*, user: User, reason: str, actor: User | None = None) -> int:
    """End every live token of the user (password changed, no membership left)."""
    tokens = list(ApiToken.objects.live().filter(user=user).order_by("id").select_for_update())
    if not tokens:
        return 0
    ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).update(
        ended_at=timezone.now(), end_reason=reason
    )
    why = {
        ApiTokenEnd.PASSWORD_CHANGED: "because the password was changed",
        ApiTokenEnd.NO_MEMBERSHIP: "because they are no longer a member of any partnership",
    }[reason]
    noun = "API token" if len(tokens) == 1 else "API tokens"
    audit_record(
        actor=actor,
        partnership=None,
        action=f"api_token.end.{reason}",
        obj=user,
        changes={"api_tokens": [[t.name for t in tokens], []]},
        note=f"{user.get_full_name()}’s {noun} {_quoted(t.name for t in tokens)} ended {why}.",
    )
    return len(tokens)


def api_tokens_end_without_membership(*, user: User, actor: User | None = None) -> int:
    """After a membership ends: end the user's tokens if no active membership is left. Their
    memberships elsewhere are read in the user's own scope, outside the partnership's."""
    with user_scope(user):
        if Membership.objects.active().filter(user=user).exists():
            return 0
        return api_tokens_end(user=user, reason=ApiTokenEnd.NO_MEMBERSHIP, actor=actor)


def api_token_used(token: ApiToken) -> None:
    """Record that the token was used, at most once a minute (a write per request would be
    a write per API call)."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_EVERY:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_EVERY)
    ).update(last_used_at=now)
    token.last_used_at = now


def api_token_by_secret(secret: str) -> ApiToken | None:
    """The token whose secret this is, ended or expired or not (the caller says which)."""
    if not secret.startswith(PREFIX):
        return None
    return ApiToken.objects.select_related("user").filter(digest=token_digest(secret)).first()


@receiver(post_save, sender=User, dispatch_uid="api_tokens_end_with_the_password")
def _end_with_the_password(sender, instance, created, raw=False, **kwargs):
    # User.set_password marks the change; every path (allauth's change, reset and set, Django's
    # changepassword command, an operator's shell) saves the user after it.
    if instance.password_replaced and not created and not raw:
        api_tokens_end(user=instance, reason=ApiTokenEnd.PASSWORD_CHANGED)
    instance.password_replaced = False
