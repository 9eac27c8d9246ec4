from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cases import permissions, selectors
from cases.forms import AttachmentForm, NoteForm
from cases.services import documents as document_services
from cases.views.helpers import failed, posted, posted_files, run_service


def _contributable_case(request, pk):
    case = selectors.case_for_user(membership=request.membership, pk=pk)
    if not permissions.can_contribute_to_case(request.membership, case):
        raise PermissionDenied
    return case


def note_add(request, partnership_slug, pk):
    case = _contributable_case(request, pk)
    form = NoteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        note = run_service(
            form,
            document_services.case_note_add,
            actor=request.user,
            membership=request.membership,
            case=case,
            text=form.cleaned_data["text"],
        )
        if not failed(note):
            messages.success(request, "Note added.")
            return redirect("cases:case_detail", partnership_slug, case.pk)
    return render(request, "cases/note_form.html", {"form": form, "case": case})


def attachment_add(request, partnership_slug, pk):
    case = _contributable_case(request, pk)
    form = AttachmentForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        attachment = run_service(
            form,
            document_services.attachment_add,
            actor=request.user,
            membership=request.membership,
            case=case,
            uploaded=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        )
        if not failed(attachment):
            messages.success(request, f"{attachment.original_name} uploaded.")
            return redirect("cases:case_detail", partnership_slug, case.pk)
        # The error belongs to the file field, where the user can fix it.
        if form.non_field_errors():
            form.add_error("file", form.errors.pop("__all__"))
    return render(request, "cases/attachment_form.html", {"form": form, "case": case})


def attachment_download(request, partnership_slug, pk, attachment_pk):
    case = selectors.case_for_user(membership=request.membership, pk=pk)
    attachment = selectors.attachment_for_case(case=case, pk=attachment_pk)
    handle = document_services.attachment_open(
        actor=request.user, membership=request.membership, attachment=attachment
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def attachment_archive(request, partnership_slug, pk, attachment_pk):
    case = selectors.case_for_user(membership=request.membership, pk=pk)
    attachment = selectors.attachment_for_case(case=case, pk=attachment_pk)
    document_services.attachment_archive(
        actor=request.user, membership=request.membership, attachment=attachment
    )
    messages.success(request, f"{attachment.original_name} removed.")
    return redirect("cases:case_detail", partnership_slug, case.pk)
