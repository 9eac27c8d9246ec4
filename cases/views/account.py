from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cases import deputies
from cases.forms_settings import ReminderPreferenceForm
from cases.services import api_tokens, preferences
from cases.tenancy import memberships_of


@login_required
def account_home(request):
    user = request.user
    new_calendar_token = request.session.pop("new_calendar_token", None)
    memberships = memberships_of(user)
    for m in memberships:
        m.names_deputy = deputies.can_name_deputy(m)
    return render(
        request,
        "account/home.html",
        {
            "memberships": memberships,
            "mfa_enabled": is_mfa_enabled(user),
            "api_tokens": api_tokens.api_tokens_of(user=user),
            "max_api_tokens": api_tokens.MAX_TOKENS,
            "reminder_form": ReminderPreferenceForm(
                initial={"delivery": "digest" if user.reminder_digest else "each"}
            ),
            "has_calendar_feed": bool(user.calendar_token),
            "new_calendar_url": settings.SITE_URL
            + reverse("calendar_feed", args=[new_calendar_token])
            if new_calendar_token
            else None,
        },
    )


@login_required
@require_POST
def reminder_preferences(request):
    form = ReminderPreferenceForm(request.POST)
    if form.is_valid():
        digest = form.cleaned_data["delivery"] == "digest"
        preferences.reminder_digest_set(user=request.user, digest=digest)
        text = "one e-mail a day" if digest else "each reminder as it falls due"
        messages.success(request, f"You will get {text}.")
    return redirect("account_home")


@login_required
@require_POST
def calendar_token_reset(request):
    if request.POST.get("action") == "revoke":
        preferences.calendar_token_revoke(user=request.user)
        messages.success(request, "Your calendar feed is off; the old address no longer works.")
        return redirect("account_home")
    request.session["new_calendar_token"] = preferences.calendar_token_reset(user=request.user)
    messages.success(
        request, "Your calendar feed has a new address. Copy it now: it is shown once."
    )
    return redirect("account_home")
