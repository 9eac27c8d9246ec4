"""Starting an LCSPR and its target publication date (issue 14) on Dorset's preset."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import InvalidTransition
from cases.models import AuditEvent, CaseStage, Deadline, Notice, NoticeKind, NoticeStatus
from cases.services.deadlines import stage_start
from lcspr.choices import LcsprSource
from lcspr.models import LocalReview
from lcspr.services.start import lcspr_start
from lcspr.services.target import lcspr_target_set, six_months_due
from tests.lcspr.conftest import panel_recommends
from tests.lcspr.records import a_final_version

D = datetime.date
RECOMMENDED = D(2026, 12, 1)  # Tuesday


def _start(s, **kwargs):
    return lcspr_start(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        source=kwargs.pop("source", LcsprSource.PANEL_RECOMMENDATION),
        **kwargs,
    )


def _due(s, stage):
    return dict(Deadline.objects.filter(case=s.case, stage=stage).values_list("key", "due"))


def test_dorset_counts_six_months_from_the_panels_recommendation(dorset, mid_december):
    s = dorset
    panel_recommends(s, RECOMMENDED)
    # The date given is ignored: the case has recorded the Panel's reply (002 7.6).
    review = _start(s, day_zero=D(2026, 12, 10))
    assert review.day_zero == RECOMMENDED
    assert review.day_zero_event == "panel_recommendation"
    assert _due(s, "lcspr") == {
        "first_panel_meeting": D(2026, 12, 22),  # 3 weeks (7.8)
        "report_requests": D(2026, 12, 23),
        "lcspr_complete": D(2027, 6, 1),
    }
    assert six_months_due(review) == D(2027, 6, 1)
    s.case.refresh_from_db()
    assert s.case.stage == CaseStage.LCSPR
    assert AuditEvent.objects.filter(action="lcspr.start", object_id=str(review.pk)).exists()
    with pytest.raises(InvalidTransition):
        _start(s, day_zero=D(2026, 12, 10))


def test_starting_needs_a_business_manager_and_every_error_at_once(dorset, mid_december):
    s = dorset
    with pytest.raises(PermissionDenied):
        lcspr_start(
            actor=s.la_slo.user,
            membership=s.la_slo,
            case=s.case,
            source=LcsprSource.PARTNERSHIP_DECISION,
            day_zero=D(2026, 12, 1),
        )
    with pytest.raises(ValidationError) as raised:
        _start(s, source="whim", day_zero=None)
    assert raised.value.message_dict == {
        "source": ["Select what started the LCSPR"],
        "day_zero": ["Enter the date of the decision to start the LCSPR"],
    }
    with pytest.raises(ValidationError) as raised:
        _start(s, day_zero=D(2026, 12, 16))
    assert raised.value.message_dict == {
        "day_zero": ["The date of the decision must be today or in the past"]
    }
    assert not LocalReview.objects.exists()


def test_the_stage_started_by_the_rapid_review_outcome_opens_the_review(dorset, mid_december):
    s = dorset
    stage_start(actor=s.exec.user, case=s.case, stage="lcspr", day_zero=D(2026, 12, 14))
    review = LocalReview.objects.get(case=s.case)
    assert (review.source, review.day_zero) == (LcsprSource.RAPID_REVIEW_DECISION, D(2026, 12, 14))
    s.case.refresh_from_db()
    assert s.case.stage == CaseStage.LCSPR


def test_the_target_date_starts_the_publication_steps_and_moves_them(dorset, mid_december):
    s = dorset
    panel_recommends(s, RECOMMENDED)
    review = _start(s)
    review = lcspr_target_set(
        actor=s.bm.user, membership=s.bm, review=review, target=D(2027, 5, 25)
    )
    assert _due(s, "publication") == {
        "publish": D(2027, 5, 25),
        "copies_to_panel": D(2027, 5, 14),  # 7 working days before
        "legal_read": D(2027, 5, 14),
        "final_review_meeting": D(2027, 4, 20),  # 5 weeks before (7.16)
        "comms_meeting": D(2027, 4, 27),  # 4 weeks before (7.17)
        "online_minimum": D(2028, 5, 25),  # online for at least a year
    }
    assert not Notice.objects.filter(case=s.case, kind=NoticeKind.LCSPR_DELAY).exists()

    # Moving it after the six months needs both reasons, reported together.
    with pytest.raises(ValidationError) as raised:
        lcspr_target_set(actor=s.bm.user, membership=s.bm, review=review, target=D(2027, 6, 15))
    assert raised.value.message_dict == {
        "reason": ["Enter why the target publication date is moving"],
        "delay_reasons": [
            "Enter why the review will not be published within six months (by 1 June 2027)"
        ],
    }
    review = lcspr_target_set(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        target=D(2027, 6, 15),
        reason="The criminal trial was adjourned",
        delay_reasons="The police asked us not to speak to the family before the trial.",
    )
    due = _due(s, "publication")
    assert (due["publish"], due["copies_to_panel"]) == (D(2027, 6, 15), D(2027, 6, 4))
    assert (due["final_review_meeting"], due["comms_meeting"]) == (D(2027, 5, 11), D(2027, 5, 18))
    notice = Notice.objects.get(case=s.case, kind=NoticeKind.LCSPR_DELAY)
    assert (notice.status, notice.due_date) == (NoticeStatus.DUE, D(2026, 12, 15))
    assert "before the trial" in notice.reason
    moved = AuditEvent.objects.filter(action="lcspr.target").order_by("pk").last()
    assert moved.changes == {
        "target_publication_date": ["2027-05-25", "2027-06-15"],
        "delay_reasons": [None, "The police asked us not to speak to the family before the trial."],
    }
    assert moved.note == "The criminal trial was adjourned"

    # Back within six months: the delay notice not yet sent is cancelled, and the review's
    # page no longer gives reasons for a delay (the notice keeps them).
    review = lcspr_target_set(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        target=D(2027, 5, 28),
        reason="The trial date came forward",
    )
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CANCELLED
    assert "before the trial" in notice.reason
    assert review.delay_reasons == ""
    moved = AuditEvent.objects.filter(action="lcspr.target").order_by("pk").last()
    assert moved.changes["delay_reasons"][1] is None


def test_the_target_must_be_in_the_future_and_set_by_a_business_manager(dorset, mid_december):
    s = dorset
    review = _start(s, source=LcsprSource.PARTNERSHIP_DECISION, day_zero=D(2026, 12, 1))
    with pytest.raises(PermissionDenied):
        lcspr_target_set(actor=s.exec.user, membership=s.exec, review=review, target=D(2027, 5, 25))
    for target, message in (
        (None, "Enter the target publication date"),
        (D(2026, 12, 15), "The target publication date must be in the future"),
    ):
        with pytest.raises(ValidationError) as raised:
            lcspr_target_set(actor=s.bm.user, membership=s.bm, review=review, target=target)
        assert raised.value.message_dict == {"target": [message]}
    assert not Deadline.objects.filter(case=s.case, stage="publication").exists()


def test_the_target_is_a_working_day(dorset, mid_december):
    s = dorset
    review = _start(s, source=LcsprSource.PARTNERSHIP_DECISION, day_zero=D(2026, 12, 1))
    for day in (D(2027, 3, 28), D(2027, 3, 26)):  # a Sunday; Good Friday
        with pytest.raises(ValidationError) as raised:
            lcspr_target_set(actor=s.bm.user, membership=s.bm, review=review, target=day)
        assert raised.value.message_dict == {
            "target": ["The target publication date must be a working day"]
        }


def _copies_sent(s, sent_on):
    from cases.services.notices import notice_create, notice_record_sent

    notice = notice_create(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        kind=NoticeKind.PREPUBLICATION_COPIES,
        description="The final report.",
    )
    return notice_record_sent(actor=s.bm.user, membership=s.bm, notice=notice, sent_on=sent_on)


def test_publication_needs_the_copies_first_then_meets_its_steps(dorset, mid_december, monkeypatch):
    from django.utils import timezone

    from cases.models import CaseStage, DeadlineStatus
    from lcspr.choices import LcsprStatus
    from lcspr.services.publish import COPIES_FIRST, lcspr_publish

    s = dorset
    panel_recommends(s, RECOMMENDED)
    review = _start(s)
    review = lcspr_target_set(
        actor=s.bm.user, membership=s.bm, review=review, target=D(2027, 5, 25)
    )
    # Publication day: Thursday 27 May 2027, two days after the target.
    now = datetime.datetime(2027, 5, 27, 10, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)

    def publish(**kwargs):
        return lcspr_publish(actor=s.bm.user, membership=s.bm, review=review, **kwargs)

    with pytest.raises(ValidationError) as raised:
        publish(
            published_on=None, web_address="not a web address", nspcc_submitted_on=D(2027, 6, 1)
        )
    assert raised.value.message_dict == {
        "published_on": ["Enter the date the report was published"],
        "web_address": [
            "Enter a web address in the correct format, like https://www.example.org/report"
        ],
        "nspcc_submitted_on": [
            "The date it was sent to the NSPCC repository must be today or in the past"
        ],
    }
    with pytest.raises(ValidationError) as raised:
        publish(published_on=D(2027, 5, 27), web_address="https://pdscp.example/lcspr-child-d")
    assert raised.value.message_dict == {"published_on": [COPIES_FIRST]}
    _copies_sent(s, D(2027, 5, 14))
    with pytest.raises(InvalidTransition, match="no final version"):
        publish(published_on=D(2027, 5, 27), web_address="https://pdscp.example/lcspr-child-d")
    a_final_version(review)
    with pytest.raises(PermissionDenied):
        lcspr_publish(
            actor=s.exec.user,
            membership=s.exec,
            review=review,
            published_on=D(2027, 5, 27),
            web_address="https://pdscp.example/lcspr-child-d",
        )
    review = publish(
        published_on=D(2027, 5, 27),
        web_address="https://pdscp.example/lcspr-child-d",
        nspcc_submitted_on=D(2027, 5, 27),
    )
    assert review.status == LcsprStatus.PUBLISHED
    steps = {
        d.key: d for d in Deadline.objects.filter(case=s.case, stage__in=["lcspr", "publication"])
    }
    assert (steps["publish"].status, steps["publish"].met_on) == (
        DeadlineStatus.MET,
        D(2027, 5, 27),
    )
    assert steps["lcspr_complete"].status == DeadlineStatus.MET
    assert steps["copies_to_panel"].status == DeadlineStatus.MET
    # A year online from the day it was published, not from the target.
    assert (steps["online_minimum"].status, steps["online_minimum"].due) == (
        DeadlineStatus.OPEN,
        D(2028, 5, 26),
    )
    s.case.refresh_from_db()
    assert s.case.stage == CaseStage.PUBLICATION
    assert AuditEvent.objects.filter(action="lcspr.publish").exists()
    with pytest.raises(InvalidTransition):
        publish(published_on=D(2027, 5, 27), web_address="https://pdscp.example/again")


def test_correcting_day_zero_on_the_case_page_moves_the_lcspr_too(dorset, mid_december):
    """The case page's "Correct day zero" (stage_recompute) is followed by the record that owns
    the stage's day zero; past six months it is refused, since only the LCSPR page asks why."""
    from cases.services.deadlines import stage_recompute

    s = dorset
    review = _start(s, source=LcsprSource.PARTNERSHIP_DECISION, day_zero=D(2026, 12, 1))
    review = lcspr_target_set(
        actor=s.bm.user, membership=s.bm, review=review, target=D(2027, 5, 25)
    )
    stage_recompute(
        actor=s.bm.user, case=s.case, stage="publication", day_zero=D(2027, 5, 27), reason="Typo"
    )
    review.refresh_from_db()
    assert review.target_publication_date == D(2027, 5, 27)
    assert AuditEvent.objects.filter(action="lcspr.target", note="Typo").exists()
    with pytest.raises(ValidationError) as raised:
        stage_recompute(
            actor=s.bm.user, case=s.case, stage="publication", day_zero=D(2027, 6, 8), reason="x"
        )
    assert "after six months" in raised.value.message_dict["day_zero"][0]
    review.refresh_from_db()
    assert review.target_publication_date == D(2027, 5, 27)
    stage_recompute(
        actor=s.bm.user,
        case=s.case,
        stage="lcspr",
        day_zero=D(2026, 12, 2),
        reason="Decided a day later",
    )
    review.refresh_from_db()
    assert review.day_zero == D(2026, 12, 2)
    assert six_months_due(review) == D(2027, 6, 2)


