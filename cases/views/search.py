"""Find a case (issue 11): the search page. The query travels in the URL (GET, as GOV.UK search
does) but is not written to any log but the access log: gunicorn's access log records the path
only (config/gunicorn.py), and the referrer policy keeps it on this site."""

from django.core.paginator import Paginator
from django.shortcuts import render

from cases.search import MAX_LENGTH, SearchError, search_cases

PAGE_SIZE = 20


def search(request, partnership_slug):
    text = request.GET.get("q")
    error = query = page = None
    if text is not None:
        try:
            query, results = search_cases(
                membership=request.membership, user=request.user, text=text
            )
        except SearchError as exc:
            error = str(exc)
        else:
            page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/search.html",
        {
            "q": (text or "").strip()[:MAX_LENGTH],
            "error": error,
            "query": query,
            "page": page,
        },
    )
