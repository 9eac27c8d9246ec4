"""The case's awareness date corrected: the review's day zero (Swindon counts from awareness)
and its backstop move, and so do they where day zero is the notification."""

import datetime

import pytest

from cases.services.cases import case_update
from cases.services.deadlines import stage_start
from rapid_reviews.models import RapidReview
from tests.rapid_reviews.conftest import AWARE

pytestmark = pytest.mark.django_db
D = datetime.date


def _due(s):
    return dict(s.case.deadlines.filter(stage="rapid_review").values_list("key", "due"))


def _aware(s, date):
    case_update(actor=s.bm.user, membership=s.bm, case=s.case, awareness_date=date)


def test_day_zero_and_the_backstop_follow_the_awareness_date(swindon):
    stage_start(actor=swindon.bm.user, case=swindon.case, stage="rapid_review", day_zero=AWARE)
    before = _due(swindon)
    _aware(swindon, D(2026, 11, 23))  # a week earlier
    review = RapidReview.objects.get(case=swindon.case)
    assert review.day_zero == D(2026, 11, 23)
    after = _due(swindon)
    assert after["awareness_backstop"] == D(2026, 12, 14)  # 15 working days from 23 Nov
    assert after["awareness_backstop"] < before["awareness_backstop"]
    assert after["submit_to_panel"] < before["submit_to_panel"]


def test_only_the_backstop_moves_where_day_zero_is_the_notification(swindon):
    workflow = swindon.partnership.workflow
    workflow["stages"]["rapid_review"]["day_zero"]["event"] = "notification"
    swindon.partnership.save(update_fields=["workflow"])
    stage_start(
        actor=swindon.bm.user, case=swindon.case, stage="rapid_review", day_zero=D(2026, 12, 4)
    )
    before = _due(swindon)
    _aware(swindon, D(2026, 11, 23))
    after = _due(swindon)
    assert RapidReview.objects.get(case=swindon.case).day_zero == D(2026, 12, 4)
    assert after["awareness_backstop"] == D(2026, 12, 14)
    assert after["submit_to_panel"] == before["submit_to_panel"]
