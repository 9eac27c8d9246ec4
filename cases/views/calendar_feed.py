from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from cases.feeds import calendar_feed as build_feed
from cases.feeds import user_for_calendar_token


@require_GET
def calendar_feed(request, token):
    """The personal deadline feed. No session: the secret in the URL is the key; an unknown or
    reset token is a 404 like any missing page."""
    user = user_for_calendar_token(token)
    if user is None:
        raise Http404
    response = HttpResponse(build_feed(user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response
