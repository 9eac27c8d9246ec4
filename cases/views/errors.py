"""Error pages: the API answers in JSON, pages in the GOV.UK shell (templates/404.html)."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.views.defaults import page_not_found


def not_found(request, exception=None):
    """handler404, and PartnershipMiddleware's answer for an unknown or foreign partnership."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


def bad_request(request, message: str):
    """A request refused before any view runs (cases.middleware.RejectNulCharactersMiddleware)."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
