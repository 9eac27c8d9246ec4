from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from cases import permissions, selectors
from cases.audit import access_record
from cases.forms import SubjectForm
from cases.models import AccessKind
from cases.services import subjects as subject_services
from cases.views.helpers import failed, posted, run_service


def _editable_case(request, pk):
    case = selectors.case_for_user(membership=request.membership, pk=pk)
    if not permissions.can_edit_case(request.membership, case):
        raise PermissionDenied
    return case


def subject_add(request, partnership_slug, pk):
    case = _editable_case(request, pk)
    form = SubjectForm(posted(request))
    if request.method == "POST" and form.is_valid():
        subject = run_service(
            form,
            subject_services.subject_add,
            actor=request.user,
            membership=request.membership,
            case=case,
            **form.cleaned_data,
        )
        if not failed(subject):
            messages.success(request, f"{subject.full_name} added to the case.")
            return redirect("cases:case_detail", partnership_slug, case.pk)
    return render(request, "cases/subject_form.html", {"form": form, "case": case, "subject": None})


def subject_edit(request, partnership_slug, pk, subject_pk):
    case = _editable_case(request, pk)
    subject = selectors.subject_for_case(case=case, pk=subject_pk)
    access_record(
        user=request.user,
        case=case,
        obj=subject,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr=f"{subject.get_role_display()} {subject.pk}",
    )
    form = SubjectForm(posted(request), instance=subject)
    if request.method == "POST":
        if request.POST.get("action") == "archive":
            subject_services.subject_archive(
                actor=request.user, membership=request.membership, subject=subject
            )
            messages.success(request, "The person has been removed from the case.")
            return redirect("cases:case_detail", partnership_slug, case.pk)
        if form.is_valid():
            fresh = selectors.subject_for_case(case=case, pk=subject_pk)
            result = run_service(
                form,
                subject_services.subject_update,
                actor=request.user,
                membership=request.membership,
                subject=fresh,
                **form.cleaned_data,
            )
            if not failed(result):
                messages.success(request, "Changes saved.")
                return redirect("cases:case_detail", partnership_slug, case.pk)
    return render(
        request, "cases/subject_form.html", {"form": form, "case": case, "subject": subject}
    )
