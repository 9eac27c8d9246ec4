"""The business manager's lists: reasons, characteristics and resolution steps."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from cases.views.helpers import failed, posted, require, run_service
from referrals import permissions
from referrals.choices import LookupKind
from referrals.forms.actions import LookupForm
from referrals.lookups import lookups
from referrals.models import ReferralLookup
from referrals.services import lookups as lookup_services


@require(permissions.can_manage_lookups)
def lookup_list(request, partnership_slug):
    partnership = request.partnership
    kinds = [
        {"kind": kind, "label": label, "items": lookups(partnership, kind, include_retired=True)}
        for kind, label in LookupKind.choices
    ]
    return render(request, "referrals/lookups.html", {"kinds": kinds})


def _kind(kind: str) -> str:
    if kind not in LookupKind.values:
        raise Http404("No such list")
    return kind


@require(permissions.can_manage_lookups)
def lookup_add(request, partnership_slug):
    kind = _kind(request.POST.get("kind") or request.GET.get("kind") or LookupKind.REASON)
    form = LookupForm(posted(request))
    del form.fields["position"], form.fields["is_active"]
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            lookup_services.lookup_add,
            actor=request.user,
            membership=request.membership,
            kind=kind,
            label=form.cleaned_data["label"],
        )
        if not failed(result):
            messages.success(request, "Entry added.")
            return redirect("referrals:lookups", partnership_slug)
    return render(
        request,
        "referrals/lookup_form.html",
        {"form": form, "kind": kind, "kind_label": LookupKind(kind).label, "item": None},
    )


@require(permissions.can_manage_lookups)
def lookup_edit(request, partnership_slug, lookup_pk):
    item = get_object_or_404(
        ReferralLookup.objects.filter(partnership=request.partnership), pk=lookup_pk
    )
    kind = item.kind
    form = LookupForm(
        posted(request),
        initial={"label": item.label, "position": item.position, "is_active": item.is_active},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("position") is None:
            data["position"] = item.position
        result = run_service(
            form,
            lookup_services.lookup_update,
            actor=request.user,
            membership=request.membership,
            item=item,
            **data,
        )
        if not failed(result):
            messages.success(request, "Entry saved.")
            return redirect("referrals:lookups", partnership_slug)
    return render(
        request,
        "referrals/lookup_form.html",
        {"form": form, "kind_label": LookupKind(kind).label, "item": item},
    )
