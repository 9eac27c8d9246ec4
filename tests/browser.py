"""Browser test helpers: Playwright driving Debian's Chromium against a live Django server.

The fixtures (end of tests/conftest.py) use these:

    browser        one headless Chromium for the whole test session (CHROMIUM_PATH, default
                   /usr/bin/chromium). A missing Chromium FAILS every browser test: they never
                   skip, so CI cannot go green without running them.
    shared_site    for a module of read-mostly page checks (tests/test_accessibility.py): a live
                   server of its own and ONE tests/world.py world, committed, shared by the
                   module's tests, flushed when the module ends (a flush per page would cost more
                   than the page). site.open(user, session="full") -> a fresh Playwright page.
    live_world     for journeys that change things (tests/test_browser_journeys.py): the world
                   built per test on pytest-django's live_server (transactional_db).
    browser_page   browser_page(user=None, session="full") -> a page on live_server.

Signing in is done by creating the session server-side and handing its cookie to the browser,
so a page test costs one page load. ``session="password"`` stops after the password step (the
second-factor page); test_browser_journeys.py signs in for real through both forms.

Accessibility: ``axe_problems(page)`` runs axe-core (bundled by axe-playwright-python, injected
by Playwright, so the page's CSP still applies to the page itself) and returns a readable report
of violations with impact serious or critical, or "" when there are none.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
FAIL_IMPACTS = {"serious", "critical"}
ALL_IMPACTS = {"minor", "moderate", "serious", "critical"}
# What axe checks: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (landmarks,
# one main, headings in order, ...), named explicitly so that a new axe version cannot narrow it.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": AXE_TAGS}}
REFLOW_WIDTH = 320  # CSS px: WCAG 1.4.10, the same as 1280 px at 400% zoom
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's password
TITLE_SUFFIX = " – Practice Review Manager"
TIMEOUT_MS = 15_000


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {path}. Browser tests do not skip: install it "
            "(apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.",
            pytrace=False,
        )
    return path


@contextlib.contextmanager
def launch_browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread; the ORM calls the tests make
    # between browser steps are ordinary synchronous code, so Django's guard must stand aside.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
                # Inside sync_playwright the code runs in another greenlet, where Django's
                # thread-local connections are separate ones: close them, or the test database
                # cannot be dropped at the end ("being accessed by other users").
                from django.db import connections

                connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# --- sessions -------------------------------------------------------------------------------


def session_key(user, *, session: str = "full") -> str:
    """A session for `user` made with Django's test client; returns its key.

    full:     signed in with both factors, and "recently authenticated" for allauth, so pages
              that ask for the password again (two-factor settings) open straight away;
    password: the password step done, the second-factor code page waiting.
    """
    client = Client()
    if session == "password":
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        assert response.status_code == 302, "the password step failed"
        assert response["Location"] == reverse("mfa_authenticate"), response["Location"]
    elif session == "full":
        client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
        s = client.session
        s["account_authentication_methods_user"] = str(user.pk)
        s["account_authentication_methods"] = [
            {"method": "password", "at": time.time(), "email": user.email, "reauthenticated": True}
        ]
        s.save()
    else:
        raise ValueError(f"unknown session kind {session!r}")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def new_context(browser, base_url: str):
    context = browser.new_context(base_url=base_url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    return context


def open_page(context, base_url: str, key: str | None = None):
    """A new page in `context`, with the session cookie if given. Console errors (a CSP
    refusal, a failing script) are collected in page.console_errors."""
    if key:
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": key, "url": base_url}])
    page = context.new_page()
    errors: list[str] = []

    def on_console(msg):
        # A page's own error status (the 404 page) is not a fault of the page.
        if msg.type == "error" and msg.location.get("url") != page.url:
            errors.append(f"{msg.text} ({msg.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    return page


def new_page(browser, base_url: str, key: str | None = None):
    """A page in a fresh browser context (its own cookies)."""
    return open_page(new_context(browser, base_url), base_url, key)


@dataclass
class SharedSite:
    """A live server with one committed world (see shared_site in tests/conftest.py)."""

    url: str
    world: object
    browser: object
    db_blocker: object
    context: object = None

    def open(self, user=None, session: str = "full"):
        """A new page signed in as `user` ("full" or "password" session, None: signed out).
        One browser context serves the module, so static files come from its cache."""
        with self.db_blocker.unblock():
            key = session_key(user, session=session) if user is not None else None
        if self.context is None:
            self.context = new_context(self.browser, self.url)
        for page in self.context.pages:
            page.close()
        self.context.clear_cookies()
        return open_page(self.context, self.url, key)


@contextlib.contextmanager
def shared_site(browser, db_blocker, storage_dir):
    from django.test import override_settings
    from django_scopes import scopes_disabled
    from pytest_django.live_server_helper import LiveServer

    from tests.database import flush_as_owner
    from tests.world import build_world

    server = LiveServer("localhost")
    site = None
    # The world's attachment goes to a temporary folder, like every test's (conftest).
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(storage_dir)},
        },
    }
    try:
        with db_blocker.unblock(), scopes_disabled(), override_settings(STORAGES=storages):
            world = build_world()
        site = SharedSite(url=server.url, world=world, browser=browser, db_blocker=db_blocker)
        yield site
    finally:
        if site is not None and site.context is not None:
            site.context.close()
        server.stop()
        # Like pytest-django's transactional teardown: empty every table (post_migrate data
        # such as content types is re-created), so later tests start from a clean database.
        with db_blocker.unblock():
            flush_as_owner()


# --- checks ---------------------------------------------------------------------------------


def axe_problems(page, impacts=FAIL_IMPACTS) -> str:
    """Run axe-core on the page; a report of the violations with these impacts, or ""."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    lines = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in impacts:
            continue
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}\n       {node['html'][:200]}\n       {summary[:300]}")
    if not lines:
        return ""
    return f"axe: serious or critical violations on {page.url}\n" + "\n".join(lines)


