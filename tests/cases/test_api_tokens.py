"""API tokens (issue 10 point 6, ADR 0010): only a hash stored, shown once; an expiry; listed and
revoked under Your account and in the API; ended by a password change and by the last
membership ending; throttled per token and per person."""

import re
from datetime import timedelta

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from cases.models import ApiToken, AuditEvent, Role
from cases.services import api_tokens
from cases.services.people import membership_update
from tests.factories import api_token, make_member

BM = Role.BUSINESS_MANAGER
SLO = Role.SLO
PASSWORD = "correct-horse-battery"


def _cases(side):
    return reverse("cases_api:case-list", args=[side.partnership.slug])


def _token_client(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {secret}")


def _create(client, name="Reporting spreadsheet", expiry_days="90"):
    return client.post(reverse("api_token_create"), {"name": name, "expiry_days": expiry_days})


def _secret_from(response) -> str:
    html = response.content.decode()
    start = html.index('id="api-token-secret">') + len('id="api-token-secret">')
    return html[start : html.index("<", start)]


# --- Stored as a hash, shown once ---------------------------------------------------------------


def _every_text_in_the_database() -> str:
    """Every row of every table as text, and every session decoded."""
    parts = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT t::text FROM "{table}" t')  # noqa: S608 - catalogue names
            parts.extend(row[0] for row in cursor.fetchall())
    for session in Session.objects.all():
        parts.append(repr(SessionStore(session_key=session.session_key).load()))
    return "\n".join(parts)


def test_the_database_never_holds_the_token_only_its_hash(world, client_for):
    client = client_for(world.alpha.user(BM))
    response = _create(client)
    assert response.status_code == 200
    secret = _secret_from(response)
    assert secret.startswith("prm_") and len(secret) == 47
    client.get(reverse("account_home"))  # whatever the next page keeps, it is not the secret
    stored = _every_text_in_the_database()
    assert secret not in stored
    assert secret[4:20] not in stored  # not even part of it
    token = ApiToken.objects.get(user=world.alpha.user(BM))
    assert token.digest == api_tokens.token_digest(secret) and token.digest in stored
    assert _token_client(secret).get(_cases(world.alpha)).status_code == 200


def test_the_token_is_shown_once_and_not_cached(world, client_for):
    client = client_for(world.alpha.user(BM))
    response = _create(client)
    secret = _secret_from(response)
    assert "no-store" in response["Cache-Control"]
    assert f"Authorization: Token {secret}" in response.content.decode()
    page = client.get(reverse("account_home")).content.decode()
    assert "Reporting spreadsheet" in page and secret not in page


# --- Name and expiry ----------------------------------------------------------------------------


def test_the_form_shows_every_error_at_once(world, client_for):
    client = client_for(world.alpha.user(BM))
    response = client.post(reverse("api_token_create"), {"name": "  "})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a name for the token" in html and "Select when the token expires" in html
    assert html.count('class="govuk-error-message"') == 2
    assert "<title>Error: Create an API token" in html
    response = _create(client, name="x" * 101, expiry_days="400")
    html = response.content.decode()
    assert "Name must be 100 characters or fewer" in html
    assert "Select when the token expires" in html
    assert not ApiToken.objects.exists()


def test_the_default_expiry_is_90_days_and_none_is_longer_than_a_year(world, client_for):
    user = world.alpha.user(BM)
    form = client_for(user).get(reverse("api_token_create")).content.decode()
    checked = re.findall(r'<input[^>]*name="expiry_days"[^>]*checked[^>]*>', form)
    assert len(checked) == 1 and 'value="90"' in checked[0]
    token, _ = api_tokens.api_token_create(user=user, name="Default", expiry_days=90)
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    api_tokens.api_token_create(user=user, name="Longest", expiry_days=365)
    with pytest.raises(ValidationError):
        api_tokens.api_token_create(user=user, name="Too long", expiry_days=366)


def test_an_expired_token_is_refused_with_401_and_says_why(world):
    user = world.alpha.user(BM)
    secret = api_token(user)
    ApiToken.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _token_client(secret).get(_cases(world.alpha))
    assert response.status_code == 401
    detail = response.json()["detail"]
    assert detail.startswith("This API token expired on ")
    assert "Create a new one under Your account" in detail


def test_a_person_may_have_ten_live_tokens(world, client_for):
    user = world.alpha.user(BM)
    for n in range(10):
        api_token(user, name=f"Token {n}")
    response = _create(client_for(user))
    assert "You have 10 API tokens, the most you can have" in response.content.decode()
    assert ApiToken.objects.filter(user=user).count() == 10
    ApiToken.objects.filter(user=user, name="Token 0").update(expires_at=timezone.now())
    assert _create(client_for(user)).status_code == 200  # an expired one does not count
    assert ApiToken.objects.filter(user=user).count() == 11


# --- Listing and revoking -----------------------------------------------------------------------


def test_your_account_lists_only_your_own_tokens(world, client_for):
    mine, theirs = world.alpha.user(BM), world.alpha.user(SLO)
    api_token(mine, name="Reporting spreadsheet")
    api_token(theirs, name="Police data feed")
    page = client_for(mine).get(reverse("account_home")).content.decode()
    assert "Reporting spreadsheet" in page and "Police data feed" not in page
    assert "Not used yet" in page
    listed = _token_client(api_token(mine, name="Script")).get(reverse("api_account_tokens"))
    assert listed.status_code == 200
    assert sorted(t["name"] for t in listed.json()) == ["Reporting spreadsheet", "Script"]
    assert "digest" not in listed.json()[0]


def test_revoking_in_the_browser_asks_first_and_ends_the_token(world, client_for):
    user = world.alpha.user(BM)
    secret = api_token(user, name="Reporting spreadsheet")
    token = ApiToken.objects.get(user=user)
    client = client_for(user)
    listed = 'app-break-words">Reporting spreadsheet</h3>'
    assert listed in client.get(reverse("account_home")).content.decode()
    url = reverse("api_token_revoke", args=[token.pk])
    question = client.get(url).content.decode()
    assert "Are you sure you want to revoke the API token “Reporting spreadsheet”?" in question
    assert ApiToken.objects.live().filter(pk=token.pk).exists()  # asking changes nothing
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("account_home")
    refused = _token_client(secret).get(_cases(world.alpha))
    assert refused.status_code == 401
    assert refused.json()["detail"].startswith("This API token was revoked on ")
    page = client.get(reverse("account_home")).content.decode()
    assert "The API token “Reporting spreadsheet” has been revoked." in page
    assert listed not in page
    event = AuditEvent.objects.get(action="api_token.revoke")
    assert event.note == f"{user.get_full_name()} revoked the API token “Reporting spreadsheet”."
    assert client.post(url).status_code == 404  # once only


def test_revoking_needs_the_csrf_token(world):
    user = world.alpha.user(BM)
    api_token(user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    token = ApiToken.objects.get(user=user)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 403
    assert ApiToken.objects.live().filter(pk=token.pk).exists()


def test_another_persons_token_cannot_be_seen_or_revoked(world, client_for):
    owner, other = world.alpha.user(SLO), world.alpha.user(BM)
    secret = api_token(owner)
    token = ApiToken.objects.get(user=owner)
    url = reverse("api_token_revoke", args=[token.pk])
    assert client_for(other).get(url).status_code == 404
    assert client_for(other).post(url).status_code == 404
    api_url = reverse("api_account_token", args=[token.pk])
    assert _token_client(api_token(other)).delete(api_url).status_code == 404
    assert client_for(other).delete(api_url).status_code == 404
    assert _token_client(secret).get(_cases(world.alpha)).status_code == 200


def test_revoking_through_the_api(world):
    user = world.alpha.user(BM)
    doomed, keeper = api_token(user, name="Old script"), api_token(user, name="New script")
    token = ApiToken.objects.get(user=user, name="Old script")
    response = _token_client(keeper).delete(reverse("api_account_token", args=[token.pk]))
    assert response.status_code == 204
    assert _token_client(doomed).get(_cases(world.alpha)).status_code == 401
    assert _token_client(keeper).get(_cases(world.alpha)).status_code == 200


def test_a_token_cannot_make_another_token(world):
    client = _token_client(api_token(world.alpha.user(BM)))
    assert client.post(reverse("api_account_tokens"), {"name": "More"}).status_code == 405
    assert client.post(reverse("api_token_create"), {"name": "More"}).status_code == 302  # sign-in
    assert ApiToken.objects.count() == 1


# --- Ended by a password change or the last membership ending -----------------------------------


def test_changing_the_password_ends_every_token(world, client_for):
    user = world.alpha.user(BM)
    secrets = [api_token(user, name="One"), api_token(user, name="Two")]
    response = client_for(user).post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-passphrase-27",
            "password2": "a-new-passphrase-27",
        },
    )
    assert response.status_code == 302
    for secret in secrets:
        refused = _token_client(secret).get(_cases(world.alpha))
        assert refused.status_code == 401
        assert "ended when your password was changed" in refused.json()["detail"]
    event = AuditEvent.objects.get(action="api_token.end.password_changed")
    assert event.note == (
        f"{user.get_full_name()}’s API tokens “One” and “Two” ended because the password was "
        "changed."
    )


