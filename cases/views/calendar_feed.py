from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_GET

from cases.feeds import feed_body, feed_entries, feed_etag, user_for_calendar_token


@require_GET
def calendar_feed(request, token):
    """The personal deadline feed. No session: the secret in the URL is the key; an unknown or
    reset token is a 404 like any missing page. A client whose copy is current (If-None-Match)
    gets 304 and nothing is rendered."""
    user = user_for_calendar_token(token)
    if user is None:
        raise Http404
    entries = feed_entries(user)
    etag = feed_etag(user, entries)
    headers = {
        "ETag": etag,
        # Kept by the client, asked again every time: never served stale.
        "Cache-Control": "private, no-cache",
    }
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        for name, value in headers.items():
            not_modified[name] = value
        return not_modified
    response = HttpResponse(feed_body(etag, entries), content_type="text/calendar; charset=utf-8")
    for name, value in headers.items():
        response[name] = value
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response
