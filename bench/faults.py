"""Fault tests: every due reminder e-mailed exactly once, or shown as uncertain, through faults.

    bash .ci/faults                              # all scenarios, about 8 minutes
    bash .ci/faults baseline two_beats --reminders 100

(.ci/faults sets up .venv and the database roles, then runs this with DATABASE_URL naming the
application role and DATABASE_OWNER_URL the owner.)

Starts what production runs, on loopback and of its own: a Redis (redis-server on a free port),
an SMTP relay that records every message it takes (bench/smtp_relay.py), a Celery worker and,
where a scenario needs them, beat processes, all against a throwaway database `prm_faults`
(built as the owner; worker and beat connect as the application role). For each scenario it
creates due reminders, lets the sweep queue them and the worker send them while the fault
happens, waits until every e-mail is sent or uncertain, and prints expected, sent, duplicates and
lost. Every scenario must end with 0 duplicates, and an e-mail may be lost only if it is marked
uncertain (shown to the business managers). Appends the figures to docs/benchmarks.md
(`--no-record` to skip). Exit status 1 when a scenario breaks that rule.

Runs on an English working day (the sweep sends nothing on weekends and bank holidays).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import append_rows  # noqa: E402
from bench.roles import setup_django  # noqa: E402
from bench.smtp_relay import Relay, free_port  # noqa: E402

DATABASE = "prm_faults"
SOFT_LIMIT, HARD_LIMIT = 3, 6  # seconds: short, so that the slow-relay scenario is quick
PYTHON = sys.executable


class Stack:
    """Redis, the relay, the worker and beat processes, and the database, for one run."""

    def __init__(self, app_url: str, reminders: int, redis_port: int, tmp: Path):
        self.app_url = app_url
        self.reminders = reminders
        self.tmp = tmp
        self.redis_port = redis_port
        self.redis = None
        self.relay = Relay().start()
        self.worker = None
        self.beats: list[subprocess.Popen] = []
        self.made = 0  # deadlines made so far: new cases get new references

    # --- processes ----------------------------------------------------------------------------

    def env(self) -> dict:
        return {
            **os.environ,
            "DJANGO_ENV": "test",
            "DATABASE_URL": self.app_url,
            "REDIS_URL": self.redis_url,
            "EMAIL_BACKEND": "cases.smtp_backend.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.relay.port),
            "EMAIL_TIMEOUT": "10",
            "CELERY_TASK_SOFT_TIME_LIMIT": str(SOFT_LIMIT),
            "CELERY_TASK_TIME_LIMIT": str(HARD_LIMIT),
            "REMINDER_SEND_FROM_HOUR": "0",
            "PRM_VAR_DIR": str(self.tmp),
        }

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def start_redis(self) -> None:
        server = shutil.which("redis-server")
        if server is None:
            sys.exit("redis-server is needed on the PATH (apt-get install redis-server)")
        self.redis = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                server,
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(lambda: _answers(self.redis_port), 10, "Redis")

    def stop_redis(self) -> None:
        self.redis.terminate()
        self.redis.wait(10)

    def start_worker(self) -> None:
        log = self.tmp / f"worker-{time.monotonic_ns()}.log"
        self.worker = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [PYTHON, "-m", "celery", "-A", "config", "worker", "--concurrency", "2",
             "--loglevel", "INFO", "--without-gossip", "--without-mingle", "-n", "faults@%h"],
            cwd=ROOT, env=self.env(), stdout=log.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        _wait(lambda: "ready." in log.read_text(), 60, "the Celery worker")

    def kill_worker(self) -> None:
        """SIGKILL to the worker and its pool processes: a machine losing power."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(10)

    def stop_worker(self) -> None:
        if self.worker and self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGTERM)
            try:
                self.worker.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.worker.pid, signal.SIGKILL)

    def start_beat(self) -> None:
        schedule = self.tmp / f"beat-{len(self.beats)}"
        self.beats.append(
            subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
                [
                    PYTHON,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "beat",
                    "--schedule",
                    str(schedule),
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env=self.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        )

    def stop_beats(self) -> None:
        for beat in self.beats:
            if beat.poll() is None:
                os.killpg(beat.pid, signal.SIGTERM)
                beat.wait(20)
        self.beats = []

    def close(self) -> None:
        self.stop_beats()
        self.stop_worker()
        if self.redis and self.redis.poll() is None:
            self.stop_redis()
        self.relay.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # --- work -----------------------------------------------------------------------------------

    def sweep(self) -> None:
        from config.celery import app

        app.send_task("cases.tasks.reminders_sweep")

    def reset(self) -> None:
        """Empty the outbox, reminders and deadlines; new due deadlines; a fresh worker."""
        from django_scopes import scopes_disabled

        from cases.models import Deadline, Notification, OutboundEmail, SweepHeartbeat

        with scopes_disabled():
            for model in (Notification, OutboundEmail, SweepHeartbeat, Deadline):
                model.objects.all().delete()
            self.add_due(self.today)
        self.relay.mode, self.relay.delay = "ok", 0.0
        self.relay.received.clear()
        if self.worker is None or self.worker.poll() is not None:
            self.start_worker()

    def add_due(self, day: dt.date) -> None:
        """`reminders` open deadlines due on `day`, in new cases of the three partnerships."""
        from bench.reminders_sweep import add_deadlines

        add_deadlines(*self.world, self.reminders, due_fraction=1.0, start=self.made, today=day)
        self.made += self.reminders

    def settle(self, timeout: float = 240) -> None:
        """Sweep every few seconds (as beat would, faster) until no e-mail is waiting."""
        from cases.models import EmailStatus, OutboundEmail

        waiting = [EmailStatus.PENDING, EmailStatus.SENDING, EmailStatus.FAILED]
        deadline = time.monotonic() + timeout
        last_sweep = 0.0
        while time.monotonic() < deadline:
            if not OutboundEmail.objects.filter(status__in=waiting).exists() and (
                OutboundEmail.objects.exists()
            ):
                return
            if time.monotonic() - last_sweep > 10 and _answers(self.redis_port):
                self.sweep()
                last_sweep = time.monotonic()
            time.sleep(1)
        raise TimeoutError("e-mails still waiting after the scenario's time")

    def outcome(self, name: str, started: float) -> dict:
        from cases.models import EmailStatus, OutboundEmail

        rows = dict(OutboundEmail.objects.values_list("pk", "status"))
        received = [int(r) for r in self.relay.received if r.isdigit()]
        delivered = set(received)
        lost = set(rows) - delivered
        return {
            "scenario": name,
            "expected": len(rows),
            "sent": len(delivered & set(rows)),
            "duplicates": len(received) - len(delivered),
            "lost": len(lost),
            "uncertain": sum(1 for s in rows.values() if s == EmailStatus.UNCERTAIN),
            "lost_not_uncertain": sum(1 for pk in lost if rows[pk] != EmailStatus.UNCERTAIN),
            "seconds": time.monotonic() - started,
        }


def _answers(port: int) -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{what} did not start in {seconds:.0f} s")


def _sent_some(stack: Stack, n: int, seconds: float = 60) -> None:
    _wait(lambda: len(stack.relay.received) >= n, seconds, f"{n} e-mails")


# --- Scenarios -------------------------------------------------------------------------------


def baseline(stack: Stack) -> None:
    stack.sweep()
    stack.settle()


def worker_killed(stack: Stack) -> None:
    """SIGKILL to the worker mid-send, twice; e-mails claimed then are uncertain, not resent."""
    stack.relay.mode, stack.relay.delay = "slow", 0.05
    stack.sweep()
    for _ in range(2):
        _sent_some(stack, len(stack.relay.received) + 5)
        stack.kill_worker()
        stack.start_worker()
    stack.relay.mode = "ok"
    stack.settle()


def redis_down(stack: Stack) -> None:
    """Redis stopped for 60 s in the middle of sending."""
    stack.relay.mode, stack.relay.delay = "slow", 0.05
    stack.sweep()
    _sent_some(stack, 5)
    stack.stop_redis()
    time.sleep(60)
    stack.start_redis()
    stack.relay.mode = "ok"
    stack.settle()


def two_beats(stack: Stack) -> None:
    """Two beat processes at once: each sweeps as it starts."""
    stack.start_beat()
    stack.start_beat()
    try:
        stack.settle()
    finally:
        stack.stop_beats()


def two_sweeps(stack: Stack) -> None:
    """Two sweeps queued at the same moment, run by two worker processes at once."""
    stack.sweep()
    stack.sweep()
    stack.settle()


def relay_drops(stack: Stack) -> None:
    """The relay takes each message, then closes the connection without answering."""
    stack.relay.mode = "drop"
    stack.sweep()
    stack.settle()


def relay_slow(stack: Stack) -> None:
    """The relay answers after the soft time limit: the batch stops, the message in flight is
    uncertain, the rest wait; then the relay recovers."""
    stack.relay.mode, stack.relay.delay = "slow", SOFT_LIMIT + 2
    stack.sweep()
    _sent_some(stack, 2, seconds=90)
    stack.relay.mode = "ok"
    stack.settle()


def day_of_downtime(stack: Stack) -> None:
    """Nothing ran yesterday: deadlines due yesterday and today; the first sweep catches up,
    a second one right after adds nothing."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        stack.add_due(stack.today - dt.timedelta(days=1))
    stack.sweep()
    stack.sweep()
    stack.settle()


SCENARIOS = {
    "baseline": baseline,
    "worker_killed": worker_killed,
    "redis_down": redis_down,
    "two_beats": two_beats,
    "two_sweeps": two_sweeps,
    "relay_drops": relay_drops,
    "relay_slow": relay_slow,
    "day_of_downtime": day_of_downtime,
}


# --- Run and report ----------------------------------------------------------------------------


def setup(reminders: int) -> Stack:
    redis_port = free_port()
    tmp = tempfile.mkdtemp(prefix="prm-faults-")
    _, app_url = setup_django(
        DATABASE, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0", PRM_VAR_DIR=tmp
    )
    stack = Stack(app_url, reminders, redis_port, Path(tmp))
    stack.start_redis()
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from bench.reminders_sweep import build_world
    from cases.calendar import WorkingCalendar

    stack.today = timezone.localdate()
    if not WorkingCalendar([]).is_working_day(stack.today):
        stack.close()
        sys.exit("Run this on an English working day: the sweep sends nothing today.")
    with scopes_disabled():
        stack.world = build_world(3, prefix="faults")
    return stack


SECTION = "## Fault tests (`bench/faults.py`)"
HEADER = f"""{SECTION}

Each scenario creates due reminders, lets a real Celery worker send them to a loopback SMTP relay
while the fault happens, and counts what the relay received. "expected" is the e-mails queued
(one outbox row each); "sent" those the relay received; "lost" those it never received, every
one of which must be marked uncertain (shown to the business managers); duplicates must be 0.
Worker and beat connect as the application role; soft/hard time limits {SOFT_LIMIT}/{HARD_LIMIT} s.

| date | scenario | expected | sent | duplicates | lost | lost, not uncertain | uncertain | s |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
"""


def record(rows: list[dict], path: Path) -> None:
    columns = ("scenario", "expected", "sent", "duplicates", "lost", "lost_not_uncertain")
    cells = ([*(r[c] for c in columns), r["uncertain"], f"{r['seconds']:.0f}"] for r in rows)
    append_rows(path, SECTION, HEADER, cells)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help=f"any of: {', '.join(SCENARIOS)}")
    parser.add_argument("--reminders", type=int, default=300)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"no such scenario: {', '.join(sorted(unknown))}")
    names = args.scenarios or list(SCENARIOS)
    stack = setup(args.reminders)
    rows = []
    try:
        for name in names:
            stack.reset()
            started = time.monotonic()
            SCENARIOS[name](stack)
            rows.append(stack.outcome(name, started))
            r = rows[-1]
            print(
                f"{name:<16} expected {r['expected']:>5}  sent {r['sent']:>5}  "
                f"duplicates {r['duplicates']:>3}  lost {r['lost']:>4} "
                f"(not uncertain: {r['lost_not_uncertain']})  uncertain {r['uncertain']:>4}  "
                f"{r['seconds']:.0f} s",
                flush=True,
            )
    finally:
        stack.close()
    if not args.no_record:
        record(rows, ROOT / "docs" / "benchmarks.md")
    broken = [r["scenario"] for r in rows if r["duplicates"] or r["lost_not_uncertain"]]
    if broken:
        print("FAIL:", ", ".join(broken))
        return 1
    print("OK: no duplicates; every lost e-mail is marked uncertain")
    return 0


if __name__ == "__main__":
    sys.exit(main())
