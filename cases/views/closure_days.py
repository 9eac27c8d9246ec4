from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cases import permissions
from cases.forms_settings import ClosureDayForm
from cases.models import ClosureDay
from cases.services import closure_days as services
from cases.views.helpers import failed, posted, require, run_service


def _current(partnership):
    return ClosureDay.objects.filter(partnership=partnership, removed_at__isnull=True)


def closure_days(request, partnership_slug):
    membership = request.membership
    can_manage = permissions.can_manage_workflow(membership)
    form = ClosureDayForm(posted(request))
    if request.method == "POST":
        if not can_manage:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if form.is_valid():
            result = run_service(
                form,
                services.closure_day_add,
                actor=request.user,
                membership=membership,
                date=form.cleaned_data["date"],
                reason=form.cleaned_data["reason"],
            )
            if not failed(result):
                messages.success(request, f"{result.date:%-d %B %Y} is now a closure day.")
                return redirect("cases:closure_days", partnership_slug)
    return render(
        request,
        "cases/closure_days.html",
        {"days": _current(membership.partnership), "form": form, "can_manage": can_manage},
    )


@require_POST
@require(permissions.can_manage_workflow)
def closure_day_remove(request, partnership_slug, pk):
    membership = request.membership
    day = get_object_or_404(_current(membership.partnership), pk=pk)
    services.closure_day_remove(actor=request.user, membership=membership, closure_day=day)
    messages.success(request, f"{day.date:%-d %B %Y} is no longer a closure day.")
    return redirect("cases:closure_days", partnership_slug)
