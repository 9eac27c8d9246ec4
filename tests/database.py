"""The test suite's database roles (ADR 0009).

Tests connect as the application role (DATABASE_URL: no BYPASSRLS, owns nothing), so every
request in every test passes through the row-level security policies. The owner role
(DATABASE_OWNER_URL) creates and migrates the test database and empties it between transactional
tests: the application role may not TRUNCATE, and may not UPDATE or DELETE audit rows.

Test code itself (building worlds, asserting on rows) reads and writes any partnership's rows, as
it did under django-scopes' scopes_disabled(): the test database, and only it, has one more
policy per table that lets a connection with ``app.test_bypass=on`` through while *no* scope is
set. The moment a test enters a partnership or user scope, only the real policies apply; and
every request (the test client's and the live server's) runs with the bypass off from its first
middleware to its last, so a view that read tenant tables outside a scope would see nothing in
the tests, as in production.
"""

import os
from contextlib import contextmanager

import dj_database_url
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, connection, connections

BYPASS_GUC = "app.test_bypass"
BYPASS = (
    f"current_setting('{BYPASS_GUC}', true) = 'on' AND prm_partnership_id() IS NULL "
    "AND prm_user_id() IS NULL AND prm_invitation() IS NULL"
)


def owner_credentials() -> dict:
    url = os.environ.get("DATABASE_OWNER_URL")
    if not url:
        raise RuntimeError("Set DATABASE_OWNER_URL (the role that owns the tables): see README")
    parsed = dj_database_url.parse(url)
    return {"USER": parsed["USER"], "PASSWORD": parsed["PASSWORD"]}


@contextmanager
def as_owner():
    """Connect as the owner for the block (every thread's new connections too)."""
    conn = connections["default"]
    saved = {key: conn.settings_dict[key] for key in ("USER", "PASSWORD")}
    conn.close()
    conn.settings_dict.update(owner_credentials())
    try:
        yield conn
    finally:
        conn.close()
        conn.settings_dict.update(saved)


def allow_test_bypass() -> None:
    """As the owner: the test-only policy on every table under row-level security, and the
    application role's connections start with the bypass setting on."""
    with as_owner() as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace "
            "WHERE nspname = 'public' AND relkind = 'r' AND relrowsecurity"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"CREATE POLICY test_bypass ON {table} USING ({BYPASS}) WITH CHECK ({BYPASS})"
            )
    options = connections["default"].settings_dict.setdefault("OPTIONS", {})
    options["options"] = f"-c {BYPASS_GUC}=on"


def flush_as_owner() -> None:
    """Empty every table, as Django's flush does (post_migrate data is re-created)."""
    with as_owner():
        call_command("flush", interactive=False, verbosity=0)


def _set_bypass(value: str) -> None:
    if value == "on" and connection.connection is None:
        return  # closed at the end of the request: a new connection starts with it on
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT set_config('{BYPASS_GUC}', %s, false)", [value])
    except DatabaseError:
        pass  # a broken transaction: the test fails on its own


def bypass_off_during_requests() -> None:
    request_started.connect(
        lambda **kw: _set_bypass("off"), weak=False, dispatch_uid="prm-test-bypass-off"
    )
    request_finished.connect(
        lambda **kw: _set_bypass("on"), weak=False, dispatch_uid="prm-test-bypass-on"
    )
