"""Error pages: the API answers in JSON, pages in the GOV.UK shell (templates/404.html)."""

from django.http import JsonResponse
from django.views.defaults import page_not_found


def not_found(request, exception=None):
    """handler404, and PartnershipMiddleware's answer for an unknown or foreign partnership."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
