"""A running stage on the case page: recompute it (correct its day zero) with a reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from cases import permissions, selectors
from cases.forms_settings import StageRecomputeForm
from cases.services import deadlines as deadline_services
from cases.views.helpers import failed, posted, run_service
from cases.workflow import STAGES


def stage_recompute(request, partnership_slug, pk, stage):
    membership = request.membership
    case = selectors.case_for_user(membership=membership, pk=pk)
    deadlines = list(selectors.case_deadlines(case=case, stage=stage)) if stage in STAGES else []
    if not deadlines:
        raise Http404("This stage has not started for this case.")
    if not (
        permissions.can_edit_case(membership, case) and permissions.can_manage_workflow(membership)
    ):
        raise PermissionDenied
    form = StageRecomputeForm(posted(request), initial={"day_zero": deadlines[0].day_zero})
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            deadline_services.stage_recompute,
            actor=request.user,
            case=case,
            stage=stage,
            day_zero=form.cleaned_data["day_zero"],
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, f"{STAGES[stage]} recomputed from the current settings.")
            return redirect("cases:case_detail", partnership_slug, case.pk)
    return render(
        request,
        "cases/stage_recompute.html",
        {"case": case, "stage_label": STAGES[stage], "deadlines": deadlines, "form": form},
    )
