"""bench/reminders_sweep.py with tiny numbers, so the benchmark cannot rot (the real run is
`DATABASE_URL=... .venv/bin/python bench/reminders_sweep.py`, outside pytest)."""

from bench import reminders_sweep as bench
from cases import emails, tasks


def test_bench_runs_and_its_query_count_does_not_grow(db, monkeypatch, tmp_path):
    monkeypatch.setattr(emails, "dispatch_many", lambda ids, _: None)
    monkeypatch.setattr(tasks.send_outbound_emails, "delay", lambda ids, **_: None)
    rows = bench.run_bench(sizes=(60, 300), n_partnerships=3, due_fraction=0.1)
    assert [r["deadlines"] for r in rows] == [60, 300]
    assert [r["due"] for r in rows] == [6, 30]
    assert rows[1]["emails"] == 30  # one recipient each: the BM or the police SLO
    assert rows[0]["queries"] == rows[1]["queries"]
    assert rows[1]["repeat_queries"] < rows[1]["queries"]
    assert not [p for p in bench.check(rows) if "query count" in p]
    assert bench.check([{**rows[0], "queries": 1}, rows[1]])

    target = tmp_path / "benchmarks.md"
    bench.record(rows, target)
    bench.record(rows[:1], target)
    text = target.read_text()
    assert text.count("## Reminder sweep") == 1
    table = [line for line in text.splitlines() if line.startswith("| 20")]
    assert len(table) == 3 and "| 300 | 30 | 30 |" in table[1]
