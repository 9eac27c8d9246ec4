"""Learning reviews (issue 14) on BCP's menu (003 Appendix A)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.models import AuditEvent, CaseStage, Deadline, DeadlineStatus
from lcspr.choices import LearningReviewStatus
from lcspr.services.learning import learning_review_complete, learning_review_start
from tests.factories import api_token

D = datetime.date


def _start(s, **kwargs):
    values = {
        "option": "practitioner_learning_brief",
        "day_zero": D(2026, 12, 1),
        "lines_of_enquiry": "How did the agencies share what they knew about the home?",
        **kwargs,
    }
    return learning_review_start(actor=s.bm.user, membership=s.bm, case=s.case, **values)


def test_the_options_timescale_lead_and_governance(bcp, mid_december):
    s = bcp
    review = _start(s)
    # A practitioner learning brief: one month (Fri 1 Jan 2027 is New Year's Day, so the
    # working day before), led by the PDSCP (BCP) Co-ordinator.
    assert (review.option_label, review.due) == ("Practitioner learning brief", D(2026, 12, 31))
    assert (review.lead, review.governance) == ("PDSCP (BCP) Co-ordinator", "PDSCP")
    step = Deadline.objects.get(case=s.case, stage="learning_review")
    assert (step.key, step.due) == (f"learning_review_{review.pk}", review.due)
    s.case.refresh_from_db()
    assert s.case.stage == CaseStage.LEARNING_REVIEW
    with pytest.raises(InvalidTransition):
        _start(s)
    with pytest.raises(ValidationError) as raised:
        learning_review_complete(
            actor=s.bm.user,
            membership=s.bm,
            review=review,
            completed_on=D(2026, 11, 30),
            summary_of_learning=" ",
        )
    assert raised.value.message_dict == {
        "completed_on": ["The date it was completed must be after it started"],
        "summary_of_learning": ["Enter the summary of learning"],
    }
    review = learning_review_complete(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        completed_on=D(2026, 12, 14),
        summary_of_learning="Seven points for practitioners.",
    )
    assert review.status == LearningReviewStatus.COMPLETED
    step.refresh_from_db()
    assert (step.status, step.met_on) == (DeadlineStatus.MET, D(2026, 12, 14))
    assert AuditEvent.objects.filter(action="learning_review.complete").exists()


def test_an_option_without_a_timescale_and_every_error_at_once(bcp, mid_december):
    s = bcp
    with pytest.raises(ValidationError) as raised:
        _start(s, option="nope", day_zero=None, lines_of_enquiry="")
    assert set(raised.value.message_dict) == {"option", "day_zero", "lines_of_enquiry"}
    review = _start(s, option="single_agency_review", lead="Head of Safeguarding, BCP Council")
    assert review.due is None and review.lead == "Head of Safeguarding, BCP Council"
    assert not Deadline.objects.filter(case=s.case, stage="learning_review").exists()
    with pytest.raises(PermissionDenied):
        learning_review_start(
            actor=s.la_slo.user,
            membership=s.la_slo,
            case=s.case,
            option="joint_supervision",
            day_zero=D(2026, 12, 1),
            lines_of_enquiry="x",
        )


def test_pages_and_api(bcp, mid_december, client_for):
    s = bcp
    bm = client_for(s.bm.user)
    case_page = bm.get(reverse("cases:case_detail", args=["bcp", s.case.pk])).content.decode()
    start = reverse("lcspr:learning_start", args=["bcp", s.case.pk])
    assert start in case_page
    page = bm.get(start).content.decode()
    assert "Joint supervision (4 – 6 weeks)" in page
    response = bm.post(start, {"option": "joint_supervision"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the date of the decision to undertake the learning review" in html
    assert "Enter the terms of reference or lines of enquiry" in html
    response = bm.post(
        start,
        {
            "option": "joint_supervision",
            "day_zero_day": 1,
            "day_zero_month": 12,
            "day_zero_year": 2026,
            "lines_of_enquiry": "Supervision of the social worker and the health visitor.",
        },
    )
    assert response.status_code == 302
    detail = bm.get(response.url).content.decode()
    assert "Independent supervisor identified in line with Joint Supervision agreement" in detail
    assert client_for(s.la_slo.user).get(response.url).status_code == 200
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.bm.user)}")
    listed = api.get(reverse("lcspr_api:learning-review-list", args=["bcp"])).json()["results"]
    review_id = listed[0]["id"]
    assert listed[0]["due"] == "2027-01-12"  # 6 weeks from Tue 1 Dec
    complete = reverse("lcspr_api:learning-review-complete", args=["bcp", review_id])
    bad = api.post(complete, {"completed_on": None, "summary_of_learning": ""}, "application/json")
    assert bad.status_code == 400
    assert set(bad.json()) == {"completed_on", "summary_of_learning"}
    done = api.post(
        complete,
        {"completed_on": "2026-12-15", "summary_of_learning": "Better joint supervision."},
        "application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "completed"
