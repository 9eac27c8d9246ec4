"""The one tenant-scoping mechanism, for both lines of isolation.

Every tenant model uses django-scopes' ScopedManager: a query without an active partnership
scope raises ScopeError instead of returning every partnership's rows. `partnership_scope` also
sets the database session's scope, so PostgreSQL's row-level security (cases/rls.py) returns
only that partnership's rows whatever the SQL. Requests enter the scope in PartnershipMiddleware
(from the URL's partnership slug), Celery tasks through `cases.tasks_base.PartnershipTask`,
management commands and tests explicitly. Work across partnerships goes partnership by
partnership (ADR 0009): there is no database path that sees every partnership at once.
"""

from contextlib import contextmanager

from django.http import Http404
from django_scopes import scope, scopes_disabled

from cases.models import Membership, Partnership
from cases.rls import db_scope

__all__ = [
    "invitation_key_scope",
    "outbox_scope",
    "membership_for",
    "memberships_of",
    "partnership_by_slug",
    "partnership_scope",
    "scopes_disabled",
    "user_scope",
]


@contextmanager
def partnership_scope(partnership: Partnership | int):
    """Enter one partnership's scope; takes the partnership or its id (tasks carry ids)."""
    partnership_id = (
        partnership if isinstance(partnership, int) else getattr(partnership, "pk", None)
    )
    if not isinstance(partnership_id, int) or isinstance(partnership_id, bool):
        raise ValueError("partnership_scope needs a saved partnership or its id")
    with scope(partnership=partnership_id), db_scope(partnership_id=partnership_id):
        yield partnership


@contextmanager
def user_scope(user):
    """Let the database show the user's own memberships in every partnership (and those
    memberships' agencies), for the chooser, the header, /api/me/ and the calendar feed. The
    database shows them only outside every partnership, so this leaves the partnership's scope
    for the block (django-scopes' stays: Membership and Partnership are not scoped models)."""
    with db_scope(partnership_id=None, user_id=getattr(user, "pk", None)):
        yield


@contextmanager
def outbox_scope():
    """Let the database show outbox rows of no partnership (account e-mails): for the e-mail
    path in cases.emails and nothing else."""
    with db_scope(outbox="on"):
        yield


@contextmanager
def invitation_key_scope(token_hash: str):
    """Let the database show the one invitation whose token the visitor holds."""
    with db_scope(invitation=token_hash):
        yield


def partnership_by_slug(slug: str) -> Partnership:
    partnership = Partnership.objects.filter(slug=slug, is_active=True).first()
    if partnership is None:
        raise Http404("No such partnership")
    return partnership


def membership_for(user, partnership: Partnership) -> Membership:
    """The user's active membership of the partnership; 404 when there is none."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("No such partnership")
    membership = (
        Membership.objects.active()
        .select_related("partnership", "agency", "user")
        .prefetch_related("roles")
        .filter(user=user, partnership=partnership)
        .first()
    )
    if membership is None:
        raise Http404("No such partnership")
    return membership


def memberships_of(user) -> list[Membership]:
    with user_scope(user):
        return list(
            Membership.objects.active()
            .select_related("partnership", "agency")
            .prefetch_related("roles")
            .filter(user=user)
        )
