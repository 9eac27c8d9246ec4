"""The settings we rely on are really applied (a typo such as CELERT_TASK_TIME_LIMIT silently does
nothing), the environment helpers are strict, and production refuses unsafe configuration."""

import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import global_settings, settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from config import env
from config import settings as project_settings

ROOT = Path(__file__).resolve().parents[2]

# --- Settings reach the libraries that read them -------------------------------------------------


def _ours(prefix: str) -> dict:
    return {
        name: getattr(project_settings, name)
        for name in dir(project_settings)
        if name.startswith(prefix) and name.isupper()
    }


def test_celery_settings_reach_the_celery_app():
    from celery.app.defaults import NAMESPACES, flatten

    from config.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT
    assert app.conf.timezone == "Europe/London"
    known = {key for key, _ in flatten(NAMESPACES)}
    for name, value in _ours("CELERY_").items():
        key = name.removeprefix("CELERY_").lower()
        assert key in known, f"{name} is not a Celery setting (typo?): it does nothing"
        assert app.conf[key] == value, f"{name} did not reach the Celery app as {key}"


@pytest.mark.parametrize(
    ("prefix", "module"),
    [
        ("ACCOUNT_", "allauth.account.app_settings"),
        ("MFA_", "allauth.mfa.app_settings"),
        ("USERSESSIONS_", "allauth.usersessions.app_settings"),
    ],
)
def test_allauth_settings_are_known_to_allauth(prefix, module):
    import importlib

    app_settings = importlib.import_module(module)
    for name in _ours(prefix):
        assert hasattr(app_settings, name.removeprefix(prefix)), (
            f"{name} is not an allauth setting (typo?): it does nothing"
        )


def test_allauth_applies_ours():
    from allauth.account import app_settings as account
    from allauth.mfa import app_settings as mfa

    assert set(account.LOGIN_METHODS) == {"email"}
    assert account.ADAPTER == "cases.auth.adapters.AccountAdapter"
    assert set(mfa.SUPPORTED_TYPES) >= {"totp", "recovery_codes"}


def test_axes_settings_are_known_to_axes():
    import axes.conf

    known = set(re.findall(r"\bAXES_[A-Z_]+\b", Path(axes.conf.__file__).read_text()))
    for name in _ours("AXES_"):
        assert name in known, f"{name} is not a django-axes setting (typo?): it does nothing"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_USERNAME_CALLABLE == "cases.auth.throttle.login_identifier"


def test_rest_framework_and_spectacular_keys_are_known():
    from drf_spectacular.settings import SPECTACULAR_DEFAULTS
    from rest_framework.settings import DEFAULTS, api_settings

    assert set(settings.REST_FRAMEWORK) <= set(DEFAULTS)
    assert set(settings.SPECTACULAR_SETTINGS) <= set(SPECTACULAR_DEFAULTS)
    assert [c.__name__ for c in api_settings.DEFAULT_PERMISSION_CLASSES] == ["IsTwoFactorUser"]


# Our own settings that look like Django's.
# EMAIL_FILE_PATH is Django's (the file backend reads it) but not in global_settings.
PROJECT_SETTINGS = {
    "SESSION_WARNING_SECONDS",
    "SESSION_ABSOLUTE_SECONDS",
    "SESSION_TOUCH_SECONDS",
    "DATABASE_URL",
    "DATABASE_APP_ROLE",
    "EMAIL_FILE_PATH",
}
DJANGO_PREFIXES = (
    "SESSION_",
    "SECURE_",
    "CSRF_",
    "EMAIL_",
    "LANGUAGE_",
    "TIME_",
    "USE_",
    "STATIC",
    "MEDIA_",
    "DATA_UPLOAD_",
    "FILE_UPLOAD_",
    "X_FRAME",
    "DEFAULT_",
    "SERVER_",
    "LOGIN_",
    "LOGOUT_",
    "PASSWORD_",
    "AUTH_",
    "CACHE",
    "DATABASE",
)


