"""Journeys through the real pages in headless Chromium (tests/browser.py).

The foundation's "done when": a business manager of one partnership, signed in with two factors
through the real forms, invites someone, finds a case, adds a person and a document and sees both
in the case history; a safeguarding lead officer of another partnership gets 404 on every one of
those pages.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from cases.models import Attachment, Invitation, Role, Subject
from tests.browser import PASSWORD, axe_problems, shell_problems
from tests.factories import TEST_TOTP_SECRET
from tests.world import PDF_BYTES

pytestmark = pytest.mark.browser


_last_counter: dict[int, int] = {}


def _fresh_totp_code(user) -> str:
    """A code of a time step this user has not used yet: allauth refuses a code twice (replay
    protection), so a second sign-in within the same 30 seconds waits for the next step."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    counter = int(time.time()) // period
    while counter == _last_counter.get(user.pk):
        time.sleep(period - time.time() % period + 0.05)
        counter = int(time.time()) // period
    _last_counter[user.pk] = counter
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, counter))


def sign_in(page, user):
    """Sign in through the sign-in form and the second-factor page, as a person would."""
    page.goto("/")
    assert page.url.endswith("/accounts/login/?next=/") or "/accounts/login/" in page.url
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    # The second-factor page is also checked for accessibility here, signed in for real.
    assert not shell_problems(page) and not axe_problems(page)
    page.get_by_label("Enter the code from your authenticator app").fill(_fresh_totp_code(user))
    page.get_by_role("button", name="Continue").click()


def test_business_manager_journey_and_another_partnership_sees_none_of_it(live_world, browser_page):
    alpha, beta = live_world.alpha, live_world.beta
    slug = alpha.partnership.slug
    bm = alpha.user(Role.BUSINESS_MANAGER)
    page = browser_page()  # signed out: the real forms below sign in
    sign_in(page, bm)
    page.wait_for_url(f"**/p/{slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "My work"
    visited = {}

    # Invite someone.
    page.get_by_role("link", name="People").click()
    visited["people"] = page.url
    page.get_by_role("link", name="Invite someone").click()
    visited["invite"] = page.url
    page.get_by_label("Full name").fill("Pat Newcomer")
    page.get_by_label("E-mail address").fill("pat.newcomer@alpha.test")
    page.get_by_label("Job title (optional)").fill("Designated safeguarding lead")
    page.get_by_label("Agency (optional)").select_option(label=alpha.agencies["school"].name)
    page.get_by_label("Agency staff").check()
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_url(f"**/p/{slug}/people/")
    assert "pat.newcomer@alpha.test" in page.locator("main").inner_text()
    assert Invitation.objects.filter(email="pat.newcomer@alpha.test").exists()

    # Find the case and open it.
    page.get_by_role("link", name="Cases", exact=True).click()
    visited["case list"] = page.url
    page.get_by_role("link", name=alpha.case.reference).click()
    visited["case"] = page.url
    assert page.get_by_role("heading", level=1).inner_text() == alpha.case.title

    # Add a person.
    page.get_by_role("link", name="Add a person").click()
    visited["add a person"] = page.url
    page.get_by_label("Sibling").check()
    page.locator("#id_first_name").fill("Robin")
    page.locator("#id_last_name").fill("Journeyman")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/cases/{alpha.case.pk}/$"))
    assert "Robin Journeyman" in page.locator("main").inner_text()
    subject = Subject.objects.get(case=alpha.case, last_name="Journeyman")

    # Upload a PDF.
    page.get_by_role("link", name="Upload a document").click()
    visited["upload"] = page.url
    page.get_by_label("Upload a file").set_input_files(
        {"name": "journey-chronology.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_label("Description (optional)").fill("Police chronology")
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_url(re.compile(rf"/p/{slug}/cases/{alpha.case.pk}/$"))
    assert "journey-chronology.pdf" in page.locator("main").inner_text()
    attachment = Attachment.objects.get(case=alpha.case, original_name="journey-chronology.pdf")

    # Both are in the case history.
    page.get_by_role("link", name="History and access log").click()
    visited["history"] = page.url
    history = page.locator("main").inner_text()
    assert "Robin Journeyman" in history, history
    assert "journey-chronology.pdf" in history, history
    assert not axe_problems(page)

    # Someone of another partnership: 404 on every one of those pages, and on the new records.
    visited["person"] = page.url.replace("history/", f"people/{subject.pk}/")
    visited["download"] = page.url.replace("history/", f"documents/{attachment.pk}/download/")
    outsider = browser_page(beta.user(Role.SLO))
    for name, address in visited.items():
        response = outsider.goto(address)
        assert response.status == 404, f"{name}: {address} answered {response.status}"
        assert outsider.get_by_role("heading", level=1).inner_text() == "Page not found"
    # ... while their own partnership works as normal.
    response = outsider.goto(f"/p/{beta.partnership.slug}/cases/")
    assert response.status == 200


def _overflow(page, selector: str) -> list[str]:
    """Where the element, or the page, is wider than the screen (cut off or scrolled sideways)."""
    return page.evaluate(
        """(selector) => {
            const problems = [];
            const root = document.documentElement;
            const width = root.clientWidth;
            if (root.scrollWidth > width) {
                problems.push(`page scrolls sideways: ${root.scrollWidth} > ${width}`);
            }
            for (const box of document.querySelector(selector).getClientRects()) {
                if (box.left < 0 || box.right > width) {
                    problems.push(`${selector} spans ${box.left} to ${box.right} of ${width}`);
                }
            }
            return problems;
        }""",
        selector,
    )


@pytest.mark.parametrize("width", [320, 1280])
def test_a_new_api_token_is_shown_whole_copied_and_revoked(live_world, browser_page, width):
    """The token wraps inside its column at 320 and 1280 px (an accessibility finding), the Copy
    button copies it, and Your account lists and revokes it."""
    from cases.models import ApiToken

    user = live_world.alpha.user(Role.BUSINESS_MANAGER)
    page = browser_page(user)
    page.set_viewport_size({"width": width, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/account/")
    page.get_by_role("button", name="Create a new API token").click()
    page.get_by_label("Name").fill("Reporting spreadsheet")
    page.get_by_label("In 30 days").check()
    page.get_by_role("button", name="Create token").click()
    page.wait_for_url("**/account/api-tokens/new/")
    assert page.get_by_role("heading", level=1).inner_text() == "API token created"
    secret = page.locator("#api-token-secret").inner_text()
    assert secret.startswith("prm_") and len(secret) == 47
    assert not _overflow(page, "#api-token-secret")
    assert not shell_problems(page) and not axe_problems(page)
    page.get_by_role("button", name="Copy token").click()
    expect(page.get_by_role("status")).to_have_text("Token copied.")
    assert page.evaluate("navigator.clipboard.readText()") == secret

    page.get_by_role("link", name="Go back to your account").click()
    assert "Reporting spreadsheet" in page.locator("main").inner_text()
    assert secret not in page.content()
    page.get_by_role("link", name="Revoke the token “Reporting spreadsheet”").click()
    assert not shell_problems(page) and not axe_problems(page)
    page.get_by_role("button", name="Revoke token").click()
    page.wait_for_url("**/account/")
    assert "has been revoked" in page.locator("main").inner_text()
    assert ApiToken.objects.get(user=user).end_reason == "revoked"
