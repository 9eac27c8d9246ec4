"""Issue 14's learning review, in headless Chromium, on BCP's preset (seed 003 Appendix A and
section 11): a case whose rapid review decided on a learning review; the business manager
starts a multi-agency learning event from the partnership's menu (due three months after the
decision, the menu's timescale); version 1 of its terms of reference and lines of enquiry is
approved by its governance body (CSPRG & BCP PDSCP); a family member is added and a telephone
call logged with the notes shared back; version 2 of the terms, with what changed, is approved
likewise (version 1 kept as it was); the summary of learning is written and the review
completed on time. Every page has no accessibility problems axe can find.

The business manager signs in through the real forms the first time; the clock then moves on
working days (`clock`, as in tests/rapid_reviews/test_swindon_journey.py). Screenshots go to
$PRM_VAR_DIR/bcp-learning-journey (or a temporary folder)."""

import datetime
import re

import pytest

from cases.clock import calendar_for
from cases.models import AgencyType, CaseStage, Deadline, DeadlineStatus, Role
from cases.services import cases as case_services
from cases.workflow import compute_learning_option_deadline
from lcspr.choices import LearningReviewStatus, LearningTermsStatus
from lcspr.models import FamilyContact, FamilyMember, LearningReview, LearningTerms
from tests.browser import axe_problems, journey_people, journey_screenshots
from tests.factories import AgencyFactory, PartnershipFactory, make_member
from tests.notifications import test_browser_journey as notification_journey
from tests.notifications.test_browser_journey import fill_date, long_date, main_text

pytestmark = pytest.mark.browser

clock = notification_journey.clock  # the fixture: clock(day) moves the app's today

OPTION = "multi_agency_learning_event"
GOVERNANCE = "CSPRG & BCP PDSCP"


@pytest.fixture
def shots():
    return journey_screenshots("bcp-learning-journey")


def _decided_on_learning_review(partnership, bm, council, decided_on):
    """A case whose rapid review was concluded with the decision to hold a learning review
    (written as the outcome service leaves it: the rapid review's own journey is Swindon's)."""
    from rapid_reviews.choices import ReviewDecision, ReviewSource, ReviewStatus
    from rapid_reviews.models import RapidReviewOutcome
    from rapid_reviews.services.start import rapid_review_start

    case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child L",
        summary="A toddler was admitted to hospital with a fracture (fictitious).",
        incident_date=decided_on - datetime.timedelta(days=40),
        awareness_date=decided_on - datetime.timedelta(days=38),
        agencies=[council],
        stage=CaseStage.AWAITING_NOTIFICATION,
    )
    review = rapid_review_start(
        actor=bm.user,
        membership=bm,
        case=case,
        source=ReviewSource.EXECUTIVE_DECISION,
        day_zero=decided_on - datetime.timedelta(days=38),
    )
    review.status = ReviewStatus.CONCLUDED
    review.save(update_fields=["status"])
    RapidReviewOutcome.objects.create(
        partnership=partnership,
        rapid_review=review,
        decision=ReviewDecision.LEARNING_REVIEW,
        decided_on=decided_on,
        rationale="Learning for the multi-agency partnership; the CSPR criteria are not met.",
        decided_by=bm.user,
    )
    case_services.case_stage_set(
        actor=bm.user, case=case, stage=CaseStage.LEARNING_REVIEW, reason="Learning review"
    )
    return case


