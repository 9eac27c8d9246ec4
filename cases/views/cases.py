from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cases import clock, permissions, selectors
from cases import meetings as meeting_reads
from cases.audit import access_record
from cases.extensions import case_panels
from cases.forms import AccessGrantForm, CaseForm
from cases.models import AccessKind, CaseStage
from cases.permissions import visible_chronologies
from cases.services import cases as case_services
from cases.views.helpers import failed, posted, require, run_service
from cases.views.sorting import sort_from, sort_headers

# Sortable columns: key -> starts descending (newest first for dates).
CASE_SORT_KEYS = {"reference": False, "title": False, "opened": True}
CASE_COLUMNS = [
    ("Reference", "reference"),
    ("Title", "title"),
    ("Stage", None),
    ("Agencies", None),
    ("People", None),
    ("Opened", "opened"),
]


def case_list(request, partnership_slug):
    membership = request.membership
    search = request.GET.get("q", "").strip()[:100]
    stage = request.GET.get("stage", "")
    if stage not in CaseStage.values:
        stage = ""
    sort = sort_from(request, CASE_SORT_KEYS, default="opened")
    qs = selectors.case_list(
        membership=membership,
        search=search,
        stage=stage,
        sort=sort.key,
        descending=sort.descending,
    )
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    page.object_list = selectors.with_subject_counts(page.object_list)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "headers": sort_headers(request, CASE_COLUMNS, sort),
            "search": search,
            "stage": stage,
            "stages": CaseStage.choices,
            "can_create": permissions.can_create_case(membership),
            "can_export_year": permissions.can_export_annual_report(membership),
        },
    )


@require(permissions.can_create_case)
def case_create(request, partnership_slug):
    membership = request.membership
    form = CaseForm(posted(request), partnership=membership.partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = run_service(
            form,
            case_services.case_create,
            actor=request.user,
            membership=membership,
            title=data["title"],
            summary=data["summary"],
            incident_date=data["incident_date"],
            awareness_date=data["awareness_date"],
            agencies=list(data["agencies"]),
            is_restricted=data["is_restricted"],
        )
        if not failed(case):
            messages.success(request, f"Case {case.reference} opened.")
            return redirect("cases:case_detail", partnership_slug, case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": None})


def case_detail(request, partnership_slug, pk):
    membership = request.membership
    case = selectors.case_detail(membership=membership, pk=pk)
    subjects = list(case.subjects.all())
    if subjects:
        access_record(
            user=request.user,
            case=case,
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr=f"{len(subjects)} people on the case page",
        )
    can_edit = permissions.can_edit_case(membership, case)
    stage_progress = selectors.case_stage_progress(case=case)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "subjects": subjects,
            "can_edit": can_edit,
            "can_contribute": permissions.can_contribute_to_case(membership, case),
            "can_see_history": permissions.can_see_case_history(membership),
            "stage_progress": stage_progress,
            "running": clock.running_clock(stage_progress),
            "idle_text": clock.idle_text(case.stage),
            "panels": case_panels(membership, case, partnership_slug),
            "can_recompute": can_edit and permissions.can_manage_workflow(membership),
            "notices": list(selectors.case_notices_brief(case=case)),
            "can_manage_notices": permissions.can_manage_notices(membership, case),
            "meetings": list(meeting_reads.case_meetings(case=case)),
            "can_manage_meetings": permissions.can_manage_meetings(membership, case),
            "chronologies": list(visible_chronologies(membership, case).select_related("agency")),
            "can_read_integrated": permissions.can_view_integrated_chronology(membership, case),
            "can_view_actions": permissions.can_view_action_plan(membership, case),
            "can_add_action": permissions.can_add_action(membership, case),
        },
    )


def case_edit(request, partnership_slug, pk):
    membership = request.membership
    case = selectors.case_for_user(membership=membership, pk=pk)
    if not permissions.can_edit_case(membership, case):
        raise PermissionDenied
    form = CaseForm(
        posted(request),
        instance=case,
        partnership=membership.partnership,
        initial={"agencies": list(case.agencies.all())},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            case_services.case_update,
            actor=request.user,
            membership=membership,
            case=selectors.case_for_user(membership=membership, pk=pk),
            title=data["title"],
            summary=data["summary"],
            incident_date=data["incident_date"],
            awareness_date=data["awareness_date"],
            agencies=list(data["agencies"]),
        )
        if not failed(result):
            messages.success(request, "Case details saved.")
            return redirect("cases:case_detail", partnership_slug, case.pk)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


def case_access(request, partnership_slug, pk):
    membership = request.membership
    case = selectors.case_for_user(membership=membership, pk=pk)
    if not permissions.can_edit_case(membership, case):
        raise PermissionDenied
    members = list(selectors.partnership_members(membership=membership).filter(is_active=True))
    form = AccessGrantForm(posted(request), members=members)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "restrict":
            case_services.case_set_restricted(
                actor=request.user, membership=membership, case=case, is_restricted=True
            )
            messages.success(request, "Access is now restricted to the people listed.")
            return redirect("cases:case_access", partnership_slug, pk)
        if action == "unrestrict":
            case_services.case_set_restricted(
                actor=request.user, membership=membership, case=case, is_restricted=False
            )
            messages.success(request, "The restriction has been removed.")
            return redirect("cases:case_access", partnership_slug, pk)
        if form.is_valid():
            result = run_service(
                form,
                case_services.case_access_grant,
                actor=request.user,
                membership=membership,
                case=case,
                member=form.cleaned_data["member"],
            )
            if not failed(result):
                messages.success(request, "Added to the access list.")
                return redirect("cases:case_access", partnership_slug, pk)
    return render(
        request,
        "cases/case_access.html",
        {
            "case": case,
            "form": form,
            "access_list": case_services.case_access_list(case),
        },
    )


@require_POST
def case_access_revoke(request, partnership_slug, pk, user_id):
    membership = request.membership
    case = selectors.case_for_user(membership=membership, pk=pk)
    target = selectors.partnership_members(membership=membership).filter(user_id=user_id).first()
    if target is None:
        from django.http import Http404

        raise Http404
    case_services.case_access_revoke(
        actor=request.user, membership=membership, case=case, member=target
    )
    messages.success(request, "Removed from the access list.")
    return redirect("cases:case_access", partnership_slug, pk)
