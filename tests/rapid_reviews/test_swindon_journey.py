"""Issue 13's "done when", in headless Chromium, on Swindon's preset (seed 001): a rapid review
runs from its start to the submission to the National Panel. Information requests go out on
day 2 to the local authority, the police and a school; the police return theirs (written,
quality-assured, signed off by the police's executive); the local authority imports its
chronology from a spreadsheet (one bad row: nothing saved, every problem listed; the corrected
file saved) and returns; the school's request is closed without a response; a meeting without
the ICB is not quorate and is refused the decision; a quorate one records it; the report is
signed off step by step and submitted; every date on the review page is the preset's.

Each person signs in through the real forms (password and authenticator code) the first time;
the clock then moves on working days (`clock`, as in tests/notifications), which ends the
15-minute idle sessions, so later days open a session made on the server for them
(tests/browser.py). Screenshots go to $PRM_VAR_DIR/swindon-journey (or a temporary folder)."""

import datetime
import io
import re

import openpyxl
import pytest
from django.utils import timezone

from cases.chronology_columns import COLUMNS
from cases.clock import calendar_for, partnership_schedule
from cases.models import AgencyType, CaseStage, ChronologyEntry, Deadline, Role
from cases.services import cases as case_services
from rapid_reviews import report_sections as rs
from rapid_reviews.choices import RequestStatus
from rapid_reviews.models import InformationRequest, RapidReview
from tests.browser import axe_problems, journey_people, journey_screenshots
from tests.factories import AgencyFactory, PartnershipFactory, make_member
from tests.notifications import test_browser_journey as notification_journey
from tests.notifications.test_browser_journey import fill_date, main_text

pytestmark = pytest.mark.browser

