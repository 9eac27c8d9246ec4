"""A case's action plan: the plan grouped by stage (with filters and the tracker's .xlsx), an
action's page with its history, adding an action and each step on it (progress, status, due date,
close, cancel). Who may: cases.permissions (docs/action-plans.md); another agency's action is a
404 for an agency's members."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cases import permissions, selectors
from cases.action_export import tracker_filename, tracker_workbook
from cases.actions import (
    action_for_user,
    action_history,
    case_actions,
    grouped_by_stage,
    latest_update,
    with_rag,
)
from cases.annual_report import annual_report_workbook, reporting_years
from cases.audit import access_record
from cases.chronology_export import XLSX_CONTENT_TYPE
from cases.forms_actions import (
    ActionCancelForm,
    ActionCloseForm,
    ActionFilterForm,
    ActionForm,
    ActionMoveDueForm,
    ActionPlanSignOffForm,
    ActionProgressForm,
    ActionStatusForm,
    ImpactStatementForm,
)
from cases.models import (
    AccessKind,
    ActionPlan,
    ActionStage,
    Deadline,
    ImpactStatement,
    Membership,
)
from cases.models.actions import ACTIVE_STATUSES
from cases.services import actions as services
from cases.services.impact import impact_statement_record, plan_completed_on
from cases.signoff import chain_steps, signoffs_of_document
from cases.views.helpers import failed, posted, posted_files, run_service


def _case(request, pk):
    case = selectors.case_for_user(membership=request.membership, pk=pk)
    if not permissions.can_view_action_plan(request.membership, case):
        raise PermissionDenied
    return case


def _action(request, pk, action_pk):
    case = _case(request, pk)
    return case, action_for_user(membership=request.membership, case=case, pk=action_pk)


def _agencies(case):
    return list(case.partnership.agencies.order_by("name"))


def action_plan(request, partnership_slug, pk):
    case = _case(request, pk)
    membership = request.membership
    actions = list(case_actions(membership=membership, case=case))
    agencies = sorted({a.owner_agency for a in actions if a.owner_agency_id}, key=lambda a: a.name)
    form = ActionFilterForm(request.GET or None, agencies=agencies)
    if form.is_valid():
        if form.cleaned_data["agency"]:
            actions = [a for a in actions if str(a.owner_agency_id) == form.cleaned_data["agency"]]
        if form.cleaned_data["status"]:
            actions = [a for a in actions if a.status == form.cleaned_data["status"]]
    actions = with_rag(actions, case.partnership)
    for action in actions:
        action.latest = latest_update(action)
    if actions:
        access_record(
            user=request.user,
            case=case,
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr=f"the action plan ({len(actions)} actions)",
        )
    groups = grouped_by_stage(actions)
    plans = {p.stage: p for p in ActionPlan.objects.filter(case=case)}
    for group in groups:
        plan = plans.get(group["stage"])
        group["sign_off"] = signoffs_of_document(plan).first() if plan is not None else None
        group["signed_off_on"] = plan.signed_off_on if plan is not None else None
    can_send = permissions.can_add_action(membership, case) and bool(
        chain_steps(case.partnership, services.PLAN_DOCUMENT_TYPE)
    )
    return render(
        request,
        "cases/actions/plan.html",
        {
            "case": case,
            "groups": groups,
            "can_send": can_send,
            "count": len(actions),
            "filter_form": form,
            "can_add": permissions.can_add_action(membership, case),
            "impact": ImpactStatement.objects.filter(case=case).first(),
            "can_export_year": permissions.can_export_annual_report(membership),
            "completed_on": plan_completed_on(case),
        },
    )


def action_plan_xlsx(request, partnership_slug, pk):
    case = _case(request, pk)
    actions = with_rag(case_actions(membership=request.membership, case=case), case.partnership)
    for action in actions:
        action.latest = latest_update(action)
    access_record(
        user=request.user,
        case=case,
        kind=AccessKind.EXPORT,
        object_repr=f"the action tracker ({len(actions)} actions)",
    )
    response = HttpResponse(tracker_workbook(case, actions), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{tracker_filename(case)}"'
    return response


def _people(case):
    return list(
        Membership.objects.active()
        .filter(partnership=case.partnership_id, agency__isnull=False)
        .select_related("user", "agency")
        .order_by("agency__name", "user__full_name", "user__email")
    )


def action_add(request, partnership_slug, pk):
    case = _case(request, pk)
    if not permissions.can_add_action(request.membership, case):
        raise PermissionDenied
    initial = {}
    if request.GET.get("stage") in ActionStage.values:
        initial["stage"] = request.GET["stage"]
    form = ActionForm(
        posted(request), agencies=_agencies(case), members=_people(case), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = run_service(
            form,
            services.action_add,
            actor=request.user,
            membership=request.membership,
            case=case,
            **data,
        )
        if not failed(action):
            messages.success(request, "Action added to the action plan.")
            return redirect("cases:action_detail", partnership_slug, case.pk, action.pk)
    return render(request, "cases/actions/add.html", {"case": case, "form": form})


def _permissions(membership, action) -> dict:
    can_update = permissions.can_update_action(membership, action)
    can_close = permissions.can_close_action(membership, action)
    active = action.status in ACTIVE_STATUSES
    return {
        "can_progress": can_update and action.status not in ("closed", "cancelled"),
        "can_set_status": can_update and active,
        "can_move_due": can_update and active,
        "can_close": can_close and action.status not in ("closed", "cancelled"),
        "can_cancel": can_close and action.status not in ("closed", "cancelled"),
    }


def action_detail(request, partnership_slug, pk, action_pk):
    case, action = _action(request, pk, action_pk)
    allowed = _permissions(request.membership, action)
    history = list(action_history(action))
    (action,) = with_rag([action], case.partnership)
    access_record(
        user=request.user,
        case=case,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr=f"the action {action.reference}",
    )
    return render(
        request,
        "cases/actions/detail.html",
        {
            "case": case,
            "action": action,
            "history": history,
            "progress_form": ActionProgressForm() if allowed["can_progress"] else None,
            "today": timezone.localdate(),
            **allowed,
        },
    )


# Each step: (permission key, form, service, the service's arguments from the form, heading,
# button, message).
STEPS = {
    "progress": (
        "can_progress",
        ActionProgressForm,
        services.action_update_progress,
        lambda d: {"text": d["text"], "evidence_file": d.get("evidence_file")},
        "Record progress",
        "Save the update",
        "Progress recorded.",
    ),
    "status": (
        "can_set_status",
        ActionStatusForm,
        services.action_set_status,
        lambda d: {"status": d["status"], "note": d["note"]},
        "Change the status",
        "Save the status",
        "Status changed.",
    ),
    "move_due": (
        "can_move_due",
        ActionMoveDueForm,
        services.action_move_due,
        lambda d: {"due_date": d["due_date"], "reason": d["reason"]},
        "Move the due date",
        "Move the due date",
        "Due date moved.",
    ),
    "close": (
        "can_close",
        ActionCloseForm,
        services.action_close,
        lambda d: {"note": d["note"]},
        "Close the action",
        "Close the action",
        "Action closed.",
    ),
    "cancel": (
        "can_cancel",
        ActionCancelForm,
        services.action_cancel,
        lambda d: {"reason": d["reason"]},
        "Cancel the action",
        "Cancel the action",
        "Action cancelled.",
    ),
}


def _step(request, partnership_slug, pk, action_pk, step):
    case, action = _action(request, pk, action_pk)
    key, form_class, service, arguments, heading, button, done = STEPS[step]
    allowed = _permissions(request.membership, action)
    if not allowed[key]:
        may = (
            permissions.can_close_action
            if step in ("close", "cancel")
            else permissions.can_update_action
        )
        if may(request.membership, action):
            messages.error(
                request,
                f"This action is {action.get_status_display().lower()}: {heading.lower()}"
                " is no longer possible.",
            )
            return redirect("cases:action_detail", partnership_slug, case.pk, action.pk)
        raise PermissionDenied
    form = form_class(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            service,
            actor=request.user,
            membership=request.membership,
            action=action,
            **arguments(form.cleaned_data),
        )
        if not failed(result):
            messages.success(request, done)
            return redirect("cases:action_detail", partnership_slug, case.pk, action.pk)
    return render(
        request,
        "cases/actions/step.html",
        {
            "case": case,
            "action": action,
            "form": form,
            "heading": heading,
            "button": button,
            "warning": step == "cancel",
            "multipart": step == "progress",
        },
    )


def action_progress(request, partnership_slug, pk, action_pk):
    return _step(request, partnership_slug, pk, action_pk, "progress")


def action_status(request, partnership_slug, pk, action_pk):
    return _step(request, partnership_slug, pk, action_pk, "status")


def action_move_due(request, partnership_slug, pk, action_pk):
    return _step(request, partnership_slug, pk, action_pk, "move_due")


def action_close(request, partnership_slug, pk, action_pk):
    return _step(request, partnership_slug, pk, action_pk, "close")


def action_cancel(request, partnership_slug, pk, action_pk):
    return _step(request, partnership_slug, pk, action_pk, "cancel")


def action_plan_signoff(request, partnership_slug, pk):
    """Send a stage's action plan through the partnership's "action_plan" sign-off chain."""
    case = _case(request, pk)
    if not permissions.can_add_action(request.membership, case):
        raise PermissionDenied
    if not chain_steps(case.partnership, services.PLAN_DOCUMENT_TYPE):
        messages.error(
            request,
            "The partnership has no sign-off chain for action plans: add one to its workflow"
            " settings (sign_off_chains).",
        )
        return redirect("cases:action_plan", partnership_slug, case.pk)
    stages = [
        s
        for s in ActionStage.values
        if case.action_items.filter(stage=s).exclude(status="cancelled").exists()
    ]
    initial = {"stage": request.GET["stage"]} if request.GET.get("stage") in stages else {}
    form = ActionPlanSignOffForm(posted(request), stages=stages, initial=initial)
    if request.method == "POST" and form.is_valid():
        sign_off = run_service(
            form,
            services.action_plan_send_for_sign_off,
            actor=request.user,
            membership=request.membership,
            case=case,
            stage=form.cleaned_data["stage"],
            comments=form.cleaned_data["comments"],
        )
        if not failed(sign_off):
            messages.success(request, "The action plan has been sent for sign-off.")
            return redirect("cases:signoff", partnership_slug, sign_off.pk)
    return render(
        request,
        "cases/actions/signoff.html",
        {"case": case, "form": form, "stages": stages},
    )


def impact_statement(request, partnership_slug, pk):
    """The case's impact statement: shown to the action plan's readers; recorded or corrected by
    a review group member or a business manager once every action is closed or cancelled."""
    case = _case(request, pk)
    statement = ImpactStatement.objects.filter(case=case).select_related("recorded_by").first()
    completed_on = plan_completed_on(case)
    can_record = permissions.can_record_impact_statement(request.membership, case)
    editing = (
        can_record
        and completed_on is not None
        and (statement is None or request.GET.get("change") or request.method == "POST")
    )
    form = None
    if editing:
        initial = (
            {f: getattr(statement, f) for f in ImpactStatementForm.base_fields} if statement else {}
        )
        form = ImpactStatementForm(posted(request), initial=initial)
        if request.method == "POST" and form.is_valid():
            recorded = run_service(
                form,
                impact_statement_record,
                actor=request.user,
                membership=request.membership,
                case=case,
                **form.cleaned_data,
            )
            if not failed(recorded):
                messages.success(request, "The impact statement has been recorded.")
                return redirect("cases:impact_statement", partnership_slug, case.pk)
    elif request.method == "POST":
        raise PermissionDenied
    step = Deadline.objects.filter(case=case, stage="action_plan", key="impact_statement").first()
    return render(
        request,
        "cases/actions/impact.html",
        {
            "case": case,
            "statement": statement,
            "form": form,
            "completed_on": completed_on,
            "can_record": can_record,
            "step": step,
        },
    )


def annual_report(request, partnership_slug):
    """Choose a reporting year; ?year=2026-27 downloads its workbook (cases/annual_report.py)."""
    membership = request.membership
    if not permissions.can_export_annual_report(membership):
        raise PermissionDenied
    years = reporting_years(membership)
    chosen = next((y for y in years if y.key == request.GET.get("year")), None)
    error = "Select a reporting year" if "year" in request.GET and chosen is None else ""
    if chosen is not None:
        content, count = annual_report_workbook(membership, chosen)
        access_record(
            user=request.user,
            kind=AccessKind.EXPORT,
            partnership=membership.partnership,
            object_repr=f"the action plans' annual report, {chosen.label} ({count} actions)",
        )
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        filename = f"{membership.partnership.slug}-action-plans-{chosen.key}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "cases/actions/annual_report.html", {"years": years, "error": error})
