"""The referrals "done when", in headless Chromium: a Lincolnshire safeguarding lead officer
drafts a referral over two sessions, authorises and sends it; the business manager asks for
more information, gets it and recommends a rapid review; the executive agrees; the referral and
recommendation PDFs download; someone of another partnership (on Swindon's settings) gets 404
on every page of it."""

import re

import pytest

from cases.models import CaseStage, Role
from cases.workflow import preset
from referrals.models import Referral
from tests.browser import axe_problems
from tests.test_browser_journeys import sign_in

pytestmark = pytest.mark.browser


def main_text(page) -> str:
    return page.locator("main").inner_text()


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue").click()


def test_referral_from_draft_to_executive_decision(live_world, browser_page, celery_eager):
    alpha, beta = live_world.alpha, live_world.beta
    beta.partnership.workflow = preset("swindon")
    beta.partnership.workflow_preset = "swindon"
    beta.partnership.save()
    slug = alpha.partnership.slug
    slo = alpha.user(Role.SLO)
    visited = {}

    # Session 1: the SLO starts the referral, adds the child and stops.
    page = browser_page()
    sign_in(page, slo)
    page.wait_for_url(f"**/p/{slug}/")
    page.get_by_role("link", name="Referrals", exact=True).click()
    visited["list"] = page.url
    page.get_by_role("button", name="Refer a case").click()
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/referrals/\d+/draft/$"))
    visited["task list"] = page.url
    referral = Referral.objects.get(created_by=slo)
    assert not axe_problems(page)
    page.get_by_role("link", name="The child or children").click()
    page.get_by_role("button", name="Add a child").click()
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Browserton")
    page.locator("[name=date_of_birth_day]").fill("4")
    page.locator("[name=date_of_birth_month]").fill("5")
    page.locator("[name=date_of_birth_year]").fill("2019")
    page.locator("[name=nhs_number]").fill("401 023 2137")
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/referrals/{referral.pk}/draft/$"))
    assert "Your answers have been saved" in main_text(page)
    page.get_by_role("button", name="Sign out").click()

    # Session 2: back from My work, the answers are still there; finish and send.
    page = browser_page()
    sign_in(page, slo)
    page.wait_for_url(f"**/p/{slug}/")
    page.get_by_role("link", name=re.compile(rf"{referral.reference}: Jordan Browserton")).click()
    page.get_by_role("link", name="The child or children").click()
    assert "Jordan Browserton" in main_text(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="What happened", exact=True).click()
    visited["question"] = page.url
    page.get_by_label("The child was seriously harmed").check()
    page.get_by_label("Where did it happen? (optional)").fill("At home")
    save_and_continue(page)
    page.get_by_label("What happened?").fill("Admitted to hospital with unexplained injuries.")
    save_and_continue(page)
    save_and_continue(page)  # why now: left for later
    page.get_by_label(re.compile("What immediate action")).fill("Placed with grandparents.")
    save_and_continue(page)
    page.get_by_role("link", name="Why you are referring").click()
    page.get_by_label("Partner notification of a serious incident").check()
    save_and_continue(page)
    page.get_by_label("Injury").check()
    save_and_continue(page)
    save_and_continue(page)  # plans and proceedings: left for later
    page.get_by_label(re.compile("Who did you discuss the referral with")).fill("Head of QA")
    page.get_by_label("Yes, they agreed a notification is needed").check()
    save_and_continue(page)
    page.get_by_role("button", name="Check your answers and send").click()
    visited["check"] = page.url
    assert "Jordan" in main_text(page)
    assert not axe_problems(page)
    page.get_by_role("button", name="Authorise and send to the partnership").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/referrals/{referral.pk}/$"))
    visited["referral"] = page.url
    assert "Received: awaiting triage" in main_text(page)
    referral.refresh_from_db()
    reference = referral.case.reference

    # The business manager asks for more information.
    bm_page = browser_page(alpha.user(Role.BUSINESS_MANAGER))
    bm_page.goto(f"/p/{slug}/referrals/triage/")
    visited["queue"] = bm_page.url
    assert not axe_problems(bm_page)
    bm_page.get_by_role("link", name=reference).click()
    bm_page.get_by_role("link", name="Ask the referrer for more information").click()
    visited["request"] = bm_page.url
    bm_page.get_by_label("What information do you need?").fill("Which school does Jordan attend?")
    bm_page.get_by_role("button", name="Send the request").click()
    assert "Waiting for more information" in main_text(bm_page)

    # The SLO answers.
    page.goto(visited["referral"])
    page.get_by_role("link", name="Give more information").first.click()
    visited["respond"] = page.url
    page.get_by_label("Your answer").fill("Alpha Academy, year 2.")
    page.get_by_role("button", name="Send your answer").click()
    assert "In triage" in main_text(page)

    # The business manager records the decision and sends the recommendation.
    bm_page.goto(visited["referral"])
    bm_page.get_by_role("link", name="Record the triage decision").click()
    visited["decide"] = bm_page.url
    bm_page.get_by_label("Recommendation to AE for Rapid Review").check()
    bm_page.get_by_label("Rationale for the decision").fill("Serious harm; abuse suspected.")
    bm_page.locator("[name=decided_on_day]").fill("2")
    bm_page.locator("[name=decided_on_month]").fill("11")
    bm_page.locator("[name=decided_on_year]").fill("2026")
    bm_page.get_by_label("Who took the decision?").fill("SIRG meeting")
    bm_page.get_by_role("button", name="Record the decision").click()
    bm_page.wait_for_url(re.compile(r"/recommendation/$"))
    visited["recommend"] = bm_page.url
    assert not axe_problems(bm_page)
    bm_page.get_by_label("Abuse", exact=True).check()
    bm_page.get_by_role("button", name="Send to the executive").click()
    assert "Awaiting executive decision" in main_text(bm_page)

    # The executive agrees.
    exe_page = browser_page(alpha.user(Role.EXECUTIVE))
    exe_page.goto(f"/p/{slug}/")
    exe_page.get_by_role("link", name=re.compile(referral.reference)).click()
    exe_page.get_by_role("link", name="Record the executive's decision").click()
    visited["executive"] = exe_page.url
    exe_page.get_by_label("Agree with the recommendation").check()
    exe_page.get_by_label("Response and rationale").fill("Criteria met: notify.")
    exe_page.locator("[name=meeting_date_day]").fill("3")
    exe_page.locator("[name=meeting_date_month]").fill("11")
    exe_page.locator("[name=meeting_date_year]").fill("2026")
    exe_page.get_by_label("Attendees").fill("Assurance Executive members")
    exe_page.get_by_role("button", name="Record the decision").click()
    assert "Decision made" in main_text(exe_page)
    referral.refresh_from_db()
    assert referral.case.stage == CaseStage.AWAITING_NOTIFICATION

    # Both PDFs are prepared (the page asks the server until they are), then download.
    for name in ("Download the referral (PDF)", "Download the recommendation to the executive"):
        exe_page.goto(visited["referral"])
        exe_page.get_by_role("link", name=re.compile(re.escape(name))).click()
        # The waiting page passes axe: no timed refresh while JavaScript polls (WCAG 2.2.1).
        if "being prepared" in exe_page.title():
            assert not axe_problems(exe_page)
            assert exe_page.locator("head meta[http-equiv=refresh]").count() == 0
        exe_page.get_by_role("heading", name="Your PDF is ready").wait_for()
        assert not axe_problems(exe_page)
        with exe_page.expect_download() as info:
            exe_page.get_by_role("link", name=re.compile(r"^Download the .* \(PDF\)$")).click()
        download = info.value
        assert download.suggested_filename.startswith(reference)
        with open(download.path(), "rb") as handle:
            assert handle.read(5) == b"%PDF-"
    visited["pdf"] = f"{visited['referral']}referral.pdf"
    visited["recommendation pdf"] = f"{visited['referral']}recommendation.pdf"

    # Someone of another partnership: 404 on every page of it.
    outsider = browser_page(beta.all_roles.user)
    for name, address in visited.items():
        if name == "list":
            continue  # their own partnership's list is theirs; the victim's slug is below
        response = outsider.goto(address)
        assert response.status == 404, f"{name}: {address} answered {response.status}"
    response = outsider.goto(visited["list"])
    assert response.status == 404
    assert outsider.goto(f"/p/{beta.partnership.slug}/referrals/").status == 200
