"""The sign-in and account pages (django-allauth, django-axes) in the GOV.UK page shell.

Every page extends templates/base.html, has exactly one <h1>, a "Page – Practice Review Manager"
title ("Error: " first when a form has errors), no inline style attributes and no inline script
without the CSP nonce. The browser check (tests/test_accessibility.py) runs axe on the main ones.
"""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory, totp_code

PASSWORD = "correct-horse-battery"
SUFFIX = " – Practice Review Manager"

pytestmark = pytest.mark.django_db


def page_checks(response, *, errors=False) -> str:
    """Assert the shell's rules on a rendered page; return its <h1> text."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert 'class="govuk-template"' in html, "does not extend templates/base.html"
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.endswith(SUFFIX), title
    assert title.startswith("Error: ") is errors, title
    assert "\n" not in title and "  " not in title, repr(title)
    h1s = re.findall(r"<h1[ >].*?</h1>", html, re.S)
    assert len(h1s) == 1, h1s
    assert not re.search(r"<[a-z][^>]*\sstyle=", html), "inline style attribute"
    nonce = re.search(r"'nonce-([^']+)'", response.get("Content-Security-Policy", ""))
    nonce = nonce.group(1) if nonce else "(no nonce in the CSP header)"
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag
    if errors:
        summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
        items = re.findall(r"<li>(.*?)</li>", summary, re.S)
        assert items and len(items) == len(set(items)), items
    return re.sub(r"<[^>]+>|\s+", " ", h1s[0]).strip()


def signed_in(user) -> Client:
    """A client signed in for real (password, then TOTP), so reauthentication is fresh."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    # allauth asks for the password again before changes to two-factor settings.
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def user():
    user = UserFactory()
    RecoveryCodes.activate(user)
    return user


def test_sign_in_page_and_its_error(client):
    h1 = page_checks(client.get(reverse("account_login")))
    assert h1 == "Sign in to Practice Review Manager"
    html = client.get(reverse("account_login")).content.decode()
    assert "placeholder=" not in html and "autofocus" not in html
    assert "invitation" in html and reverse("account_reset_password") in html
    response = client.post(reverse("account_login"), {"login": "", "password": ""})
    page_checks(response, errors=True)
    assert 'href="#id_login"' in response.content.decode()


def test_wrong_password_is_one_error_in_the_summary(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})
    page_checks(response, errors=True)


def test_second_factor_page_and_its_error(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    response = client.get(reverse("mfa_authenticate"))
    assert page_checks(response) == "Enter the code from your authenticator app"
    html = response.content.decode()
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    page_checks(response, errors=True)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302


def test_totp_activation_shows_the_qr_code_and_the_secret(client):
    fresh = UserFactory(mfa=False)
    client.post(reverse("account_login"), {"login": fresh.email, "password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    # allauth asks for the password again before any change to two-factor settings.
    assert response.status_code == 302
    assert page_checks(client.get(response["Location"])) == "Confirm it’s you"
    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    page_checks(response)
    html = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    secret = response.context["form"].secret
    shown = re.search(r'id="totp-secret">(.*?)</code>', html).group(1)
    assert shown.replace(" ", "") == secret
    assert "data:" in response["Content-Security-Policy"].split("img-src")[1].split(";")[0]
    response = client.post(reverse("mfa_activate_totp"), {"code": "123"})
    page_checks(response, errors=True)


@pytest.mark.parametrize(
    "name",
    [
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_list_webauthn",
        "mfa_add_webauthn",
        "account_change_password",
        "account_logout",
        "usersessions_list",
    ],
)
def test_account_management_pages(user, name):
    page_checks(signed_in(user).get(reverse(name)))


def test_the_only_authenticator_app_cannot_be_turned_off(user):
    client = signed_in(user)
    response = client.post(reverse("mfa_deactivate_totp"), {})
    page_checks(response, errors=True)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_recovery_codes_are_listed_and_downloadable(user):
    client = signed_in(user)
    html = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    codes = RecoveryCodes(
        Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()
    assert all(code in html for code in codes)
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download.status_code == 200 and codes[0] in download.content.decode()


def test_password_change_errors(user):
    client = signed_in(user)
    response = client.post(reverse("account_change_password"), {"oldpassword": "x"})
    page_checks(response, errors=True)
    assert "Current password" in response.content.decode()


def test_reauthentication_pages(user):
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    page_checks(client.get(response["Location"]))
    page_checks(client.get(reverse("account_reauthenticate")))
    page_checks(client.post(reverse("mfa_reauthenticate"), {"code": "1"}), errors=True)


def test_password_reset_pages(client, user):
    page_checks(client.get(reverse("account_reset_password")))
    response = client.post(reverse("account_reset_password"), {"email": "not-an-address"})
    page_checks(response, errors=True)
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    page_checks(client.get(reverse("account_reset_password_done")))
    bad = reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "bad-key"})
    assert page_checks(client.get(bad)) == "This link cannot be used"
    key = default_token_generator.make_token(user)
    url = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    response = client.get(url, follow=True)
    assert page_checks(response) == "Choose a new password"
    response = client.post(response.redirect_chain[-1][0], {"password1": "a", "password2": "b"})
    page_checks(response, errors=True)


def test_signup_is_closed_and_says_how_to_join(client):
    response = client.get(reverse("account_signup"))
    assert page_checks(response) == "You need an invitation to join"
    assert "business manager" in response.content.decode()


def test_lockout_page_does_not_reveal_the_account(client, settings, user):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "15 minutes" in html and user.email not in html
    assert "Sign-in from this device is paused" in html
    response.status_code = 200
    page_checks(response)


def test_signed_in_header_without_a_partnership(user):
    """Account pages have no partnership: the header still renders, without a switcher."""
    html = signed_in(user).get(reverse("mfa_index")).content.decode()
    assert "Switch partnership" not in html and "Sign out" in html
