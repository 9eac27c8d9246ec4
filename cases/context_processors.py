from django.conf import settings
from django.urls import reverse

from cases import session_timeout
from cases.models import Role
from cases.tenancy import memberships_of


def _nav(request) -> list[dict]:
    membership = request.membership
    slug = request.partnership.slug
    path = request.path_info
    items = [("My work", reverse("cases:home", args=[slug]), None)]
    items.append(("Cases", reverse("cases:case_list", args=[slug]), "cases/"))
    items.append(("Referrals", reverse("referrals:list", args=[slug]), "/referrals/"))
    items.append(("Find a case", reverse("cases:search", args=[slug]), "/search/"))
    items.append(("Reminders", reverse("cases:notifications", args=[slug]), "/notifications/"))
    if membership.has_role(Role.BUSINESS_MANAGER):
        items.append(("People", reverse("cases:people", args=[slug]), "people/"))
    items.append(("Settings", reverse("cases:workflow_settings", args=[slug]), "settings/"))
    return [
        {
            "label": label,
            "url": url,
            "active": (path == url) if marker is None else (marker in path),
        }
        for label, url, marker in items
    ]


def shell(request) -> dict:
    """What every page's header needs: the partnership switcher, roles and navigation; and the
    session timeout warning's figures (cases.session_timeout)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "nav_items": [],
            "user_memberships": [],
            "account_links": [],
            "idle_minutes": max(1, settings.SESSION_COOKIE_AGE // 60),
            "absolute_hours": max(1, settings.SESSION_ABSOLUTE_SECONDS // 3600),
        }
    account_links = [
        {"label": "Your account", "url": reverse("account_home")},
        {"label": "Sign out", "url": reverse("account_logout")},
    ]
    membership = getattr(request, "membership", None)
    return {
        "nav_items": _nav(request) if membership is not None else [],
        "user_memberships": getattr(request, "user_memberships", None) or memberships_of(user),
        "account_links": account_links,
        "session_timeout": {
            "seconds_left": session_timeout.seconds_left(request.session),
            "warn_seconds": settings.SESSION_WARNING_SECONDS,
            "idle_minutes": max(1, settings.SESSION_COOKIE_AGE // 60),
        },
        "kept_form": session_timeout.kept_form_for(request),
        "idle_minutes": max(1, settings.SESSION_COOKIE_AGE // 60),
    }
