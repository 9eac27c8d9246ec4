from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from cases.audit import audit_record
from cases.tenancy import memberships_of


@login_required
def account_home(request):
    return render(
        request,
        "account/home.html",
        {
            "memberships": memberships_of(request.user),
            "mfa_enabled": is_mfa_enabled(request.user),
            "has_token": Token.objects.filter(user=request.user).exists(),
            "new_token": request.session.pop("new_api_token", None),
        },
    )


@login_required
@require_POST
def api_token_reset(request):
    Token.objects.filter(user=request.user).delete()
    token = Token.objects.create(user=request.user)
    audit_record(actor=request.user, partnership=None, action="api_token.reset", obj=request.user)
    request.session["new_api_token"] = token.key
    messages.success(request, "A new API token has been created. Copy it now: it is shown once.")
    return redirect("account_home")
