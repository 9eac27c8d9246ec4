"""A case's chronologies: the list, asking an agency for one, an agency's chronology (entries,
import, submit, return) and the integrated chronology with its exports. Who may: see
cases.permissions (docs/chronologies.md)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases import permissions, selectors
from cases.audit import access_record
from cases.chronologies import (
    INTEGRATED_PAGE_SIZE,
    IntegratedFilter,
    attach_chronologies,
    case_chronologies,
    chronology_entries,
    chronology_for_user,
    entry_for_chronology,
    integrated_chronologies,
    integrated_entries,
    purposes_of,
)
from cases.chronology_columns import COLUMNS
from cases.chronology_export import XLSX_CONTENT_TYPE, integrated_workbook, template_workbook
from cases.chronology_import import MAX_ROWS
from cases.chronology_pdf import pdf_kind
from cases.forms_chronologies import (
    ChronologyEntryForm,
    ChronologyImportForm,
    ChronologyOpenForm,
    ChronologyReturnForm,
    ChronologySubmitForm,
    IntegratedFilterForm,
)
from cases.models import AccessKind, ChronologyKind, ChronologyPurpose
from cases.rendered.views import document_page
from cases.services import chronologies as services
from cases.views.helpers import failed, posted, posted_files, run_service


def _case(request, pk):
    return selectors.case_for_user(membership=request.membership, pk=pk)


def _chronology(request, pk, chronology_pk, *, edit=False):
    case = _case(request, pk)
    chronology = chronology_for_user(membership=request.membership, case=case, pk=chronology_pk)
    if edit and not permissions.can_edit_chronology(request.membership, chronology):
        raise PermissionDenied
    return case, chronology


def _subjects(case):
    return list(case.subjects.filter(archived_at__isnull=True).order_by("role", "first_name"))


def _detail(chronology):
    return reverse(
        "cases:chronology_detail",
        args=[chronology.case.partnership.slug, chronology.case_id, chronology.pk],
    )


def _log_read(request, case, what: str, kind=AccessKind.VIEW_PERSONAL_DETAILS):
    access_record(user=request.user, case=case, kind=kind, object_repr=what)


def chronology_list(request, partnership_slug, pk):
    case = _case(request, pk)
    membership = request.membership
    return render(
        request,
        "cases/chronology_list.html",
        {
            "case": case,
            "chronologies": list(case_chronologies(membership=membership, case=case)),
            "can_manage": permissions.can_manage_chronologies(membership, case),
            "can_read_integrated": permissions.can_view_integrated_chronology(membership, case),
        },
    )


def chronology_open(request, partnership_slug, pk):
    case = _case(request, pk)
    if not permissions.can_manage_chronologies(request.membership, case):
        raise PermissionDenied
    # A stage's page links here with its purpose (?purpose=lcspr) and the kind chosen.
    initial = {
        field: request.GET[field]
        for field, choices in (("purpose", ChronologyPurpose), ("kind", ChronologyKind))
        if request.GET.get(field) in choices.values
    }
    form = ChronologyOpenForm(
        posted(request), agencies=list(case.agencies.order_by("name")), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chronology = run_service(
            form,
            services.chronology_open,
            actor=request.user,
            membership=request.membership,
            case=case,
            **data,
        )
        if not failed(chronology):
            messages.success(
                request, f"{chronology.agency.name} has been asked for its chronology."
            )
            return redirect("cases:chronology_list", partnership_slug, case.pk)
    return render(request, "cases/chronology_open.html", {"case": case, "form": form})


def chronology_detail(request, partnership_slug, pk, chronology_pk):
    case, chronology = _chronology(request, pk, chronology_pk)
    membership = request.membership
    entries = list(chronology_entries(chronology=chronology))
    for entry in entries:
        entry.outside_scope = not chronology.in_scope(entry.occurred_on)
    if entries:
        _log_read(request, case, f"{len(entries)} entries of {chronology}")
    return render(
        request,
        "cases/chronology_detail.html",
        {
            "case": case,
            "chronology": chronology,
            "entries": entries,
            "can_edit": chronology.is_editable
            and permissions.can_edit_chronology(membership, chronology),
            "can_submit": chronology.is_editable
            and permissions.can_submit_chronology(membership, chronology),
            "can_return": chronology.status == "submitted"
            and permissions.can_manage_chronologies(membership, case),
            "can_read_integrated": permissions.can_view_integrated_chronology(membership, case),
        },
    )


def _locked_message(request, chronology):
    messages.error(
        request, "This chronology has been submitted: a business manager must return it first."
    )
    return redirect(_detail(chronology))


def entry_add(request, partnership_slug, pk, chronology_pk):
    case, chronology = _chronology(request, pk, chronology_pk, edit=True)
    if not chronology.is_editable:
        return _locked_message(request, chronology)
    form = ChronologyEntryForm(posted(request), subjects=_subjects(case))
    if request.method == "POST" and form.is_valid():
        entry = run_service(
            form,
            services.entry_add,
            actor=request.user,
            membership=request.membership,
            chronology=chronology,
            **form.cleaned_data,
        )
        if not failed(entry):
            messages.success(request, f"The {entry} has been added.")
            if "another" in request.POST:
                return redirect(request.path)
            return redirect(_detail(chronology))
    return render(
        request,
        "cases/chronology_entry_form.html",
        {"case": case, "chronology": chronology, "form": form, "entry": None},
    )


def entry_edit(request, partnership_slug, pk, chronology_pk, entry_pk):
    case, chronology = _chronology(request, pk, chronology_pk, edit=True)
    entry = entry_for_chronology(chronology=chronology, pk=entry_pk)
    entry.chronology = chronology
    if not chronology.is_editable:
        return _locked_message(request, chronology)
    form = ChronologyEntryForm(
        posted(request), subjects=_subjects(case), initial=ChronologyEntryForm.initial_from(entry)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        result = run_service(
            form,
            services.entry_update,
            actor=request.user,
            membership=request.membership,
            entry=entry,
            subjects=data.pop("subjects", []),
            **data,
        )
        if not failed(result):
            messages.success(request, f"The {result} has been changed.")
            return redirect(_detail(chronology))
    return render(
        request,
        "cases/chronology_entry_form.html",
        {"case": case, "chronology": chronology, "form": form, "entry": entry},
    )


def entry_remove(request, partnership_slug, pk, chronology_pk, entry_pk):
    case, chronology = _chronology(request, pk, chronology_pk, edit=True)
    entry = entry_for_chronology(chronology=chronology, pk=entry_pk)
    entry.chronology = chronology
    if not chronology.is_editable:
        return _locked_message(request, chronology)
    if request.method == "POST":
        services.entry_remove(actor=request.user, membership=request.membership, entry=entry)
        messages.success(request, f"The {entry} has been removed.")
        return redirect(_detail(chronology))
    return render(
        request,
        "cases/chronology_entry_remove.html",
        {"case": case, "chronology": chronology, "entry": entry},
    )


def chronology_import(request, partnership_slug, pk, chronology_pk):
    case, chronology = _chronology(request, pk, chronology_pk, edit=True)
    if not chronology.is_editable:
        return _locked_message(request, chronology)
    form = ChronologyImportForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        entries = run_service(
            form,
            services.chronology_import,
            actor=request.user,
            membership=request.membership,
            chronology=chronology,
            uploaded=form.cleaned_data["file"],
        )
        if not failed(entries):
            messages.success(request, f"{len(entries)} entries imported.")
            return redirect(_detail(chronology))
    return render(
        request,
        "cases/chronology_import.html",
        {
            "case": case,
            "chronology": chronology,
            "form": form,
            "columns": COLUMNS,
            "max_rows": MAX_ROWS,
        },
    )


@require_http_methods(["GET", "HEAD"])
def chronology_template(request, partnership_slug, pk, chronology_pk):
    _chronology(request, pk, chronology_pk)
    response = HttpResponse(template_workbook(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="chronology-template.xlsx"'
    return response


def chronology_submit(request, partnership_slug, pk, chronology_pk):
    case, chronology = _chronology(request, pk, chronology_pk)
    if not permissions.can_submit_chronology(request.membership, chronology):
        raise PermissionDenied
    if not chronology.is_editable:
        return _locked_message(request, chronology)
    form = ChronologySubmitForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            services.chronology_submit,
            actor=request.user,
            membership=request.membership,
            chronology=chronology,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, f"{chronology.agency.name}'s chronology has been submitted.")
            return redirect(_detail(chronology))
    count = chronology_entries(chronology=chronology).count()
    return render(
        request,
        "cases/chronology_submit.html",
        {"case": case, "chronology": chronology, "form": form, "count": count},
    )


def chronology_return(request, partnership_slug, pk, chronology_pk):
    case, chronology = _chronology(request, pk, chronology_pk)
    if not permissions.can_manage_chronologies(request.membership, case):
        raise PermissionDenied
    if chronology.status != "submitted":
        messages.error(request, "Only a submitted chronology can be returned.")
        return redirect(_detail(chronology))
    form = ChronologyReturnForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            services.chronology_return,
            actor=request.user,
            membership=request.membership,
            chronology=chronology,
            reason=form.cleaned_data["reason"],
        )
        if not failed(result):
            messages.success(request, f"{chronology.agency.name}'s chronology has been returned.")
            return redirect(_detail(chronology))
    return render(
        request,
        "cases/chronology_return.html",
        {"case": case, "chronology": chronology, "form": form},
    )


# --- The integrated chronology ------------------------------------------------------------------


def _integrated(request, pk):
    """The case, the filter form, the filter it gives and the key (the agencies' chronologies)."""
    case = _case(request, pk)
    if not permissions.can_view_integrated_chronology(request.membership, case):
        raise PermissionDenied
    purposes = purposes_of(case) or [ChronologyPurpose.RAPID_REVIEW.value]
    subjects = _subjects(case)
    data = request.GET.copy()
    data.setdefault("purpose", purposes[0])
    data.setdefault("kind", ChronologyKind.EVENTS.value)
    if data["purpose"] not in purposes:
        data["purpose"] = purposes[0]
    purpose = data["purpose"]
    kind = data["kind"] if data["kind"] in ChronologyKind.values else ChronologyKind.EVENTS
    chronologies = integrated_chronologies(case=case, purpose=purpose, kind=kind)
    form = IntegratedFilterForm(
        data,
        purposes=purposes,
        agencies=[c.agency for c in chronologies],
        subjects=subjects,
    )
    chosen = IntegratedFilter(purpose=purpose, kind=kind)
    if form.is_valid():
        values = form.cleaned_data
        chosen = IntegratedFilter(
            purpose=purpose,
            kind=kind,
            agencies=tuple(int(a) for a in values["agency"]),
            subject=int(values["subject"]) if values["subject"] else None,
            date_from=values["date_from"],
            date_to=values["date_to"],
        )
    return case, form, chosen, chronologies


def chronology_integrated(request, partnership_slug, pk):
    case, form, chosen, chronologies = _integrated(request, pk)
    entries = integrated_entries(case=case, chosen=chosen, chronologies=chronologies)
    page = Paginator(entries, INTEGRATED_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = attach_chronologies(page.object_list, chronologies)
    if shown:
        _log_read(request, case, f"{len(shown)} entries of the integrated chronology")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/chronology_integrated.html",
        {
            "case": case,
            "form": form,
            "chosen": chosen,
            "chronologies": chronologies,
            "entries": shown,
            "page": page,
            "query": query.urlencode(),
            "purpose_label": ChronologyPurpose(chosen.purpose).label,
            "kind_label": ChronologyKind(chosen.kind).label,
        },
    )


@require_http_methods(["GET", "HEAD"])
def chronology_integrated_xlsx(request, partnership_slug, pk):
    case, _, chosen, chronologies = _integrated(request, pk)
    entries = attach_chronologies(
        integrated_entries(case=case, chosen=chosen, chronologies=chronologies), chronologies
    )
    title = (
        f"{case.reference}: integrated {ChronologyKind(chosen.kind).label.lower()} chronology"
        f" ({ChronologyPurpose(chosen.purpose).label.lower()})"
    )
    _log_read(
        request,
        case,
        f"{len(entries)} entries of the integrated chronology (.xlsx)",
        kind=AccessKind.EXPORT,
    )
    response = HttpResponse(
        integrated_workbook(entries, title=title), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{case.reference}-integrated-chronology.xlsx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def chronology_integrated_pdf(request, partnership_slug, pk, purpose, kind):
    case = _case(request, pk)
    if not permissions.can_view_integrated_chronology(request.membership, case):
        raise PermissionDenied
    if purpose not in purposes_of(case) or kind not in ChronologyKind.values:
        raise Http404("No chronology of this kind has been asked for")
    back = reverse("cases:chronology_integrated", args=[partnership_slug, case.pk])
    return document_page(
        request, pdf_kind(purpose, kind), case, back_url=f"{back}?purpose={purpose}&kind={kind}"
    )
