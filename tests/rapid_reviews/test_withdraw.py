"""Withdrawing a rapid review: with a reason, audited, its open milestones closed, and the
case free for a new review."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.history_display import history_rows
from cases.models import AuditEvent, Deadline, DeadlineStatus
from rapid_reviews.choices import ReviewSource, ReviewStatus
from rapid_reviews.services.start import rapid_review_start
from rapid_reviews.services.withdraw import rapid_review_withdraw

pytestmark = pytest.mark.django_db


def _start(s):
    return rapid_review_start(
        actor=s.bm.user, membership=s.bm, case=s.case, source=ReviewSource.EXECUTIVE_DECISION
    )


def _withdraw(s, review, member=None, reason="The criteria are not met"):
    member = member or s.bm
    return rapid_review_withdraw(actor=member.user, membership=member, review=review, reason=reason)


def test_withdrawn_with_its_reason_and_a_new_review_may_start(swindon):
    first = _start(swindon)
    with pytest.raises(ValidationError) as error:
        _withdraw(swindon, first, reason="  ")
    assert error.value.message_dict == {
        "reason": ["Enter why you are withdrawing the rapid review"]
    }
    for member in (swindon.exec, swindon.la_slo):
        with pytest.raises(PermissionDenied):
            _withdraw(swindon, first, member)
    first = _withdraw(swindon, first)
    assert (first.status, first.withdrawn_reason) == (
        ReviewStatus.WITHDRAWN,
        "The criteria are not met",
    )
    steps = Deadline.objects.filter(case=swindon.case, stage="rapid_review")
    assert not steps.filter(status=DeadlineStatus.OPEN).exists()
    event = AuditEvent.objects.get(action="rapid_review.withdraw")
    assert event.note == "The criteria are not met"
    with pytest.raises(InvalidTransition):
        _withdraw(swindon, first)

    second = _start(swindon)
    assert second.pk != first.pk and second.status == ReviewStatus.IN_PROGRESS
    assert steps.count() == steps.filter(status=DeadlineStatus.OPEN).count() > 0


def test_the_history_says_it(swindon):
    _withdraw(swindon, _start(swindon))
    events = AuditEvent.objects.filter(case=swindon.case)
    sentences = " ".join(row.sentence for row in history_rows(events))
    assert "withdrew the rapid review" in sentences


def test_the_withdraw_page(client, swindon):
    review = _start(swindon)
    url = reverse("rapid_reviews:withdraw", args=["swindon", review.pk])
    client.force_login(swindon.exec.user)
    assert client.get(url).status_code == 403
    client.force_login(swindon.bm.user)
    detail = client.get(reverse("rapid_reviews:detail", args=["swindon", review.pk]))
    assert url in detail.content.decode()
    empty = client.post(url, {"reason": ""}).content.decode()
    assert "There is a problem" in empty
    assert "Enter why you are withdrawing the rapid review" in empty
    done = client.post(url, {"reason": "Opened twice"})
    assert done.url == reverse("rapid_reviews:detail", args=["swindon", review.pk])
    page = client.get(done.url).content.decode()
    assert "Opened twice" in page and url not in page