def test_resetting_the_password_ends_every_token(world):
    user = world.alpha.user(BM)
    secret = api_token(user)
    client = Client()
    url = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    form_url = client.get(url, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "a-new-passphrase-27", "password2": "a-new-passphrase-27"}
    )
    assert response.status_code == 302, response.content[:500]
    assert _token_client(secret).get(_cases(world.alpha)).status_code == 401


def test_any_other_password_change_ends_every_token_too(world):
    """An operator's changepassword or shell: the model's set_password and save."""
    user = world.alpha.user(BM)
    secret = api_token(user)
    user.set_password("an-operator-chose-this-1")
    user.save()
    assert _token_client(secret).get(_cases(world.alpha)).status_code == 401
    assert not ApiToken.objects.live().exists()


def test_the_last_membership_ending_ends_every_token(world, client_for):
    side = world.alpha
    bm, slo = side.members[BM], side.members[SLO]
    secret = api_token(slo.user, name="Police data feed")
    # Through the People page: inside the partnership's scope, as the application role.
    response = client_for(bm.user).post(
        reverse("cases:member_edit", args=[side.partnership.slug, slo.pk]),
        {"agency": slo.agency.pk, "roles": [SLO]},  # "Can sign in" unticked
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    slo.refresh_from_db()
    assert not slo.is_active
    response = _token_client(secret).get(reverse("api_me"))
    assert response.status_code == 401
    assert "no longer a member of any partnership" in response.json()["detail"]
    event = AuditEvent.objects.get(action="api_token.end.no_membership")
    assert event.actor == bm.user and event.partnership is None
    assert event.note == (
        f"{slo.user.get_full_name()}’s API token “Police data feed” ended because they are no "
        "longer a member of any partnership."
    )


def test_a_membership_ending_elsewhere_keeps_the_token_but_not_that_partnership(world):
    alpha, beta = world.alpha, world.beta
    reviewer = alpha.members[Role.LEAD_REVIEWER]
    make_member(beta.partnership, Role.LEAD_REVIEWER, user=reviewer.user)
    secret = api_token(reviewer.user)
    bm = alpha.members[BM]
    membership_update(
        actor=bm.user,
        membership=bm,
        target=reviewer,
        roles=[Role.LEAD_REVIEWER],
        agency=None,
        is_active=False,
    )
    client = _token_client(secret)
    assert client.get(_cases(alpha)).status_code == 404  # the permission layer
    assert client.get(_cases(beta)).status_code == 200
    assert ApiToken.objects.live().filter(user=reviewer.user).exists()


def test_a_deactivated_person_is_refused(world):
    user = world.alpha.user(SLO)
    secret = api_token(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = _token_client(secret).get(reverse("api_me"))
    assert response.status_code == 401 and response.json() == {"detail": "Invalid token."}


# --- Last used ----------------------------------------------------------------------------------


def test_last_used_is_written_at_most_once_a_minute(world):
    user = world.alpha.user(BM)
    client = _token_client(api_token(user))
    assert ApiToken.objects.get(user=user).last_used_at is None
    client.get(reverse("api_me"))
    first = ApiToken.objects.get(user=user).last_used_at
    assert first is not None
    client.get(reverse("api_me"))
    assert ApiToken.objects.get(user=user).last_used_at == first
    ApiToken.objects.filter(user=user).update(last_used_at=first - timedelta(minutes=2))
    client.get(reverse("api_me"))
    assert ApiToken.objects.get(user=user).last_used_at > first


# --- Throttling ---------------------------------------------------------------------------------


def _rates(**rates):
    from django.conf import settings

    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"user": "1000/hour", "api_token": "1000/hour", **rates},
        }
    )