def test_django_settings_are_spelt_right():
    known = {name for name in dir(global_settings) if name.isupper()}
    for name in dir(project_settings):
        if name.isupper() and name.startswith(DJANGO_PREFIXES) and name not in PROJECT_SETTINGS:
            assert name in known, (
                f"{name} looks like a Django setting but Django has no such setting (typo?). "
                f"If it is the project's own, add it to PROJECT_SETTINGS in {__file__}"
            )


def test_core_values():
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.USE_TZ is True
    assert settings.SESSION_COOKIE_AGE == 900
    assert settings.SESSION_TOUCH_SECONDS == 60
    assert settings.AUTH_USER_MODEL == "cases.User"
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.CACHES["default"]["BACKEND"] == "config.cache.ResilientRedisCache"


def test_security_headers_on_a_page(world, client_for):
    client = client_for(world.alpha.user("business_manager"))
    response = client.get(reverse("cases:home", args=[world.alpha.partnership.slug]))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp  # plus a nonce on pages with an inline script
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


# --- Environment helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1", True), ("true", True), (" Yes ", True), ("ON", True), ("0", False), ("off", False)],
)
def test_env_bool(monkeypatch, raw, value):
    monkeypatch.setenv("PRM_TEST_FLAG", raw)
    assert env.env_bool("PRM_TEST_FLAG", not value) is value


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "enabled"])
def test_env_bool_refuses_nonsense(monkeypatch, raw):
    monkeypatch.setenv("PRM_TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="PRM_TEST_FLAG"):
        env.env_bool("PRM_TEST_FLAG", False)


def test_env_int_list_choice(monkeypatch):
    monkeypatch.setenv("PRM_TEST_N", "12")
    assert env.env_int("PRM_TEST_N", 1) == 12
    monkeypatch.setenv("PRM_TEST_N", "twelve")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env.env_int("PRM_TEST_N", 1)
    monkeypatch.setenv("PRM_TEST_LIST", " a.example, ,b.example ")
    assert env.env_list("PRM_TEST_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("PRM_TEST_CHOICE", "staging")
    with pytest.raises(ImproperlyConfigured, match="one of"):
        env.env_choice("PRM_TEST_CHOICE", "a", ("a", "b"))


def test_env_rate(monkeypatch):
    assert env.env_rate("PRM_TEST_RATE", "1000/hour") == "1000/hour"
    monkeypatch.setenv("PRM_TEST_RATE", " 20/m ")
    assert env.env_rate("PRM_TEST_RATE", "1000/hour") == "20/m"
    for nonsense in ("1000", "1000/fortnight", "lots/hour", "1000/hour/ip"):
        monkeypatch.setenv("PRM_TEST_RATE", nonsense)
        with pytest.raises(ImproperlyConfigured, match="PRM_TEST_RATE"):
            env.env_rate("PRM_TEST_RATE", "1000/hour")


def test_env_secret_reads_the_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-the-file\n")
    monkeypatch.setenv("PRM_TEST_SECRET", "from-the-variable")
    monkeypatch.setenv("PRM_TEST_SECRET_FILE", str(secret))
    assert env.env_secret("PRM_TEST_SECRET") == "from-the-file"  # the file wins
    monkeypatch.setenv("PRM_TEST_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="PRM_TEST_SECRET_FILE"):
        env.env_secret("PRM_TEST_SECRET")
    monkeypatch.delenv("PRM_TEST_SECRET_FILE")
    assert env.env_secret("PRM_TEST_SECRET") == "from-the-variable"


# --- Start-up in a fresh interpreter -------------------------------------------------------------

_CLEARED = (
    "DJANGO_ENV",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "AUTHENTICATOR_ENCRYPTION_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests while they run
)
GOOD_SECRET = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(60))


def _production(tmp_path, **overrides) -> dict:
    environ = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    environ.update(
        DJANGO_ENV="production",
        SECRET_KEY=GOOD_SECRET,
        AUTHENTICATOR_ENCRYPTION_KEY="3o1Hv2bQ3cK0Z3yE8m0VhQ0dJ3bP1sX7t6u5w4y2z1A=",
        ALLOWED_HOSTS="prm.example.org",
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_URL=os.environ["REDIS_URL"],
        PRM_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    for key, value in overrides.items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    return environ


def _import_settings(environ, code="import config.settings"):
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "insecure-development-key-never-used-in-production"}, "SECRET_KEY"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY"),
        ({"AUTHENTICATOR_ENCRYPTION_KEY": None}, "AUTHENTICATOR_ENCRYPTION_KEY"),
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"DEBUG": "maybe"}, "DEBUG must be one of"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"DJANGO_ENV": "prod"}, "DJANGO_ENV must be one of"),
    ],
    ids=[
        "no-secret",
        "default-secret",
        "short-secret",
        "no-authenticator-key",
        "debug-on",
        "bad-boolean",
        "no-hosts",
        "no-database",
        "bad-env",
    ],
)
def test_production_refuses_unsafe_configuration(tmp_path, overrides, message):
    result = _import_settings(_production(tmp_path, **overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_reads_the_secret_from_a_file(tmp_path):
    secret_file = tmp_path / "secret_key"
    secret_file.write_text(GOOD_SECRET + "\n")
    environ = _production(tmp_path, SECRET_KEY=None, SECRET_KEY_FILE=str(secret_file))
    code = (
        "import config.settings as s; "
        f"assert s.SECRET_KEY == {GOOD_SECRET!r}; assert s.DEBUG is False; print('ok')"
    )
    result = _import_settings(environ, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_embedded_default_needs_no_server(tmp_path):
    environ = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    environ["PRM_VAR_DIR"] = str(tmp_path)
    code = (
        "import config.settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.EMAIL_BACKEND, s.DEBUG)"
    )
    result = _import_settings(environ, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "filesystem://",
        "django.core.mail.backends.console.EmailBackend",
        "True",
    ]


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- E-mail settings: every one Django has comes from the environment ---------------------------

EMAIL_VALUES = {
    "EMAIL_BACKEND": ("django.core.mail.backends.filebased.EmailBackend", str),
    "EMAIL_FILE_PATH": ("/srv/prm/outgoing-mail", str),
    "EMAIL_HOST": ("relay.example.org", str),
    "EMAIL_HOST_PASSWORD": ("relay-secret", str),
    "EMAIL_HOST_USER": ("prm", str),
    "EMAIL_PORT": ("2525", int),
    "EMAIL_SSL_CERTFILE": ("/etc/prm/client.pem", str),
    "EMAIL_SSL_KEYFILE": ("/etc/prm/client.key", str),
    "EMAIL_SUBJECT_PREFIX": ("[PRM test] ", str),
    "EMAIL_TIMEOUT": ("12", int),
    "EMAIL_USE_LOCALTIME": ("true", lambda v: True),
    "EMAIL_USE_SSL": ("true", lambda v: True),
    "EMAIL_USE_TLS": ("false", lambda v: False),
    "SERVER_EMAIL": ("errors@example.org", str),
    "DEFAULT_FROM_EMAIL": ("PRM <prm@example.org>", str),
}


def test_every_django_email_setting_is_read_from_the_environment(tmp_path):
    django_names = {n for n in dir(global_settings) if n.startswith("EMAIL_")}
    assert django_names <= set(EMAIL_VALUES), django_names - set(EMAIL_VALUES)
    environ = _production(tmp_path, **{name: raw for name, (raw, _) in EMAIL_VALUES.items()})
    code = (
        "import json, config.settings as s; print(json.dumps({n: getattr(s, n) for n in "
        f"{sorted(EMAIL_VALUES)!r}}}))"
    )
    result = _import_settings(environ, code)
    assert result.returncode == 0, result.stderr
    import json

    values = json.loads(result.stdout)
    for name, (raw, parse) in EMAIL_VALUES.items():
        assert values[name] == parse(raw), name


def test_production_sends_through_the_backend_that_knows_when_mail_may_have_gone(tmp_path):
    result = _import_settings(
        _production(tmp_path), "import config.settings as s; print(s.EMAIL_BACKEND)"
    )
    assert result.stdout.strip() == "cases.smtp_backend.EmailBackend", result.stderr
