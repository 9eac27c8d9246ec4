"""The notification pages: one service per action (notifications.services), 404 for what the
member cannot see, 403 for what they may not do."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from cases import selectors as case_selectors
from cases.clock import stage_progress
from cases.models import Deadline
from cases.views.helpers import failed, posted, posted_files, run_service
from cases.views.signoff import panel_context
from notifications import permissions, selectors
from notifications.access_log import notification_read
from notifications.answers import national_form_answers
from notifications.choices import LIVE_STATUSES, AbuseOrNeglect, NotificationStatus
from notifications.copy_views import copy_rows
from notifications.forms import (
    AcknowledgeForm,
    AnswerForm,
    EscalateForm,
    NotificationForm,
    RequestForm,
    StartForm,
    SubmitForm,
    WithdrawForm,
)
from notifications.from_referral import characteristic_choices
from notifications.services import drafts, requests, submission
from notifications.services.drafts import ANSWER_FIELDS

S = NotificationStatus


def _manage(request, case):
    if not permissions.can_manage_notification(request.membership, case):
        raise PermissionDenied


def _notification(request, pk, *, manage=False):
    n = selectors.notification_for_user(membership=request.membership, pk=pk)
    if manage:
        _manage(request, n.case)
    return drafts.notification_sync(actor=request.user, notification=n)


def notification_list(request, partnership_slug):
    items = selectors.visible_notifications(request.membership).order_by("-created_at")[:200]
    return render(
        request,
        "notifications/list.html",
        {
            "notifications": items,
            "can_start": permissions.can_draft_notifications(request.membership),
        },
    )


def notification_start_direct(request, partnership_slug):
    if not permissions.can_draft_notifications(request.membership):
        raise PermissionDenied
    form = StartForm(posted(request))
    if request.method == "POST" and form.is_valid():
        n = run_service(
            form,
            drafts.notification_start,
            actor=request.user,
            membership=request.membership,
            title=form.cleaned_data["title"],
            awareness_date=form.cleaned_data["awareness_date"],
        )
        if not failed(n):
            messages.success(request, f"Case {n.case.reference} opened and notification started.")
            return redirect("notifications:edit", partnership_slug, n.pk)
    return render(request, "notifications/start.html", {"form": form})


def notification_start(request, partnership_slug, case_pk):
    case = case_selectors.case_for_user(membership=request.membership, pk=case_pk)
    _manage(request, case)
    live = selectors.live_notification(case)
    if live is not None:
        return redirect("notifications:detail", partnership_slug, live.pk)
    if request.method == "POST":
        n = run_service(
            StartForm({}),
            drafts.notification_start,
            actor=request.user,
            membership=request.membership,
            case=case,
        )
        if not failed(n):
            return redirect("notifications:edit", partnership_slug, n.pk)
        messages.error(request, "The notification could not be started at this stage.")
    return render(request, "notifications/start_case.html", {"case": case})


def _clock(n):
    deadlines = list(Deadline.objects.filter(case=n.case, stage="notification").order_by("due"))
    return stage_progress(deadlines, n.partnership) if deadlines else None


def notification_detail(request, partnership_slug, pk):
    n = _notification(request, pk)
    can_manage = permissions.can_manage_notification(request.membership, n.case)
    sign_off = drafts.current_sign_off(n)
    notification_read(user=request.user, notification=n, what="notification page")
    return render(
        request,
        "notifications/detail.html",
        {
            "n": n,
            "case": n.case,
            "answers": national_form_answers(n),
            "clock": _clock(n),
            "can_manage": can_manage,
            "signoff_panel": panel_context(request.membership, sign_off) if sign_off else None,
            "submit_form": SubmitForm() if can_manage and n.status == S.READY else None,
            "ack_form": AcknowledgeForm()
            if can_manage and n.status == S.SUBMITTED and not n.rapid_review_acknowledged_on
            else None,
            "can_withdraw": can_manage and n.status in LIVE_STATUSES,
            "copies": copy_rows(n) if n.status == S.SUBMITTED else None,
            "cic_death": n.is_child_in_care_death,
            "abuse_suspected": n.abuse_or_neglect
            in (AbuseOrNeglect.KNOWN, AbuseOrNeglect.SUSPECTED),
        },
    )


def notification_edit(request, partnership_slug, pk):
    n = _notification(request, pk, manage=True)
    if not n.is_editable:
        messages.info(request, f"The notification is {n.get_status_display().lower()}.")
        return redirect("notifications:detail", partnership_slug, n.pk)
    initial = {name: getattr(n, name) for name in ANSWER_FIELDS}
    form = NotificationForm(
        posted(request),
        initial=initial,
        characteristic_choices=characteristic_choices(n.partnership, keep=n.characteristics),
    )
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            drafts.notification_update,
            actor=request.user,
            membership=request.membership,
            notification=n,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "Notification saved.")
            return redirect("notifications:detail", partnership_slug, n.pk)
    notification_read(user=request.user, notification=n, what="notification answers page")
    return render(
        request,
        "notifications/edit.html",
        {"n": n, "case": n.case, "form": form, "children": list(n.children.all())},
    )


def _post_only(request, partnership_slug, n):
    if request.method != "POST":
        return redirect("notifications:detail", partnership_slug, n.pk)
    return None


def _run(request, fn, success: str, **kwargs):
    form = RequestForm({})
    result = run_service(form, fn, actor=request.user, membership=request.membership, **kwargs)
    if failed(result):
        for error in form.errors.values():
            for message in error:
                messages.error(request, message)
    else:
        messages.success(request, success)
    return result


def notification_send(request, partnership_slug, pk):
    n = _notification(request, pk, manage=True)
    if (back := _post_only(request, partnership_slug, n)) is not None:
        return back
    _run(request, drafts.notification_send_for_sign_off, "Sent for sign-off.", notification=n)
    return redirect("notifications:detail", partnership_slug, n.pk)


def notification_submit(request, partnership_slug, pk):
    n = _notification(request, pk, manage=True)
    form = SubmitForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["submitted_on"]
        when = (
            timezone.now()
            if day == timezone.localdate()
            else timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        )
        result = run_service(
            form,
            submission.notification_submit,
            actor=request.user,
            membership=request.membership,
            notification=n,
            submitted_at=when,
            national_reference=form.cleaned_data["national_reference"],
            copy=form.cleaned_data.get("copy"),
        )
        if not failed(result):
            messages.success(request, "Submission recorded.")
            return redirect("notifications:detail", partnership_slug, n.pk)
    return render(request, "notifications/submit.html", {"n": n, "case": n.case, "form": form})


def notification_acknowledge(request, partnership_slug, pk):
    n = _notification(request, pk, manage=True)
    form = AcknowledgeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            submission.notification_acknowledge,
            actor=request.user,
            membership=request.membership,
            notification=n,
            acknowledged_on=form.cleaned_data["acknowledged_on"] or timezone.localdate(),
        )
        if not failed(result):
            messages.success(request, "The rapid review's clock has started.")
            return redirect("notifications:detail", partnership_slug, n.pk)
    return render(request, "notifications/acknowledge.html", {"n": n, "case": n.case, "form": form})


def notification_withdraw(request, partnership_slug, pk):
    n = _notification(request, pk, manage=True)
    if n.status not in LIVE_STATUSES:
        messages.info(request, f"The notification is {n.get_status_display().lower()}.")
        return redirect("notifications:detail", partnership_slug, n.pk)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            drafts.notification_withdraw,
            actor=request.user,
            membership=request.membership,
            notification=n,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, "Notification withdrawn.")
            return redirect("notifications:detail", partnership_slug, n.pk)
    return render(request, "notifications/withdraw.html", {"n": n, "case": n.case, "form": form})


def child_in_care_notice(request, partnership_slug, pk):
    n = _notification(request, pk, manage=True)
    if (back := _post_only(request, partnership_slug, n)) is not None:
        return back
    notice = _run(
        request,
        drafts.notification_child_in_care_notice,
        "Notice to the Secretary of State and Ofsted added to the case.",
        notification=n,
    )
    if not failed(notice):
        return redirect("cases:notice_detail", partnership_slug, n.case.pk, notice.pk)
    return redirect("notifications:detail", partnership_slug, n.pk)


def request_add(request, partnership_slug, case_pk):
    case = case_selectors.case_for_user(membership=request.membership, pk=case_pk)
    if not permissions.can_raise_request(request.membership, case):
        raise PermissionDenied
    form = RequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            requests.notification_request_raise,
            actor=request.user,
            membership=request.membership,
            case=case,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, "The local authority has been told.")
            return redirect("notifications:request", partnership_slug, result.pk)
    return render(request, "notifications/request_add.html", {"case": case, "form": form})


def request_detail(request, partnership_slug, pk):
    req = selectors.request_for_user(membership=request.membership, pk=pk)
    can_answer = permissions.can_answer_request(request.membership, req.case)
    answer_form = AnswerForm(posted(request) if "answer" in request.POST else None)
    escalate_form = EscalateForm(posted(request) if "escalated_to" in request.POST else None)
    if request.method == "POST":
        if "answer" in request.POST:
            if not can_answer:
                raise PermissionDenied
            if answer_form.is_valid():
                result = run_service(
                    answer_form,
                    requests.notification_request_answer,
                    actor=request.user,
                    membership=request.membership,
                    request=req,
                    answer=answer_form.cleaned_data["answer"],
                    reason=answer_form.cleaned_data["answer_reason"],
                )
                if not failed(result):
                    return redirect("notifications:request", partnership_slug, req.pk)
        elif escalate_form.is_valid():
            result = run_service(
                escalate_form,
                requests.notification_request_escalate,
                actor=request.user,
                membership=request.membership,
                request=req,
                escalated_to=escalate_form.cleaned_data["escalated_to"],
            )
            if not failed(result):
                return redirect("notifications:request", partnership_slug, req.pk)
    return render(
        request,
        "notifications/request.html",
        {
            "req": req,
            "case": req.case,
            "can_answer": can_answer and not req.answer,
            "answer_form": answer_form,
            "escalate_form": escalate_form
            if req.answer == "disagreed" and not req.escalated_at
            else None,
        },
    )
