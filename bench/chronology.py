"""Benchmark: the integrated chronology of a large case, and the import of a large spreadsheet
(issue 13).

    DATABASE_URL=postgres://prm_app@127.0.0.1:5432/prm \\
    DATABASE_OWNER_URL=postgres://prm_owner@127.0.0.1:5432/prm \\
    .venv/bin/python bench/chronology.py

Uses a throwaway database `prm_chronology_bench`, rebuilt on every run, with the test world and,
on its case, 12 agencies' chronologies of 5,000 entries in all. Measures the integrated
chronology page's server time (the view called directly, after one warm-up: the median of
RUNS) and its queries, and the import of a generated 5,000-row .xlsx: its time, then its peak
memory (tracemalloc) in a second import into another chronology. The two are measured apart
because tracemalloc records every allocation and slows the import several times over.
Targets: the page under 300 ms with the same queries whatever the number of entries
(tests/cases/test_chronology_import.py asserts that); the import under 5 s. Appends the figures
to docs/benchmarks.md (`--no-record` to skip).
"""

from __future__ import annotations

import argparse
import datetime
import io
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import append_rows, machine  # noqa: E402
from bench.roles import setup_django  # noqa: E402

BENCH_DATABASE = "prm_chronology_bench"
RUNS = 5
AGENCIES = 12
ENTRIES = 5000
PAGE_TARGET_MS = 300
IMPORT_TARGET_S = 5

SECTION = "## Integrated chronology and import (`bench/chronology.py`)"
HEADER = f"""{SECTION}

A case with {AGENCIES} agencies' chronologies, {ENTRIES:,} entries in all: the integrated
chronology page's server time (median of {RUNS} after a warm-up; the view called directly) and
its queries; then the import of a generated {ENTRIES:,}-row .xlsx into one chronology, its time
and, in a second import measured apart, its peak Python memory (tracemalloc). Targets: page
under 300 ms, queries independent of the entries; import under 5 s.

| date | machine | note | entries | page median ms | queries | import s | import peak MB |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |
"""


def _build(side):
    from cases.models import Chronology, ChronologyEntry, ChronologyEntrySubject, Role
    from cases.services import chronologies as services
    from tests.factories import AgencyFactory

    bm = side.members[Role.BUSINESS_MANAGER]
    chronologies = []
    for n in range(AGENCIES):
        agency = AgencyFactory(partnership=side.partnership, name=f"Bench agency {n + 1:02d}")
        side.case.agencies.add(agency)
        chronologies.append(
            services.chronology_open(
                actor=bm.user,
                membership=bm,
                case=side.case,
                agency=agency,
                purpose="rapid_review",
                scope_from=datetime.date(2024, 1, 1),
                scope_to=datetime.date(2025, 12, 31),
            )
        )
    start = datetime.date(2023, 6, 1)
    entries = ChronologyEntry.objects.bulk_create(
        ChronologyEntry(
            partnership_id=side.partnership.pk,
            chronology=chronologies[i % AGENCIES],
            occurred_on=start + datetime.timedelta(days=i % 900),
            source="Case file",
            contact_type="Home visit",
            by_whom="Social worker",
            details=f"Event {i}: the family was seen at home; the child appeared well. " * 2,
            analysis="Appropriate response." if i % 3 else "",
            position=i,
            created_by=bm.user,
        )
        for i in range(ENTRIES)
    )
    ChronologyEntrySubject.objects.bulk_create(
        ChronologyEntrySubject(partnership_id=side.partnership.pk, entry=e, subject=side.subject)
        for e in entries
    )
    return chronologies, Chronology


def _page(side):
    from django.contrib.sessions.backends.cache import SessionStore
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from cases.models import Role
    from cases.views.chronologies import chronology_integrated

    bm = side.members[Role.BUSINESS_MANAGER]
    request = RequestFactory().get("/")
    request.user, request.membership, request.partnership = bm.user, bm, side.partnership
    request._messages = []
    request.session = SessionStore()

    def once():
        response = chronology_integrated(request, side.partnership.slug, side.case.pk)
        assert response.status_code == 200
        return response

    once()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        once()
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        once()
    return statistics.median(timings), len(queries.captured_queries)


def _spreadsheet(side) -> bytes:
    from openpyxl import Workbook

    from cases.chronology_columns import COLUMNS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chronology")
    sheet.append([c.heading for c in COLUMNS])
    for i in range(ENTRIES):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 700)
        sheet.append(
            [
                day.strftime("%d/%m/%Y"),
                "",
                "Case file",
                "Team A",
                side.subject.full_name,
                "Home visit",
                "Health visitor",
                f"Imported event {i}",
                "Seen",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(side, timed, traced):
    """(seconds, peak MB): the time of an import into ``timed``, the peak memory of one into
    ``traced``."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.models import Role
    from cases.services import chronologies as services

    data = _spreadsheet(side)
    bm = side.members[Role.BUSINESS_MANAGER]

    def once(chronology):
        entries = services.chronology_import(
            actor=bm.user,
            membership=bm,
            chronology=chronology,
            uploaded=SimpleUploadedFile("bench.xlsx", data),
        )
        assert len(entries) == ENTRIES

    started = time.perf_counter()
    once(timed)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    once(traced)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / (1024 * 1024)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--note", default="", help="a word on what was measured")
    args = parser.parse_args(argv)
    setup_django(BENCH_DATABASE)
    from django_scopes import scopes_disabled

    from tests.world import build_world

    with scopes_disabled():
        side = build_world().alpha
        chronologies, _ = _build(side)
        median, queries = _page(side)
        seconds, peak = _import(side, chronologies[0], chronologies[1])
    print(
        f"integrated chronology of {ENTRIES} entries: median {median:.0f} ms, {queries} queries;"
        f" import of {ENTRIES} rows: {seconds:.2f} s, peak {peak:.1f} MB"
    )
    if not args.no_record:
        cells = [
            machine(),
            args.note,
            ENTRIES,
            f"{median:.0f}",
            queries,
            f"{seconds:.2f}",
            f"{peak:.1f}",
        ]
        append_rows(ROOT / "docs" / "benchmarks.md", SECTION, HEADER, [cells])
    if median > PAGE_TARGET_MS:
        print(f"page over the {PAGE_TARGET_MS} ms target")
    if seconds > IMPORT_TARGET_S:
        print(f"import over the {IMPORT_TARGET_S} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