clock = notification_journey.clock  # the fixture: clock(day) moves the app's today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def short_date(day: datetime.date) -> str:
    """As the review page's milestone table shows it: Mon 7 Dec 2026."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def chronology_xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Chronology"
    sheet.append([c.heading for c in COLUMNS])
    for row in rows:
        sheet.append([row.get(c.field, "") for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def shots():
    return journey_screenshots("swindon-journey")


def test_swindon_rapid_review_from_start_to_submission(
    transactional_db, live_server, browser_page, celery_eager, clock, shots
):
    partnership = PartnershipFactory(
        name="Swindon Safeguarding Partnership", slug="swindon", code="SWI", with_preset="swindon"
    )
    slug = partnership.slug

    def agency(name, kind, statutory=True):
        return AgencyFactory(
            partnership=partnership, name=name, agency_type=kind, is_statutory_partner=statutory
        )

    la = agency("Swindon Borough Council", AgencyType.LOCAL_AUTHORITY)
    police = agency("Wiltshire Police", AgencyType.POLICE)
    icb = agency("BSW Integrated Care Board", AgencyType.HEALTH)
    school = agency("Swindon Academy", AgencyType.EDUCATION, statutory=False)

    def member(role, agency_, name):
        email = name.lower().replace(" ", ".") + "@swindon.test"
        return make_member(partnership, role, agency=agency_, email=email, full_name=name)

    bm = member(Role.BUSINESS_MANAGER, None, "Bea Manager")
    la_slo = member(Role.SLO, la, "Lee Lead")
    la_exec = member(Role.AGENCY_EXECUTIVE, la, "Lara Director")
    police_slo = member(Role.SLO, police, "Pat Lead")
    police_exec = member(Role.AGENCY_EXECUTIVE, police, "Pam Superintendent")
    icb_slo = member(Role.SLO, icb, "Ira Nurse")
    member(Role.SLO, school, "Sam Teacher")
    group_one = member(Role.REVIEW_GROUP_MEMBER, None, "Gina Group")
    group_two = member(Role.REVIEW_GROUP_MEMBER, None, "Gus Group")
    executive = member(Role.EXECUTIVE, None, "Eve Executive")

    # Day 2 is today: the local authority became aware two working days ago (Swindon counts
    # the rapid review from the awareness, 001 Rapid Review).
    calendar = calendar_for(partnership)
    today = timezone.localdate()
    if not calendar.is_working_day(today):
        today = calendar.next_working_day(today)
    aware = calendar.add_working_days(today, -2)

    def day(n):
        return calendar.add_working_days(aware, n)

    clock(day(2))
    case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child S",
        summary="A baby was admitted to hospital with a head injury (fictitious).",
        incident_date=aware - datetime.timedelta(days=1),
        awareness_date=aware,
        agencies=[la, police, icb],
        stage=CaseStage.RAPID_REVIEW,
    )
    expected = {s.key: s for s in partnership_schedule(partnership, "rapid_review", aware, case)}
    assert expected["information_requests"].due == day(2)
    returns_due = expected["agency_returns"].due
    assert returns_due == day(7)

    as_ = journey_people(browser_page, slug)

    def milestone(key):
        return Deadline.objects.get(case=case, stage="rapid_review", key=key)

    # Day 2: the business manager starts the review from the case page ...
    page = as_(bm)
    case_url = f"/p/{slug}/cases/{case.pk}/"
    page.goto(case_url)
    page.get_by_role("link", name="Start the rapid review").click()
    assert not axe_problems(page)
    page.get_by_role("radio", name="Executive decision").check()
    page.get_by_role("button", name="Start the rapid review").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/(rapid-reviews/\d+|cases/{case.pk})/$"))
    review = RapidReview.objects.get(case=case)
    review_url = f"/p/{slug}/rapid-reviews/{review.pk}/"
    page.goto(review_url)
    assert review.day_zero == aware
    assert "Day 2 of 15" in main_text(page), main_text(page)
    shots(page, "review-day-2")

    # ... and sends the information requests: the due date is the clock's agency_returns.
    page.get_by_role("link", name="Information requests").first.click()
    page.get_by_role("link", name="Send information requests").click()
    assert not axe_problems(page)
    assert page.locator("[name=due_date_day]").input_value() == str(returns_due.day)
    assert page.locator("[name=due_date_month]").input_value() == str(returns_due.month)
    assert page.locator("[name=due_date_year]").input_value() == str(returns_due.year)
    for name in (la.name, police.name, school.name):
        page.get_by_label(name, exact=True).check()
    page.get_by_label("Also ask each agency for its chronology").check()
    shots(page, "send-requests")
    page.get_by_role("button", name="Send the requests").click()
    assert "3 information requests sent" in main_text(page)
    assert main_text(page).count(short_date(returns_due)) == 3
    assert not axe_problems(page)
    shots(page, "requests-sent")
    requests = {r.agency_id: r for r in InformationRequest.objects.filter(rapid_review=review)}
    assert {r.due_date for r in requests.values()} == {returns_due}
    assert milestone("information_requests").met_on == day(2)
    assert milestone("agency_returns").due == returns_due

    def request_url(agency_):
        return f"{review_url}requests/{requests[agency_.pk].pk}/"

    # Day 4: the police's safeguarding lead writes the return and quality-assures it ...
    clock(day(4))
    page = as_(police_slo)
    page.goto(f"{review_url}requests/")
    assert la.name not in main_text(page)  # an agency sees its own request only
    page.get_by_role("link", name=f"View the request to {police.name}").click()
    page.get_by_label("Organisational involvement").fill(
        "Two call-outs to the family home in the last year."
    )
    page.get_by_label(re.compile("Areas of strength")).fill("Timely referral to social care.")
    page.get_by_label(re.compile("Any key areas of learning and actions that you would now")).fill(
        "Record the child's voice at every call-out."
    )
    page.get_by_role("button", name="Save the draft").click()
    assert "Return saved" in main_text(page)
    page.get_by_role("button", name="Record it as quality-assured").click()
    assert "Return quality-assured" in main_text(page)
    assert not axe_problems(page)

    # ... and the police's executive, not involved in the case, signs it off.
    page = as_(police_exec)
    page.goto(request_url(police))
    page.get_by_label(re.compile("I was not involved in the case")).check()
    page.get_by_role("button", name="Sign off and send the return").click()
    assert "Return signed off and sent to the partnership" in main_text(page)
    shots(page, "police-return-signed-off")
    assert InformationRequest.objects.get(pk=requests[police.pk].pk).status == (
        RequestStatus.RETURNED
    )

    # The local authority's chronology, from a spreadsheet: a row without its date ...
    page = as_(la_slo)
    page.goto(request_url(la))
    page.get_by_role("link", name=f"{la.name}'s chronology").click()
    page.get_by_role("link", name="Import from a spreadsheet").click()
    assert not axe_problems(page)
    rows = [
        {
            "occurred_on": (aware - datetime.timedelta(days=40)).strftime("%d/%m/%Y"),
            "source": "Case file",
            "contact_type": "Home visit",
            "by_whom": "Social worker",
            "details": "Visit after a referral from the health visitor.",
        },
        {
            "occurred_on": "",
            "source": "Case file",
            "contact_type": "Strategy discussion",
            "details": "Strategy discussion with the police.",
        },
        {
            "occurred_on": (aware - datetime.timedelta(days=2)).strftime("%d/%m/%Y"),
            "contact_type": "Telephone call",
            "details": "Hospital told children's social care of the admission.",
        },
    ]
    upload = page.get_by_label("Upload a spreadsheet")
    upload.set_input_files(
        {"name": "chronology.xlsx", "mimeType": XLSX, "buffer": chronology_xlsx(rows)}
    )
    page.get_by_role("button", name="Import the entries").click()
    summary = page.locator(".govuk-error-summary")
    summary.get_by_text("Row 3: Enter the date of the event").wait_for()
    assert not axe_problems(page)
    shots(page, "chronology-import-error")
    chronology = requests[la.pk].chronology
    assert chronology is not None
    assert not ChronologyEntry.objects.filter(chronology=chronology).exists()

    # ... corrected and uploaded again: every entry saved.
    rows[1]["occurred_on"] = (aware - datetime.timedelta(days=39)).strftime("%d/%m/%Y")
    page.get_by_label("Upload a spreadsheet").set_input_files(
        {"name": "chronology.xlsx", "mimeType": XLSX, "buffer": chronology_xlsx(rows)}
    )
    page.get_by_role("button", name="Import the entries").click()
    assert "3 entries" in main_text(page), main_text(page)
    assert ChronologyEntry.objects.filter(chronology=chronology).count() == 3
    shots(page, "chronology-imported")

    # The local authority's return, signed off by its director.
    page.goto(request_url(la))
    page.get_by_label("Organisational involvement").fill(
        "Child in need plan since March; weekly visits."
    )
    page.get_by_label(re.compile("Any key areas of learning and actions that you would now")).fill(
        "Escalate missed health appointments to the team manager."
    )
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Record it as quality-assured").click()
    page = as_(la_exec)
    page.goto(request_url(la))
    page.get_by_label(re.compile("I was not involved in the case")).check()
    page.get_by_role("button", name="Sign off and send the return").click()
    assert "Return signed off and sent to the partnership" in main_text(page)

    # Day 5: the business manager closes the school's request without a response.
    clock(day(5))
    page = as_(bm)
    page.goto(request_url(school))
    page.get_by_role("link", name="Close without a response").click()
    page.get_by_role("button", name="Close the request").click()  # no reason: the error
    page.locator(".govuk-error-summary").get_by_text(
        "Enter why the request is closed without a response"
    ).wait_for()
    assert not axe_problems(page)
    page.get_by_label("Why is the request closed without a response?").fill(
        "The school says it had no contact with the family this year."
    )
    page.get_by_role("button", name="Close the request").click()
    assert "had no contact with the family" in main_text(page)
    page.goto(f"{review_url}requests/")
    text = main_text(page)
    assert text.count("Returned") == 2 and "Closed without a response" in text, text
    shots(page, "requests-done")
    assert milestone("agency_returns").met_on == day(5)

    # Day 9: the report is drafted (prefilled from the returns) and its sections written.
    clock(day(9), hour=14)
    page = as_(bm)
    page.goto(f"{review_url}report/")
    page.get_by_role("button", name="Draft the report").click()
    page.get_by_role("link", name="Edit the report").click()
    texts = {
        "participants": "Bea Manager, business manager\nLee Lead, Swindon Borough Council\n"
        "Pat Lead, Wiltshire Police\nIra Nurse, BSW Integrated Care Board",
        "immediate_action": "The baby and her brother are staying with their grandparents.",
        "legal_advice": "Yes: the council's solicitor advised on the protection plan.",
        "discussion": "The partners reflected on the returns and the chronology.",
        "rationale": "Learning is local; the partners will review it together.",
    }
    for key, text in texts.items():
        page.locator(f"[name={key}]").fill(text)
    for key in ("summary", "case_summary"):
        if not page.locator(f"[name={key}]").input_value().strip():
            page.locator(f"[name={key}]").fill("A baby was admitted with a head injury.")
    for key in rs.CRITERIA_KEYS:
        page.locator(f"[name=criteria_{key}][value=no]").check()
    page.locator("[name=recommendation][value=B]").check()
    page.get_by_role("button", name="Save the report").click()
    assert not page.locator(".govuk-error-summary").count(), main_text(page)
    shots(page, "report-draft")

    # Two rapid review meetings held this morning: the first without the ICB.
    def hold_meeting(title, start, present):
        page.goto(f"{case_url}meetings/new/")
        page.locator("[name=kind][value=rapid_review]").check()
        page.get_by_label("Title (optional)").fill(title)
        fill_date(page, "date", day(9))
        page.get_by_label("Start time").fill(start)
        page.get_by_label("How long it lasts").select_option("60")
        page.get_by_label("Where (optional)").fill("Civic Offices")
        for person in (bm, la_slo, police_slo, icb_slo):
            page.get_by_label(re.compile(rf"\b{person.user.get_full_name()}\b")).first.check()
        page.get_by_role("button", name="Schedule and e-mail the invitations").click()
        page.wait_for_url(re.compile(r"/meetings/\d+/$"))
        page.get_by_role("link", name="Record attendance").first.click()
        for person in present:
            page.get_by_label(re.compile(rf"\b{person.user.get_full_name()}\b")).first.check()
        page.get_by_role("button", name="Record attendance").click()
        page.wait_for_url(re.compile(r"/meetings/\d+/$"))
        return main_text(page)

    text = hold_meeting("Rapid review meeting", "09:00", [bm, la_slo, police_slo])
    assert "Not quorate: the quorum is someone from each statutory partner" in text, text
    assert "Not quorate. Not quorate" not in text and icb.name in text
    assert not axe_problems(page)
    shots(page, "meeting-not-quorate")
    page.goto(f"{review_url}report/")
    page.get_by_role("link", name="Record the meeting's decision").click()
    page.get_by_label(re.compile("Rapid review meeting")).check()
    page.get_by_role("button", name="Record the decision").click()
    page.locator(".govuk-error-summary").get_by_text(
        "The meeting was not quorate: it cannot record the review's decision"
    ).wait_for()
    assert not axe_problems(page)
    shots(page, "decision-refused")
    assert milestone("rapid_review_meeting").met_on is None

    text = hold_meeting("Reconvened meeting", "11:00", [bm, la_slo, police_slo, icb_slo])
    assert "Not quorate" not in text and "Quorate" in text, text
    page.goto(f"{review_url}report/")
    page.get_by_role("link", name="Record the meeting's decision").click()
    page.get_by_label(re.compile("Reconvened meeting")).check()
    page.get_by_role("button", name="Record the decision").click()
    assert "The meeting's decision was recorded" in main_text(page)
    assert milestone("rapid_review_meeting").met_on == day(9)

    # Sent for sign-off; each step of Swindon's chain signs off as the right person.
    page.get_by_role("button", name="Send for sign-off").click()
    assert not page.locator(".govuk-error-summary").count(), main_text(page)
    shots(page, "report-in-sign-off")
    for person in (group_one, group_two, executive, bm):
        signer = as_(person)
        signer.goto(f"{review_url}report/")
        signer.get_by_role("link", name=re.compile("^Sign off or return")).click()
        radio = signer.get_by_role("radio", name="Sign off", exact=True)
        if radio.count():
            radio.check()
        signer.get_by_role("button", name=re.compile("^(Continue|Sign off)$")).click()
        text = main_text(signer)
        assert "You have signed it off" in text or "it is signed off" in text, text
    assert not axe_problems(signer)
    signer.goto(f"{review_url}report/")
    assert signer.get_by_role("link", name="Submit to the National Panel").count() == 1
    shots(signer, "report-signed-off")

    # Day 12: the business manager submits it to the National Panel.
    clock(day(12))
    page = as_(bm)
    page.goto(f"{review_url}report/")
    page.get_by_role("link", name="Submit to the National Panel").click()
    assert not axe_problems(page)
    fill_date(page, "sent_on", day(12))
    page.get_by_role("button", name="Submit the rapid review").click()
    assert "Submitted" in main_text(page), main_text(page)
    review.refresh_from_db()
    assert review.status == "submitted"
    assert milestone("submit_to_panel").met_on == day(12)

    # The National Panel's reply is awaited.
    page.goto(f"/p/{slug}/panel-responses/")
    row = page.locator("table tbody tr", has_text=case.reference)
    assert "Waiting for the National Panel" in row.inner_text()
    assert short_date(day(12))[4:] in row.inner_text()
    shots(page, "panel-responses")

    # The review page: every milestone's date is the preset's.
    page.goto(review_url)
    shots(page, "review-submitted")
    assert not axe_problems(page)
    rows_seen = page.locator("table tbody tr")
    seen = {}
    for i in range(rows_seen.count()):
        cells = rows_seen.nth(i).locator("td")
        seen[cells.nth(0).inner_text().split("\n")[0]] = cells.nth(1).inner_text()
    for key, step in expected.items():
        assert step.label in seen, (step.label, seen)
        assert seen[step.label].startswith(short_date(step.due)), (key, seen[step.label])
        assert milestone(key).due == step.due
    met = {
        "information_requests": day(2),
        "agency_returns": day(5),
        "rapid_review_meeting": day(9),
        "submit_to_panel": day(12),
    }
    for key, on in met.items():
        assert milestone(key).met_on == on, key
