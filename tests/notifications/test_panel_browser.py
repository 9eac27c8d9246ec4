"""The National Panel's reply in headless Chromium, on Lincolnshire's preset: the business
manager records that the rapid review went to the Panel (every error at once first), sees the
reply overdue on My work, records a reply contrary to the partnership's decision; the Assurance
Executive finds it on My work and records its reconsideration (Lincolnshire 000 chapter 4)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cases.models import CaseStage, Role
from cases.services import cases as case_services
from notifications.models import PanelResponse
from tests.browser import axe_problems

pytestmark = pytest.mark.browser

LONDON = ZoneInfo("Europe/London")
SENT = datetime.date(2026, 12, 7)
TODAY = datetime.date(2027, 1, 15)  # 15 working days after SENT were up on 30 December 2026


def fill_date(page, name: str, day: datetime.date):
    page.locator(f"[name={name}_day]").fill(str(day.day))
    page.locator(f"[name={name}_month]").fill(str(day.month))
    page.locator(f"[name={name}_year]").fill(str(day.year))


def test_a_contrary_reply_goes_back_to_the_assurance_executive(
    live_world, browser_page, celery_eager, monkeypatch
):
    real_now = timezone.now
    shift = datetime.datetime.combine(TODAY, datetime.time(10), tzinfo=LONDON) - real_now()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + shift)
    alpha = live_world.alpha
    slug = alpha.partnership.slug
    bm = alpha.members[Role.BUSINESS_MANAGER]
    case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child P",
        agencies=[alpha.agencies["police"]],
        stage=CaseStage.RAPID_REVIEW,
    )

    page = browser_page(bm.user)
    page.goto(f"/p/{slug}/cases/{case.pk}/")
    page.get_by_role("link", name="Record that the rapid review went to the National Panel").click()
    assert not axe_problems(page)
    page.get_by_role("button", name="Wait for the Panel's reply").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the date the rapid review was sent to the National Panel" in summary
    fill_date(page, "submitted_on", SENT)
    page.get_by_role("radio", name="No further review").check()
    page.get_by_role("button", name="Wait for the Panel's reply").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/panel-responses/\d+/$"))
    response = PanelResponse.objects.get(case=case)
    assert "30 December 2026" in page.locator("main").inner_text()

    page.goto(f"/p/{slug}/")
    work = page.locator("main").inner_text()
    section = work[work.index("National Panel replies") :]
    assert case.reference in section and "Overdue" in section

    page.goto(f"/p/{slug}/panel-responses/{response.pk}/")
    page.get_by_role("link", name="Record the Panel's reply").click()
    assert not axe_problems(page)
    fill_date(page, "received_on", datetime.date(2027, 1, 8))
    page.get_by_role("radio", name="A local review (LCSPR) is appropriate").check()
    page.get_by_label("What the Panel said").fill("Learning about the school's referrals.")
    page.get_by_role("button", name="Record the reply").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/panel-responses/{response.pk}/$"))
    assert "back with the Assurance Executive" in page.locator("main").inner_text()

    executive = browser_page(alpha.members[Role.EXECUTIVE].user)
    executive.goto(f"/p/{slug}/")
    executive.get_by_role("link", name=re.compile(f"{case.reference}: the National Panel")).click()
    executive.get_by_role("link", name="Record the reconsideration").click()
    assert not axe_problems(executive)
    executive.get_by_role("radio", name="Follow the Panel's view").check()
    executive.get_by_label("Reasons").fill("An LCSPR is commissioned.")
    fill_date(executive, "reconsidered_on", datetime.date(2027, 1, 12))
    executive.get_by_role("button", name="Record the decision").click()
    executive.wait_for_url(re.compile(rf"/p/{slug}/panel-responses/{response.pk}/$"))
    text = executive.locator("main").inner_text()
    assert "Concluded" in text and "Follow the Panel's view" in text
    response.refresh_from_db()
    assert response.reconsidered_by == alpha.members[Role.EXECUTIVE].user