def test_each_token_has_its_own_limit(world):
    user = world.alpha.user(BM)
    first, second = _token_client(api_token(user)), _token_client(api_token(user))
    with _rates(api_token="2/min"):
        assert first.get(reverse("api_me")).status_code == 200
        assert first.get(_cases(world.alpha)).status_code == 200
        refused = first.get(reverse("api_me"))
        assert refused.status_code == 429
        assert 0 < int(refused["Retry-After"]) <= 60
        assert "throttled" in refused.json()["detail"].lower()
        assert second.get(reverse("api_me")).status_code == 200  # the other token is its own


def test_a_person_has_one_limit_over_every_token_and_session(world, client_for):
    user = world.alpha.user(BM)
    first, second = _token_client(api_token(user)), _token_client(api_token(user))
    session = client_for(user)
    other = _token_client(api_token(world.alpha.user(SLO)))
    with _rates(user="3/min"):
        assert first.get(reverse("api_me")).status_code == 200
        assert second.get(reverse("api_me")).status_code == 200
        assert session.get(reverse("api_me")).status_code == 200
        for client in (first, second, session):
            response = client.get(reverse("api_me"))
            assert response.status_code == 429 and response["Retry-After"]
        assert other.get(reverse("api_me")).status_code == 200  # someone else is not held up


def test_the_throttles_are_on_by_default():
    from rest_framework.settings import api_settings

    names = [c.__name__ for c in api_settings.DEFAULT_THROTTLE_CLASSES]
    assert names == ["ApiTokenRateThrottle", "PersonRateThrottle"]
    assert set(api_settings.DEFAULT_THROTTLE_RATES) == {"user", "api_token"}


# --- Audit --------------------------------------------------------------------------------------


def test_making_a_token_is_audited_in_a_sentence(world, client_for):
    user = world.alpha.user(BM)
    _create(client_for(user), expiry_days="30")
    token = ApiToken.objects.get(user=user)
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.actor == user and event.partnership is None
    assert event.note == (
        f"{user.get_full_name()} created the API token “Reporting spreadsheet” "
        f"(expires {api_tokens.day(token.expires_at)})."
    )
