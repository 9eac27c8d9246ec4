"""The notification pages: a police user is refused drafting (403); the local authority
starts, edits (every error at once in GOV.UK wording) and sees the clock on the page."""

import pytest
from django.urls import reverse

from tests.notifications.conftest import complete, start

pytestmark = pytest.mark.django_db


def _login(client, member):
    client.force_login(member.user)
    return client


def test_police_get_403_on_drafting_pages(client, dorset):
    slug = dorset.partnership.slug
    _login(client, dorset.police_slo)
    assert (
        client.get(reverse("notifications:start", args=[slug, dorset.case.pk])).status_code == 403
    )
    assert client.get(reverse("notifications:start_direct", args=[slug])).status_code == 403
    n = start(dorset)
    assert client.get(reverse("notifications:edit", args=[slug, n.pk])).status_code == 403
    assert client.get(reverse("notifications:detail", args=[slug, n.pk])).status_code == 200


def test_la_starts_and_the_page_shows_the_clock(client, dorset):
    slug = dorset.partnership.slug
    _login(client, dorset.hoqa)
    response = client.post(reverse("notifications:start", args=[slug, dorset.case.pk]))
    assert response.status_code == 302
    page = client.get(response.url.replace("/edit/", "/"))
    assert "of 5" in page.content.decode()


def test_direct_start_lists_every_error(client, dorset):
    _login(client, dorset.hoqa)
    page = client.post(reverse("notifications:start_direct", args=[dorset.partnership.slug]), {})
    text = page.content.decode()
    assert "Enter a short title that does not identify the child" in text
    assert "Enter the date the local authority became aware" in text


def test_ready_page_has_a_copy_button_per_answer(client, dorset):
    from tests.notifications.conftest import through_the_chain

    n = through_the_chain(dorset, complete(dorset, start(dorset)))
    _login(client, dorset.hoqa)
    text = client.get(
        reverse("notifications:detail", args=[dorset.partnership.slug, n.pk])
    ).content.decode()
    assert text.count("data-copy-target=") >= 12
    assert "copy.js" in text


def test_withdraw_page_asks_why_and_withdraws_the_chain(client, dorset):
    from cases.models import SignOffStatus
    from notifications.services import drafts

    n = complete(dorset, start(dorset))
    sign_off = drafts.notification_send_for_sign_off(
        actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n
    )
    slug = dorset.partnership.slug
    url = reverse("notifications:withdraw", args=[slug, n.pk])
    _login(client, dorset.police_slo)
    assert client.get(url).status_code == 403
    _login(client, dorset.hoqa)
    detail = client.get(reverse("notifications:detail", args=[slug, n.pk])).content.decode()
    assert url in detail
    empty = client.post(url, {"reason": " "})
    assert empty.status_code == 200
    text = empty.content.decode()
    assert "Error: Withdraw the notification" in text
    assert "Enter why you are withdrawing the notification" in text
    done = client.post(url, {"reason": "Opened twice"})
    assert done.status_code == 302
    n.refresh_from_db()
    sign_off.refresh_from_db()
    assert n.status == "withdrawn" and sign_off.status == SignOffStatus.WITHDRAWN
    page = client.get(done.url).content.decode()
    assert "Withdrawn: Opened twice" in page and url not in page
    assert client.get(url).status_code == 302  # nothing left to withdraw


def test_the_case_page_shows_the_date_corrected_on_the_notification(client, dorset):
    import datetime

    n = start(dorset)
    _login(client, dorset.hoqa)
    slug = dorset.partnership.slug
    posted = client.post(
        reverse("notifications:edit", args=[slug, n.pk]),
        {
            "awareness_date_day": "27",
            "awareness_date_month": "11",
            "awareness_date_year": "2026",
            "incident_date_day": "27",
            "incident_date_month": "11",
            "incident_date_year": "2026",
        },
    )
    assert posted.status_code == 302
    dorset.case.refresh_from_db()
    assert dorset.case.awareness_date == datetime.date(2026, 11, 27)
    _login(client, dorset.bm)
    page = client.get(reverse("cases:case_detail", args=[slug, dorset.case.pk])).content.decode()
    assert "27 November 2026" in page


def test_the_menu_does_not_call_the_notifications_reminders(client, dorset):
    """The serious incident notification pages are not the Reminders page (its menu marker,
    "/notifications/", is not a part of "serious-incident-notifications/")."""
    slug = dorset.partnership.slug
    _login(client, dorset.hoqa)
    page = client.get(reverse("notifications:list", args=[slug])).content.decode()
    menu = page.split('id="navigation"')[1].split("</ul>")[0]
    active = menu.split("govuk-service-navigation__item--active")
    assert len(active) == 1 or "Reminders" not in active[1].split("</li>")[0]
    reminders = client.get(reverse("cases:notifications", args=[slug])).content.decode()
    menu = reminders.split('id="navigation"')[1].split("</ul>")[0]
    assert "Reminders" in menu.split("govuk-service-navigation__item--active")[1].split("</li>")[0]
