"""The one tenant-scoping mechanism.

Every tenant model uses django-scopes' ScopedManager: a query without an active partnership
scope raises ScopeError instead of returning every partnership's rows. Requests enter the scope in
PartnershipMiddleware (from the URL's partnership slug), Celery tasks through
`cases.tasks_base.PartnershipTask`, management commands and tests explicitly.
"""

from contextlib import contextmanager

from django.http import Http404
from django_scopes import scope, scopes_disabled

from cases.models import Membership, Partnership

__all__ = ["membership_for", "partnership_by_slug", "partnership_scope", "scopes_disabled"]


@contextmanager
def partnership_scope(partnership: Partnership | int):
    """Enter one partnership's scope; takes the partnership or its id (tasks carry ids)."""
    partnership_id = (
        partnership if isinstance(partnership, int) else getattr(partnership, "pk", None)
    )
    if not isinstance(partnership_id, int) or isinstance(partnership_id, bool):
        raise ValueError("partnership_scope needs a saved partnership or its id")
    with scope(partnership=partnership_id):
        yield partnership


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


def memberships_of(user):
    return (
        Membership.objects.active()
        .select_related("partnership", "agency")
        .prefetch_related("roles")
        .filter(user=user)
    )
