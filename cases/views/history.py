import csv
import itertools

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cases import permissions, selectors
from cases.audit import access_record
from cases.history_display import history_rows
from cases.models import AccessKind


def _history_case(request, pk):
    if not permissions.can_see_case_history(request.membership):
        raise PermissionDenied
    return selectors.case_for_user(membership=request.membership, pk=pk)


def case_history(request, partnership_slug, pk):
    case = _history_case(request, pk)
    events = Paginator(selectors.case_history(case=case), 50).get_page(request.GET.get("page"))
    # The history's before and after values include people's details.
    access_record(
        user=request.user,
        case=case,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr=f"case history, page {events.number}",
    )
    rows = history_rows(events.object_list, partnership=case.partnership)
    access = selectors.case_access_log(case=case)[:100]
    return render(
        request,
        "cases/case_history.html",
        {"case": case, "events": events, "rows": rows, "access": access},
    )


def _csv_response(case, name):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-{name}-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _safe(value) -> str:
    # Spreadsheet formula injection: text starting with = + - @ is read as a formula.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def case_history_csv(request, partnership_slug, pk):
    case = _history_case(request, pk)
    access_record(
        user=request.user, case=case, kind=AccessKind.EXPORT, object_repr="case history CSV"
    )
    response = _csv_response(case, "history")
    writer = csv.writer(response)
    # The raw values exactly as recorded, each with its readable form beside it.
    writer.writerow(
        [
            "when",
            "who",
            "who_name",
            "action",
            "action_label",
            "record",
            "field",
            "field_label",
            "before",
            "before_label",
            "after",
            "after_label",
            "note",
            "ip_address",
        ]
    )
    events = selectors.case_history(case=case).iterator(chunk_size=500)
    # Names are looked up once per chunk of events, not once per row.
    while chunk := list(itertools.islice(events, 500)):
        for row in history_rows(chunk, partnership=case.partnership, collapse=False):
            event = row.event
            who = event.actor.email if event.actor else "system"
            when = timezone.localtime(event.created_at).isoformat()
            common = (when, who, row.who, event.action, row.action_label, event.object_repr)
            end = (event.note, event.ip_address)
            if not row.changes:
                writer.writerow([_safe(v) for v in (*common, "", "", "", "", "", "", *end)])
            for c in row.changes:
                values = (c.key, c.label, c.before, c.before_label, c.after, c.after_label)
                writer.writerow([_safe(v) for v in (*common, *values, *end)])
    return response


def case_access_log_csv(request, partnership_slug, pk):
    case = _history_case(request, pk)
    access_record(
        user=request.user, case=case, kind=AccessKind.EXPORT, object_repr="access log CSV"
    )
    response = _csv_response(case, "access-log")
    writer = csv.writer(response)
    writer.writerow(["when", "who", "what", "record", "ip_address"])
    for entry in selectors.case_access_log(case=case).iterator(chunk_size=500):
        writer.writerow(
            [
                _safe(v)
                for v in (
                    timezone.localtime(entry.created_at).isoformat(),
                    entry.user.email,
                    entry.get_kind_display(),
                    entry.object_repr,
                    entry.ip_address,
                )
            ]
        )
    return response
