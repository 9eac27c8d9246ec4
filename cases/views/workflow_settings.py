"""The partnership's workflow settings: read by every member, changed by a business manager."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from cases import permissions
from cases.clock import partnership_schedule
from cases.forms_settings import (
    PresetForm,
    SchedulePreviewForm,
    WorkflowCommonForm,
    WorkflowJsonForm,
    field_for_message,
)
from cases.models import AuditEvent
from cases.services import workflow_settings as services
from cases.views import workflow_display as display
from cases.views.helpers import posted, require
from cases.workflow import workflow_settings_errors

SETTINGS_ACTIONS = ("workflow.", "closure_day.", "document_template.")


def _put_errors(form, exc: ValidationError) -> None:
    """Field-addressed settings messages go next to the matching field, the rest on top."""
    for message in exc.message_dict.get("workflow", exc.messages):
        field = field_for_message(message)
        form.add_error(field if field in form.fields else None, message)


def workflow_settings(request, partnership_slug):
    partnership = request.membership.partnership
    workflow = partnership.workflow
    can_manage = permissions.can_manage_workflow(request.membership)
    recent = []
    if can_manage:
        recent = [
            e
            for e in AuditEvent.objects.filter(
                partnership=partnership, case__isnull=True
            ).select_related("actor")[:100]
            if e.action.startswith(SETTINGS_ACTIONS)
        ][:10]
    return render(
        request,
        "cases/workflow_settings.html",
        {
            "can_manage": can_manage,
            "preset_name": partnership.workflow_preset,
            "has_settings": bool(workflow),
            "problems": workflow_settings_errors(workflow) if workflow else [],
            "summary_rows": display.summary_rows(workflow),
            "reminder_rows": display.reminder_policy_rows(_get(workflow, "reminder_policy")),
            "chains": display.sign_off_chains(workflow),
            "stages": display.stages(workflow),
            "stage_head": ["Step", "When", "Who", "Statutory or local"],
            "recent": recent,
        },
    )


def _get(data, key):
    return data.get(key) if isinstance(data, dict) else None


@require(permissions.can_manage_workflow)
def workflow_settings_edit(request, partnership_slug):
    partnership = request.membership.partnership
    form = WorkflowCommonForm(
        posted(request), initial=WorkflowCommonForm.initial_from(partnership.workflow)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_workflow_update(
                actor=request.user,
                membership=request.membership,
                workflow=form.apply(partnership.workflow),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, "Settings saved. Running deadlines have not moved.")
            return redirect("cases:workflow_settings", partnership_slug)
    return render(request, "cases/workflow_settings_edit.html", {"form": form})


@require(permissions.can_manage_workflow)
def workflow_settings_json(request, partnership_slug):
    partnership = request.membership.partnership
    initial = {"settings": json.dumps(partnership.workflow or {}, indent=2, ensure_ascii=False)}
    form = WorkflowJsonForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_workflow_update(
                actor=request.user,
                membership=request.membership,
                workflow=form.cleaned_data["settings"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in exc.message_dict.get("workflow", exc.messages):
                form.add_error("settings", message)
        else:
            messages.success(request, "Settings saved. Running deadlines have not moved.")
            return redirect("cases:workflow_settings", partnership_slug)
    return render(request, "cases/workflow_settings_json.html", {"form": form})


@require(permissions.can_manage_workflow)
def workflow_settings_preset(request, partnership_slug):
    partnership = request.membership.partnership
    form = PresetForm(posted(request), initial={"preset": partnership.workflow_preset})
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_workflow_load_preset(
                actor=request.user, membership=request.membership, name=form.cleaned_data["preset"]
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Preset loaded. Running deadlines have not moved.")
            return redirect("cases:workflow_settings", partnership_slug)
    return render(request, "cases/workflow_preset.html", {"form": form})


def workflow_schedule_preview(request, partnership_slug):
    """Which dates a day zero gives for one stage, under the saved settings."""
    partnership = request.membership.partnership
    form = SchedulePreviewForm(request.GET or None)
    rows, problem = [], None
    if request.GET and form.is_valid():
        try:
            schedule = partnership_schedule(
                partnership, form.cleaned_data["stage"], form.cleaned_data["day_zero"]
            )
        except (ValidationError, ValueError, TypeError):
            problem = "The settings for this stage have problems, so no dates can be worked out."
        else:
            rows = [
                [
                    m.label,
                    {"text": "" if m.day is None else str(m.day), "numeric": True},
                    f"{m.due:%a} {m.due.day} {m.due:%b %Y}",
                    m.rule_text,
                ]
                for m in schedule
            ]
    return render(
        request,
        "cases/schedule_preview.html",
        {
            "form": form,
            "rows": rows,
            "problem": problem,
            "submitted": bool(request.GET),
            "preview_head": ["Step", {"text": "Day", "numeric": True}, "Due", "Why"],
        },
    )
