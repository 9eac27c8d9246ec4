"""Benchmark: what row-level security costs the cases list and the case page at 50,000 cases.

    DATABASE_URL=postgres://prm_app@127.0.0.1:5432/prm \\
    DATABASE_OWNER_URL=postgres://prm_owner@127.0.0.1:5432/prm \\
    .venv/bin/python bench/rls_cost.py

(the two roles of ADR 0009; `bash .ci/test` creates them). Uses a throwaway database
`prm_rls_bench`, created and migrated by the owner, whose contents are replaced on every run:
150 partnerships, 50,000 cases round-robin (333 each) with two people each. Then, signed in as one
partnership's business manager through Django's test client (in process: the same middleware,
views and SQL as a real request, without a web server's noise), it times 50 requests of each
page twice: connected as the owner, whose BYPASSRLS skips the policies ("without"), and as the
application role, which is held to them ("with"). Both runs send the same statements, including
the two that set and restore the scope. Prints medians, p95 and the difference, and appends them
to docs/benchmarks.md (`--no-record` to skip). Target: under 10%.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "prm_rls_bench"
N_PARTNERSHIPS = 150
N_CASES = 50_000
REQUESTS = 50
TARGET = 0.10


def _url(variable: str) -> str:
    url = os.environ.get(variable, "")
    if not url.startswith("postgres"):
        sys.exit(f"Set {variable}=postgres://... (see this script's docstring)")
    return urlunparse(urlparse(url)._replace(path=f"/{BENCH_DATABASE}"))


def _setup(owner_url: str, app_url: str) -> None:
    import psycopg

    server = urlunparse(urlparse(owner_url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{BENCH_DATABASE}" with (force)')
        conn.execute(f'create database "{BENCH_DATABASE}"')
    os.environ["DATABASE_URL"] = owner_url
    os.environ["DATABASE_APP_ROLE"] = urlparse(app_url).username
    os.environ.setdefault("DJANGO_ENV", "test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build() -> tuple:
    """As the owner (BYPASSRLS), in bulk: the partnerships, their business managers, cases."""
    from allauth.mfa.models import Authenticator
    from django.db import connection

    from cases.models import Case, Membership, MembershipRole, Partnership, Role, Subject, User
    from cases.workflow import preset

    workflow = preset("lincolnshire")
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            name=f"Bench partnership {i}",
            slug=f"bench-{i}",
            code=f"B{i:03d}",
            workflow=workflow,
            workflow_preset="lincolnshire",
        )
        for i in range(N_PARTNERSHIPS)
    )
    users = User.objects.bulk_create(
        User(email=f"bm{i}@bench.invalid", full_name=f"Business manager {i}")
        for i in range(N_PARTNERSHIPS)
    )
    Authenticator.objects.bulk_create(
        Authenticator(user=u, type=Authenticator.Type.TOTP, data={"secret": "unused"})
        for u in users
    )
    memberships = Membership.objects.bulk_create(
        Membership(user=u, partnership=p) for u, p in zip(users, partnerships, strict=True)
    )
    MembershipRole.objects.bulk_create(
        MembershipRole(membership=m, role=Role.BUSINESS_MANAGER) for m in memberships
    )
    cases = Case.objects.bulk_create(
        (
            Case(
                partnership=partnerships[c % N_PARTNERSHIPS],
                reference=f"B{c % N_PARTNERSHIPS:03d}-{c:06d}",
                title=f"Child {c}",
                incident_date=dt.date(2026, 1, 1) + dt.timedelta(days=c % 300),
                created_by=users[c % N_PARTNERSHIPS],
            )
            for c in range(N_CASES)
        ),
        batch_size=5000,
    )
    Subject.objects.bulk_create(
        (
            Subject(
                partnership_id=case.partnership_id,
                case=case,
                role=role,
                first_name=name,
                last_name=f"Family{case.pk}",
            )
            for case in cases
            for role, name in (("child", "Sam"), ("parent", "Alex"))
        ),
        batch_size=10000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return users[0], partnerships[0], cases[0]


def _time_page(client, url: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "queries": len(ctx.captured_queries),
    }


def measure(user, partnership, case, app_url: str, owner_url: str) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    pages = {
        "cases list": reverse("cases:case_list", args=[partnership.slug]),
        "case page": reverse("cases:case_detail", args=[partnership.slug, case.pk]),
    }
    rows = []
    for name, url in pages.items():
        row = {"page": name}
        for mode, address in (("without", owner_url), ("with", app_url)):
            parsed = urlparse(address)
            connection.close()
            connection.settings_dict.update(USER=parsed.username, PASSWORD=parsed.password or "")
            client = Client()
            client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
            row[mode] = _time_page(client, url)
        row["cost"] = row["with"]["median"] / row["without"]["median"] - 1
        rows.append(row)
    return rows


def machine() -> str:
    import platform

    load = os.getloadavg()[0]
    return f"{platform.machine()}, {os.cpu_count()} CPUs (load {load:.1f})"


SECTION = "## Row-level security cost (`bench/rls_cost.py`)"
HEADER = f"""{SECTION}

The cases list and the case page of one partnership's business manager, with 50,000 cases of 150
partnerships (two people each) in the database: the median and p95 of {REQUESTS} requests through
Django's test client (in process), connected as the owner (BYPASSRLS: the policies are skipped)
and as the application role (held to them). Same code and statements in both. Target: under 10%.

| date | machine | page | queries | median ms without | median ms with | cost | p95 without \
| p95 with |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
"""


def record(rows: list[dict], path: Path) -> None:
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if SECTION not in text:
        text = text.rstrip("\n") + "\n\n" + HEADER
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = "".join(
        f"| {stamp} | {machine()} | {r['page']} | {r['with']['queries']} | "
        f"{r['without']['median']:.1f} | {r['with']['median']:.1f} | {r['cost']:+.1%} | "
        f"{r['without']['p95']:.1f} | {r['with']['p95']:.1f} |\n"
        for r in rows
    )
    head, _, tail = text.partition(SECTION)
    table_end = tail.find("\n## ")
    if table_end == -1:
        tail = tail.rstrip("\n") + "\n" + lines
    else:
        tail = tail[:table_end].rstrip("\n") + "\n" + lines + tail[table_end:]
    path.write_text(head + SECTION + tail)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)
    owner_url, app_url = _url("DATABASE_OWNER_URL"), _url("DATABASE_URL")
    started = time.monotonic()
    _setup(owner_url, app_url)
    from django_scopes import scopes_disabled

    with scopes_disabled():
        user, partnership, case = build()
    print(f"built {N_CASES:,} cases in {time.monotonic() - started:.0f} s")
    rows = measure(user, partnership, case, app_url, owner_url)
    print(f"{'page':<12} {'queries':>7} {'without ms':>11} {'with ms':>8} {'cost':>7}")
    for r in rows:
        print(
            f"{r['page']:<12} {r['with']['queries']:>7} {r['without']['median']:>11.1f} "
            f"{r['with']['median']:>8.1f} {r['cost']:>+7.1%}"
        )
    if not args.no_record:
        record(rows, ROOT / "docs" / "benchmarks.md")
    over = [r["page"] for r in rows if r["cost"] > TARGET]
    if over:
        print(f"over the {TARGET:.0%} target: {', '.join(over)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
