"""A case's statutory notices: the list, adding one, recording it as sent, cancelling it.
Business managers and the local authority's members manage them; everyone who can see the case
reads them (cases.permissions.can_manage_notices)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from cases import permissions, selectors
from cases.forms_notices import NoticeCancelForm, NoticeForm, NoticeSentForm
from cases.models import DeadlineStatus, NoticeKind, NoticeRecipient
from cases.services import notices as notice_services
from cases.views.helpers import failed, posted, posted_files, run_service


def _case(request, pk, *, manage: bool = False):
    case = selectors.case_for_user(membership=request.membership, pk=pk)
    can_manage = permissions.can_manage_notices(request.membership, case)
    if manage and not can_manage:
        raise PermissionDenied
    return case, can_manage


def _attachments(case):
    return list(case.attachments.filter(archived_at__isnull=True).order_by("-created_at"))


def _usual_recipients(case) -> list[dict]:
    labels = dict(NoticeRecipient.choices)
    return [
        {
            "kind": label,
            "recipients": [
                labels[r] for r in notice_services.notice_default_recipients(case.partnership, k)
            ],
        }
        for k, label in NoticeKind.choices
        if k != NoticeKind.OTHER
    ]


def notice_list(request, partnership_slug, pk):
    case, can_manage = _case(request, pk)
    return render(
        request,
        "cases/notice_list.html",
        {
            "case": case,
            "notices": list(selectors.case_notices(case=case)),
            "can_manage": can_manage,
        },
    )


def notice_add(request, partnership_slug, pk):
    case, _ = _case(request, pk, manage=True)
    deadlines = list(
        selectors.case_deadlines(case=case).filter(status=DeadlineStatus.OPEN).order_by("due")
    )
    initial = {}
    if request.GET.get("kind") in NoticeKind.values:
        initial["kind"] = request.GET["kind"]
    form = NoticeForm(
        posted(request), attachments=_attachments(case), deadlines=deadlines, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notice = run_service(
            form,
            notice_services.notice_create,
            actor=request.user,
            membership=request.membership,
            case=case,
            kind=data["kind"],
            recipients=data["recipients"],
            other_partnership=data["other_partnership"],
            description=data["description"],
            documents=data.get("documents", []),
            deadline=data["deadline"],
            due_date=data["due_date"],
            reason=data["reason"],
        )
        if not failed(notice):
            messages.success(request, f"{notice} added to the case's notices.")
            return redirect("cases:notice_detail", partnership_slug, case.pk, notice.pk)
    return render(
        request,
        "cases/notice_form.html",
        {"case": case, "form": form, "usual": _usual_recipients(case)},
    )


def notice_detail(request, partnership_slug, pk, notice_pk):
    case, can_manage = _case(request, pk)
    notice = selectors.notice_for_case(case=case, pk=notice_pk)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = None
    if can_manage and notice.is_due:
        form = NoticeSentForm(
            posted(request),
            posted_files(request),
            attachments=_attachments(case),
            initial={"documents": [str(d.pk) for d in notice.documents.all()]},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            result = run_service(
                form,
                notice_services.notice_record_sent,
                actor=request.user,
                membership=request.membership,
                notice=notice,
                sent_on=data["sent_on"],
                sent_by_name=data["sent_by_name"],
                evidence=data.get("evidence"),
                evidence_file=data.get("evidence_file"),
                documents=data.get("documents", []),
                description=data["description"],
            )
            if not failed(result):
                messages.success(request, f"{notice} recorded as sent.")
                return redirect("cases:notice_detail", partnership_slug, case.pk, notice.pk)
    elif request.method == "POST":
        messages.error(request, f"This notice is already {notice.get_status_display().lower()}.")
        return redirect("cases:notice_detail", partnership_slug, case.pk, notice.pk)
    return render(
        request,
        "cases/notice_detail.html",
        {"case": case, "notice": notice, "form": form, "can_manage": can_manage},
    )


def notice_cancel(request, partnership_slug, pk, notice_pk):
    case, _ = _case(request, pk, manage=True)
    notice = selectors.notice_for_case(case=case, pk=notice_pk)
    if not notice.is_due:
        messages.error(request, f"This notice is already {notice.get_status_display().lower()}.")
        return redirect("cases:notice_detail", partnership_slug, case.pk, notice.pk)
    form = NoticeCancelForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            notice_services.notice_cancel,
            actor=request.user,
            membership=request.membership,
            notice=notice,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, f"{notice} cancelled.")
            return redirect("cases:notice_list", partnership_slug, case.pk)
    return render(
        request, "cases/notice_cancel.html", {"case": case, "notice": notice, "form": form}
    )
