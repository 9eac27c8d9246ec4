import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.urls import Resolver404, resolve, reverse

from cases import session_timeout
from cases.audit import request_ip
from cases.tenancy import memberships_of, partnership_by_slug, partnership_scope
from cases.views.errors import bad_request, not_found

# The keys live in cases.session_timeout; these names are kept for existing imports.
SESSION_STARTED_KEY = session_timeout.STARTED_KEY
SESSION_SEEN_KEY = session_timeout.SEEN_KEY
# Polling how long is left must not count as activity.
_NOT_ACTIVITY = ("/account/session/status/",)


def client_ip(request) -> str | None:
    """The client's address as allauth finds it (TRUSTED_PROXY_COUNT, X-Forwarded-For), for
    allauth, axes (AXES_CLIENT_IP_CALLABLE) and the audit trail alike."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        # No address, or fewer proxies in X-Forwarded-For than configured: the direct peer.
        return request.META.get("REMOTE_ADDR")


class SessionLifetimeMiddleware:
    """Absolute session lifetime on top of the idle expiry (SESSION_COOKIE_AGE), and the
    request's IP address for the audit trail.

    The idle expiry is renewed, and the session's last activity recorded for *Your account →
    Sessions*, at most once every SESSION_TOUCH_SECONDS: a page view writes nothing to the
    database otherwise (instead of SESSION_SAVE_EVERY_REQUEST and allauth's per-request
    activity tracking, two writes and a second load of the user on every GET)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_ip.set(client_ip(request))
        try:
            if not request.user.is_authenticated:
                return self._signed_out(request)
            session = request.session
            now = int(time.time())
            started = session.get(SESSION_STARTED_KEY)
            if started is None:
                session[SESSION_STARTED_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                session_timeout.note_signed_out(request.session, "absolute")
                return redirect_to_login(request.get_full_path())
            if (
                request.path_info not in _NOT_ACTIVITY
                and now - session.get(SESSION_SEEN_KEY, 0) >= session_timeout.touch_interval()
            ):
                session_timeout.touch(session, now)  # saved after the response: expiry renewed
                _record_activity(request)
            return self.get_response(request)
        finally:
            request_ip.reset(token)

    def _signed_out(self, request):
        """A browser whose session has ended: the sign-in page says why, and a form it was
        sending is kept for the same user (after the CSRF check, which ran in the view chain)."""
        cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        ended_user = None
        if cookie and request.session.session_key is None:  # the cookie's session is gone
            ended_user = session_timeout.ended_session_user_id(cookie)
            if ended_user is not None:
                session_timeout.note_signed_out(request.session, "idle")
        response = self.get_response(request)
        if (
            ended_user is not None
            and request.method == "POST"
            and response.status_code == 302
            and response.url.startswith(resolve_url(settings.LOGIN_URL))
        ):
            session_timeout.keep_unsent_form(
                request.session, user_id=ended_user, path=request.path, data=request.POST
            )
        return response


def _record_activity(request) -> None:
    from allauth.usersessions.models import UserSession

    if not request.session.session_key:
        request.session.save()
    UserSession.objects.create_from_request(request, user=request.user, session=request.session)


# Pages a signed-in user without two factors may still reach: setting them up, signing out.
_MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/invitations/", "/accessibility/")


class RequireTwoFactorMiddleware:
    """Two factors are mandatory: until a user has set up an authenticator app, every page
    sends them to the set-up page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        path = request.path_info
        if (
            user.is_authenticated
            and not path.startswith(_MFA_EXEMPT_PREFIXES)
            and not path.startswith("/api/")
            and not is_mfa_enabled(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.get_full_path())
        return self.get_response(request)


class PartnershipMiddleware:
    """Enters the partnership scope named by the URL's `partnership_slug`.

    Pages: the signed-in user must be an active member, else 404. API: DRF authenticates inside
    the view, so membership is checked there (cases.api.permissions.IsPartnershipMember).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.partnership = None
        request.membership = None
        request.user_memberships = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        slug = match.kwargs.get("partnership_slug")
        if slug is None:
            return self.get_response(request)
        try:
            partnership = partnership_by_slug(slug)
        except Http404:
            return not_found(request, Http404("Not found"))
        is_page = not request.path_info.startswith("/api/")
        if is_page:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            # The user's memberships, loaded once: this partnership's is the request's, and
            # the header's partnership switcher lists them all (cases.context_processors).
            request.user_memberships = memberships_of(request.user)
            membership = next(
                (m for m in request.user_memberships if m.partnership_id == partnership.pk), None
            )
            if membership is None:
                return not_found(request, Http404("Not found"))
            membership.partnership = partnership
            membership.user = request.user
            request.membership = membership
        with partnership_scope(partnership):
            request.partnership = partnership
            return self.get_response(request)


NUL_MESSAGE = "Text cannot contain NUL (\\u0000) characters."


class RejectNulCharactersMiddleware:
    """A NUL character in the path, the query or a JSON body is refused with 400 before any
    view runs: PostgreSQL text cannot hold one, and forms already refuse it field by field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or any(
                "\x00" in key or "\x00" in value
                for key, values in request.GET.lists()
                for value in values
            )
            or (request.content_type == "application/json" and b"\\u0000" in request.body)
        ):
            return bad_request(request, NUL_MESSAGE)
        return self.get_response(request)
