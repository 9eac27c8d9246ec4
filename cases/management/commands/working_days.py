"""Check statutory dates from the shell: ``working_days add|between|schedule``.

    manage.py working_days add 2026-12-22 15
    manage.py working_days between 2026-12-22 2027-01-15
    manage.py working_days schedule --preset dorset --stage rapid_review --day-zero 2026-12-22

Every subcommand takes ``--closure-day YYYY-MM-DD`` (repeatable) for a partnership's own closure
days. See docs/working-days.md.
"""

from __future__ import annotations

import datetime
import json
import re
from argparse import ArgumentTypeError
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.calendar import WorkingCalendar
from cases.workflow import PRESETS, STAGES, compute_schedule

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_N = 10_000


def iso_date(value: str) -> datetime.date:
    if not ISO_DATE.match(value):
        raise ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ArgumentTypeError(f"{value!r} is not a valid date: {exc}") from None


def working_day_count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise ArgumentTypeError(f"expected a whole number of working days, got {value!r}") from None
    if abs(n) > MAX_N:
        raise ArgumentTypeError(f"must be between -{MAX_N} and {MAX_N}, got {n}")
    return n


class Command(BaseCommand):
    help = "Working-day arithmetic and preset schedules, in England's working days."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{add,between,schedule}")

        add = sub.add_parser("add", help="Print the date N working days after START.")
        add.add_argument("start", type=iso_date, metavar="START", help="day zero, YYYY-MM-DD")
        add.add_argument(
            "n",
            type=working_day_count,
            metavar="N",
            help="working days; 0 is START itself, negative counts backwards",
        )

        between = sub.add_parser("between", help="Print which day END is, counted from START.")
        between.add_argument("start", type=iso_date, metavar="START", help="day zero")
        between.add_argument("end", type=iso_date, metavar="END")

        schedule = sub.add_parser(
            "schedule", help="Print a preset's milestones for a stage as JSON."
        )
        schedule.add_argument("--preset", required=True, choices=sorted(PRESETS))
        schedule.add_argument("--stage", required=True, choices=list(STAGES))
        schedule.add_argument("--day-zero", required=True, type=iso_date, metavar="DATE")

        for subparser in (add, between, schedule):
            subparser.add_argument(
                "--closure-day",
                action="append",
                default=[],
                type=iso_date,
                metavar="DATE",
                help="a partnership closure day (repeat for several)",
            )

    def handle(self, *args: Any, **options: Any) -> None:
        calendar = WorkingCalendar(options["closure_day"])
        try:
            if options["action"] == "add":
                result = calendar.add_working_days(options["start"], options["n"])
                self.stdout.write(result.isoformat())
            elif options["action"] == "between":
                number = calendar.working_day_number(options["start"], options["end"])
                self.stdout.write(str(number))
            else:
                self.stdout.write(self._schedule(calendar, options))
        except OverflowError:
            raise CommandError("the result is outside the supported range of dates") from None
        except (ValidationError, ValueError, KeyError) as exc:
            raise CommandError(str(exc)) from None

    def _schedule(self, calendar: WorkingCalendar, options: dict[str, Any]) -> str:
        milestones = compute_schedule(
            PRESETS[options["preset"]], options["stage"], options["day_zero"], calendar
        )
        rows = [m.as_dict() for m in milestones]
        return json.dumps(rows, indent=2, ensure_ascii=False)
