"""The two database roles of ADR 0009, for the benchmarks: the owner builds (it owns the tables
and bypasses row-level security), the application role is measured (held to the policies, as the
running app is). DATABASE_URL names the application role, DATABASE_OWNER_URL the owner."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from urllib.parse import urlparse, urlunparse


def database_urls(database: str) -> tuple[str, str]:
    """(owner URL, application URL), both pointed at the benchmark's own database."""
    urls = []
    for variable in ("DATABASE_OWNER_URL", "DATABASE_URL"):
        url = os.environ.get(variable, "")
        if not url.startswith("postgres"):
            sys.exit(
                f"Set {variable}=postgres://... (DATABASE_URL: the application role, "
                "DATABASE_OWNER_URL: the owner; `bash .ci/test` creates both, see README)"
            )
        urls.append(urlunparse(urlparse(url)._replace(path=f"/{database}")))
    return urls[0], urls[1]


def recreate_database(owner_url: str) -> None:
    import psycopg

    name = urlparse(owner_url).path.lstrip("/")
    server = urlunparse(urlparse(owner_url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')
        conn.execute(f'create database "{name}"')


def setup_django(database: str, **environ: str) -> tuple[str, str]:
    """Recreate ``database``, set Django up connected to it as the owner (with ``environ`` in
    the environment) and migrate it; (owner URL, application URL)."""
    owner_url, app_url = database_urls(database)
    recreate_database(owner_url)
    os.environ.update(
        DATABASE_URL=owner_url,
        DATABASE_APP_ROLE=urlparse(app_url).username,
        DJANGO_SETTINGS_MODULE="config.settings",
        **environ,
    )
    os.environ.setdefault("DJANGO_ENV", "test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return owner_url, app_url


@contextmanager
def connected_as(url: str):
    """Django's default connection logs in with the role of ``url`` for the block."""
    from django.db import connection

    parsed = urlparse(url)
    saved = {key: connection.settings_dict[key] for key in ("USER", "PASSWORD")}
    connection.close()
    connection.settings_dict.update(USER=parsed.username, PASSWORD=parsed.password or "")
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)