def test_bcp_learning_review_from_decision_to_summary_of_learning(
    transactional_db, live_server, browser_page, celery_eager, clock, shots
):
    partnership = PartnershipFactory(
        name="BCP Safeguarding Children Partnership", slug="bcp", code="BCP", with_preset="bcp"
    )
    slug = partnership.slug
    council = AgencyFactory(
        partnership=partnership,
        name="BCP Council",
        agency_type=AgencyType.LOCAL_AUTHORITY,
        is_statutory_partner=True,
    )
    bm = make_member(
        partnership,
        Role.BUSINESS_MANAGER,
        email="bea.manager@bcp.test",
        full_name="Bea Manager",
    )

    calendar = calendar_for(partnership)
    decided = calendar.next_working_day(datetime.date.today() - datetime.timedelta(days=20))

    def day(n):
        """n working days after the decision."""
        return calendar.add_working_days(decided, n)

    clock(decided)
    case = _decided_on_learning_review(partnership, bm, council, decided)
    due = compute_learning_option_deadline(partnership.workflow, OPTION, decided, calendar).due
    assert decided + datetime.timedelta(days=85) <= due <= decided + datetime.timedelta(days=95)

    as_ = journey_people(browser_page, slug)

    # Day 1: the business manager starts a multi-agency learning event from BCP's menu.
    clock(day(1))
    page = as_(bm)
    page.goto(f"/p/{slug}/cases/{case.pk}/")
    page.get_by_role("link", name="Start a learning review").click()
    assert not axe_problems(page)
    page.get_by_role("radio", name=re.compile("^Multi-agency learning event")).check()
    fill_date(page, "day_zero", decided)
    page.get_by_label("Terms of reference or lines of enquiry").fill(
        "1. How did the agencies share what they knew about the injuries?\n"
        "2. How was the father's voice heard?"
    )
    shots(page, "start")
    page.get_by_role("button", name="Start the learning review").click()
    page.wait_for_url(re.compile(rf"/p/{slug}/lcsprs/learning/\d+/$"))
    review = LearningReview.objects.get(case=case)
    review_url = f"/p/{slug}/lcsprs/learning/{review.pk}/"
    text = main_text(page)
    assert "Multi-agency learning event" in text and "In progress" in text
    assert f"{due:%A} {long_date(due)}" in text, text
    assert GOVERNANCE in text
    assert "Not approved by the governance body yet" in text
    assert not axe_problems(page)
    shots(page, "started")
    assert (review.day_zero, review.due, review.governance) == (decided, due, GOVERNANCE)
    step = Deadline.objects.get(case=case, stage="learning_review")
    assert (step.key, step.due) == (f"learning_review_{review.pk}", due)

    # Day 3: the governance body approves version 1; the business manager records it.
    clock(day(3))
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("link", name="version 1 of the terms of reference").click()
    assert "Draft" in main_text(page)
    assert not axe_problems(page)
    page.get_by_role("link", name="Record the approval").click()
    assert page.get_by_label("Who approved the terms of reference").input_value() == GOVERNANCE
    page.get_by_role("button", name="Save").click()  # no date: every error at once
    assert "Enter the date the terms of reference were approved" in main_text(page)
    assert not axe_problems(page)
    fill_date(page, "approved_on", day(3))
    page.get_by_role("button", name="Save").click()
    text = main_text(page)
    assert "Approved by the governance body" in text and long_date(day(3)) in text, text
    assert not axe_problems(page)
    shots(page, "terms-v1-approved")
    v1 = LearningTerms.objects.get(review=review, version=1)
    assert (v1.status, v1.approved_by, v1.approved_on) == (
        LearningTermsStatus.APPROVED,
        GOVERNANCE,
        day(3),
    )

    # Day 5: a family member is added, a telephone call logged and the notes shared back.
    clock(day(5))
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("link", name="Family engagement").click()
    assert not axe_problems(page)
    page.get_by_role("link", name="Add a family member").click()
    page.get_by_label("Name").fill("Jo Parent")
    page.get_by_label("Relationship to the child").fill("Mother")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("Preferred way of contact").select_option("telephone")
    assert not axe_problems(page)
    page.get_by_role("button", name="Save").click()
    assert "Jo Parent" in main_text(page)
    page.get_by_role("link", name="Record a contact").click()
    page.get_by_label("With whom").select_option(label="Jo Parent (Mother)")
    page.get_by_role("radio", name="Telephone").check()
    fill_date(page, "contacted_on", day(5))
    page.get_by_label("Who made contact").fill("Bea Manager, business manager")
    page.get_by_label("Outcome").fill(
        "Told of the learning event; the letter and leaflet follow. Will meet the facilitator."
    )
    page.locator("fieldset", has_text="notes shared back").get_by_role("radio", name="Yes").check()
    fill_date(page, "notes_shared_on", day(5))
    assert not axe_problems(page)
    shots(page, "contact-form")
    page.get_by_role("button", name="Save").click()
    text = main_text(page)
    assert "The contact was recorded" in text and "Telephone" in text, text
    assert "Embargoed copy" not in text  # the LCSPR's only
    assert not axe_problems(page)
    shots(page, "family")
    member = FamilyMember.objects.get(learning_review=review)
    contact = FamilyContact.objects.get(learning_review=review)
    assert (member.review, contact.member, contact.contacted_on) == (None, member, day(5))
    assert (contact.notes_shared, contact.notes_shared_on) == (True, day(5))

    # Day 20: the lines of enquiry change: version 2, with what changed, approved likewise.
    clock(day(20))
    page = as_(bm)
    page.goto(review_url)
    page.get_by_role("link", name="Terms of reference: every version").click()
    page.get_by_role("link", name="Change the terms of reference").click()
    assert not axe_problems(page)
    page.get_by_label("Terms of reference and lines of enquiry").fill(
        "1. How did the agencies share what they knew about the injuries?\n"
        "2. How was the father's voice heard?\n"
        "3. How did the nursery escalate its concerns?"
    )
    page.get_by_label("What changed").fill("Adds the nursery's escalation (line 3).")
    page.get_by_role("button", name="Save").click()
    assert "Version 2" in main_text(page) or "version 2" in main_text(page)
    page.get_by_role("link", name="Record the approval").click()
    fill_date(page, "approved_on", day(20))
    page.get_by_role("button", name="Save").click()
    text = main_text(page)
    assert "Terms of reference: version 2" in text and "Adds the nursery's escalation" in text
    assert long_date(day(20)) in text
    page.get_by_role("link", name="Every version of the terms of reference").click()
    text = main_text(page)
    assert "Version 2" in text and "Version 1" in text and "First version" in text
    assert not axe_problems(page)
    shots(page, "terms-versions")
    page.get_by_role("link", name="Version 1", exact=True).click()
    assert "nursery" not in main_text(page)  # version 1 kept as approved
    v2 = LearningTerms.objects.get(review=review, version=2)
    assert (v2.status, v2.approved_on, v2.approved_by) == (
        LearningTermsStatus.APPROVED,
        day(20),
        GOVERNANCE,
    )

    # Day 40: the learning event held, the summary of learning written: completed on time.
    clock(day(40))
    page = as_(bm)
    page.goto(review_url)
    assert "How did the nursery escalate its concerns?" in main_text(page)
    page.get_by_role("link", name="Complete the learning review").click()
    assert not axe_problems(page)
    fill_date(page, "completed_on", day(40))
    page.get_by_label("Summary of learning").fill(
        "Agencies held pieces of the picture; the nursery's concerns did not reach the social"
        " worker. Practitioners will use the escalation policy."
    )
    shots(page, "complete-form")
    page.get_by_role("button", name=re.compile("^(Save|Complete)")).click()
    text = main_text(page)
    assert "Completed" in text and long_date(day(40)) in text, text
    assert not axe_problems(page)
    shots(page, "completed")
    review.refresh_from_db()
    assert (review.status, review.completed_on) == (LearningReviewStatus.COMPLETED, day(40))
    step.refresh_from_db()
    assert (step.status, step.met_on) == (DeadlineStatus.MET, day(40))
    assert day(40) <= due
    page.goto(f"/p/{slug}/cases/{case.pk}/history/")
    history = main_text(page)
    assert "recorded the governance body's approval of the learning review's terms" in history
    assert "recorded a contact with a family member" in history
