"""/p/<partnership>/account/deputy/: a safeguarding lead officer names or removes their deputy
(cases.deputies, cases.services.deputies)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from cases import deputies
from cases.services import deputies as services
from cases.views.helpers import failed, posted, run_service


class DeputyForm(forms.Form):
    deputy = forms.ChoiceField(
        label="Who is your deputy?",
        help_text="Someone else in your agency. You can change or remove your deputy at any time.",
        widget=forms.RadioSelect,
        error_messages={
            "required": deputies.DEPUTY_ERROR,
            "invalid_choice": deputies.DEPUTY_ERROR,
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(m.pk): m for m in candidates}
        self.fields["deputy"].choices = [
            (key, f"{m.user.get_full_name()} ({m.job_title or m.user.email})")
            for key, m in self.candidates.items()
        ]

    def clean_deputy(self):
        return self.candidates[self.cleaned_data["deputy"]]


def deputy(request, partnership_slug):
    membership = request.membership
    if not deputies.can_name_deputy(membership):
        raise PermissionDenied
    current = deputies.current_deputy(membership)
    form = DeputyForm(
        posted(request) if request.POST.get("action") != "remove" else None,
        candidates=deputies.deputy_candidates(membership),
        initial={"deputy": str(current.pk)} if current else None,
    )
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            result = run_service(
                form, services.deputy_remove, actor=request.user, membership=membership
            )
            if not failed(result):
                messages.success(request, "You have no deputy now.")
                return redirect("cases:deputy", partnership_slug)
        elif form.is_valid():
            chosen = form.cleaned_data["deputy"]
            result = run_service(
                form,
                services.deputy_name,
                actor=request.user,
                membership=membership,
                deputy=chosen,
            )
            if not failed(result):
                messages.success(
                    request, f"{chosen.user.get_full_name()} is your deputy. We have told them."
                )
                return redirect("cases:deputy", partnership_slug)
    return render(
        request,
        "cases/deputy.html",
        {
            "form": form,
            "current": current,
            "authorises": deputies.deputies_authorise(membership.partnership),
        },
    )
