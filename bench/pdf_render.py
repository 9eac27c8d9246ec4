"""Benchmark: how long the referral PDF of a large referral takes to render (issue 9).

    DATABASE_URL=postgres://prm_app@127.0.0.1:5432/prm \\
    DATABASE_OWNER_URL=postgres://prm_owner@127.0.0.1:5432/prm \\
    .venv/bin/python bench/pdf_render.py

Uses a throwaway database `prm_pdf_bench`, rebuilt on every run, with the test world's two
partnerships and one received referral of 8 children, 24 family members and 12 agencies, with
long names and addresses (tests/referrals/large.py). Renders its PDF once to warm up, then
RUNS times, and prints the median, the pages and the size; appends them to docs/benchmarks.md
(`--no-record` to skip). Target: under 1 s.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import append_rows, machine  # noqa: E402
from bench.roles import setup_django  # noqa: E402

BENCH_DATABASE = "prm_pdf_bench"
RUNS = 5
TARGET_MS = 1000

SECTION = "## Referral PDF render time (`bench/pdf_render.py`)"
HEADER = f"""{SECTION}

The referral PDF of a received referral with 8 children, 24 family members and 12 agencies,
long names and addresses (`tests/referrals/large.py`): the median of {RUNS} renders after one
warm-up, in one process (HTML from the template, then WeasyPrint): wall-clock time, and the
process's CPU time, which depends less on how busy the machine is. Target: under 1 s. The renders
happen in a Celery task, not in the request (`cases/rendered/`).

| date | machine | note | pages | size KB | median ms | min ms | max ms | median CPU ms |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
"""


def render_once(referral) -> bytes:
    from referrals.documents import REFERRAL_PDF

    return REFERRAL_PDF.render(referral)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--note", default="", help="a word on what was measured")
    args = parser.parse_args(argv)
    setup_django(BENCH_DATABASE)
    from django_scopes import scopes_disabled
    from pypdf import PdfReader

    from tests.referrals.large import large_referral
    from tests.world import build_world

    with scopes_disabled():
        referral = large_referral(build_world().alpha)
        data = render_once(referral)
        timings, cpu = [], []
        for _ in range(RUNS):
            started, cpu_started = time.perf_counter(), time.process_time()
            render_once(referral)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    median = statistics.median(timings)
    print(
        f"{pages} pages, {len(data) / 1024:.0f} KB: median {median:.0f} ms "
        f"(min {min(timings):.0f}, max {max(timings):.0f}), CPU {statistics.median(cpu):.0f} ms, "
        f"over {RUNS} renders"
    )
    if not args.no_record:
        cells = [
            machine(),
            args.note,
            pages,
            f"{len(data) / 1024:.0f}",
            f"{median:.0f}",
            f"{min(timings):.0f}",
            f"{max(timings):.0f}",
            f"{statistics.median(cpu):.0f}",
        ]
        append_rows(ROOT / "docs" / "benchmarks.md", SECTION, HEADER, [cells])
    if median > TARGET_MS:
        print(f"over the {TARGET_MS} ms target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
