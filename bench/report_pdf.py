"""Benchmark: the rapid review report's PDF, about 20 pages long (issue 13).

    DATABASE_URL=postgres://prm_app@127.0.0.1:5432/prm \\
    DATABASE_OWNER_URL=postgres://prm_owner@127.0.0.1:5432/prm \\
    .venv/bin/python bench/report_pdf.py

Uses a throwaway database `prm_report_pdf_bench`, rebuilt on every run, with the test world and,
on its review, a report whose sections are long enough for about 20 A4 pages (a long
discussion, the criteria with notes, learning and actions for 12 agencies). Measures the render
of the tagged PDF as the submission makes it (rapid_reviews.report_pdf.render_tagged: the
template, then WeasyPrint), the median of RUNS after one warm-up. Target: under 3 s. Appends the
figures to docs/benchmarks.md (`--no-record` to skip).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import append_rows, machine  # noqa: E402
from bench.roles import setup_django  # noqa: E402

BENCH_DATABASE = "prm_report_pdf_bench"
RUNS = 3
AGENCIES = 12
TARGET_S = 3

SECTION = "## Rapid review report PDF (`bench/report_pdf.py`)"
HEADER = f"""{SECTION}

A rapid review report of about 20 A4 pages (long sections, the criteria with notes, learning
and actions for {AGENCIES} agencies): the render of the tagged PDF the submission keeps (the
template and WeasyPrint), the median of {RUNS} after a warm-up. Target: under {TARGET_S} s.

| date | machine | note | pages | size KB | median s |
| --- | --- | --- | ---: | ---: | ---: |
"""

PARAGRAPH = (
    "The agencies described their contact with the family over the scope period, what they"
    " knew, what they shared and with whom, and what they would do differently now. The group"
    " reflected on how the partners worked together and on the voice of the child. "
)


def _report(side):
    from cases.models import Role
    from rapid_reviews import report_sections as rs
    from rapid_reviews.services.report import report_create, report_save
    from tests.rapid_reviews import records as rv

    bm = side.members[Role.BUSINESS_MANAGER]
    report = report_create(actor=bm.user, membership=bm, review=rv.a_review(side))
    long = "\n\n".join(PARAGRAPH * 4 for _ in range(6))
    agencies = [f"Bench agency {n + 1:02d}" for n in range(AGENCIES)]
    sections = {s.key: long for s in rs.SECTIONS if s.kind == rs.TEXT}
    sections |= {
        "criteria": {k: {"decision": "yes", "notes": PARAGRAPH} for k in rs.CRITERIA_KEYS},
        "recommendation": {"choice": "B", "other": PARAGRAPH},
        "good_practice": [{"agency": a, "evidence": PARAGRAPH * 2} for a in agencies],
        "learning_actions": [
            {
                "agency": a,
                "learning": PARAGRAPH,
                "action": PARAGRAPH,
                "due": "2027-03-31",
                "success_measure": "An audit of referrals in six months.",
            }
            for a in agencies
        ],
    }
    return report_save(
        actor=bm.user, membership=bm, report=report, base_version=1, sections=sections
    )


def _measure(report):
    from weasyprint import HTML

    from cases.pdf import LocalOnlyFetcher
    from cases.rendered.kinds import with_production_time
    from rapid_reviews.report_pdf import REPORT_PDF, render_tagged

    html = with_production_time(REPORT_PDF.html(report))
    pages = len(HTML(string=html, url_fetcher=LocalOnlyFetcher()).render().pages)
    data = render_tagged(REPORT_PDF, report)  # warm-up (fonts, stylesheet)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        data = render_tagged(REPORT_PDF, report)
        timings.append(time.perf_counter() - started)
    return pages, len(data), statistics.median(timings)


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
        pages, size, median = _measure(_report(side))
    print(f"rapid review report PDF: {pages} pages, {size / 1024:.0f} KB, median {median:.2f} s")
    if not args.no_record:
        cells = [machine(), args.note, pages, f"{size / 1024:.0f}", f"{median:.2f}"]
        append_rows(ROOT / "docs" / "benchmarks.md", SECTION, HEADER, [cells])
    if median > TARGET_S:
        print(f"over the {TARGET_S} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
