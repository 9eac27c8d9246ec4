"""Your account → API tokens: make one (its secret shown once), revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from cases.forms_api_tokens import ApiTokenForm
from cases.models import ApiToken
from cases.services import api_tokens
from cases.views.helpers import failed, posted, run_service


@never_cache
@login_required
def api_token_create(request):
    form = ApiTokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            api_tokens.api_token_create,
            user=request.user,
            name=form.cleaned_data["name"],
            expiry_days=form.cleaned_data["expiry_days"],
        )
        if not failed(result):
            # Shown in this response only: the secret is never stored, not even in the session.
            token, secret = result
            return render(
                request, "account/api_token_created.html", {"token": token, "secret": secret}
            )
    return render(request, "account/api_token_form.html", {"form": form})


@login_required
def api_token_revoke(request, pk):
    try:
        token = api_tokens.api_token_for_user(user=request.user, pk=pk)
        if request.method == "POST":
            api_tokens.api_token_revoke(user=request.user, pk=pk)
            messages.success(request, f"The API token “{token.name}” has been revoked.")
            return redirect("account_home")
    except ApiToken.DoesNotExist as exc:
        raise Http404("No such token") from exc
    return render(request, "account/api_token_revoke.html", {"token": token})
