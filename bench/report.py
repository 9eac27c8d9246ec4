"""docs/benchmarks.md: one section per benchmark, each a table that every run appends rows to."""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Iterable, Sequence
from pathlib import Path

TITLE = "# Benchmarks\n\nFigures recorded by the scripts in `bench/`; each run appends a row.\n"


def machine() -> str:
    """What the figures were measured on, and how busy it was (the 1-minute load average)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("show server_version")
        pg = cursor.fetchone()[0].split()[0]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs (load {load:.1f}), "
        f"Python {platform.python_version()}, PostgreSQL {pg}"
    )


def append_rows(path: Path, section: str, header: str, rows: Iterable[Sequence]) -> None:
    """Add ``rows`` (each a sequence of cells; today's date and time go first) at the end of the
    table under ``section`` (a "## " heading line), creating the section from ``header``
    (heading, text and table head) if it is missing."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = "".join("| " + " | ".join([stamp, *map(str, cells)]) + " |\n" for cells in rows)
    text = path.read_text() if path.exists() else TITLE
    if section not in text:
        text = text.rstrip("\n") + "\n\n" + header.rstrip("\n") + "\n"
    head, _, tail = text.partition(section)
    end = tail.find("\n## ")
    body, rest = (tail, "") if end == -1 else (tail[:end], tail[end:])
    path.write_text(head + section + body.rstrip("\n") + "\n" + lines + rest)
