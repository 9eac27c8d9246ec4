"""Letters and templates (settings): the registered letters and leaflets, each with the
partnership's wording or the registered one; edit with a preview, reset to the registered
wording. Business managers only (403 for the others)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cases import permissions
from cases.document_templates import (
    blocks,
    current_wording,
    fill,
    registered_templates,
    template_spec,
)
from cases.forms_document_templates import DocumentTemplateForm
from cases.models import DocumentTemplate
from cases.services.document_templates import (
    document_template_check,
    document_template_reset,
    document_template_save,
)
from cases.views.helpers import failed, posted, require, run_service


@require(permissions.can_manage_workflow)
def document_template_list(request, partnership_slug):
    partnership = request.membership.partnership
    own = {
        t.key: t
        for t in DocumentTemplate.objects.filter(
            partnership=partnership, is_active=True
        ).select_related("updated_by")
    }
    rows = [(spec, own.get(spec.key)) for spec in registered_templates()]
    return render(request, "cases/document_template_list.html", {"rows": rows})


def _spec_or_404(key):
    spec = template_spec(key or "")
    if spec is None:
        raise Http404("No such template")
    return spec


@require(permissions.can_manage_workflow)
def document_template_edit(request, partnership_slug):
    key = request.GET.get("key")
    if not key:
        return redirect("cases:document_template_list", partnership_slug)
    spec = _spec_or_404(key)
    partnership = request.membership.partnership
    title, body, customised = current_wording(partnership, key)
    form = DocumentTemplateForm(posted(request), initial={"title": title, "body": body})
    preview = None
    if request.method == "POST":
        valid = form.is_valid()
        # The placeholder checks too, so that every error shows at once.
        checked = document_template_check(
            key=key,
            title=(form.data.get("title") or "").strip(),
            body=(form.data.get("body") or "").strip(),
        )
        for name, message in checked.items():
            if not form.has_error(name):
                form.add_error(name, message)
        if valid and not checked:
            data = form.cleaned_data
            if "preview" in request.POST:
                preview = {
                    "title": fill(data["title"], {}, spec),
                    "blocks": blocks(fill(data["body"].strip(), {}, spec)),
                }
            else:
                result = run_service(
                    form,
                    document_template_save,
                    actor=request.user,
                    membership=request.membership,
                    key=key,
                    title=data["title"],
                    body=data["body"],
                )
                if not failed(result):
                    messages.success(request, f"“{spec.label}” was saved.")
                    return redirect("cases:document_template_list", partnership_slug)
    return render(
        request,
        "cases/document_template_edit.html",
        {
            "spec": spec,
            "form": form,
            "customised": customised,
            "preview": preview,
            "placeholders": sorted(spec.placeholders.items()),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@require(permissions.can_manage_workflow)
def document_template_reset_view(request, partnership_slug):
    key = request.POST.get("key")
    if not key:
        return redirect("cases:document_template_list", partnership_slug)
    spec = _spec_or_404(key)
    document_template_reset(actor=request.user, membership=request.membership, key=key)
    messages.success(request, f"“{spec.label}” uses the registered wording again.")
    return redirect("cases:document_template_list", partnership_slug)
