"""Issue 15, point 1 (WCAG 2.2.1): the session's time left, "Stay signed in" renewing it on the
server, the sign-in page saying why the user was signed out, and what they had typed kept for
them alone. The browser side is tests/test_session_timeout_browser.py."""

import json
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases import session_timeout
from cases.models import Role
from tests.referrals import helpers
from tests.test_browser_journeys import _fresh_totp_code

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"  # tests/factories.py


def _sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    assert (
        client.post(reverse("mfa_authenticate"), {"code": _fresh_totp_code(user)}).status_code
        == 302
    )


def _expire(client):
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )


def _incident(side, referral):
    return reverse("referrals:page", args=[side.partnership.slug, referral.pk, "incident"])


def test_asking_how_long_is_left_does_not_renew_and_staying_signed_in_does(world, client_for):
    client = client_for(world.alpha.user(Role.BUSINESS_MANAGER))
    assert client.get(reverse("cases:home", args=[world.alpha.partnership.slug])).status_code == 200
    session = client.session
    session[session_timeout.SEEN_KEY] = int(time.time()) - 600  # ten idle minutes
    session.save()
    key = session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timezone.timedelta(minutes=5)
    )
    status = client.get(reverse("session_status")).json()
    assert status["signed_in"] and 280 <= status["seconds_left"] <= 300
    assert Session.objects.get(session_key=key).expire_date < timezone.now() + timezone.timedelta(
        minutes=6
    ), "asking how long is left renewed the session"

    extended = client.post(reverse("session_extend")).json()
    assert extended["signed_in"] and extended["seconds_left"] >= settings.SESSION_COOKIE_AGE - 5
    expires = Session.objects.get(session_key=key).expire_date
    assert (expires - timezone.now()).total_seconds() > settings.SESSION_COOKIE_AGE - 30


def test_the_timeout_calls_answer_401_once_signed_out(db):
    client = Client()
    assert client.get(reverse("session_status")).status_code == 401
    assert client.post(reverse("session_extend")).status_code == 401
    assert client.get(reverse("session_extend")).status_code == 405  # renewing is a POST


def test_every_signed_in_page_carries_the_warning(world, client_for):
    client = client_for(world.alpha.user(Role.SLO))
    page = client.get(reverse("cases:home", args=[world.alpha.partnership.slug])).content.decode()
    assert 'id="app-timeout"' in page and "Stay signed in" in page
    assert f'data-warn-seconds="{settings.SESSION_WARNING_SECONDS}"' in page
    assert "app/timeout.js" in page
    assert 'id="app-timeout"' not in Client().get(reverse("account_login")).content.decode()


def test_an_answer_sent_after_the_session_ended_is_kept_for_its_author(world):
    side = world.alpha
    slo = side.user(Role.SLO)
    referral = helpers.complete_draft(side)
    client = Client()
    _sign_in(client, slo)
    assert client.get(_incident(side, referral)).status_code == 200
    _expire(client)

    sent = client.post(
        _incident(side, referral),
        {"incident_location": "At the family home, Thornton Road", "password": "not kept"},
    )
    assert sent.status_code == 302 and sent["Location"].startswith(reverse("account_login"))
    login = client.get(sent["Location"]).content.decode()
    assert "You have been signed out" in login
    assert "had not done anything for 15 minutes" in login
    assert "has been kept" in login

    _sign_in(client, slo)
    page = client.get(_incident(side, referral)).content.decode()
    kept = json.loads(page.split('id="app-kept-form" type="application/json">')[1].split("<")[0])
    assert kept["incident_location"] == ["At the family home, Thornton Road"]
    assert "password" not in kept
    assert "We have put back what you typed" in page
    again = client.get(_incident(side, referral)).content.decode()
    assert "app-kept-form" not in again  # handed over once
    referral.refresh_from_db()
    assert "Thornton Road" not in referral.incident_location  # kept, not saved behind their back


def test_someone_else_signing_in_on_the_same_computer_never_sees_it(world):
    side = world.alpha
    referral = helpers.complete_draft(side)
    client = Client()
    _sign_in(client, side.user(Role.SLO))
    _expire(client)
    client.post(_incident(side, referral), {"incident_location": "Private detail"})
    assert session_timeout.KEPT_KEY in client.session

    _sign_in(client, side.user(Role.BUSINESS_MANAGER))
    assert session_timeout.KEPT_KEY not in client.session
    assert session_timeout.ENDED_KEY not in client.session


def test_the_page_signs_out_keeping_what_was_typed(world, client_for):
    side = world.alpha
    slo = side.user(Role.SLO)
    referral = helpers.complete_draft(side)
    client = client_for(slo)
    path = _incident(side, referral)
    answer = client.post(
        reverse("session_end"), {"path": path, "incident_location": "Typed, then idle"}
    ).json()
    assert answer == {"signed_in": False, "login_url": reverse("account_login"), "next": path}
    assert client.get(path).status_code == 302  # signed out
    kept = client.session[session_timeout.KEPT_KEY]
    assert kept["user_id"] == slo.pk and kept["fields"] == {
        "incident_location": ["Typed, then idle"]
    }
    assert client.session[session_timeout.ENDED_KEY] == "idle"


def test_the_absolute_lifetime_is_the_reason_given(world, client_for):
    client = client_for(world.alpha.user(Role.BUSINESS_MANAGER))
    home = reverse("cases:home", args=[world.alpha.partnership.slug])
    client.get(home)
    session = client.session
    session[session_timeout.STARTED_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    login = client.get(client.get(home)["Location"]).content.decode()
    assert "after 10 hours, even when they are active" in login
