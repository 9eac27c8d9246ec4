"""The National Panel's replies to a rapid review (notifications.services.panel_responses): the
clocks of the presets, the decision, a contrary view back to the decision-makers, a request for
more information, and the rapid review's submission notice opening the wait."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import InvalidTransition
from cases.models import (
    AuditEvent,
    CaseStage,
    Deadline,
    DeadlineStatus,
    NoticeKind,
    OutboundEmail,
)
from cases.services.notices import notice_create, notice_record_sent
from notifications.models import PanelResponse
from notifications.services import panel_responses as svc
from tests.notifications.panel_world import SENT, TODAY, make_world

pytestmark = pytest.mark.usefixtures("today_after_christmas")


@pytest.fixture
def north_lincs(db):
    return make_world("north-lincolnshire")


@pytest.fixture
def lincs(db):
    return make_world("lincolnshire")


@pytest.fixture
def dorset_world(db):
    return make_world("dorset")


def opened(w, **kwargs):
    return svc.panel_response_open(
        actor=w.bm.user,
        membership=w.bm,
        case=w.case,
        submitted_on=kwargs.pop("submitted_on", SENT),
        partnership_view=kwargs.pop("partnership_view", "lcspr"),
        **kwargs,
    )


def reply(w, response, **kwargs):
    fields = {"received_on": SENT + datetime.timedelta(days=1), "decision": "local_review"}
    fields.update(kwargs)
    return svc.panel_response_record(actor=w.bm.user, membership=w.bm, response=response, **fields)


def step(case):
    return Deadline.objects.get(case=case, stage="panel_response")


def test_north_lincolnshire_counts_15_working_days_from_the_rapid_review(north_lincs):
    response = opened(north_lincs)
    deadline = step(north_lincs.case)
    assert response.status == "awaiting"
    assert deadline.day_zero == SENT
    # 8-11, 14-18, 21-24 December (13), then 29 and 30: Christmas Day and the substitute
    # Boxing Day (Monday 28 December 2026) are not working days.
    assert deadline.due == datetime.date(2026, 12, 30)
    north_lincs.case.refresh_from_db()
    assert north_lincs.case.stage == CaseStage.PANEL_RESPONSE


def test_dorset_counts_10_working_days_from_the_panels_meeting(dorset_world):
    response = opened(dorset_world)
    assert not Deadline.objects.filter(case=dorset_world.case, stage="panel_response").exists()
    svc.panel_response_meeting(
        actor=dorset_world.bm.user,
        membership=dorset_world.bm,
        response=response,
        meeting_date=datetime.date(2027, 1, 14),
    )
    deadline = step(dorset_world.case)
    assert deadline.day_zero == datetime.date(2027, 1, 14)
    assert deadline.due == datetime.date(2027, 1, 28)
    # The Panel moves its meeting: the clock moves with it.
    svc.panel_response_meeting(
        actor=dorset_world.bm.user,
        membership=dorset_world.bm,
        response=response,
        meeting_date=datetime.date(2027, 1, 21),
    )
    assert step(dorset_world.case).due == datetime.date(2027, 2, 4)


def test_a_decision_meets_the_step_and_is_circulated_without_names(lincs):
    response = opened(lincs)
    OutboundEmail.objects.all().delete()
    response = reply(lincs, response, comments="The Panel agrees with the partnership.")
    assert response.status == "concluded"
    deadline = step(lincs.case)
    assert deadline.status == DeadlineStatus.MET
    assert deadline.met_on == SENT + datetime.timedelta(days=1)
    # Lincolnshire 000 Appendix C: circulated to the Assurance Executive and the review group.
    to = set(OutboundEmail.objects.values_list("to", flat=True))
    assert to == {lincs.executive.user.email, lincs.group.user.email}
    for email in OutboundEmail.objects.all():
        text = email.subject + email.body_text + email.body_html
        assert "Penny" not in text and "Quince" not in text
        assert "a local review (lcspr) is appropriate" in email.body_text
        assert email.subject.endswith(f"National Panel reply {lincs.case.reference}: Concluded")


def test_a_contrary_view_goes_back_to_the_decision_makers(lincs):
    response = opened(lincs, partnership_view="no_review")
    OutboundEmail.objects.all().delete()
    response = reply(lincs, response, decision="local_review")
    assert response.is_contrary
    assert response.status == "reconsideration"
    assert response.reconsidered_by_body == "Assurance Executive"
    headlines = [e.body_text for e in OutboundEmail.objects.filter(to=lincs.executive.user.email)]
    assert any("Assurance Executive is asked to reconsider" in h for h in headlines)
    with pytest.raises(PermissionDenied):
        svc.panel_response_reconsider(
            actor=lincs.group.user,
            membership=lincs.group,
            response=response,
            reconsideration="accept",
            reconsideration_reasons="x",
            reconsidered_on=SENT + datetime.timedelta(days=3),
        )
    done = svc.panel_response_reconsider(
        actor=lincs.executive.user,
        membership=lincs.executive,
        response=response,
        reconsideration="accept",
        reconsideration_reasons="The Panel's reasons are persuasive; an LCSPR is commissioned.",
        reconsidered_on=SENT + datetime.timedelta(days=3),
    )
    assert done.status == "concluded"
    assert done.reconsidered_by == lincs.executive.user
    actions = list(
        AuditEvent.objects.filter(case=lincs.case, action__startswith="notification.panel")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "notification.panel_open",
        "notification.panel_reply",
        "notification.panel_reconsider",
    ]


def test_bcp_takes_the_challenge_back_to_its_executive_team(db):
    w = make_world("bcp")
    response = reply(w, opened(w, partnership_view="lcspr"), decision="no_further_review")
    assert response.reconsidered_by_body == "PDSCP Executive Team"


def test_agreeing_views_are_not_contrary(lincs):
    response = reply(lincs, opened(lincs, partnership_view="lcspr"), decision="local_review")
    assert not response.is_contrary and response.status == "concluded"


def test_more_information_keeps_the_clock_and_opens_the_next_round(north_lincs):
    first = opened(north_lincs)
    first = reply(
        north_lincs, first, decision="more_information", comments="The school's chronology."
    )
    assert first.status == "information_requested"
    assert step(north_lincs.case).status == DeadlineStatus.OPEN
    second = svc.panel_response_information(
        actor=north_lincs.bm.user,
        membership=north_lincs.bm,
        response=first,
        sent_on=datetime.date(2026, 12, 9),
    )
    first.refresh_from_db()
    assert first.status == "concluded"
    assert second.round == 2 and second.status == "awaiting"
    assert second.partnership_view == "lcspr"
    deadline = step(north_lincs.case)
    assert deadline.day_zero == datetime.date(2026, 12, 9)
    assert deadline.due == datetime.date(2027, 1, 4)  # 15 working days over Christmas


def test_every_error_at_once(lincs):
    response = opened(lincs, partnership_view="")
    with pytest.raises(ValidationError) as caught:
        svc.panel_response_record(
            actor=lincs.bm.user,
            membership=lincs.bm,
            response=response,
            received_on=None,
            decision="",
        )
    assert caught.value.message_dict == {
        "received_on": ["Enter the date the Panel's reply arrived"],
        "decision": ["Select the Panel's decision"],
        "partnership_view": ["Select the partnership's decision, as sent to the Panel"],
    }
    with pytest.raises(ValidationError) as caught:
        reply(lincs, response, received_on=SENT - datetime.timedelta(days=1), decision="x")
    assert caught.value.message_dict["received_on"] == [
        "Date the Panel's reply arrived must be the same as or after the date the rapid review"
        " was sent"
    ]
    with pytest.raises(ValidationError) as caught:
        reply(lincs, response, partnership_view="lcspr", decision="more_information")
    assert caught.value.message_dict == {"comments": ["Enter what the Panel asked for"]}


def test_dates_in_the_future_are_refused(lincs):
    with pytest.raises(ValidationError) as caught:
        opened(lincs, submitted_on=TODAY + datetime.timedelta(days=1))
    assert caught.value.message_dict["submitted_on"] == [
        "Date the rapid review was sent must be today or in the past"
    ]


def test_only_the_business_manager_records_replies(lincs):
    for member in (lincs.police_slo, lincs.la_slo, lincs.executive, lincs.group):
        with pytest.raises(PermissionDenied):
            svc.panel_response_open(
                actor=member.user, membership=member, case=lincs.case, submitted_on=SENT
            )
    response = opened(lincs)
    with pytest.raises(PermissionDenied):
        svc.panel_response_record(
            actor=lincs.executive.user,
            membership=lincs.executive,
            response=response,
            received_on=SENT,
            decision="local_review",
        )


def test_one_open_wait_per_case_and_wrong_steps_are_refused(lincs):
    response = opened(lincs)
    with pytest.raises(InvalidTransition):
        opened(lincs)
    with pytest.raises(InvalidTransition):
        svc.panel_response_information(
            actor=lincs.bm.user, membership=lincs.bm, response=response, sent_on=SENT
        )
    reply(lincs, response)
    with pytest.raises(InvalidTransition):
        reply(lincs, response)


def test_sending_the_rapid_review_submission_notice_opens_the_wait(north_lincs):
    w = north_lincs
    notice = notice_create(
        actor=w.bm.user,
        membership=w.bm,
        case=w.case,
        kind=NoticeKind.RAPID_REVIEW_SUBMISSION,
        due_date=SENT,
    )
    notice_record_sent(actor=w.bm.user, membership=w.bm, notice=notice, sent_on=SENT)
    response = PanelResponse.objects.get(case=w.case)
    assert response.notice == notice and response.submitted_on == SENT
    assert step(w.case).due == datetime.date(2026, 12, 30)
    # A second submission notice while the reply is awaited opens nothing more.
    again = notice_create(
        actor=w.bm.user,
        membership=w.bm,
        case=w.case,
        kind=NoticeKind.RAPID_REVIEW_SUBMISSION,
        due_date=SENT,
    )
    notice_record_sent(actor=w.bm.user, membership=w.bm, notice=again, sent_on=SENT)
    assert PanelResponse.objects.filter(case=w.case).count() == 1
