"""Benchmark: what row-level security costs the cases list and the case page at 50,000 cases.

    DATABASE_URL=postgres://prm_app@127.0.0.1:5432/prm \\
    DATABASE_OWNER_URL=postgres://prm_owner@127.0.0.1:5432/prm \\
    .venv/bin/python bench/rls_cost.py

(the two roles of ADR 0009; `bash .ci/test` creates them). Uses a throwaway database
`prm_rls_bench`, created and migrated by the owner, whose contents are replaced on every run:
150 partnerships, 50,000 cases round-robin (333 each) with two people each. Then, signed in as
one partnership's business manager through Django's test client (in process: the same
middleware, views and SQL as a real request, without a web server's noise), it times 100
requests of each page in both modes, in alternating rounds: connected as the owner, whose
BYPASSRLS skips the policies ("without"), and as the application role, which is held to them
("with"). Both send the same statements, including the two that set and restore the scope.
Prints medians and the difference, and appends them to docs/benchmarks.md (`--no-record` to
skip). Target: under 10%.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import append_rows, machine  # noqa: E402
from bench.roles import connected_as, setup_django  # noqa: E402

BENCH_DATABASE = "prm_rls_bench"
N_PARTNERSHIPS = 150
N_CASES = 50_000
REQUESTS = 100
ROUNDS = 10
TARGET = 0.10


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


def _timed(client, url: str, n: int) -> list[float]:
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return timings


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def measure(user, partnership, case, app_url: str, owner_url: str) -> list[dict]:
    """Both modes in turns (ROUNDS rounds of REQUESTS / ROUNDS requests each, after a warm-up),
    so that the machine's drift and the growing session table weigh on both alike."""
    from django.test import Client
    from django.urls import reverse

    pages = {
        "cases list": reverse("cases:case_list", args=[partnership.slug]),
        "case page": reverse("cases:case_detail", args=[partnership.slug, case.pk]),
    }
    modes = (("without", owner_url), ("with", app_url))
    rows = []
    for name, url in pages.items():
        timings: dict[str, list[float]] = {"without": [], "with": []}
        queries = {}
        for round_ in range(ROUNDS):
            for mode, address in modes if round_ % 2 else modes[::-1]:
                with connected_as(address):
                    client = Client()
                    client.force_login(
                        user, backend="allauth.account.auth_backends.AuthenticationBackend"
                    )
                    _timed(client, url, 3)
                    timings[mode] += _timed(client, url, REQUESTS // ROUNDS)
                    queries[mode] = _queries(client, url)
        row = {"page": name}
        for mode, values in timings.items():
            values.sort()
            row[mode] = {
                "median": statistics.median(values),
                "p95": values[int(len(values) * 0.95) - 1],
                "queries": queries[mode],
            }
        row["cost"] = row["with"]["median"] / row["without"]["median"] - 1
        rows.append(row)
    return rows


SECTION = "## Row-level security cost (`bench/rls_cost.py`)"
HEADER = f"""{SECTION}

The cases list and the case page of one partnership's business manager, with 50,000 cases of 150
partnerships (two people each) in the database: the median and p95 of {REQUESTS} requests through
Django's test client (in process), connected as the owner (BYPASSRLS: the policies are skipped)
and as the application role (held to them), in {ROUNDS} alternating rounds. Same code and
statements in both. Target: under 10%. The first two rows were taken with the earlier visibility
rule (a left join to the grants table), whose row estimate the policies made worse; the rule is
now two IN-subqueries (`cases/permissions.py`).

| date | machine | page | queries | median ms without | median ms with | cost | p95 without \
| p95 with |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
"""


def record(rows: list[dict], path: Path) -> None:
    cells = (
        [
            machine(),
            r["page"],
            r["with"]["queries"],
            f"{r['without']['median']:.1f}",
            f"{r['with']['median']:.1f}",
            f"{r['cost']:+.1%}",
            f"{r['without']['p95']:.1f}",
            f"{r['with']['p95']:.1f}",
        ]
        for r in rows
    )
    append_rows(path, SECTION, HEADER, cells)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)
    started = time.monotonic()
    owner_url, app_url = setup_django(BENCH_DATABASE)
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
