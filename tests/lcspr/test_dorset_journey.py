"""Issue 14's "done when", in headless Chromium, on Dorset's preset (seed 002 section 7): an
LCSPR runs from the National Panel's recommendation to publication.

The business manager records the Panel's reply recommending a local review and starts the LCSPR
(six months from that reply, 7.6). A reviewer is appointed after vetting and sees nothing of the
case until the contract is recorded (BCP 003 s10). The review panel's members declare their
interests and sign the confidentiality agreement (Swindon 001), and the first panel signs off the
terms of reference within 3 weeks (7.8). The police and the council return their chronologies,
a reflective practitioner session is held, and the family contact log is kept. Three drafts
follow: the anonymisation check catches the child's first name in the second, and Legal Services
read the third (7.13, 7.15). The final report goes through Dorset's sign-off chain. A move of the
target past six months demands the delay notice (Swindon 001 section 3). The copies go 7 working
days before publication (7.19), and the 7-minute briefing is signed off and its PDF downloaded
(8.7-8.9). Then the report is published, and an overdue action reminds its owner agency.

Each person signs in through the real forms the first time; later days open a session made on
the server (as in tests/rapid_reviews/test_swindon_journey.py). Screenshots go to
$PRM_VAR_DIR/dorset-journey (or a temporary folder)."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from cases.calendar import add_months
from cases.clock import calendar_for
from cases.models import (
    AgencyType,
    CaseStage,
    Chronology,
    Deadline,
    Notice,
    NoticeStatus,
    OutboundEmail,
    Role,
)
from cases.services import cases as case_services
from cases.services import subjects as subject_services
from cases.services.reminders import reminders_sweep
from lcspr.anonymisation import DOCX
from lcspr.briefing import SECTIONS as BRIEFING_SECTIONS
from lcspr.docx_build import docx_bytes
from lcspr.models import LocalReview
from notifications.services import panel_responses
from tests.browser import axe_problems, journey_people, journey_screenshots
from tests.factories import AgencyFactory, PartnershipFactory, make_member
from tests.lcspr.documents import pdf_bytes
from tests.notifications import test_browser_journey as notification_journey
from tests.notifications.test_browser_journey import fill_date, long_date, main_text

pytestmark = pytest.mark.browser

clock = notification_journey.clock  # the fixture: clock(day) moves the app's today


def pick(page, name: str, text: str) -> None:
    """Select the option of the <select name=...> whose text contains `text`."""
    option = page.locator(f"select[name={name}] option", has_text=text).first
    page.locator(f"select[name={name}]").select_option(option.get_attribute("value"))


def no_errors(page) -> None:
    assert not page.locator(".govuk-error-summary").count(), main_text(page)


@pytest.fixture
def shots():
    return journey_screenshots("dorset-journey")


def test_dorset_lcspr_from_the_panels_recommendation_to_publication(
    transactional_db, live_server, browser_page, celery_eager, clock, shots
):
    partnership = PartnershipFactory(
        name="Pan-Dorset Safeguarding Children Partnership",
        slug="dorset",
        code="DOR",
        with_preset="dorset",
    )
    slug = partnership.slug

    def agency(name, kind):
        return AgencyFactory(
            partnership=partnership, name=name, agency_type=kind, is_statutory_partner=True
        )

    council = agency("Dorset Council", AgencyType.LOCAL_AUTHORITY)
    police = agency("Dorset Police", AgencyType.POLICE)
    icb = agency("NHS Dorset", AgencyType.HEALTH)

    def member(role, agency_, name):
        email = name.lower().replace(" ", ".") + "@dorset.test"
        return make_member(partnership, role, agency=agency_, email=email, full_name=name)

    bm = member(Role.BUSINESS_MANAGER, None, "Bea Manager")
    council_slo = member(Role.SLO, council, "Lee Lead")
    legal = member(Role.AGENCY_STAFF, council, "Lena Solicitor")
    police_slo = member(Role.SLO, police, "Pat Lead")
    icb_slo = member(Role.SLO, icb, "Ira Nurse")
    chair = member(Role.REVIEW_GROUP_MEMBER, None, "Gina Chair")
    executive = member(Role.EXECUTIVE, None, "Eve Executive")
    reviewer = member(Role.LEAD_REVIEWER, None, "Rory Reviewer")

    calendar = calendar_for(partnership)
    today = timezone.localdate()
    if not calendar.is_working_day(today):
        today = calendar.next_working_day(today)
    recommended = today  # the day the Panel's reply recommending an LCSPR arrives: day zero

    def day(n):
        return calendar.add_working_days(recommended, n)

    def rolled(d):
        """A step falling on a weekend or bank holiday is due the working day before."""
        return d if calendar.is_working_day(d) else calendar.previous_working_day(d)

    # Before the journey: the case, its child, and the rapid review sent to the Panel.
    clock(day(-10))
    case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child L",
        summary="A girl was found malnourished at home (fictitious).",
        incident_date=day(-40),
        awareness_date=day(-39),
        agencies=[council, police, icb],
        stage=CaseStage.RAPID_REVIEW,
    )
    subject_services.subject_add(
        actor=bm.user,
        membership=bm,
        case=case,
        role="child",
        first_name="Poppy",
        last_name="Mayfield",
        date_of_birth=datetime.date(2019, 3, 14),
    )
    response = panel_responses.panel_response_open(
        actor=bm.user, membership=bm, case=case, submitted_on=day(-10), partnership_view="lcspr"
    )

    as_ = journey_people(browser_page, slug)

    def step(stage, key):
        return Deadline.objects.get(case=case, stage=stage, key=key)

    case_url = f"/p/{slug}/cases/{case.pk}/"

    # Day 0: the Panel's reply recommends a local review; the LCSPR starts from it (7.6).
    clock(day(0))
    page = as_(bm)
    page.goto(f"/p/{slug}/panel-responses/{response.pk}/")
    page.get_by_role("link", name="Record the Panel's reply").click()
    fill_date(page, "received_on", day(0))
    page.get_by_role("radio", name="A local review (LCSPR) is appropriate").check()
    page.get_by_label("What the Panel said").fill("The Panel agrees a local review is needed.")
    page.get_by_role("button", name="Record the reply").click()
    page.wait_for_url(re.compile(rf"/panel-responses/{response.pk}/$"))
    page.goto(case_url)
    page.get_by_role("link", name="Start the LCSPR").click()
    assert not axe_problems(page)
    page.get_by_role("radio", name="The National Panel's recommendation").check()
    page.get_by_role("button", name="Start the LCSPR").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/lcsprs/\d+/$"))
    review = LocalReview.objects.get(case=case)
    review_url = f"/p/{slug}/lcsprs/{review.pk}/"
    assert review.day_zero == day(0)
    six_months = add_months(day(0), 6)
    assert step("lcspr", "lcspr_complete").due == rolled(six_months)
    three_weeks = rolled(day(0) + datetime.timedelta(weeks=3))
    assert step("lcspr", "first_panel_meeting").due == three_weeks
    text = main_text(page)
    assert "The National Panel's recommendation" in text, text
    shots(page, "lcspr-started")

    # The target publication date, five months on: the publication steps count back from it.
    target = add_months(day(0), 5)
    if not calendar.is_working_day(target):
        target = calendar.next_working_day(target)
    page.get_by_role("link", name="Set the target publication date").click()
    fill_date(page, "target", target)
    page.get_by_role("button", name="Save the target publication date").click()
    no_errors(page)
    copies_due = calendar.add_working_days(target, -7)
    assert step("publication", "copies_to_panel").due == copies_due
    weeks_before = {"final_review_meeting": 5, "comms_meeting": 4}
    for key, weeks in weeks_before.items():
        assert step("publication", key).due == rolled(target - datetime.timedelta(weeks=weeks))

    # Day 1: a candidate reviewer, vetted: CV, two referees, insurance, declared interests.
    clock(day(1))
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("link", name="Reviewer candidates").click()
    page.get_by_role("link", name="Add a candidate").click()
    assert not axe_problems(page)
    page.get_by_label("Candidate's name").fill("Rory Reviewer")
    page.get_by_label("E-mail address").fill("rory.reviewer@dorset.test")
    page.get_by_label("Organisation").fill("Independent Reviews Ltd")
    page.get_by_label("Up-to-date CV").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(["Reviewer CV"])}
    )
    page.get_by_label("Previous reviews").fill("Three LCSPRs for neighbouring partnerships.")
    page.get_by_label("First referee's name").fill("Ann Referee")
    page.get_by_label("First referee's contact details").fill("ann@example.test")
    fill_date(page, "referee_1_received_on", day(0))
    page.get_by_label("Second referee's name").fill("Bob Referee")
    page.get_by_label("Second referee's contact details").fill("bob@example.test")
    fill_date(page, "referee_2_received_on", day(1))
    fill_date(page, "public_liability_expires_on", add_months(day(0), 12))
    fill_date(page, "indemnity_expires_on", add_months(day(0), 12))
    fill_date(page, "conflicts_declared_on", day(1))
    page.get_by_label("Conflicts of interest declared").fill("None.")
    page.get_by_role("button", name="Save").click()
    no_errors(page)
    candidate_url = page.url
    page.get_by_role("link", name="Record the shortlisting and interview").click()
    page.get_by_label("Shortlisted").check()
    page.get_by_label("Shortlisting notes").fill("Experienced; costs within the budget.")
    page.get_by_label("Interview notes").fill("Strong on family engagement.")
    page.get_by_role("button", name="Save").click()
    no_errors(page)
    page.goto(candidate_url)
    page.get_by_role("link", name="Record the decision").click()
    page.get_by_role("radio", name="Appointed", exact=True).check()
    pick(page, "member", "Rory Reviewer")
    fill_date(page, "decided_on", day(1))
    page.get_by_role("button", name="Save").click()
    no_errors(page)
    shots(page, "reviewer-appointed")

    # Appointed, but blind to the case until the contract is recorded.
    blind = as_(reviewer)
    assert blind.goto(review_url).status == 404
    assert blind.goto(case_url).status == 404

    clock(day(2))
    page = as_(bm)
    page.goto(candidate_url)
    page.get_by_role("link", name="Record the contract").click()
    fill_date(page, "contract_recorded_on", day(2))
    page.get_by_label("The signed contract").set_input_files(
        {"name": "contract.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(["Contract"])}
    )
    page.get_by_role("button", name="Save").click()
    no_errors(page)
    page = as_(reviewer)
    assert page.goto(review_url).status == 200
    assert "Rory Reviewer" in main_text(page)
    shots(page, "reviewer-sees-the-review")

    # The review panel: the chair and a representative of each statutory partner, each of
    # whom declares their interests and signs the confidentiality agreement (Swindon 001).
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("link", name="Review panel").click()
    panel_url = page.url
    seats = [
        (chair, "Chair", None),
        (council_slo, "Statutory partner representative", "Local authority"),
        (police_slo, "Statutory partner representative", "Police"),
        (icb_slo, "Statutory partner representative", "Integrated care board"),
    ]
    for person, role, partner in seats:
        page.goto(panel_url)
        page.get_by_role("link", name="Add someone to the panel").click()
        pick(page, "member", person.user.get_full_name())
        page.get_by_role("radio", name=role, exact=True).check()
        if partner is not None:
            pick(page, "statutory_partner", partner)
        page.get_by_role("button", name="Save").click()
        no_errors(page)
        page.get_by_role("link", name=re.compile("^Record the declaration")).click()
        page.get_by_role("radio", name="No conflict of interest").check()
        fill_date(page, "declared_on", day(2))
        fill_date(page, "confidentiality_signed_on", day(2))
        page.get_by_role("button", name="Save").click()
        no_errors(page)
    page.goto(panel_url)
    assert not axe_problems(page)
    shots(page, "review-panel")

    # Version 1 of the terms of reference (Swindon 001 Appendix 5's sections).
    page.goto(f"{review_url}terms/")
    page.get_by_role("button", name="Draft the terms of reference").click()
    no_errors(page)
    terms_url = page.url
    page.get_by_role("link", name="Change the draft").click()
    for field in (
        "overview",
        "purpose",
        "process",
        "methodology",
        "lead_reviewer",
        "lines_of_enquiry",
        "timeframe",
        "family_involvement",
        "agencies",
        "key_steps",
    ):
        box = page.locator(f"[name={field}]")
        if not box.input_value().strip():
            box.fill(f"Child L: {field.replace('_', ' ')} (fictitious).")
    page.get_by_role("button", name="Save").click()
    no_errors(page)

    # Day 10, within three weeks: the first review panel meeting, held, signs them off (7.8).
    def hold_meeting(kind, title, when, people):
        page.goto(f"{case_url}meetings/new/")
        page.locator(f"[name=kind][value={kind}]").check()
        page.get_by_label("Title (optional)").fill(title)
        fill_date(page, "date", when)
        page.get_by_label("Start time").fill("10:00")
        page.get_by_label("How long it lasts").select_option("60")
        page.get_by_label("Where (optional)").fill("County Hall, Dorchester")
        for person in people:
            page.get_by_label(re.compile(rf"\b{person.user.get_full_name()}\b")).first.check()
        page.get_by_role("button", name="Schedule and e-mail the invitations").click()
        page.wait_for_url(re.compile(r"/meetings/\d+/$"))
        meeting_url = page.url
        page.get_by_role("link", name="Record attendance").first.click()
        for person in people:
            page.get_by_label(re.compile(rf"\b{person.user.get_full_name()}\b")).first.check()
        page.get_by_role("button", name="Record attendance").click()
        page.wait_for_url(re.compile(r"/meetings/\d+/$"))
        return meeting_url

    clock(day(10))
    page = as_(bm)
    panel_people = [bm, chair, council_slo, police_slo, icb_slo, reviewer]
    hold_meeting("review_panel", "First review panel", day(10), panel_people)
    page.goto(terms_url)
    page.get_by_role("link", name="Record the sign-off at the review panel").click()
    page.get_by_role("radio", name=re.compile("First review panel")).check()
    page.get_by_role("button", name="Save").click()
    no_errors(page)
    assert "Signed off" in main_text(page), main_text(page)
    shots(page, "terms-signed-off")
    assert day(10) <= three_weeks
    assert step("lcspr", "first_panel_meeting").met_on == day(10)

    # Day 11: the requests for the chronologies go out the day after the first panel (7.9):
    # the police's key events, and the council's organisational changes (Swindon 001 App. 10).
    clock(day(11))
    page = as_(bm)
    chronology_urls = {}
    for agency_, kind in ((police, "Key events"), (council, "Organisational changes")):
        page.goto(review_url)
        page.get_by_role("link", name="Ask an agency for a chronology").click()
        page.get_by_role("radio", name=agency_.name, exact=True).check()
        page.get_by_role("radio", name="Local child safeguarding practice review").check()
        page.get_by_role("radio", name=kind).check()
        fill_date(page, "due_date", day(21))
        page.get_by_role("button", name="Ask for the chronology").click()
        no_errors(page)
        chronology = Chronology.objects.get(case=case, agency=agency_, purpose="lcspr")
        chronology_urls[agency_.pk] = f"{case_url}chronologies/{chronology.pk}/"
    assert not axe_problems(page)
    assert step("lcspr", "report_requests").met_on == day(11)

    # Day 18: each agency's senior manager, not involved with the case, writes and submits it.
    clock(day(18))
    for slo, agency_, writer, event in (
        (police_slo, police, "DCI Dana Senior, Public Protection", "Welfare check at the home."),
        (council_slo, council, "Cara Senior, Head of Service", "The locality teams merged."),
    ):
        page = as_(slo)
        page.goto(chronology_urls[agency_.pk])
        page.get_by_role("link", name="Add an entry").first.click()
        fill_date(page, "occurred_on", day(-60))
        page.locator("[name=source]").fill("Case file")
        page.locator("[name=contact_type]").fill("Record")
        page.locator("[name=by_whom]").fill("Duty officer")
        page.locator("[name=details]").fill(event)
        page.get_by_role("button", name="Add the entry").click()
        no_errors(page)
        page.goto(chronology_urls[agency_.pk])
        page.get_by_role("link", name="Submit the chronology").click()
        page.get_by_role("button", name="Submit the chronology").click()
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "Enter the name and job title of the person who wrote it" in summary, summary
        assert "Confirm that the person who wrote it had no involvement" in summary, summary
        assert not axe_problems(page)
        page.get_by_label("Who wrote the chronology?").fill(writer)
        page.get_by_label("The person who wrote it had no involvement with the case").check()
        page.get_by_role("button", name="Submit the chronology").click()
        no_errors(page)
    page = as_(bm)
    page.goto(review_url)
    assert "2 of 2 returned" in main_text(page), main_text(page)
    page = as_(reviewer)
    page.goto(review_url)
    page.get_by_role("link", name="The integrated chronology of key events").click()
    assert "Welfare check at the home." in main_text(page)
    shots(page, "integrated-chronology")

    # Day 20: a reflective practitioner session on day 25, with Swindon's invitation, briefing
    # and agenda (001 Appendices 11-13), and the police's practitioner's feedback on it.
    clock(day(20))
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("link", name="Arrange a reflective practitioner session").click()
    assert not axe_problems(page)
    fill_date(page, "date", day(25))
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("Where (face to face)").fill("Dorchester Library")
    for person in (police_slo, council_slo, reviewer):
        page.get_by_label(re.compile(rf"\b{person.user.get_full_name()}\b")).first.check()
    page.get_by_role("radio", name="Face to face").check()
    page.get_by_role("button", name="Arrange the session").click()
    no_errors(page)
    session_url = page.url
    page.get_by_role("button", name="Send the invitations").click()
    no_errors(page)
    shots(page, "practitioner-session")

    # Day 21: the family, with a coordinator, and the first contact logged (BCP 003: told in
    # writing and by telephone, the notes shared back for accuracy).
    clock(day(21))
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("link", name="Family engagement").click()
    family_url = page.url
    page.get_by_role("link", name="Change the coordinator").click()
    pick(page, "coordinator", "Bea Manager")
    page.get_by_label("The approach agreed").fill("Letter first, then a call; meet at home.")
    page.get_by_role("button", name="Save").click()
    no_errors(page)
    page.goto(family_url)
    page.get_by_role("link", name="Add a family member").click()
    page.get_by_label("Name", exact=True).fill("Mandy Mayfield")
    page.get_by_label("Relationship to the child").fill("Mother")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Save").click()
    no_errors(page)
    page.goto(family_url)
    page.get_by_role("link", name="Record a contact").click()
    pick(page, "member", "Mandy Mayfield")
    page.get_by_role("radio", name="Telephone").check()
    fill_date(page, "contacted_on", day(21))
    page.get_by_label("Who made contact").fill("Bea Manager")
    page.get_by_label("Outcome", exact=True).fill("Mother agreed to meet the reviewer.")
    page.locator("[name=notes_shared][value=yes]").check()
    fill_date(page, "notes_shared_on", day(21))
    page.get_by_role("button", name="Save").click()
    no_errors(page)
    page.goto(family_url)
    assert "Mother agreed to meet the reviewer." in main_text(page)
    assert not axe_problems(page)
    shots(page, "family-contact-log")

    # Day 25: the session is held; the police's practitioner gives feedback on the findings.
    clock(day(25), hour=14)
    page = as_(bm)
    page.goto(session_url)
    page.get_by_role("link", name=re.compile("record who attended")).click()
    page.get_by_role("link", name="Record attendance").first.click()
    for person in (police_slo, council_slo, reviewer):
        page.get_by_label(re.compile(rf"\b{person.user.get_full_name()}\b")).first.check()
    page.get_by_role("button", name="Record attendance").click()
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    page = as_(police_slo)
    page.goto(session_url)
    page.get_by_role("link", name=re.compile("^Feedback on the draft findings")).click()
    if page.locator("select[name=invitee]").count():
        pick(page, "invitee", "Pat Lead")
    page.get_by_role("radio", name="Agrees with some of the findings").check()
    page.get_by_label("Feedback on the draft findings").fill("The night shift was not asked.")
    fill_date(page, "given_on", day(25))
    page.get_by_role("button", name="Save the feedback").click()
    no_errors(page)
    assert "The night shift was not asked." in main_text(page)

    # Day 30: the criminal trial is listed late, so the target moves past six months: the
    # page demands the reasons for the delay and the delay notice to the Panel and the
    # Secretary of State (Swindon 001 section 3) ...
    clock(day(30))
    page = as_(bm)
    page.goto(review_url)
    late = calendar.next_working_day(add_months(day(0), 7))
    page.get_by_role("link", name="Move the target publication date").click()
    fill_date(page, "target", late)
    page.get_by_role("button", name="Save the target publication date").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter why the target publication date is moving" in summary, summary
    assert (
        "Enter why the review will not be published within six months"
        f" (by {long_date(rolled(six_months))})" in summary
    ), summary
    assert not axe_problems(page)
    shots(page, "delay-reasons-demanded")
    page.get_by_label("Why is the target publication date moving?").fill(
        "The criminal trial was listed for the summer."
    )
    page.get_by_label("Why will the review not be published within six months?").fill(
        "The police asked that the report waits for the verdict."
    )
    page.get_by_role("button", name="Save the target publication date").click()
    no_errors(page)
    page.goto(review_url)
    text = main_text(page)
    assert "The review will not be published within six months" in text, text
    delay = Notice.objects.get(case=case, kind="lcspr_delay")
    assert delay.status == NoticeStatus.DUE
    shots(page, "delay-notice-due")

    # ... and when the trial is brought forward, back within six months: the notice not yet
    # sent is cancelled, and the publication steps move back with the target.
    page.get_by_role("link", name="Move the target publication date").click()
    fill_date(page, "target", target)
    page.get_by_label("Why is the target publication date moving?").fill(
        "The trial was brought forward; the police agree the report can go out."
    )
    page.get_by_role("button", name="Save the target publication date").click()
    no_errors(page)
    page.goto(review_url)
    text = main_text(page)
    assert "will not be published within six months" not in text, text
    assert "Reasons for the delay" not in text, text
    delay.refresh_from_db()
    assert delay.status == NoticeStatus.CANCELLED
    assert step("publication", "copies_to_panel").due == copies_due

    # Days 60 to 64: three versions of the report, every one kept (7.13). The check of the
    # second finds the child's first name; the third has it taken out and is read by Legal
    # Services (7.15).
    body = [
        "Child L lived with her mother and two older siblings.",
        "Agencies knew of the concerns about the home but did not share them.",
    ]
    versions = {}
    for number, extra in (
        (1, []),
        (2, ["Poppy told her teacher she was hungry."]),
        (3, ["Child L told her teacher she was hungry."]),
    ):
        clock(day(58 + 2 * number))
        page = as_(bm)
        page.goto(review_url)
        page.get_by_role("link", name="Upload a version").click()
        page.get_by_label("Draft of the report").set_input_files(
            {
                "name": f"Child L LCSPR report v{number}.docx",
                "mimeType": DOCX,
                "buffer": docx_bytes([*body, *extra]),
            }
        )
        page.get_by_label("Comments").fill(f"Version {number}, after the panel's comments.")
        page.get_by_role("button", name="Upload").click()
        no_errors(page)
        versions[number] = page.url
        if number > 1:
            page.get_by_role("link", name="Run the anonymisation check").click()
            page.get_by_role("button", name="Run the check").click()
            no_errors(page)
    page.goto(versions[2])
    text = main_text(page)
    assert "Poppy" in text and "told her teacher she was hungry" in text, text
    assert not axe_problems(page)
    shots(page, "anonymisation-finds-the-name")
    page.goto(versions[3])
    assert "Poppy" not in main_text(page)
    page.get_by_role("link", name="Record the legal read").click()
    page.get_by_label("Legal adviser").fill("Lena Solicitor, Legal Services")
    fill_date(page, "read_on", day(64))
    page.get_by_role("radio", name="Approved").check()
    page.get_by_label("Comments").fill("Nothing incriminating; the names are out.")
    page.get_by_role("button", name="Save the legal read").click()
    no_errors(page)
    page.goto(f"{review_url}drafts/")
    text = main_text(page)
    assert all(f"Version {n}" in text for n in (1, 2, 3)), text
    shots(page, "three-versions")

    # Day 65: version 3 goes through Dorset's chain: the review panel agrees it, Legal
    # Services approve it, the PDSCP Leadership Meeting approves it (seed 002 7.15-7.16).
    clock(day(65))
    page = as_(bm)
    page.goto(versions[3])
    page.get_by_role("link", name="Send for final approval").click()
    page.get_by_label("Comments for the people who sign it off").fill("The final draft.")
    page.get_by_role("button", name="Send for sign-off").click()
    no_errors(page)
    assert step("publication", "final_review_meeting").met_on == day(65)  # 7.16

    def sign_off(person, address):
        signer = as_(person)
        signer.goto(address)
        signer.get_by_role("link", name=re.compile("^Sign off or return")).click()
        radio = signer.get_by_role("radio", name="Sign off", exact=True)
        if radio.count():
            radio.check()
        signer.get_by_role("button", name=re.compile("^(Continue|Sign off)$")).click()
        text = main_text(signer)
        assert "You have signed it off" in text or "it is signed off" in text, text
        return signer

    for person in (chair, legal, executive):
        signer = sign_off(person, versions[3])
    assert not axe_problems(signer)
    page = as_(bm)
    page.goto(review_url)
    assert "Version 3 is the final report." in main_text(page), main_text(page)

    # Day 66: the 7-minute briefing (the Synopsis of Learning, 8.7-8.8): written by the
    # business manager, signed off by the CSPR sub-group, one page as a PDF.
    clock(day(66))
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("button", name="Write the 7-minute briefing").click()
    no_errors(page)
    briefing_url = page.url.removesuffix("edit/")
    for field, number, _label, _error in BRIEFING_SECTIONS:
        page.locator(f"[name={field}]").fill(f"Section {number} of Child L's briefing.")
    page.get_by_role("button", name="Save the briefing").click()
    no_errors(page)
    page.goto(briefing_url)
    page.get_by_role("link", name="Send for sign-off").click()
    page.get_by_role("button", name="Send for sign-off").click()
    no_errors(page)
    # Sending it is the business manager's own step of the chain; the sub-group signs it off.
    signer = sign_off(chair, briefing_url)
    signer.goto(briefing_url)
    # The PDF is rendered off the request: the first visit queues it, a later one downloads it.
    for _ in range(10):
        pdf = signer.request.get(f"{briefing_url}pdf/")
        if pdf.headers["content-type"] == "application/pdf":
            break
        signer.wait_for_timeout(500)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf.body())).pages) == 1
    shots(signer, "briefing-signed-off")
    signer.goto(review_url)
    assert re.search(r"7-minute briefing: .*\s+Signed off", main_text(signer)), main_text(signer)

    # Day 67: the comms plan, with an item and the reactive statement, agreed at the comms
    # planning meeting (7.17-7.18).
    clock(day(67))
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("link", name="Comms plan and reactive statement").click()
    comms_url = page.url
    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Audience").fill("Practitioners across the partnership")
    page.get_by_label("Message").fill("The report and its 7-minute briefing are published.")
    page.get_by_role("radio", name="E-mail or letter").check()
    pick(page, "owner", "Bea Manager")
    fill_date(page, "due_on", target)
    page.get_by_role("radio", name="Planned").check()
    page.get_by_role("button", name="Save the item").click()
    no_errors(page)
    page.goto(f"{comms_url}statement/")
    page.get_by_label("Reactive statement").fill("The partnership accepts every recommendation.")
    pick(page, "statement_owner", "Eve Executive")
    page.get_by_role("button", name="Save the statement").click()
    no_errors(page)
    page.goto(f"{comms_url}agree/")
    fill_date(page, "agreed_on", day(67))
    page.get_by_label("Who agreed it").fill("Comms planning meeting")
    page.get_by_role("button", name="Record").click()
    no_errors(page)
    assert step("publication", "comms_meeting").met_on == day(67)
    assert not axe_problems(page)
    shots(page, "comms-plan-agreed")

    # Seven working days before publication the copies go to the National Panel, the
    # Secretary of State and Ofsted (7.19), recorded as the notice of copies.
    clock(copies_due)
    page = as_(bm)
    page.goto(f"{case_url}notices/")
    page.get_by_role("link", name="Add a notice").click()
    page.get_by_role("radio", name="Copies of the report before publication").check()
    page.get_by_label("What is sent").fill("The final report, version 3.")
    page.get_by_role("button", name="Add the notice").click()
    no_errors(page)
    fill_date(page, "sent_on", copies_due)
    page.get_by_role("button", name="Record as sent").click()
    no_errors(page)
    assert step("publication", "copies_to_panel").met_on == copies_due
    shots(page, "copies-sent")

    # The publication, on the target date (7.19): the six months' step met on time.
    clock(target)
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("link", name="Record the publication").click()
    assert not axe_problems(page)
    fill_date(page, "published_on", target)
    page.get_by_label("Web address of the published report").fill(
        "https://www.pdscp.co.uk/reviews/child-l"
    )
    fill_date(page, "nspcc_submitted_on", target)
    page.get_by_role("button", name="Record the publication").click()
    no_errors(page)
    review.refresh_from_db()
    assert review.status == "published" and review.published_on == target
    assert step("publication", "publish").met_on == target
    assert step("lcspr", "lcspr_complete").met_on == target <= rolled(six_months)
    page.goto(review_url)
    assert not axe_problems(page)
    shots(page, "published")

    # The action plan: a police action due ten working days after publication; overdue two
    # days later, the reminder sweep e-mails its owner at the police (docs/action-plans.md).
    action_due = calendar.add_working_days(target, 10)
    page.goto(f"{case_url}actions/new/")
    page.get_by_role("radio", name="LCSPR", exact=True).check()
    page.get_by_label("Recommendation or learning").fill("Welfare checks see the child alone.")
    page.get_by_label("Action", exact=True).fill(
        "Brief every response officer on seeing the child."
    )
    pick(page, "owner_agency", police.name)
    pick(page, "owner_person", "Pat Lead")
    fill_date(page, "due_date", action_due)
    page.get_by_label("Success measure").fill("An audit of 20 welfare checks in three months.")
    page.get_by_role("button", name="Add the action").click()
    no_errors(page)
    late_day = calendar.add_working_days(action_due, 2)
    clock(late_day)
    reminders_sweep()
    overdue = OutboundEmail.objects.filter(to=police_slo.user.email, key__contains=":overdue")
    assert overdue.exists(), list(OutboundEmail.objects.values_list("to", "key"))
    assert case.reference in overdue.first().subject
    page = as_(police_slo)
    page.goto(f"{case_url}actions/")
    assert "Overdue" in main_text(page)
    assert not axe_problems(page)
    shots(page, "action-overdue")
