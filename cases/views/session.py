"""The session timeout warning's three calls (static/app/timeout.js): how long is left, stay
signed in, and sign out keeping what was typed. JSON, for the page's script only."""

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import resolve_url
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from cases import session_timeout


def _signed_out() -> JsonResponse:
    return JsonResponse({"signed_in": False, "seconds_left": 0}, status=401)


def _left(request) -> JsonResponse:
    return JsonResponse(
        {"signed_in": True, "seconds_left": session_timeout.seconds_left(request.session)}
    )


@never_cache
@require_GET
def session_status(request):
    """How long is left; asking does not count as activity (another tab may have renewed)."""
    if not request.user.is_authenticated:
        return _signed_out()
    return _left(request)


@never_cache
@require_POST
def session_extend(request):
    """Stay signed in: renew the idle expiry now and say how long is left, so the page can
    check that the renewal really happened (the absolute lifetime still applies)."""
    if not request.user.is_authenticated:
        return _signed_out()
    session_timeout.touch(request.session)
    request.session.save()
    return _left(request)


@never_cache
@require_POST
def session_end(request):
    """The idle limit is reached on an open page: sign out, keeping what was typed on it for
    this user (``path`` is the page, the other fields are the form's)."""
    login = resolve_url(settings.LOGIN_URL)
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False, "login_url": login})
    user_id = request.user.pk
    data = request.POST.copy()
    path = data.pop("path", [""])[0]
    logout(request)
    session_timeout.note_signed_out(request.session, "idle")
    if path.startswith("/") and not path.startswith("//"):
        session_timeout.keep_unsent_form(request.session, user_id=user_id, path=path, data=data)
    else:
        path = ""
    return JsonResponse({"signed_in": False, "login_url": login, "next": path})
