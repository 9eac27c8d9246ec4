"""The copies on the notification page and the page that ticks them off (Dorset 002 3.6): every
error at once in GOV.UK wording, several ticked with one date, the police read but may not
tick (403)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.notifications.conftest import AWARE, submitted

pytestmark = pytest.mark.django_db


def _date(day):
    return {"sent_on_day": day.day, "sent_on_month": day.month, "sent_on_year": day.year}


def test_the_notification_page_lists_the_copies_and_overdue_ones(client, dorset):
    from cases.services.cases import case_update

    aware = AWARE - datetime.timedelta(days=10)
    case_update(
        actor=dorset.bm.user,
        membership=dorset.bm,
        case=dorset.case,
        incident_date=aware,
        awareness_date=aware,
    )
    n = submitted(dorset, timezone.now() - datetime.timedelta(days=1), incident_date=aware)
    slug = dorset.partnership.slug
    client.force_login(dorset.police_slo.user)
    text = client.get(reverse("notifications:detail", args=[slug, n.pk])).content.decode()
    assert "Copies sent" in text
    assert "Senior Solicitor, Legal Services" in text
    assert "Overdue" in text  # day 5 after 20 November 2026 has passed
    assert "Record copies sent" not in text
    assert client.get(reverse("notifications:copies", args=[slug, n.pk])).status_code == 403


def test_ticking_several_at_once_and_every_error_together(client, dorset):
    n = submitted(dorset)
    slug = dorset.partnership.slug
    url = reverse("notifications:copies", args=[slug, n.pk])
    client.force_login(dorset.hoqa.user)
    page = client.get(url).content.decode()
    assert f'value="{timezone.localdate().day}"' in page  # the date defaults to today
    text = client.post(url, {}).content.decode()
    assert "Select who was sent a copy" in text
    assert "Enter the date the copy was sent" in text
    future = timezone.localdate() + datetime.timedelta(days=1)
    text = client.post(url, {"copies": [], **_date(future)}).content.decode()
    assert "Date the copy was sent must be today or in the past" in text
    first, second, *_ = n.copies.all()
    response = client.post(url, {"copies": [first.pk, second.pk], **_date(timezone.localdate())})
    assert response.status_code == 302
    assert n.copies.filter(sent_on=timezone.localdate()).count() == 2
    text = client.get(reverse("notifications:detail", args=[slug, n.pk])).content.decode()
    assert "by Hana Head" in text
    client.post(reverse("notifications:copy_unsent", args=[slug, n.pk, first.pk]))
    first.refresh_from_db()
    assert first.sent_on is None


def test_adding_someone_where_the_child_lived(client, dorset):
    n = submitted(dorset)
    slug = dorset.partnership.slug
    url = reverse("notifications:copy_add", args=[slug, n.pk])
    client.force_login(dorset.bm.user)
    assert "Enter who gets a copy" in client.post(url, {}).content.decode()
    response = client.post(url, {"label": "Wiltshire SCP", "note": "Where the child lived"})
    assert response.status_code == 302
    added = n.copies.get(label="Wiltshire SCP")
    client.post(reverse("notifications:copy_remove", args=[slug, n.pk, added.pk]))
    added.refresh_from_db()
    assert added.removed_at is not None
    assert (
        client.post(reverse("notifications:copy_unsent", args=[slug, n.pk, 999999])).status_code
        == 404
    )


def test_before_the_submission_the_copies_page_sends_back(client, dorset):
    from tests.notifications.conftest import complete, start

    n = complete(dorset, start(dorset))
    client.force_login(dorset.hoqa.user)
    response = client.get(reverse("notifications:copies", args=[dorset.partnership.slug, n.pk]))
    assert response.status_code == 302
