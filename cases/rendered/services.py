"""The one way a rendered PDF changes state: requested (queued), claimed by a task (rendering),
then ready or failed; a failed one is queued again only when someone asks (retry)."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cases.models import RenderedDocument, RenderStatus
from cases.pdf import html_to_pdf
from cases.rendered.kinds import DocumentKind, kind_named, version_of, with_production_time

log = logging.getLogger(__name__)

# A row queued or rendering for longer than this lost its task (worker killed: the task's hard
# time limit is 300 s); the next request queues it again.
STALE_AFTER = dt.timedelta(minutes=6)
ACTIVE = (RenderStatus.QUEUED, RenderStatus.RENDERING)


def document_request(kind: DocumentKind, record) -> RenderedDocument:
    """The row of the record's current version, queued for rendering if it is new or its task
    was lost. Idempotent: one row per version, one task while it is queued."""
    version = version_of(kind.html(record))
    document, created = RenderedDocument.objects.get_or_create(
        partnership_id=record.partnership_id,
        kind=kind.name,
        object_id=record.pk,
        version=version,
    )
    if created:
        _dispatch_on_commit(document)
    elif document.status in ACTIVE and document.requested_at < timezone.now() - STALE_AFTER:
        _requeue(document, from_status=document.status)
    return document


def document_retry(document: RenderedDocument) -> RenderedDocument:
    """Queue a failed render again (the "Try again" button); anything else is left alone."""
    if document.status == RenderStatus.FAILED:
        _requeue(document, from_status=RenderStatus.FAILED)
    return document


def _requeue(document: RenderedDocument, *, from_status: str) -> None:
    now = timezone.now()
    claimed = RenderedDocument.objects.filter(
        pk=document.pk, status=from_status, requested_at=document.requested_at
    ).update(status=RenderStatus.QUEUED, requested_at=now, started_at=None, error="")
    if claimed:
        document.status, document.requested_at, document.error = RenderStatus.QUEUED, now, ""
        _dispatch_on_commit(document)


def _dispatch_on_commit(document: RenderedDocument) -> None:
    pk, partnership_id = document.pk, document.partnership_id
    transaction.on_commit(lambda: _dispatch(pk, partnership_id))


def _dispatch(document_id: int, partnership_id: int) -> None:
    from cases.tasks import render_document

    try:
        render_document.delay(document_id, partnership_id=partnership_id)
    except Exception:  # broker down: marked stale, so that the page's next refresh tries again
        log.exception("Could not queue the render of document %s", document_id)
        RenderedDocument.objects.filter(pk=document_id, status=RenderStatus.QUEUED).update(
            requested_at=timezone.now() - STALE_AFTER
        )


def document_render(document_id: int) -> None:
    """Render a queued row (the task's body): claimed by a conditional update, so two tasks for
    one row render it once."""
    started_at = timezone.now()
    claimed = RenderedDocument.objects.filter(pk=document_id, status=RenderStatus.QUEUED).update(
        status=RenderStatus.RENDERING, started_at=started_at
    )
    if not claimed:
        return
    document = RenderedDocument.objects.get(pk=document_id)
    mine = RenderedDocument.objects.filter(
        pk=document_id, status=RenderStatus.RENDERING, started_at=started_at
    )
    try:
        kind = kind_named(document.kind)
        html = kind.html(kind.load(document.object_id))
        if version_of(html) != document.version:
            mine.update(status=RenderStatus.FAILED, error="The record changed before rendering.")
            return
        clock = time.perf_counter()
        data = html_to_pdf(with_production_time(html))
        render_ms = round((time.perf_counter() - clock) * 1000)
        document.file.save("document.pdf", ContentFile(data), save=False)
    except Exception as error:
        log.exception("Rendering document %s failed", document_id)
        mine.update(status=RenderStatus.FAILED, error=f"{type(error).__name__}: {error}"[:200])
        return
    if mine.update(
        status=RenderStatus.READY,
        file=document.file.name,
        size=len(data),
        rendered_at=timezone.now(),
        render_ms=render_ms,
    ):
        _delete_older_versions(document)
    else:  # queued again meanwhile (stale): the other render stores its own file
        document.file.delete(save=False)


def _delete_older_versions(document: RenderedDocument) -> None:
    """Only the newest version of a record's PDF is kept: the others hold outdated personal
    data."""
    older = RenderedDocument.objects.filter(
        partnership_id=document.partnership_id, kind=document.kind, object_id=document.object_id
    ).exclude(pk=document.pk)
    for old in older.exclude(status__in=ACTIVE):
        if old.file:
            old.file.delete(save=False)
        old.delete()
