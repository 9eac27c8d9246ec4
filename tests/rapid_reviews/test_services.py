import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from cases.errors import InvalidTransition
from cases.models import CaseStage, Deadline
from cases.services.deadlines import stage_start
from rapid_reviews.choices import ReviewSource, ReviewStatus
from rapid_reviews.models import RapidReview
from rapid_reviews.services.start import rapid_review_start
from tests.rapid_reviews.conftest import AWARE

D = datetime.date


def test_business_manager_starts_from_the_case_with_day_zero_from_the_settings(swindon):
    review = rapid_review_start(
        actor=swindon.bm.user,
        membership=swindon.bm,
        case=swindon.case,
        source=ReviewSource.EXECUTIVE_DECISION,
        day_zero=D(2026, 12, 1),  # ignored: Swindon counts from awareness, which is recorded
    )
    assert (review.day_zero, review.day_zero_event) == (AWARE, "awareness")
    assert review.status == ReviewStatus.IN_PROGRESS
    swindon.case.refresh_from_db()
    assert swindon.case.stage == CaseStage.RAPID_REVIEW
    keys = set(
        Deadline.objects.filter(case=swindon.case, stage="rapid_review").values_list(
            "key", flat=True
        )
    )
    assert {"submit_to_panel", "awareness_backstop", "information_requests"} <= keys
    with pytest.raises(InvalidTransition):
        rapid_review_start(
            actor=swindon.bm.user,
            membership=swindon.bm,
            case=swindon.case,
            source=ReviewSource.EXECUTIVE_DECISION,
        )


def test_only_a_business_manager_starts_it(swindon):
    for member in (swindon.exec, swindon.la_slo, swindon.teacher):
        with pytest.raises(PermissionDenied):
            rapid_review_start(
                actor=member.user,
                membership=member,
                case=swindon.case,
                source=ReviewSource.EXECUTIVE_DECISION,
            )
    assert not RapidReview.objects.exists()


def test_every_error_at_once(swindon):
    swindon.case.awareness_date = None
    swindon.case.save(update_fields=["awareness_date"])
    with pytest.raises(ValidationError) as error:
        rapid_review_start(
            actor=swindon.bm.user, membership=swindon.bm, case=swindon.case, source="rumour"
        )
    assert error.value.message_dict == {
        "source": ["Select what started the rapid review"],
        "day_zero": ["Enter the date of day zero"],
    }


def test_the_stage_starting_anywhere_opens_the_review(swindon):
    stage_start(actor=swindon.bm.user, case=swindon.case, stage="rapid_review", day_zero=AWARE)
    review = RapidReview.objects.get(case=swindon.case)
    assert (review.source, review.day_zero) == (ReviewSource.EXECUTIVE_DECISION, AWARE)
    stage_start(actor=swindon.bm.user, case=swindon.case, stage="notification", day_zero=AWARE)
    assert RapidReview.objects.count() == 1


def test_one_live_review_per_case_is_a_database_rule(swindon):
    stage_start(actor=swindon.bm.user, case=swindon.case, stage="rapid_review", day_zero=AWARE)
    with pytest.raises(IntegrityError), transaction.atomic():
        RapidReview.objects.create(
            partnership=swindon.partnership,
            case=swindon.case,
            source=ReviewSource.NOTIFICATION,
            day_zero=AWARE,
            day_zero_event="awareness",
        )
    RapidReview.objects.filter(case=swindon.case).update(status=ReviewStatus.WITHDRAWN)
    RapidReview.objects.create(
        partnership=swindon.partnership,
        case=swindon.case,
        source=ReviewSource.NOTIFICATION,
        day_zero=AWARE,
        day_zero_event="awareness",
    )


def test_the_backstop_counts_from_awareness_when_day_zero_is_the_notification(swindon):
    workflow = swindon.partnership.workflow
    workflow["stages"]["rapid_review"]["day_zero"]["event"] = "notification"
    swindon.partnership.save(update_fields=["workflow"])
    # Aware Mon 30 Nov 2026; notified (day zero) Fri 4 Dec.
    stage_start(
        actor=swindon.bm.user, case=swindon.case, stage="rapid_review", day_zero=D(2026, 12, 4)
    )
    due = dict(
        Deadline.objects.filter(case=swindon.case, stage="rapid_review").values_list("key", "due")
    )
    assert due["awareness_backstop"] == D(2026, 12, 21)  # 15 working days from 30 Nov
    assert due["submit_to_panel"] == D(2026, 12, 29)  # 15 from 4 Dec, over Christmas


def test_every_milestone_row_says_which_review_day_it_falls_on(swindon):
    """The backstop is counted from awareness, so its deadline holds no day; the timeline still
    says which day of the review it falls on."""
    from cases.clock import calendar_for
    from cases.timeline import review_day as _review_day

    workflow = swindon.partnership.workflow
    workflow["stages"]["rapid_review"]["day_zero"]["event"] = "notification"
    swindon.partnership.save(update_fields=["workflow"])
    stage_start(
        actor=swindon.bm.user, case=swindon.case, stage="rapid_review", day_zero=D(2026, 12, 4)
    )
    rows = {d.key: d for d in Deadline.objects.filter(case=swindon.case, stage="rapid_review")}
    calendar = calendar_for(swindon.partnership)
    backstop = rows["awareness_backstop"]
    assert backstop.day is None
    assert _review_day(backstop, D(2026, 12, 4), calendar) == 11  # Mon 21 Dec
    assert _review_day(rows["submit_to_panel"], D(2026, 12, 4), calendar) == 15
    assert _review_day(backstop, D(2026, 12, 22), calendar) is None  # before day zero


def test_correcting_day_zero_on_the_case_page_moves_the_reviews(swindon):
    from cases.models import AuditEvent
    from cases.services.deadlines import stage_recompute

    review = rapid_review_start(
        actor=swindon.bm.user,
        membership=swindon.bm,
        case=swindon.case,
        source=ReviewSource.EXECUTIVE_DECISION,
    )
    stage_recompute(
        actor=swindon.bm.user,
        case=swindon.case,
        stage="rapid_review",
        day_zero=D(2026, 12, 1),
        reason="Aware a day later",
    )
    review.refresh_from_db()
    assert review.day_zero == D(2026, 12, 1)
    assert AuditEvent.objects.filter(
        action="rapid_review.day_zero", note="Aware a day later"
    ).exists()
