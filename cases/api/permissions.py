from allauth.mfa.utils import is_mfa_enabled
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from cases.tenancy import membership_for


class IsTwoFactorUser(BasePermission):
    """Signed in, and with two factors set up (the API has no way round the second factor)."""

    message = "Set up two-factor authentication in the web application before using the API."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and is_mfa_enabled(user))


class IsPartnershipMember(BasePermission):
    """The user is an active member of the partnership in the URL; 404 otherwise, exactly as for
    a partnership that does not exist. Sets request.membership for the view."""

    def has_permission(self, request, view):
        partnership = request._request.partnership
        if partnership is None:
            raise NotFound()
        try:
            membership = membership_for(request.user, partnership)
        except Exception as exc:
            raise NotFound() from exc
        request._request.membership = membership
        request.membership = membership
        return True
