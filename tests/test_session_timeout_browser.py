"""Issue 15, point 1 in headless Chromium, with the idle limit shortened by a setting: the
GOV.UK timeout warning appears before the limit, "Stay signed in" really renews the session,
and an answer typed and left idle comes back after signing in again."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from cases.models import Role
from tests.browser import PASSWORD, axe_problems
from tests.referrals import helpers
from tests.test_browser_journeys import _fresh_totp_code

pytestmark = pytest.mark.browser

IDLE = 30  # seconds
WARN = 20  # the warning shows 10 seconds after the last request


def test_the_warning_the_renewal_and_the_kept_answer(live_world, browser_page, settings):
    settings.SESSION_COOKIE_AGE = IDLE
    settings.SESSION_WARNING_SECONDS = WARN
    side = live_world.alpha
    slo = side.user(Role.SLO)
    referral = helpers.complete_draft(side)
    question = f"/p/{side.partnership.slug}/referrals/{referral.pk}/draft/questions/incident/"

    page = browser_page(slo)
    page.goto(question)
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    dialog.wait_for(state="visible", timeout=(IDLE - WARN + 10) * 1000)
    stay = dialog.get_by_role("button", name="Stay signed in")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stay signed in"
    assert "we will sign you out in" in page.locator("#app-timeout-live").inner_text()
    assert not axe_problems(page)

    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    before = Session.objects.get(session_key=key).expire_date
    stay.click()
    dialog.wait_for(state="hidden")
    after = Session.objects.get(session_key=key).expire_date
    assert after > before and (after - timezone.now()).total_seconds() > WARN

    page.get_by_label(re.compile("Where did it happen")).fill("At a friend's flat")
    page.wait_for_url("**/accounts/login/**", timeout=(IDLE + 15) * 1000)
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "You have been signed out" in banner and "has been kept" in banner
    assert not page.console_errors, page.console_errors

    page.get_by_label("Email address").fill(slo.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Enter the code from your authenticator app").fill(_fresh_totp_code(slo))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{question}")
    assert (
        page.get_by_label(re.compile("Where did it happen")).input_value() == "At a friend's flat"
    )
    assert "We have put back what you typed" in page.locator("#app-kept-banner").inner_text()
    referral.refresh_from_db()
    assert referral.incident_location != "At a friend's flat"  # put back, not saved
