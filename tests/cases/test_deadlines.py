import datetime

import pytest

from cases import selectors
from cases.clock import calendar_for, stage_progress
from cases.errors import InvalidTransition
from cases.models import AuditEvent, ClosureDay, Deadline, DeadlineStatus, Role
from cases.services import deadlines as deadline_services


def _bm(world):
    return world.alpha.user(Role.BUSINESS_MANAGER)


def test_stage_start_creates_deadlines_from_settings(world):
    case = world.alpha.case
    # Friday 4 December 2026: day 15 is Friday 25 December? No: 25 and 28 Dec are bank holidays.
    created = deadline_services.stage_start(
        actor=_bm(world), case=case, stage="rapid_review", day_zero=datetime.date(2026, 12, 4)
    )
    by_key = {d.key: d for d in created}
    assert created and all(d.status == DeadlineStatus.OPEN for d in created)
    last = max(created, key=lambda d: d.day or 0)
    assert last.day == 15
    # Working days after Fri 4 Dec 2026: 7,8,9,10,11 (5) 14..18 (10) 21,22,23,24 (14) then
    # 25 Dec (Christmas) and 28 Dec (Boxing Day substitute) are bank holidays -> 29 Dec is 15.
    assert last.due == datetime.date(2026, 12, 29)
    assert len(by_key) == Deadline.objects.filter(case=case, stage="rapid_review").count()
    assert AuditEvent.objects.filter(case=case, action="stage.start").exists()


def test_stage_cannot_start_twice(world):
    args = dict(  # noqa: C408
        actor=_bm(world),
        case=world.alpha.case,
        stage="rapid_review",
        day_zero=datetime.date(2026, 11, 2),
    )
    deadline_services.stage_start(**args)
    with pytest.raises(InvalidTransition):
        deadline_services.stage_start(**args)


def test_recompute_moves_open_deadlines_only_and_audits(world):
    case = world.alpha.case
    created = deadline_services.stage_start(
        actor=_bm(world), case=case, stage="rapid_review", day_zero=datetime.date(2026, 11, 2)
    )
    first = min(created, key=lambda d: d.due)
    deadline_services.deadline_meet(
        actor=_bm(world), case=case, stage="rapid_review", key=first.key, met_on=first.due
    )
    deadline_services.stage_recompute(
        actor=_bm(world),
        case=case,
        stage="rapid_review",
        day_zero=datetime.date(2026, 11, 3),
        reason="Typo",
    )
    first.refresh_from_db()
    assert first.status == DeadlineStatus.MET
    last = Deadline.objects.filter(case=case, stage="rapid_review").order_by("-due").first()
    assert last.day_zero == datetime.date(2026, 11, 3)
    # 3 Nov 2026 (Tue) + 15 working days = 24 Nov 2026 (Tue).
    assert last.due == datetime.date(2026, 11, 24)
    event = AuditEvent.objects.get(case=case, action="stage.recompute")
    assert event.changes["day_zero"] == ["2026-11-02", "2026-11-03"]
    assert event.note == "Typo"


def test_closure_day_pushes_due_dates(world):
    case = world.alpha.case
    ClosureDay.objects.create(partnership=case.partnership, date=datetime.date(2026, 11, 4))
    created = deadline_services.stage_start(
        actor=_bm(world), case=case, stage="rapid_review", day_zero=datetime.date(2026, 11, 2)
    )
    assert max(d.due for d in created) == datetime.date(2026, 11, 24)


def test_stage_close_marks_missed_and_waived(world):
    case = world.alpha.case
    deadline_services.stage_start(
        actor=_bm(world), case=case, stage="rapid_review", day_zero=datetime.date(2020, 1, 6)
    )
    deadline_services.stage_close(actor=_bm(world), case=case, stage="rapid_review")
    statuses = set(Deadline.objects.filter(case=case).values_list("status", flat=True))
    assert statuses == {DeadlineStatus.MISSED}


def test_progress_day_n_of_15_and_rag(world):
    case = world.alpha.case
    deadline_services.stage_start(
        actor=_bm(world), case=case, stage="rapid_review", day_zero=datetime.date(2026, 11, 2)
    )
    items = list(selectors.case_deadlines(case=case, stage="rapid_review"))
    progress = stage_progress(items, case.partnership, today=datetime.date(2026, 11, 9))
    assert progress.summary == "Day 5 of 15"
    assert progress.next_deadline is not None
    late = stage_progress(items, case.partnership, today=datetime.date(2026, 12, 31))
    assert late.next_rag == "red"
    assert calendar_for(case.partnership).is_working_day(datetime.date(2026, 11, 9))


def test_case_page_shows_the_clock(world, client_for):
    case = world.alpha.case
    deadline_services.stage_start(
        actor=_bm(world), case=case, stage="rapid_review", day_zero=datetime.date(2026, 11, 2)
    )
    response = client_for(_bm(world)).get(f"/p/alpha/cases/{case.pk}/")
    assert response.status_code == 200
    assert b"of 15" in response.content


def test_progress_counts_down_to_a_future_day_zero(world):
    case = world.alpha.case
    deadline_services.stage_start(
        actor=_bm(world), case=case, stage="rapid_review", day_zero=datetime.date(2026, 11, 16)
    )
    items = list(selectors.case_deadlines(case=case, stage="rapid_review"))
    early = stage_progress(items, case.partnership, today=datetime.date(2026, 11, 12))
    # Thu 12 Nov -> Mon 16 Nov: Fri 13 and Mon 16 are the working days in between.
    assert early.summary == "2 working days to day 0"
