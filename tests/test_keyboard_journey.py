"""Keyboard only (issue 15): someone who cannot use a mouse signs in with both factors, starts a
referral and adds a child, with Tab, Shift+Tab, Enter and Space and typing, never a click.

``tab_to`` presses Tab until the element someone would be looking for has focus, so the test
also fails when a control cannot be reached by keyboard at all (not focusable, or trapped).
"""

import re

import pytest

from cases.models import Role
from referrals.models import Referral
from tests.browser import PASSWORD
from tests.test_browser_journeys import _fresh_totp_code

pytestmark = pytest.mark.browser

MAX_TABS = 120

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return {tag: "body", name: "", field: ""};
    const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
    return {
        tag: el.tagName.toLowerCase(),
        name: (label || el.getAttribute("aria-label") || el.innerText || el.value || "").trim(),
        field: el.getAttribute("name") || "",
    };
}"""


def tab_to(page, name: str | None = None, *, field: str | None = None) -> dict:
    """Press Tab until the focused element has this visible name (label, link or button
    text) or this form field name; the focused element's description."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if (name is not None and focused["name"] == name) or (
            field is not None and focused["field"] == field
        ):
            return focused
        seen.append(focused["name"] or focused["field"] or focused["tag"])
    raise AssertionError(f"{name or field!r} not reached with Tab on {page.url}; went {seen}")


def press_and_wait(page, key: str):
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def test_sign_in_start_a_referral_and_add_a_child_by_keyboard(live_world, browser_page):
    side = live_world.alpha
    slug = side.partnership.slug
    slo = side.user(Role.SLO)
    page = browser_page()
    page.goto("/")
    assert "/accounts/login/" in page.url

    # The first Tab reaches the skip link.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "Skip to main content"

    # Sign in: e-mail, password, the button (Enter).
    tab_to(page, field="login")
    page.keyboard.type(slo.email)
    tab_to(page, field="password")
    page.keyboard.type(PASSWORD)
    tab_to(page, "Sign in")
    press_and_wait(page, "Enter")
    assert "/accounts/2fa/authenticate/" in page.url

    # The second factor: type the code and press Enter in the box.
    tab_to(page, field="code")
    page.keyboard.type(_fresh_totp_code(slo))
    press_and_wait(page, "Enter")
    assert page.url.endswith(f"/p/{slug}/"), page.url

    # Referrals, "Refer a case" (a link that looks like a button: Space works too), Start now.
    tab_to(page, "Referrals")
    press_and_wait(page, "Enter")
    tab_to(page, "Refer a case")
    press_and_wait(page, "Space")
    tab_to(page, "Start now")
    press_and_wait(page, "Enter")
    assert re.search(rf"/p/{slug}/referrals/\d+/draft/$", page.url), page.url
    referral = Referral.objects.get(created_by=slo)

    # The child or children, "Add a child".
    tab_to(page, "The child or children")
    press_and_wait(page, "Enter")
    tab_to(page, "Add a child")
    press_and_wait(page, "Enter")

    tab_to(page, field="first_name")
    page.keyboard.type("Kai")
    tab_to(page, field="last_name")
    page.keyboard.type("Keyboard")
    tab_to(page, field="date_of_birth_day")
    page.keyboard.type("4")
    page.keyboard.press("Tab")
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.type("2019")
    # Sex: radios are one Tab stop; Space chooses the focused one.
    focused = tab_to(page, field="sex")
    page.keyboard.press("Space")
    assert page.locator("input[name=sex]:checked").count() == 1, focused
    tab_to(page, "Save and come back later")
    press_and_wait(page, "Enter")

    assert re.search(rf"/p/{slug}/referrals/{referral.pk}/draft/$", page.url), page.url
    assert "Your answers have been saved" in page.locator("main").inner_text()
    child = referral.children.get()
    assert (child.first_name, child.last_name, str(child.date_of_birth)) == (
        "Kai",
        "Keyboard",
        "2019-05-04",
    )
    assert child.sex
