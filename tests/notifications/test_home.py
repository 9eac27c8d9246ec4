"""My work's serious incident notifications section (the local authority and business
managers: drafts, ready to submit, waiting for the Panel, requests unanswered; overdue first,
each with the notification clock) and the case page's panel and clock."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Deadline
from notifications.services import requests
from tests.notifications.conftest import AWARE, complete, copy_file, start

pytestmark = pytest.mark.django_db


def _my_work(client, member):
    client.force_login(member.user)
    return client.get(reverse("cases:home", args=[member.partnership.slug])).content.decode()


def _section(text):
    start_at = text.index("Serious incident notifications")
    return text[start_at : start_at + 6000]


def test_drafts_and_requests_on_my_work_with_the_clock(client, dorset, celery_eager):
    from notifications.services import drafts

    n = start(dorset)
    # A second case, with a request from the police and no notification yet.
    from cases.models import CaseStage
    from cases.services import cases as case_services

    other = case_services.case_create(
        actor=dorset.bm.user,
        membership=dorset.bm,
        title="Child E",
        awareness_date=AWARE,
        agencies=[dorset.la, dorset.police],
        stage=CaseStage.AWAITING_NOTIFICATION,
    )
    requests.notification_request_raise(
        actor=dorset.police_slo.user, membership=dorset.police_slo, case=other, reason="Neglect"
    )
    # Aware three weeks ago: the notify-the-Panel step is overdue, whatever today is.
    today = timezone.localdate()
    drafts.notification_update(
        actor=dorset.hoqa.user,
        membership=dorset.hoqa,
        notification=n,
        incident_date=today - datetime.timedelta(days=30),
        awareness_date=today - datetime.timedelta(days=21),
    )
    due = Deadline.objects.get(case=n.case, key="notify_panel").due
    text = _section(_my_work(client, dorset.hoqa))
    assert n.case.reference in text and other.reference in text
    assert "notification: day " in text and " of 5" in text
    assert "Overdue" in text
    assert f"{due:%A %-d %B %Y}" in text  # the notify-the-Panel step's due date
    assert "Waiting for your answer" in text
    assert text.index(n.case.reference) < text.index(other.reference)  # overdue first


def test_police_have_no_notifications_section(client, dorset):
    start(dorset)
    assert "Serious incident notifications" not in _my_work(client, dorset.police_slo)


def test_ready_and_submitted_show_on_my_work(client, dorset, celery_eager):
    from notifications.services import submission
    from tests.notifications.conftest import through_the_chain

    n = through_the_chain(dorset, complete(dorset, start(dorset)))
    text = _section(_my_work(client, dorset.bm))
    assert "Ready to submit" in text
    submission.notification_submit(
        actor=dorset.hoqa.user,
        membership=dorset.hoqa,
        notification=n,
        submitted_at=datetime.datetime.now(datetime.UTC),
        copy=copy_file(),
    )
    text = _section(_my_work(client, dorset.bm))
    assert "record when the National Panel says a rapid review is required" in text
    # Dorset 002 3.6: the six copies, due by day 5, show until they are ticked off.
    assert "copies of the serious incident notification" in text
    assert "6 copies not yet recorded as sent" in text
    assert reverse("notifications:copies", args=[dorset.partnership.slug, n.pk]) in text


def test_the_case_page_shows_the_clock_and_links_the_notification(client, dorset):
    n = start(dorset)
    client.force_login(dorset.hoqa.user)
    text = client.get(
        reverse("cases:case_detail", args=[dorset.partnership.slug, dorset.case.pk])
    ).content.decode()
    assert reverse("notifications:detail", args=[dorset.partnership.slug, n.pk]) in text
    assert "of 5" in text


def test_the_case_page_offers_the_police_a_request(client, dorset):
    client.force_login(dorset.police_slo.user)
    text = client.get(
        reverse("cases:case_detail", args=[dorset.partnership.slug, dorset.case.pk])
    ).content.decode()
    assert reverse("notifications:request_add", args=[dorset.partnership.slug, dorset.case.pk]) in (
        text
    )
    assert reverse("notifications:start", args=[dorset.partnership.slug, dorset.case.pk]) not in (
        text
    )
