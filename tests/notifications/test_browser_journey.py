"""Issue 12's "done when", in headless Chromium, on Dorset's preset: the Head of QA drafts a
serious incident notification on Friday 18 December 2026 (the Friday before Christmas); the
sign-off chain returns it once, the Head of QA resubmits, every step signs off; the due date
shown is the clock's; the submission, the Panel's reference and the downloaded copy are
recorded; the copies (Dorset 3.6 and 2.6) are ticked off; the Panel's acknowledgement starts
the rapid review, whose schedule shows on the case with day zero the notification's date. A
Dorset police officer cannot draft (403) but asks the local authority to notify."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cases.clock import calendar_for, partnership_schedule
from cases.models import AgencyType, Attachment, CaseStage, Deadline, Role
from cases.services import cases as case_services
from cases.services import subjects as subject_services
from cases.workflow import preset
from notifications.choices import NotificationStatus
from notifications.models import NotificationRequest, SeriousIncidentNotification
from tests.browser import axe_problems
from tests.factories import make_member
from tests.world import PDF_BYTES

pytestmark = pytest.mark.browser

LONDON = ZoneInfo("Europe/London")
FRIDAY = datetime.date(2026, 12, 18)  # the Friday before Christmas: awareness, day zero
SUBMITTED_ON = datetime.date(2026, 12, 22)  # the Tuesday after
ACKNOWLEDGED_ON = datetime.date(2026, 12, 23)


@pytest.fixture
def clock(monkeypatch):
    """clock(day) -> the app's timezone.now() (and so localdate()) reads `day`, 10:00 London,
    moving on in real time. The live server runs in this process, so it reads the same."""
    real_now = timezone.now
    shift = {"by": datetime.timedelta()}

    def set_day(day: datetime.date, hour: int = 10):
        target = datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)
        shift["by"] = target - real_now()

    monkeypatch.setattr(timezone, "now", lambda: real_now() + shift["by"])
    return set_day


def main_text(page) -> str:
    return page.locator("main").inner_text()


def fill_date(page, name: str, day: datetime.date):
    page.locator(f"[name={name}_day]").fill(str(day.day))
    page.locator(f"[name={name}_month]").fill(str(day.month))
    page.locator(f"[name={name}_year]").fill(str(day.year))


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def decide(page, address: str, decision: str, comments: str = ""):
    """On the notification page, open the sign-off and sign off or return it."""
    page.goto(address)
    page.get_by_role("link", name=re.compile("^Sign off or return")).click()
    page.get_by_role("radio", name=decision, exact=True).check()
    if comments:
        page.get_by_label("Comments").fill(comments)
    page.get_by_role("button", name="Continue").click()


def test_dorset_notification_from_draft_to_rapid_review(
    live_world, browser_page, celery_eager, clock
):
    clock(FRIDAY)
    alpha = live_world.alpha
    partnership = alpha.partnership
    partnership.workflow = preset("dorset")
    partnership.workflow_preset = "dorset"
    partnership.save()
    slug = partnership.slug
    la, police = alpha.agencies["la"], alpha.agencies["police"]
    assert la.agency_type == AgencyType.LOCAL_AUTHORITY

    def member(role, name):
        email = name.lower().replace(" ", ".") + "@alpha.test"
        return make_member(partnership, role, agency=la, email=email, full_name=name)

    # The chain's responsible specs (cases/workflow/presets/dorset.py): HOQA is the local
    # authority's SLO; the three directors are the local authority's executives.
    hoqa = member(Role.SLO, "Hana Head")
    corporate = member(Role.EXECUTIVE, "Cora Corporate")
    directors = member(Role.EXECUTIVE, "Dev Director")
    executive = member(Role.EXECUTIVE, "Eve Executive")
    police_slo = alpha.members[Role.SLO]
    assert police_slo.agency_id == police.pk

    bm = alpha.members[Role.BUSINESS_MANAGER]
    case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child D",
        agencies=[la, police],
        stage=CaseStage.AWAITING_NOTIFICATION,
    )
    subject_services.subject_add(
        actor=bm.user,
        membership=bm,
        case=case,
        role="child",
        first_name="Dora",
        last_name="Zebedee",
        nhs_number="9434765919",
    )
    case_url = f"/p/{slug}/cases/{case.pk}/"
    calendar = calendar_for(partnership)
    due = calendar.add_working_days(FRIDAY, 5)
    assert due.weekday() < 5 and due > FRIDAY

    # The Head of QA starts the notification from the case and answers it.
    page = browser_page(hoqa.user)
    page.goto(case_url)
    page.get_by_role("link", name="Start the serious incident notification").click()
    assert not axe_problems(page)
    page.get_by_role("button", name="Start the notification").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/serious-incident-notifications/\d+/edit/$"))
    n = SeriousIncidentNotification.objects.get(case=case)
    address = f"/p/{slug}/serious-incident-notifications/{n.pk}/"
    assert "Dora Zebedee" in main_text(page)
    assert not axe_problems(page)
    fill_date(page, "incident_date", FRIDAY)
    fill_date(page, "awareness_date", FRIDAY)
    for answer in ("In the local authority's area", "Neither", "Suspected"):
        page.get_by_role("radio", name=answer, exact=True).check()
    page.get_by_role("radio", name="The child was seriously harmed").check()
    page.get_by_label("Outline of the incident").fill("Admitted with unexplained injuries.")
    page.get_by_label("Immediate action taken").fill("Siblings placed with grandparents.")
    page.get_by_label("Immediate learning identified").fill("Information sharing.")
    page.get_by_label(re.compile("How the incident meets the criteria")).fill(
        "Serious harm in the area; neglect suspected."
    )
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(rf"{re.escape(address)}$"))
    text = main_text(page)
    assert "Notification saved" in text
    assert f"due {long_date(due)}" in text, text
    step = Deadline.objects.get(case=case, stage="notification", key="notify_panel")
    assert (step.day_zero, step.due) == (FRIDAY, due)
    assert not axe_problems(page)

    # Sent for sign-off; the Corporate Director returns it with a comment.
    page.get_by_role("button", name="Send for sign-off").click()
    assert "Sent for sign-off" in main_text(page)
    n.refresh_from_db()
    assert n.status == NotificationStatus.IN_SIGN_OFF
    corporate_page = browser_page(corporate.user)
    decide(corporate_page, address, "Return for changes", "Say more about the learning.")
    assert "You have returned it for changes" in main_text(corporate_page)
    assert not axe_problems(corporate_page)

    # The Head of QA sees the comment, changes the answer and resubmits.
    page.goto(address)
    assert "Draft" in main_text(page)
    page.get_by_role("link", name=re.compile("^See the sign-off|^Sign off or return")).click()
    assert "Say more about the learning." in main_text(page)
    assert not axe_problems(page)
    page.goto(address)
    page.get_by_role("link", name="Change the answers").click()
    page.get_by_label("Immediate learning identified").fill(
        "Information sharing between health and children's services."
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Send for sign-off").click()
    assert "Sent for sign-off" in main_text(page)

    # Each step signs off: the three directors, then the Head of QA's submit step.
    decide(corporate_page, address, "Sign off")
    assert "You have signed it off" in main_text(corporate_page)
    decide(browser_page(directors.user), address, "Sign off")
    decide(browser_page(executive.user), address, "Sign off")
    decide(page, address, "Sign off")
    assert "it is signed off" in main_text(page)

    # Ready to submit: each answer with a Copy button.
    page.goto(address)
    page.get_by_role("heading", name=re.compile("^Ready to submit")).wait_for()
    copy_buttons = page.locator("button[data-copy-target]")
    assert copy_buttons.count() >= 8
    assert copy_buttons.first.is_visible()
    assert not axe_problems(page)

    # Tuesday: the submission, the Panel's reference and the downloaded copy.
    clock(SUBMITTED_ON)
    page = browser_page(hoqa.user)  # a new day, a new session (the old one's expiry passed)
    page.goto(address)
    page.get_by_role("link", name="Record the submission").click()
    assert not axe_problems(page)
    fill_date(page, "submitted_on", SUBMITTED_ON)
    page.get_by_label("The National Panel's reference").fill("SIN-2026-0421")
    page.get_by_label("The copy downloaded from the national system").set_input_files(
        {"name": "portal-download.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Record the submission").click()
    page.wait_for_url(re.compile(rf"{re.escape(address)}$"))
    text = main_text(page)
    assert "Submission recorded" in text
    assert f"Submitted {long_date(SUBMITTED_ON)}" in text and "reference SIN-2026-0421" in text
    n.refresh_from_db()
    assert n.status == NotificationStatus.SUBMITTED
    assert timezone.localtime(n.submitted_at).date() == SUBMITTED_ON
    assert n.national_reference == "SIN-2026-0421"
    copy = Attachment.objects.get(pk=n.submitted_copy_id)
    assert copy.original_name == f"SIN {case.reference} notified {SUBMITTED_ON:%Y-%m-%d}.pdf"
    assert Deadline.objects.get(case=case, stage="notification", key="notify_panel").met_on == (
        SUBMITTED_ON
    )

    # The copies (Dorset 3.6), due by day 5 on the calendar: ticked off as they go.
    assert "Copies sent" in text and f"{long_date(due)}" in text
    assert text.count("Not sent") == 6
    page.get_by_role("link", name="Record copies sent").click()
    assert not axe_problems(page)
    page.get_by_role("button", name="Mark as sent").click()  # nothing ticked: the error
    page.locator(".govuk-error-summary").get_by_text("Select who was sent a copy").wait_for()
    page.get_by_label(re.compile("The 4 Corporate Directors")).check()
    page.get_by_label(re.compile("Senior Solicitor, Legal Services")).check()
    fill_date(page, "sent_on", SUBMITTED_ON)
    page.get_by_role("button", name="Mark as sent").click()
    assert "2 recorded as sent" in main_text(page)
    # Dorset 2.6: a partnership where the child lived, added and ticked off with today's date.
    page.get_by_role("link", name="Add someone who gets a copy").click()
    page.get_by_label("Who gets a copy?").fill("Wiltshire SCP")
    page.get_by_label("Note (optional)").fill("Where the child lived until 2025; by e-mail")
    page.get_by_role("button", name="Add").click()
    page.get_by_label(re.compile("Wiltshire SCP")).check()
    page.get_by_role("button", name="Mark as sent").click()  # the date defaults to today
    page.goto(address)
    text = main_text(page)
    assert text.count(f"Sent {long_date(SUBMITTED_ON)}") == 3 and "by Hana Head" in text
    assert text.count("Not sent") == 4
    sent = n.copies.filter(sent_on=SUBMITTED_ON).values_list("label", flat=True)
    assert sorted(sent) == [
        "Senior Solicitor, Legal Services",
        "The 4 Corporate Directors",
        "Wiltshire SCP",
    ]

    # Wednesday: the Panel says a rapid review is required.
    clock(ACKNOWLEDGED_ON)
    page = browser_page(hoqa.user)
    page.goto(address)
    page.get_by_role("link", name="Record that a rapid review is required").click()
    assert not axe_problems(page)
    fill_date(page, "acknowledged_on", ACKNOWLEDGED_ON)
    page.get_by_role("button", name="Start the rapid review").click()
    assert "The rapid review's clock has started" in main_text(page)

    # The case: at the rapid review, its schedule from day zero the notification (Dorset 5.1),
    # the backstop from the awareness (the case's: docs/rapid-reviews.md).
    assert partnership.workflow["stages"]["rapid_review"]["day_zero"]["event"] == "notification"
    page.goto(case_url)
    text = main_text(page)
    assert "Rapid review" in text
    assert f"(day 0: {long_date(SUBMITTED_ON)})" in text, text
    case.refresh_from_db()  # its awareness date is the notification's, saved on the way
    expected = partnership_schedule(partnership, "rapid_review", SUBMITTED_ON, case)
    saved = Deadline.objects.filter(case=case, stage="rapid_review")
    assert {d.key: d.due for d in saved} == {s.key: s.due for s in expected}
    assert {d.day_zero for d in saved} == {SUBMITTED_ON}
    first = min(expected, key=lambda s: s.due)
    assert first.label in text
    assert not axe_problems(page)
    case.refresh_from_db()
    assert case.stage == CaseStage.RAPID_REVIEW

    # A Dorset police SLO: 403 to draft, but asks the local authority to notify on a case in
    # triage that the police know of.
    other = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child E",
        agencies=[la, police],
        stage=CaseStage.TRIAGE,
    )
    police_page = browser_page(police_slo.user)
    notifications = f"/p/{slug}/serious-incident-notifications"
    for start in (f"{notifications}/new/", f"{notifications}/cases/{other.pk}/new/"):
        response = police_page.goto(start)
        assert response.status == 403, f"{start} answered {response.status}"
    police_page.goto(f"/p/{slug}/cases/{other.pk}/")
    assert (
        police_page.get_by_role("link", name="Start the serious incident notification").count() == 0
    )
    police_page.get_by_role("link", name="Ask the local authority to notify").click()
    assert not axe_problems(police_page)
    police_page.get_by_label("Why do you think a notification is due?").fill(
        "A serious injury we attended; abuse suspected."
    )
    police_page.get_by_role("button", name="Send to the local authority").click()
    police_page.wait_for_url(re.compile(rf"{notifications}/requests/\d+/$"))
    assert "The local authority has been told" in main_text(police_page)
    assert not axe_problems(police_page)
    request = NotificationRequest.objects.get(case=other)
    assert request.raised_by == police_slo.user and not request.answer
