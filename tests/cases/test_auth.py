"""Sign-in: invitations only, two factors for everyone, lockout by (account, IP address), idle and
absolute session expiry, and a password change that ends the other sessions."""

import re
import time

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from cases.emails import email_send
from cases.middleware import SESSION_STARTED_KEY
from cases.models import Membership, OutboundEmail, Role, User
from tests.factories import UserFactory, api_token, make_member, totp_code
from tests.tenant_registry import TENANT_URLS, tenant_urls

BM = Role.BUSINESS_MANAGER
PASSWORD = "correct-horse-battery"  # tests/factories.py


def _login(client, email, password, ip="192.0.2.10"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


# --- No self-registration; the invitation flow ---------------------------------------------------


def test_signup_is_closed(db, client):
    response = client.get(reverse("account_signup"))
    assert b'name="password1"' not in response.content
    response = client.post(
        reverse("account_signup"),
        {"email": "self@example.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not User.objects.filter(email="self@example.test").exists()
    assert b'name="password1"' not in response.content


def test_invitation_end_to_end(world, client_for, django_capture_on_commit_callbacks):
    side = world.alpha
    bm = client_for(side.user(BM))
    response = bm.post(
        reverse("cases:invite", args=[side.partnership.slug]),
        {
            "full_name": "Nia New",
            "email": "Nia.New@Example.test",
            "job_title": "Designated nurse",
            "agency": side.agencies["health"].pk,
            "roles": ["slo", "review_group_member"],
        },
    )
    assert response.status_code == 302

    # The e-mail is in the outbox and, once sent, in the mailbox, with a one-time link.
    queued = OutboundEmail.objects.get(to="nia.new@example.test")
    assert side.partnership.name in queued.body_text
    email_send(queued.pk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nia.new@example.test"]
    link = re.search(r"https?://\S+/invitations/(\S+)/", message.body)
    assert link, message.body
    accept_url = reverse("invitation_accept", args=[link.group(1)])
    assert "Test Child" not in message.body  # no personal details in e-mail

    invitee = Client()
    page = invitee.get(accept_url)
    assert page.status_code == 200 and side.partnership.name in page.content.decode()
    response = invitee.post(
        accept_url,
        {
            "full_name": "Nia New",
            "password1": "a-long-passphrase-26",
            "password2": "a-long-passphrase-26",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:home", args=[side.partnership.slug])

    user = User.objects.get(email="nia.new@example.test")
    membership = Membership.objects.get(user=user)
    assert membership.partnership == side.partnership
    assert membership.agency == side.agencies["health"]
    assert membership.job_title == "Designated nurse"
    assert membership.role_set == {Role.SLO, Role.REVIEW_GROUP_MEMBER}

    # Signed in, but no authenticator yet: every page sends them to set one up.
    home = response["Location"]
    response = invitee.get(home)
    assert response.status_code == 302
    activate = response["Location"]
    assert activate.startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password again before adding an authenticator.
    response = invitee.get(activate)
    if response.status_code == 302 and response["Location"].startswith(
        reverse("account_reauthenticate")
    ):
        response = invitee.post(response["Location"], {"password": "a-long-passphrase-26"})
        assert response.status_code == 302
        response = invitee.get(response["Location"])
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = invitee.post(activate, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert invitee.get(home).status_code == 200  # in, with two factors

    # The link works once.
    assert Client().get(accept_url).status_code == 410


# --- Two factors are mandatory -------------------------------------------------------------------


@pytest.fixture
def no_mfa_member(world):
    user = UserFactory(mfa=False, email="nomfa@alpha.test")
    make_member(
        world.alpha.partnership, *Role.values, agency=world.alpha.agencies["police"], user=user
    )
    return user


def test_every_page_sends_a_user_without_two_factors_to_set_them_up(
    world, client_for, no_mfa_member
):
    client = client_for(no_mfa_member)
    side = world.alpha
    activate = reverse("mfa_activate_totp")
    failures = []
    urls = [reverse("account_home"), reverse("cases:choose_partnership")]
    api_urls = [reverse("api_me")]
    for entry in tenant_urls():
        if entry.key not in TENANT_URLS:
            continue  # the crawler reports unregistered URLs
        url = reverse(
            entry.key,
            kwargs={"partnership_slug": side.partnership.slug, **TENANT_URLS[entry.key](side)},
        )
        (api_urls if entry.is_api else urls).append(url)
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code != 302 or not response["Location"].startswith(activate):
                failures.append(f"{method.upper()} {url}: {response.status_code}")
    for url in api_urls:
        response = client.get(url)
        if response.status_code != 403 or "two-factor" not in response.json()["detail"]:
            failures.append(f"GET {url}: {response.status_code}")
    assert not failures, "Without two factors these were not refused:\n" + "\n".join(failures)


def test_api_token_of_a_user_without_two_factors_is_refused(world, no_mfa_member):
    client = Client(HTTP_AUTHORIZATION=f"Token {api_token(no_mfa_member)}")
    response = client.get(reverse("cases_api:case-list", args=[world.alpha.partnership.slug]))
    assert response.status_code == 403


def test_sign_in_needs_the_second_factor(world):
    user = world.alpha.user(BM)
    client = Client()
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    home = reverse("cases:home", args=[world.alpha.partnership.slug])
    assert client.get(home).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200  # wrong code: asked again
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get(home).status_code == 200


@pytest.mark.parametrize(
    "name", ["account_request_reauthentication_code", "account_confirm_reauthentication_code"]
)
def test_an_emailed_code_cannot_stand_in_for_the_second_factor(world, name):
    """allauth 65.22 added reauthentication by e-mailed code; it is off (settings)."""
    user = world.alpha.user(BM)
    home = reverse("cases:home", args=[world.alpha.partnership.slug])
    # Half signed in (password, no TOTP yet): the code pages are for signed-in users only.
    client = Client()
    assert _login(client, user.email, PASSWORD).status_code == 302
    for method in (client.get, client.post):
        response = method(reverse(name), {"email": user.email, "code": "ABC123"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert client.get(home).status_code == 302
    # Fully signed in: the feature answers 403 and sends nothing.
    client = Client()
    _login(client, user.email, PASSWORD)
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    mail.outbox.clear()
    for method in (client.get, client.post):
        assert method(reverse(name), {"email": user.email}).status_code == 403
    assert mail.outbox == []
    page = client.get(reverse("account_reauthenticate")).content.decode()
    assert reverse("account_request_reauthentication_code") not in page


# --- Guessing the second factor (cases/auth/second_factor.py) -------------------------------------


def _wrong_codes(client, n):
    for _ in range(n):
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    return response


def test_five_wrong_codes_end_the_sign_in(world):
    from cases.models import AuditEvent

    user = world.alpha.user(BM)
    client = Client()
    _login(client, user.email, PASSWORD)
    response = _wrong_codes(client, 5)
    assert "Sign in again with your password" in response.content.decode()
    # The right code no longer signs in: the password step must come first.
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    home = reverse("cases:home", args=[world.alpha.partnership.slug])
    assert client.get(home).status_code == 302
    wrong = AuditEvent.objects.filter(actor=user, action="sign_in.wrong_code")
    assert wrong.count() == 5 and "5 in this sign-in" in wrong.latest("created_at").note
    # With the password again, the officer signs in.
    _login(client, user.email, PASSWORD)
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code()}).status_code == 302
    assert client.get(home).status_code == 200


def test_ten_wrong_codes_pause_the_account_for_fifteen_minutes_only(world):
    from django.core.cache import cache

    from cases.auth.second_factor import _account_key

    user = world.alpha.user(BM)
    for _ in range(2):  # two sign-ins, five wrong codes each
        client = Client()
        _login(client, user.email, PASSWORD)
        _wrong_codes(client, 5)
    client = Client()
    _login(client, user.email, PASSWORD)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 200 and "Try again in 15 minutes" in response.content.decode()
    cache.delete(_account_key(user))  # as fifteen minutes later (the key's timeout)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302


# --- Lockout by (account, IP address) ------------------------------------------------------------


def test_lockout_is_per_account_and_ip_address(world):
    user = world.alpha.user(Role.SLO)
    attacker_ip, officer_ip = "203.0.113.66", "192.0.2.10"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), user.email, "wrong-password", ip=attacker_ip)
    # Locked from that address, even with the right password...
    assert _login(Client(), user.email, PASSWORD, ip=attacker_ip).status_code == 429
    # ...but the officer signs in from elsewhere.
    response = _login(Client(), user.email, PASSWORD, ip=officer_ip)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # And another account from the attacker's address is not locked.
    other = world.alpha.user(Role.EXECUTIVE)
    assert _login(Client(), other.email, PASSWORD, ip=attacker_ip).status_code == 302


def test_lockout_ignores_the_case_of_the_email(world):
    user = world.alpha.user(Role.SLO)
    for n in range(settings.AXES_FAILURE_LIMIT):
        email = user.email.upper() if n % 2 else user.email
        _login(Client(), email, "wrong-password", ip="203.0.113.67")
    assert _login(Client(), user.email, PASSWORD, ip="203.0.113.67").status_code == 429


def test_failures_from_many_addresses_do_not_lock_the_officer_out(world):
    user = world.alpha.user(Role.SLO)
    for n in range(12):
        _login(Client(), user.email, "wrong-password", ip=f"198.51.100.{n + 1}")
    response = _login(Client(), user.email, PASSWORD, ip="192.0.2.10")
    assert response.status_code == 302, "the officer could not sign in from their own address"


def _via_proxy(client, email, password, client_address):
    """A sign-in through one reverse proxy (10.0.0.1) that appends the client's address."""
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_behind_the_proxy_one_address_cannot_lock_everyone_out(world, settings):
    from cases.models import AuditEvent

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(25):  # an attacker: made-up accounts, one address
        _via_proxy(Client(), f"nobody{n}@example.test", "guess", "203.0.113.9")
    user = world.alpha.user(BM)
    client = Client()
    response = _via_proxy(client, user.email, PASSWORD, "198.51.100.7")
    assert response.status_code == 302, "the business manager could not sign in"
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    # The audit trail records the client's address, not the proxy's.
    client.post(
        reverse("api_token_create"),
        {"name": "Reporting spreadsheet", "expiry_days": "90"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    event = AuditEvent.objects.filter(actor=user, action="api_token.create").latest("created_at")
    assert event.ip_address == "198.51.100.7"


def test_a_shared_address_allows_a_council_morning_of_mistyped_passwords(world):
    """Many staff behind one council address mistyping their own passwords: 60 failures in a
    minute, then a colleague signs in from the same address."""
    for n in range(60):
        _login(Client(), f"colleague{n}@council.example", "mistyped", ip="192.0.2.99")
    user = world.alpha.user(BM)
    assert _login(Client(), user.email, PASSWORD, ip="192.0.2.99").status_code == 302


# --- Sessions ------------------------------------------------------------------------------------


def test_session_idle_expiry_is_fifteen_minutes_renewed_by_activity():
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_TOUCH_SECONDS <= 60
    assert settings.SESSION_ABSOLUTE_SECONDS > settings.SESSION_COOKIE_AGE


def test_activity_renews_the_session_at_most_once_a_minute(world, client_for):
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cases.middleware import SESSION_SEEN_KEY

    client = client_for(world.alpha.user(BM))
    home = reverse("cases:home", args=[world.alpha.partnership.slug])
    assert client.get(home).status_code == 200
    key = client.session.session_key
    with CaptureQueriesContext(connection) as queries:
        assert client.get(home).status_code == 200
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]
    assert writes == [], "a page view within the minute wrote to the database"

    # A minute later: the idle expiry is renewed and the activity recorded.
    soon = timezone.now() + timezone.timedelta(minutes=3)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    UserSession.objects.filter(session_key=key).update(
        last_seen_at=timezone.now() - timezone.timedelta(hours=1)
    )
    session = client.session
    session[SESSION_SEEN_KEY] = int(time.time()) - settings.SESSION_TOUCH_SECONDS
    session.save()
    assert client.get(home).status_code == 200
    expires = Session.objects.get(session_key=key).expire_date
    assert abs((expires - timezone.now()).total_seconds() - 900) < 30
    seen = UserSession.objects.get(session_key=key).last_seen_at
    assert (timezone.now() - seen).total_seconds() < 30


def test_idle_session_expires_on_the_server(world, client_for):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = client_for(world.alpha.user(BM))
    home = reverse("cases:home", args=[world.alpha.partnership.slug])
    response = client.get(home)
    assert response.status_code == 200
    # A browser-session cookie; the server holds the 15-minute idle limit, renewed per request.
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""
    key = client.session.session_key
    expires = Session.objects.get(session_key=key).expire_date
    assert abs((expires - timezone.now()).total_seconds() - 900) < 30
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_absolute_session_lifetime_signs_out(world, client_for):
    client = client_for(world.alpha.user(BM))
    home = reverse("cases:home", args=[world.alpha.partnership.slug])
    assert client.get(home).status_code == 200
    session = client.session
    assert session[SESSION_STARTED_KEY] <= time.time()
    session[SESSION_STARTED_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS + 60
    session.save()
    assert client.get(home).status_code == 200  # a minute left
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session  # really signed out, not just redirected
    assert client.get(home).status_code == 302


def test_password_change_ends_the_other_sessions(world, client_for):
    user = world.alpha.user(BM)
    here, elsewhere = client_for(user), client_for(user)
    home = reverse("cases:home", args=[world.alpha.partnership.slug])
    assert elsewhere.get(home).status_code == 200
    response = here.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-passphrase-27",
            "password2": "a-new-passphrase-27",
        },
    )
    assert response.status_code == 302, response.content[:500]
    assert here.get(home).status_code == 200  # this session carries on
    response = elsewhere.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_user_sees_and_ends_other_sessions(world, client_for):
    from allauth.usersessions.models import UserSession

    user = world.alpha.user(BM)
    here, elsewhere = client_for(user), client_for(user)
    home = reverse("cases:home", args=[world.alpha.partnership.slug])
    here.get(home)
    elsewhere.get(home)
    assert UserSession.objects.filter(user=user).count() == 2
    page = here.get(reverse("usersessions_list"))
    assert page.status_code == 200
    here.post(reverse("usersessions_list"), {"action": "end_other"})
    assert elsewhere.get(home).status_code == 302
    assert here.get(home).status_code == 200


def test_the_last_second_factor_cannot_be_removed(world):
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator

    user = world.alpha.user(BM)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(totp) is False


def test_sign_in_address_cannot_be_changed_by_the_user(world, client_for):
    response = client_for(world.alpha.user(BM)).get("/accounts/email/")
    assert response.status_code == 404


def test_authenticator_secrets_are_encrypted_at_rest(world):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.factories import TEST_TOTP_SECRET

    totp = Authenticator.objects.get(user=world.alpha.user(BM), type=Authenticator.Type.TOTP)
    assert TEST_TOTP_SECRET not in str(totp.data)
    assert totp.data["secret"].startswith("fernet:")
    assert TOTP(totp).validate_code(totp_code())


# --- Sign-in while Redis is down (docs/degraded-service.md) ---------------------------------------


def test_sign_in_keeps_working_while_redis_is_down(world, settings, caplog):
    from django.core.cache.backends.redis import RedisCache
    from redis.exceptions import ConnectionError as RedisConnectionError

    from bench.smtp_relay import free_port

    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    with pytest.raises(RedisConnectionError):  # what sign-in met before: a 500
        RedisCache(nowhere, {}).get("anything")
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": nowhere,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    user = world.alpha.user(BM)
    client = Client()
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    code = totp_code()
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.get(reverse("cases:home", args=[world.alpha.partnership.slug])).status_code == 200
    assert "Redis cache unavailable" in caplog.text
    # The one-time code cannot be used twice even so (the memory cache remembers it).
    again = Client()
    _login(again, user.email, PASSWORD)
    assert again.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200
