"""The pages of the National Panel's replies to the rapid review
(notifications.services.panel_responses): 404 for what the member cannot see, 403 for what
they may not do."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from cases import selectors as case_selectors
from cases.clock import stage_progress
from cases.models import Deadline
from cases.views.helpers import failed, posted, posted_files, run_service
from notifications import permissions, selectors
from notifications.choices import PanelResponseStatus
from notifications.forms import (
    PanelInformationForm,
    PanelMeetingForm,
    PanelOpenForm,
    PanelReplyForm,
    ReconsiderForm,
)
from notifications.services import panel_responses as svc

S = PanelResponseStatus


def _response(request, pk, *, check=None):
    response = selectors.panel_response_for_user(membership=request.membership, pk=pk)
    if check is not None and not check(request.membership, response.case):
        raise PermissionDenied
    return response


def _clock(response):
    deadlines = list(
        Deadline.objects.filter(case=response.case, stage=svc.STAGE).order_by("due", "key")
    )
    return stage_progress(deadlines, response.partnership) if deadlines else None


def panel_response_list(request, partnership_slug):
    items = list(
        selectors.visible_panel_responses(request.membership).order_by(
            "status", "-submitted_on", "-round"
        )[:200]
    )
    return render(request, "notifications/panel/list.html", {"responses": items})


def panel_response_open(request, partnership_slug, case_pk):
    case = case_selectors.case_for_user(membership=request.membership, pk=case_pk)
    if not permissions.can_record_panel_response(request.membership, case):
        raise PermissionDenied
    form = PanelOpenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.panel_response_open,
            actor=request.user,
            membership=request.membership,
            case=case,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "The case now waits for the National Panel's reply.")
            return redirect("panel_responses:detail", partnership_slug, result.pk)
    return render(request, "notifications/panel/open.html", {"case": case, "form": form})


def panel_response_detail(request, partnership_slug, pk):
    response = _response(request, pk)
    membership = request.membership
    can_record = permissions.can_record_panel_response(membership, response.case)
    return render(
        request,
        "notifications/panel/detail.html",
        {
            "r": response,
            "case": response.case,
            "clock": _clock(response) if response.status in svc.OPEN_STATUSES else None,
            "rounds": list(selectors.case_panel_responses(response.case)),
            "can_record": can_record and response.status == S.AWAITING,
            "can_send_information": can_record and response.status == S.INFORMATION_REQUESTED,
            "can_reconsider": permissions.can_reconsider(membership, response.case)
            and response.status == S.RECONSIDERATION,
            "day_zero_event": svc.day_zero_event(response.partnership),
        },
    )


def _action(
    request, partnership_slug, pk, *, form_class, service, template, success, check, status
):
    response = _response(request, pk, check=check)
    if response.status != status:
        messages.info(request, f"This reply is {response.get_status_display().lower()}.")
        return redirect("panel_responses:detail", partnership_slug, response.pk)
    initial = (
        {"partnership_view": response.partnership_view} if form_class is PanelReplyForm else {}
    )
    form = form_class(posted(request), posted_files(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            service,
            actor=request.user,
            membership=request.membership,
            response=response,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, success)
            return redirect("panel_responses:detail", partnership_slug, result.pk)
    return render(
        request,
        f"notifications/panel/{template}.html",
        {"r": response, "case": response.case, "form": form},
    )


def panel_response_meeting(request, partnership_slug, pk):
    return _action(
        request,
        partnership_slug,
        pk,
        form_class=PanelMeetingForm,
        service=svc.panel_response_meeting,
        template="meeting",
        status=S.AWAITING,
        success="The Panel's meeting date is recorded.",
        check=permissions.can_record_panel_response,
    )


def panel_response_reply(request, partnership_slug, pk):
    return _action(
        request,
        partnership_slug,
        pk,
        form_class=PanelReplyForm,
        service=svc.panel_response_record,
        template="reply",
        status=S.AWAITING,
        success="The Panel's reply is recorded.",
        check=permissions.can_record_panel_response,
    )


def panel_response_information(request, partnership_slug, pk):
    return _action(
        request,
        partnership_slug,
        pk,
        form_class=PanelInformationForm,
        service=svc.panel_response_information,
        template="information",
        status=S.INFORMATION_REQUESTED,
        success="The case waits for the Panel's next reply.",
        check=permissions.can_record_panel_response,
    )


def panel_response_reconsider(request, partnership_slug, pk):
    return _action(
        request,
        partnership_slug,
        pk,
        form_class=ReconsiderForm,
        service=svc.panel_response_reconsider,
        template="reconsider",
        status=S.RECONSIDERATION,
        success="The reconsideration is recorded.",
        check=permissions.can_reconsider,
    )
