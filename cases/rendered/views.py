"""The download of a rendered PDF, for pages and the API: the file when the record's current
version is ready (the download written to the case's access log), otherwise a page that says
it is being prepared and refreshes itself (202 with Retry-After in the API)."""

from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import redirect, render
from rest_framework.response import Response

from cases.audit import access_record
from cases.models import AccessKind, RenderedDocument, RenderStatus
from cases.rendered.kinds import DocumentKind
from cases.rendered.services import document_request, document_retry

REFRESH_SECONDS = 2
WAITING = "waiting"  # in the query string of the page's own refreshes


def file_response(request, kind: DocumentKind, record, document: RenderedDocument, *, via=""):
    access_record(
        user=request.user,
        case=kind.case(record),
        kind=AccessKind.DOWNLOAD_DOCUMENT,
        object_repr=f"{kind.title} PDF ({record._meta.verbose_name} {record.pk}){via}",
    )
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=kind.filename(record),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def document_page(request, kind: DocumentKind, record, *, back_url: str):
    """GET: the file, or the page about it; POST: try a failed render again."""
    document = document_request(kind, record)
    if request.method == "POST":
        document_retry(document)
        return redirect(f"{request.path}?{WAITING}=1")
    if document.status == RenderStatus.READY and WAITING not in request.GET:
        return file_response(request, kind, record, document)
    context = {
        "document": document,
        "title": kind.title,
        "reference": kind.case(record).reference,
        "back_url": back_url,
        "refresh_url": f"{request.path}?{WAITING}=1",
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "cases/rendered_document.html", context)


def document_api_response(request, kind: DocumentKind, record):
    """GET: 200 with the file when ready, otherwise 202 with {status, retry_after}; POST: try
    a failed render again (202)."""
    document = document_request(kind, record)
    if request.method == "POST":
        document_retry(document)
    elif document.status == RenderStatus.READY:
        return file_response(request, kind, record, document, via=" via API")
    if document.status == RenderStatus.FAILED:
        return Response({"status": document.status, "retry_after": None}, status=202)
    body = {"status": document.status, "retry_after": REFRESH_SECONDS}
    return Response(body, status=202, headers={"Retry-After": str(REFRESH_SECONDS)})
