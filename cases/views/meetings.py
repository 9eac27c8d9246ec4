"""A case's meetings: the list, scheduling, the meeting's page, changing and cancelling it,
inviting and removing people, recording attendance, the papers. Business managers manage them;
everyone who can see the case reads them, and invitees read the meetings they are invited to
(cases.permissions.can_manage_meetings / can_view_meeting)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases import meetings as reads
from cases import permissions, selectors
from cases.errors import InvalidTransition
from cases.forms_meetings import (
    AttendanceForm,
    InviteeAddForm,
    MeetingCancelForm,
    MeetingDetailsForm,
    MeetingDocumentForm,
    MeetingScheduleForm,
)
from cases.meeting_quorum import quorum_rule
from cases.models import Agency, MeetingStatus
from cases.services import documents as document_services
from cases.services import meetings as meeting_services
from cases.views.helpers import failed, posted, posted_files, run_service
from cases.views.workflow_display import quorum_text


def _case(request, pk, *, manage: bool = False):
    case = selectors.case_for_user(membership=request.membership, pk=pk)
    can_manage = permissions.can_manage_meetings(request.membership, case)
    if manage and not can_manage:
        raise PermissionDenied
    return case, can_manage


def _meeting(request, pk, meeting_pk, *, manage: bool = False):
    """The meeting (404 unless the member sees its case or is invited) and whether they may
    manage it (403 where they must and may not)."""
    meeting = reads.meeting_for_user(membership=request.membership, case_pk=pk, pk=meeting_pk)
    can_manage = permissions.can_manage_meetings(request.membership, meeting.case)
    if manage and not can_manage:
        raise PermissionDenied
    return meeting, can_manage


def _members(request):
    return [
        m
        for m in selectors.partnership_members(membership=request.membership)
        if m.is_active and m.user.is_active
    ]


def _agencies(request):
    return list(Agency.objects.filter(partnership=request.partnership, is_active=True))


def _detail(meeting):
    return redirect(meeting.get_absolute_url())


def meeting_list(request, partnership_slug, pk):
    case, can_manage = _case(request, pk)
    return render(
        request,
        "cases/meeting_list.html",
        {
            "case": case,
            "meetings": list(reads.case_meetings(case=case)),
            "can_manage": can_manage,
        },
    )


def meeting_schedule(request, partnership_slug, pk):
    case, _ = _case(request, pk, manage=True)
    initial = {"kind": request.GET["kind"]} if request.GET.get("kind") else {}
    form = MeetingScheduleForm(
        posted(request), members=_members(request), agencies=_agencies(request), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = run_service(
            form,
            meeting_services.meeting_schedule,
            actor=request.user,
            membership=request.membership,
            case=case,
            kind=data["kind"],
            title=data["title"],
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            location=data["location"],
            online_link=data["online_link"],
            invitees=form.invitees(),
        )
        if not failed(meeting):
            messages.success(request, f"{meeting} scheduled: the invitations are being e-mailed.")
            return _detail(meeting)
    return render(request, "cases/meeting_form.html", {"case": case, "form": form})


def meeting_detail(request, partnership_slug, pk, meeting_pk):
    meeting, can_manage = _meeting(request, pk, meeting_pk)
    can_see_case = permissions.can_view_case(request.membership, meeting.case)
    invitees = meeting.active_invitees
    return render(
        request,
        "cases/meeting_detail.html",
        {
            "case": meeting.case,
            "meeting": meeting,
            "invitees": invitees,
            "documents": reads.meeting_documents(meeting),
            "can_manage": can_manage,
            "can_see_case": can_see_case,
            "quorum_rule": quorum_text(quorum_rule(meeting.case.partnership)),
            "has_started": meeting.starts_at <= timezone.now(),
            "external_invitees": [i for i in invitees if not i.membership_id],
        },
    )


def meeting_edit(request, partnership_slug, pk, meeting_pk):
    meeting, _ = _meeting(request, pk, meeting_pk, manage=True)
    if not meeting.is_scheduled:
        messages.error(request, f"This meeting is {meeting.get_status_display().lower()}.")
        return _detail(meeting)
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    initial = {
        "kind": meeting.kind,
        "title": meeting.title,
        "date": starts.date(),
        "start_time": f"{starts:%H:%M}",
        "end_time": f"{ends:%H:%M}" if ends.date() == starts.date() else "",
        "location": meeting.location,
        "online_link": meeting.online_link,
    }
    form = MeetingDetailsForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            meeting_services.meeting_update,
            actor=request.user,
            membership=request.membership,
            meeting=meeting,
            kind=data["kind"],
            title=data["title"],
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            location=data["location"],
            online_link=data["online_link"],
        )
        if not failed(result):
            messages.success(request, f"{result} saved: any change is e-mailed to the invitees.")
            return _detail(result)
    return render(
        request,
        "cases/meeting_form.html",
        {"case": meeting.case, "meeting": meeting, "form": form},
    )


def meeting_cancel(request, partnership_slug, pk, meeting_pk):
    meeting, _ = _meeting(request, pk, meeting_pk, manage=True)
    if not meeting.is_scheduled:
        messages.error(request, f"This meeting is {meeting.get_status_display().lower()}.")
        return _detail(meeting)
    form = MeetingCancelForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            meeting_services.meeting_cancel,
            actor=request.user,
            membership=request.membership,
            meeting=meeting,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, f"{meeting} cancelled: the invitees are being told.")
            return _detail(meeting)
    return render(
        request,
        "cases/meeting_cancel.html",
        {"case": meeting.case, "meeting": meeting, "form": form},
    )


def meeting_attendance(request, partnership_slug, pk, meeting_pk):
    meeting, _ = _meeting(request, pk, meeting_pk, manage=True)
    if meeting.status == MeetingStatus.CANCELLED or meeting.starts_at > timezone.now():
        messages.error(request, "Record who attended once the meeting has started.")
        return _detail(meeting)
    invitees = meeting.active_invitees
    initial = {
        "attended": [str(i.pk) for i in invitees if i.attended],
        "apologies": [str(i.pk) for i in invitees if i.apologies],
        "notes": meeting.notes,
    }
    form = AttendanceForm(posted(request), invitees=invitees, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            meeting_services.meeting_record_attendance,
            actor=request.user,
            membership=request.membership,
            meeting=meeting,
            attended=[int(pk) for pk in data["attended"]],
            apologies=[int(pk) for pk in data["apologies"]],
            notes=data["notes"],
        )
        if not failed(result):
            verdict = "quorate" if result.quorate else "not quorate"
            messages.success(request, f"Attendance recorded: the meeting was {verdict}.")
            return _detail(result)
    return render(
        request,
        "cases/meeting_attendance.html",
        {
            "case": meeting.case,
            "meeting": meeting,
            "form": form,
            "quorum_rule": quorum_text(quorum_rule(meeting.case.partnership)),
        },
    )


def meeting_invitee_add(request, partnership_slug, pk, meeting_pk):
    meeting, _ = _meeting(request, pk, meeting_pk, manage=True)
    if meeting.status == MeetingStatus.CANCELLED:
        messages.error(request, "This meeting is cancelled.")
        return _detail(meeting)
    invited = {i.membership_id for i in meeting.active_invitees}
    members = [m for m in _members(request) if m.pk not in invited]
    form = InviteeAddForm(posted(request), members=members, agencies=_agencies(request))
    if request.method == "POST" and form.is_valid():
        invitee = run_service(
            form,
            meeting_services.meeting_invitee_add,
            actor=request.user,
            membership=request.membership,
            meeting=meeting,
            person=form.person(),
        )
        if not failed(invitee):
            messages.success(request, f"{invitee.display_name} invited.")
            return _detail(meeting)
    return render(
        request,
        "cases/meeting_invitee_form.html",
        {"case": meeting.case, "meeting": meeting, "form": form},
    )


@require_POST
def meeting_invitee_remove(request, partnership_slug, pk, meeting_pk, invitee_pk):
    meeting, _ = _meeting(request, pk, meeting_pk, manage=True)
    invitee = next((i for i in meeting.active_invitees if i.pk == invitee_pk), None)
    if invitee is None:
        raise Http404("No such invitee")
    try:
        meeting_services.meeting_invitee_remove(
            actor=request.user, membership=request.membership, meeting=meeting, invitee=invitee
        )
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{invitee.display_name} is no longer invited.")
    return _detail(meeting)


def meeting_document_add(request, partnership_slug, pk, meeting_pk):
    meeting, _ = _meeting(request, pk, meeting_pk, manage=True)
    if meeting.status == MeetingStatus.CANCELLED:
        messages.error(request, "This meeting is cancelled.")
        return _detail(meeting)
    have = {d.attachment_id for d in reads.meeting_documents(meeting)}
    attachments = [
        a
        for a in meeting.case.attachments.filter(archived_at__isnull=True).order_by("-created_at")
        if a.pk not in have
    ]
    form = MeetingDocumentForm(posted(request), posted_files(request), attachments=attachments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            meeting_services.meeting_add_document,
            actor=request.user,
            membership=request.membership,
            meeting=meeting,
            attachment=data["attachment"],
            uploaded=data.get("file"),
            description=data["description"],
        )
        if not failed(result):
            messages.success(request, "Document added to the papers.")
            return _detail(meeting)
    return render(
        request,
        "cases/meeting_document_form.html",
        {"case": meeting.case, "meeting": meeting, "form": form},
    )


def meeting_document_download(request, partnership_slug, pk, meeting_pk, attachment_pk):
    meeting, _ = _meeting(request, pk, meeting_pk)
    document = next(
        (d for d in reads.meeting_documents(meeting) if d.attachment_id == attachment_pk), None
    )
    if document is None:
        raise Http404("No such document")
    attachment = document.attachment
    handle = document_services.attachment_open(
        actor=request.user, membership=request.membership, attachment=attachment, meeting=meeting
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def meeting_papers_send(request, partnership_slug, pk, meeting_pk):
    meeting, _ = _meeting(request, pk, meeting_pk, manage=True)
    if not meeting.is_scheduled:
        messages.error(request, f"This meeting is {meeting.get_status_display().lower()}.")
        return _detail(meeting)
    form = forms.Form(posted(request))
    if request.method == "POST" and form.is_valid():
        sent = run_service(
            form,
            meeting_services.meeting_papers_send,
            actor=request.user,
            membership=request.membership,
            meeting=meeting,
        )
        if not failed(sent):
            messages.success(request, f"A link to the papers is being e-mailed to {sent} people.")
            return _detail(meeting)
    invitees = meeting.active_invitees
    return render(
        request,
        "cases/meeting_papers_send.html",
        {
            "case": meeting.case,
            "meeting": meeting,
            "members": [i for i in invitees if i.membership_id],
            "external": [i for i in invitees if not i.membership_id],
            "documents": reads.meeting_documents(meeting),
            "form": form,
        },
    )
