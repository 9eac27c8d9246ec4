"""The review's pages: its clock and timeline, the start from the case page, who sees what."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.clock import calendar_for
from rapid_reviews.choices import ReviewSource
from rapid_reviews.models import RapidReview
from rapid_reviews.services.start import rapid_review_start
from tests.factories import PartnershipFactory, make_member

pytestmark = pytest.mark.django_db


def _login(client, member):
    client.force_login(member.user)


def _start(s):
    return rapid_review_start(
        actor=s.bm.user, membership=s.bm, case=s.case, source=ReviewSource.EXECUTIVE_DECISION
    )


def test_the_review_page_shows_the_day_the_next_milestone_and_every_milestone(client, swindon):
    swindon.case.awareness_date = calendar_for(swindon.partnership).add_working_days(
        timezone.localdate(), -7
    )
    swindon.case.save(update_fields=["awareness_date"])
    review = _start(swindon)
    _login(client, swindon.bm)
    page = client.get(reverse("rapid_reviews:detail", args=["swindon", review.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Day 7 of 15" in html
    assert "Overdue" in html  # the information requests, due on day 2
    assert "001 Initial Scoping" in html
    assert "Backstop: rapid review complete within 15 working days" in html
    assert "The Strategic Support Unit will convene a Rapid Review meeting" in html


def test_the_business_manager_starts_it_from_the_case_page(client, swindon):
    _login(client, swindon.bm)
    case_page = client.get(
        reverse("cases:case_detail", args=["swindon", swindon.case.pk])
    ).content.decode()
    start_url = reverse("rapid_reviews:start", args=["swindon", swindon.case.pk])
    assert start_url in case_page
    errors = client.post(start_url, {})
    assert "Select what started the rapid review" in errors.content.decode()
    done = client.post(start_url, {"source": "executive_decision"})
    review = RapidReview.objects.get(case=swindon.case)
    assert done.url == reverse("rapid_reviews:detail", args=["swindon", review.pk])
    work = client.get(reverse("cases:home", args=["swindon"])).content.decode()
    assert f"{swindon.case.reference}: rapid review" in work


def test_who_sees_what(client, swindon):
    review = _start(swindon)
    detail = reverse("rapid_reviews:detail", args=["swindon", review.pk])
    start = reverse("rapid_reviews:start", args=["swindon", swindon.case.pk])
    for member in (swindon.exec, swindon.la_slo):
        _login(client, member)
        assert client.get(detail).status_code == 200
        assert client.get(start).status_code == 403
    # The school is not involved in the case: the review does not exist for its staff.
    _login(client, swindon.teacher)
    assert client.get(detail).status_code == 404
    other = PartnershipFactory(slug="elsewhere", with_preset="dorset")
    outsider = make_member(other, "business_manager", email="out@elsewhere.test")
    _login(client, outsider)
    assert (
        client.get(reverse("rapid_reviews:detail", args=["elsewhere", review.pk])).status_code
        == 404
    )


def test_my_work_lists_the_running_review_with_its_day_and_overdue_milestones(client, swindon):
    """The business manager's "Rapid reviews" section (rapid_reviews.home): the clock and the
    number of overdue milestones come from one read of the stage's deadlines."""
    from cases.models import Deadline, DeadlineStatus
    from rapid_reviews.services.start import STAGE

    swindon.case.awareness_date = calendar_for(swindon.partnership).add_working_days(
        timezone.localdate(), -7
    )
    swindon.case.save(update_fields=["awareness_date"])
    _start(swindon)
    overdue = Deadline.objects.filter(
        case=swindon.case, stage=STAGE, status=DeadlineStatus.OPEN, due__lt=timezone.localdate()
    ).count()
    assert overdue >= 1
    _login(client, swindon.bm)
    response = client.get(reverse("cases:home", args=["swindon"]))
    (section,) = [s for s in response.context["work_sections"] if s["title"] == "Rapid reviews"]
    (item,) = section["items"]
    assert item["label"] == f"{swindon.case.reference}: rapid review"
    assert item["tag"] == f"{overdue} milestone{'s' if overdue != 1 else ''} overdue"
    assert "day 7 of 15" in item["clock"]
