"""docs/benchmarks.md: one section per benchmark, each a table that every run appends rows to."""

from __future__ import annotations

from pathlib import Path

TITLE = "# Benchmarks\n\nFigures recorded by the scripts in `bench/`; each run appends a row.\n"


def append_rows(path: Path, section: str, header: str, rows: str) -> None:
    """Add ``rows`` (table lines) at the end of the table under ``section`` (a "## " heading
    line), creating the section from ``header`` (heading, text and table head) if missing."""
    text = path.read_text() if path.exists() else TITLE
    if section not in text:
        text = text.rstrip("\n") + "\n\n" + header.rstrip("\n") + "\n"
    head, _, tail = text.partition(section)
    end = tail.find("\n## ")
    body, rest = (tail, "") if end == -1 else (tail[:end], tail[end:])
    path.write_text(head + section + body.rstrip("\n") + "\n" + rows.rstrip("\n") + "\n" + rest)