def test_withdrawing_closes_its_steps_and_a_new_lcspr_starts_afresh(dorset, mid_december):
    from lcspr.choices import LcsprStatus
    from lcspr.services.withdraw import lcspr_withdraw

    s = dorset
    review = _start(s, source=LcsprSource.PARTNERSHIP_DECISION, day_zero=D(2026, 12, 1))
    review = lcspr_target_set(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        target=D(2027, 6, 15),
        delay_reasons="A criminal trial.",
    )
    with pytest.raises(PermissionDenied):
        lcspr_withdraw(actor=s.exec.user, membership=s.exec, review=review, reason="x")
    with pytest.raises(ValidationError) as raised:
        lcspr_withdraw(actor=s.bm.user, membership=s.bm, review=review, reason=" ")
    assert raised.value.message_dict == {"reason": ["Enter why you are withdrawing the LCSPR"]}
    review = lcspr_withdraw(
        actor=s.bm.user, membership=s.bm, review=review, reason="A learning review instead."
    )
    assert review.status == LcsprStatus.WITHDRAWN
    steps = Deadline.objects.filter(case=s.case, stage__in=["lcspr", "publication"])
    assert not steps.filter(status="open").exists()
    notice = Notice.objects.get(case=s.case, kind=NoticeKind.LCSPR_DELAY)
    assert notice.status == NoticeStatus.CANCELLED
    with pytest.raises(InvalidTransition):
        lcspr_withdraw(actor=s.bm.user, membership=s.bm, review=review, reason="again")
    # A new LCSPR of the case: its clock and, once its target is set, its publication reopen.
    again = _start(s, source=LcsprSource.PARTNERSHIP_DECISION, day_zero=D(2026, 12, 14))
    lcspr_target_set(actor=s.bm.user, membership=s.bm, review=again, target=D(2027, 6, 1))
    due = _due(s, "publication")
    assert due["publish"] == D(2027, 6, 1)
    assert Deadline.objects.get(case=s.case, stage="publication", key="publish").status == "open"
    assert Deadline.objects.get(case=s.case, stage="lcspr", key="lcspr_complete").due == D(
        2027, 6, 14
    )
