"""The decision written in the report is recorded as agreed at a meeting of the case, and only
a quorate one can (Swindon 001, The Rapid Review Meeting: "if the meeting is not quorate, it
cannot go ahead"): the service, the page and the API; the clock's meeting step is met."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.models import AuditEvent, Deadline, DeadlineStatus, MeetingInvitee
from cases.services import meetings as meeting_services
from cases.services.meetings import InviteeDetails
from rapid_reviews import report_sections as rs
from rapid_reviews.services.decision import report_decision_record
from rapid_reviews.services.report import report_create, report_save


def _decided_report(s):
    report = report_create(actor=s.bm.user, membership=s.bm, review=s.review)
    return report_save(
        actor=s.bm.user,
        membership=s.bm,
        report=report,
        base_version=report.version,
        sections={
            "criteria": {k: {"decision": "no", "notes": ""} for k in rs.CRITERIA_KEYS},
            "recommendation": {"choice": "B", "other": ""},
            "rationale": "Single-agency learning only.",
        },
    )


def _held_meeting(s, present):
    starts = timezone.now() - datetime.timedelta(hours=3)
    people = (s.la_slo, s.police_slo, s.icb_exec)
    meeting = meeting_services.meeting_schedule(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        kind="rapid_review",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location="Committee Room 2",
        invitees=[InviteeDetails(membership=m) for m in people],
        purpose="rapid_review",
    )
    ids = [i.pk for i in MeetingInvitee.objects.filter(meeting=meeting) if i.membership in present]
    return meeting_services.meeting_record_attendance(
        actor=s.bm.user, membership=s.bm, meeting=meeting, attended=ids
    )


def test_a_meeting_that_was_not_quorate_cannot_record_the_decision(lincolnshire):
    s = lincolnshire
    report = _decided_report(s)
    not_quorate = _held_meeting(s, [s.la_slo, s.police_slo])  # no one from the ICB
    assert not_quorate.quorate is False
    with pytest.raises(ValidationError) as caught:
        report_decision_record(actor=s.bm.user, membership=s.bm, report=report, meeting=not_quorate)
    assert caught.value.message_dict["meeting"] == [
        "The meeting was not quorate: it cannot record the review's decision"
    ]
    report.refresh_from_db()
    assert report.decision_meeting is None
    step = Deadline.objects.get(case=s.case, stage="rapid_review", key="rapid_review_meeting")
    assert step.status == DeadlineStatus.OPEN

    quorate = _held_meeting(s, [s.la_slo, s.police_slo, s.icb_exec])
    report = report_decision_record(
        actor=s.bm.user, membership=s.bm, report=report, meeting=quorate
    )
    assert report.decision_meeting == quorate
    step.refresh_from_db()
    assert step.status == DeadlineStatus.MET
    assert step.met_on == timezone.localdate(quorate.starts_at)
    assert AuditEvent.objects.filter(action="rapid_review.report_decision").count() == 1


def test_the_decision_must_be_written_first_and_only_a_business_manager_records_it(lincolnshire):
    s = lincolnshire
    report = report_create(actor=s.bm.user, membership=s.bm, review=s.review)
    quorate = _held_meeting(s, [s.la_slo, s.police_slo, s.icb_exec])
    with pytest.raises(ValidationError) as caught:
        report_decision_record(actor=s.bm.user, membership=s.bm, report=report, meeting=quorate)
    assert set(caught.value.message_dict) == {"criteria", "recommendation", "rationale"}
    with pytest.raises(ValidationError) as caught:
        report_decision_record(actor=s.bm.user, membership=s.bm, report=report, meeting=None)
    assert caught.value.message_dict["meeting"] == ["Select the meeting that agreed the decision"]
    with pytest.raises(PermissionDenied):
        report_decision_record(
            actor=s.la_slo.user, membership=s.la_slo, report=report, meeting=quorate
        )


def test_the_page_and_the_api(lincolnshire, client):
    s = lincolnshire
    _decided_report(s)
    not_quorate = _held_meeting(s, [s.la_slo])
    quorate = _held_meeting(s, [s.la_slo, s.police_slo, s.icb_exec])
    client.force_login(s.bm.user)
    page = reverse("rapid_reviews:report_decision", args=["lincolnshire", s.review.pk])
    response = client.get(page)
    assert response.status_code == 200
    assert "(not quorate)" in response.content.decode()
    response = client.post(page, {"meeting": not_quorate.pk})
    assert response.status_code == 400
    assert "it cannot record the review&#x27;s decision" in response.content.decode()
    response = client.post(page, {})
    assert "Select the meeting that agreed the decision" in response.content.decode()

    api = reverse(
        "rapid_reviews_api:rapid-review-report-decision", args=["lincolnshire", s.review.pk]
    )
    response = client.post(api, {"meeting": not_quorate.pk}, content_type="application/json")
    assert response.status_code == 400
    assert "not quorate" in str(response.json())
    response = client.post(api, {"meeting": quorate.pk}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["decision_meeting"] == quorate.pk
    report_page = client.get(reverse("rapid_reviews:report", args=["lincolnshire", s.review.pk]))
    assert "The decision was agreed at" in report_page.content.decode()
