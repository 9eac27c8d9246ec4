"""Issue 11, "Short decision pages": in headless Chromium, the SLO's "check your answers", the
authoriser's page and the triage and executive decision pages lead with a short summary and the
decision, for a referral of real size (tests/referrals/typical.py); the full answers are one
GOV.UK Details away. PRM_SCREENSHOTS=<folder> saves each page there, to look at."""

import os
import re

import pytest

from cases.models import Role
from referrals.services import authorisation, executive, triage
from tests.browser import axe_problems
from tests.referrals.typical import TODAY, typical_draft

pytestmark = pytest.mark.browser

FOLD = 1200  # px from the top of the page: the decision must start above it
SHORT = 2500  # px: the page but the decision, answers folded away (it was over 11,000)
SCREENSHOTS = os.environ.get("PRM_SCREENSHOTS")


def _top(locator) -> float:
    return locator.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


def _height(page) -> int:
    return page.evaluate("document.body.scrollHeight")


def _check_short_page(page, decision, name):
    height = _height(page)
    assert decision.is_visible()
    top = _top(decision)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)
        print(f"{name}: page {height} px, the decision at {top:.0f} px")
    assert top < FOLD, f"{name}: the decision starts {top:.0f} px down (page {height} px)"
    # Everything but the decision itself (a long form may follow the summary) is short.
    rest = height - decision.bounding_box()["height"]
    assert rest < SHORT, f"{name}: the page is {height} px tall, {rest} px without the decision"
    assert not axe_problems(page)
    return height


def _check_all_answers_in_details(page, referral, name):
    details = page.locator("details", has_text="Show all the answers")
    assert details.count() == 1, f"{name}: one Details holds the answers"
    answers = details.locator(".govuk-details__text")
    assert not answers.is_visible()
    folded = _height(page)
    details.locator("summary").click()
    assert answers.is_visible()
    text = answers.inner_text()
    expected = [
        "Jordan Typical",
        "Casey Typical",
        "Maternal grandmother",
        "Example Primary School",
        "The designated safeguarding lead",
        "Domestic abuse in the household",
        "Through the allocated social worker",
        referral.key_issues[:60],
        referral.anything_else[:60],
    ]
    missing = [e for e in expected if e not in text]
    assert not missing, f"{name}: not in the answers: {missing}"
    assert _height(page) > folded + 3000, f"{name}: the answers did not unfold"
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}-answers.png", full_page=True)


def test_check_your_answers_leads_with_the_summary_and_the_send_button(live_world, browser_page):
    side = live_world.alpha
    slo = side.members[Role.SLO]
    referral = typical_draft(side, slo)
    page = browser_page(slo.user)
    page.goto(f"/p/{side.partnership.slug}/referrals/{referral.pk}/draft/check/")
    summary = page.locator("main .govuk-summary-list").first
    for text in (referral.reference, "Jordan Typical", "Casey Typical", "seriously harmed"):
        assert text in summary.inner_text()
    button = page.get_by_role("button", name="Authorise and send to the partnership")
    _check_short_page(page, button, "check")
    _check_all_answers_in_details(page, referral, "check")
    # The change links are still there, inside the answers.
    assert page.get_by_role("link", name=re.compile(r"^Change what happened\?")).count() >= 1


def test_authorise_page_leads_with_the_summary_and_the_decision(live_world, browser_page):
    side = live_world.alpha
    staff = side.members[Role.AGENCY_STAFF]
    referral = typical_draft(side, staff)
    authorisation.referral_submit_for_authorisation(
        actor=staff.user, membership=staff, referral=referral
    )
    referral.refresh_from_db()
    page = browser_page(side.user(Role.SLO))
    page.goto(f"/p/{side.partnership.slug}/referrals/{referral.pk}/authorise/")
    summary = page.locator("main .govuk-summary-list").first
    for text in (referral.reference, "Jordan Typical", "seriously harmed", str(referral.agency)):
        assert text in summary.inner_text()
    form = page.locator("main form[method=post]")
    _check_short_page(page, form, "authorise")
    assert _top(page.get_by_role("button", name="Continue")) < FOLD + 400
    _check_all_answers_in_details(page, referral, "authorise")
    # The decision still works from the short page.
    page.get_by_label("Yes, authorise it").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(rf"/referrals/{referral.pk}/$"))
    referral.refresh_from_db()
    assert referral.status == "submitted"


def test_triage_and_executive_pages_lead_with_the_summary_and_the_decision(
    live_world, browser_page
):
    side = live_world.alpha
    slug = side.partnership.slug
    slo, bm = side.members[Role.SLO], side.members[Role.BUSINESS_MANAGER]
    referral = typical_draft(side, slo)
    authorisation.referral_authorise(actor=slo.user, membership=slo, referral=referral)
    base = f"/p/{slug}/referrals/{referral.pk}"
    page = browser_page(bm.user)
    for name, path in (("quality-assure", "quality-assure/"), ("decide", "decision/")):
        page.goto(f"{base}/{path}")
        assert "Jordan Typical" in page.locator("main .govuk-summary-list").first.inner_text()
        _check_short_page(page, page.locator("main form[method=post]"), name)
        _check_all_answers_in_details(page, referral, name)

    triage.referral_decide(
        actor=bm.user,
        membership=bm,
        referral=referral,
        outcome="recommend_rapid_review",
        rationale="Serious harm; abuse suspected. " * 6,
        decided_on=TODAY,
        decided_by="SIRG",
    )
    page.goto(f"{base}/recommendation/")
    assert "Jordan Typical" in page.locator("main .govuk-summary-list").first.inner_text()
    form = page.locator("main form[method=post]")
    assert _top(form) < FOLD, "recommendation: the form starts below the fold"
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/recommendation.png", full_page=True)
    assert not axe_problems(page)
    _check_all_answers_in_details(page, referral, "recommendation")

    executive.referral_recommend_to_executive(
        actor=bm.user, membership=bm, referral=referral, abuse_or_neglect="abuse"
    )
    page = browser_page(side.user(Role.EXECUTIVE))
    page.goto(f"{base}/recommendation/decision/")
    summary = page.locator("main .govuk-summary-list").first.inner_text()
    assert "Jordan Typical" in summary and referral.reference in summary
    assert "Serious harm; abuse suspected." in page.locator("main").inner_text()
    _check_short_page(page, page.locator("main form[method=post]"), "executive")
    _check_all_answers_in_details(page, referral, "executive")
