"""The copies of a submitted notification (Dorset 002 3.6 and 2.6, BCP 003 section 5): the list
on the notification page, one page that ticks several at once with one date (they usually go
in one e-mail), adding someone, and undoing a tick or an added row. Services:
notifications.services.copies."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from cases.views.helpers import failed, posted, run_service
from notifications import permissions, selectors
from notifications.choices import NotificationStatus
from notifications.forms import CopiesSentForm, CopyAddForm, RequestForm
from notifications.services import copies as services


def copy_rows(notification, today=None) -> list[dict]:
    """Each copy with its tag: sent (the date and by whom), not sent, or overdue."""
    today = today or timezone.localdate()
    rows = []
    for copy in services.live_copies(notification):
        if copy.sent_on:
            by = copy.sent_by.full_name or copy.sent_by.email if copy.sent_by else ""
            tag = (f"Sent {copy.sent_on:%-d %B %Y}", "green", by)
        elif copy.due_date and copy.due_date < today:
            tag = ("Overdue", "red", "")
        else:
            tag = ("Not sent", "grey", "")
        rows.append({"copy": copy, "tag": tag[0], "colour": tag[1], "sent_by": tag[2]})
    return rows


def _submitted(request, pk):
    n = selectors.notification_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_notification(request.membership, n.case):
        raise PermissionDenied
    return n


def _wrong_state(request, n):
    if n.status == NotificationStatus.SUBMITTED:
        return None
    messages.info(request, "Copies are recorded once the notification has been submitted.")
    return redirect("notifications:detail", request.partnership.slug, n.pk)


def copies_sent(request, partnership_slug, pk):
    n = _submitted(request, pk)
    if (back := _wrong_state(request, n)) is not None:
        return back
    unsent = [c for c in services.live_copies(n) if c.sent_on is None]
    form = CopiesSentForm(posted(request), unsent=unsent, initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["copies"])
        result = run_service(
            form,
            services.copies_mark_sent,
            actor=request.user,
            membership=request.membership,
            notification=n,
            copies=[c for c in unsent if str(c.pk) in chosen],
            sent_on=form.cleaned_data["sent_on"],
        )
        if not failed(result):
            messages.success(request, f"{len(result)} recorded as sent.")
            return redirect("notifications:copies", partnership_slug, n.pk)
    return render(
        request,
        "notifications/copies.html",
        {"n": n, "case": n.case, "rows": copy_rows(n), "form": form if unsent else None},
    )


def copy_add(request, partnership_slug, pk):
    n = _submitted(request, pk)
    if (back := _wrong_state(request, n)) is not None:
        return back
    form = CopyAddForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            services.copy_add,
            actor=request.user,
            membership=request.membership,
            notification=n,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, f"{result.label} added.")
            return redirect("notifications:copies", partnership_slug, n.pk)
    return render(request, "notifications/copy_add.html", {"n": n, "case": n.case, "form": form})


def _copy_action(request, partnership_slug, pk, copy_pk, service, success: str):
    n = _submitted(request, pk)
    if request.method == "POST":
        copy = selectors.copy_of_notification(n, copy_pk)
        form = RequestForm({})
        result = run_service(
            form, service, actor=request.user, membership=request.membership, copy=copy
        )
        if failed(result):
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        else:
            messages.success(request, success.format(label=copy.label))
    return redirect("notifications:copies", partnership_slug, n.pk)


def copy_unsent(request, partnership_slug, pk, copy_pk):
    return _copy_action(
        request, partnership_slug, pk, copy_pk, services.copy_unmark, "{label}: not sent."
    )


def copy_remove(request, partnership_slug, pk, copy_pk):
    return _copy_action(
        request, partnership_slug, pk, copy_pk, services.copy_remove, "{label} removed."
    )