def reflow_problems(page, width: int = REFLOW_WIDTH) -> list[str]:
    """WCAG 1.4.10: at `width` CSS px the page must not scroll sideways. Resizes the viewport
    (no reload, so a submitted form's errors stay), names the elements sticking out, and puts
    the viewport back."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        return page.evaluate(
            """(width) => {
                const root = document.documentElement;
                if (root.scrollWidth <= width) return [];
                const culprits = [];
                for (const el of document.querySelectorAll("body *")) {
                    const box = el.getBoundingClientRect();
                    const parent = el.parentElement;
                    if (box.right > width + 1 && el.offsetParent !== null
                            && !(parent && parent.getBoundingClientRect().right > width + 1)) {
                        const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                            + (el.className && typeof el.className === "string"
                               ? "." + el.className.trim().split(/\\s+/).join(".") : "");
                        culprits.push(`${name} reaches ${Math.round(box.right)} px`);
                    }
                }
                return [`page is ${root.scrollWidth} px wide at ${width} px (scrolls sideways)`,
                        ...culprits.slice(0, 8)];
            }""",
            width,
        )
    finally:
        if before:
            page.set_viewport_size(before)


def error_summary_problems(page) -> list[str]:
    """Every in-page link of an error summary must lead to an element of the page (the field),
    or following it leaves focus at the top of the page."""
    return page.evaluate(
        """() => {
            const problems = [];
            for (const a of document.querySelectorAll('.govuk-error-summary a[href^="#"]')) {
                const id = decodeURIComponent(a.getAttribute("href").slice(1));
                if (!id || !document.getElementById(id)) {
                    problems.push(`error summary link "${a.textContent.trim()}" goes to #${id}, `
                                  + "which is not on the page");
                }
            }
            return problems;
        }"""
    )


def shell_problems(page) -> list[str]:
    """The page-shell rules every page keeps: one <h1>, the title pattern, no CSP refusals."""
    problems = []
    h1_count = page.locator("h1").count()
    if h1_count != 1:
        problems.append(f"{h1_count} <h1> elements (want exactly one)")
    title = page.title()
    if not title.endswith(TITLE_SUFFIX):
        problems.append(f"title {title!r} does not end with {TITLE_SUFFIX!r}")
    has_errors = page.locator(".govuk-error-summary").count() > 0
    if has_errors != title.startswith("Error: "):
        problems.append(f"title {title!r}: 'Error: ' prefix must match the error summary")
    problems += [f"console: {e}" for e in page.console_errors]
    return problems


def journey_screenshots(name: str):
    """take(page, label) for a whole-journey test: full-page screenshots numbered in order, in
    $PRM_VAR_DIR/<name> (or a temporary folder); take.folder says where."""
    import itertools
    import tempfile

    folder = Path(os.environ.get("PRM_VAR_DIR") or tempfile.mkdtemp()) / name
    folder.mkdir(parents=True, exist_ok=True)
    numbers = itertools.count(1)

    def take(page, label: str) -> None:
        page.screenshot(path=str(folder / f"{next(numbers):02d}-{label}.png"), full_page=True)

    take.folder = folder
    return take


def journey_people(browser_page, slug: str):
    """as_(membership) for a whole-journey test: a page signed in as that person, through the
    real forms (password and authenticator code) the first time, then with a session made on
    the server (the journey's clock moved on, so the last one idled out). The last person's
    browser is closed first: its kept-alive connections each hold a database connection."""
    from tests.test_browser_journeys import sign_in

    signed_in, opened = set(), []

    def as_(person):
        while opened:
            opened.pop().context.close()
        if person.pk in signed_in:
            page = browser_page(person.user)
        else:
            signed_in.add(person.pk)
            page = browser_page()
            sign_in(page, person.user)
            page.wait_for_url(f"**/p/{slug}/")
        opened.append(page)
        return page

    return as_
