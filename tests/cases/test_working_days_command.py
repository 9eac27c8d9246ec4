"""``manage.py working_days``: what operators run to check a date. No database needed."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cases.models.roles import AgencyType, Role
from cases.workflow import AGENCY_TYPES, ROLES, STAGES


def run(*args: str) -> str:
    out = StringIO()
    call_command("working_days", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "2026-12-22", "15"), "2027-01-15"),
        (("add", "2026-12-22", "0"), "2026-12-22"),
        (("add", "2026-12-26", "0"), "2026-12-26"),  # day zero itself, even a Saturday
        (("add", "2026-12-26", "1"), "2026-12-29"),  # Mon 28 Dec is the Boxing Day substitute
        (("add", "2027-01-05", "-7"), "2026-12-22"),
        (("add", "2022-05-31", "2"), "2022-06-06"),  # Platinum Jubilee 2-3 June 2022
        (("between", "2026-12-22", "2027-01-15"), "15"),
        (("between", "2027-01-05", "2026-12-22"), "-7"),
        (("between", "2026-12-22", "2026-12-22"), "0"),
        (("between", "2026-12-22", "2026-12-27"), "2"),  # Sunday: still day 2
    ],
)
def test_add_and_between(args, expected):
    assert run(*args) == expected + "\n"


def test_closure_days():
    # Office shut 29-31 Dec 2026: day 15 from Tue 22 Dec is Wed 20 Jan 2027.
    closed = ["--closure-day", "2026-12-29", "--closure-day", "2026-12-30"]
    closed += ["--closure-day", "2026-12-31"]
    assert run("add", "2026-12-22", "15", *closed) == "2027-01-20\n"
    assert run("between", "2026-12-22", "2027-01-20", *closed) == "15\n"
    assert run("add", "2026-12-22", "15") == "2027-01-15\n"


def test_schedule_prints_json_sorted_by_due_date_then_key():
    output = run(
        "schedule", "--preset", "dorset", "--stage", "rapid_review", "--day-zero", "2026-12-22"
    )
    rows = json.loads(output)
    assert [(r["due"], r["key"]) for r in rows] == sorted((r["due"], r["key"]) for r in rows)
    by_key = {r["key"]: r for r in rows}
    assert by_key["submit_to_panel"]["due"] == "2027-01-15"
    assert by_key["submit_to_panel"]["day"] == 15
    assert by_key["submit_to_panel"]["statutory"] is True
    assert by_key["appoint_qa_manager"]["due"] == "2026-12-22"
    assert by_key["appoint_qa_manager"]["day"] == 0
    assert by_key["rapid_review_meeting"]["rule"].startswith(
        "11 working days after the date of the Serious Incident Notification; not counted:"
    )
    for row in rows:
        assert {"key", "label", "day", "due", "statutory", "rule"} <= set(row)
    assert output.startswith('[\n  {\n    "key": "appoint_qa_manager",')


def test_schedule_is_stable():
    args = (
        "schedule",
        "--preset",
        "swindon",
        "--stage",
        "rapid_review",
        "--day-zero",
        "2026-12-22",
    )
    assert run(*args) == run(*args)


def test_schedule_with_calendar_months_and_closure_days():
    rows = json.loads(
        run("schedule", "--preset", "bcp", "--stage", "lcspr", "--day-zero", "2026-08-31")
    )
    assert rows == [
        {
            "key": "lcspr_complete",
            "label": "Local Child Safeguarding Practice Review completed",
            "day": None,
            "due": "2027-02-26",
            "time": None,
            "starts": None,
            "start_day": None,
            "statutory": True,
            "responsible": {"roles": ["lead_reviewer", "business_manager"], "agency_types": []},
            "relative_to": None,
            "rule": "6 months after the date of the decision to initiate the review;"
            " Sun 28 Feb 2027 is not a working day, so moved to the previous working day",
            "source": "003 Appendix A: timescale for completion six months",
        }
    ]
    closed = json.loads(
        run(
            "schedule",
            "--preset",
            "bcp",
            "--stage",
            "lcspr",
            "--day-zero",
            "2026-08-31",
            "--closure-day",
            "2027-02-26",
        )
    )
    assert closed[0]["due"] == "2027-02-25"


@pytest.mark.parametrize("name", ["lincolnshire", "swindon", "dorset", "bcp", "north-lincolnshire"])
def test_rapid_review_schedule_of_every_preset(name):
    rows = json.loads(
        run("schedule", "--preset", name, "--stage", "rapid_review", "--day-zero", "2026-12-18")
    )
    by_key = {row["key"]: row for row in rows}
    # Fri 18 Dec 2026: day 15 is Wed 13 Jan 2027 (25 and 28 Dec, 1 Jan not counted).
    assert by_key["awareness_backstop"]["due"] == "2027-01-13"
    assert by_key["submit_to_panel"]["due"] == "2027-01-13"
    assert [(r["due"], r["key"]) for r in rows] == sorted((r["due"], r["key"]) for r in rows)
    assert all(row["source"] for row in rows)
    if name == "lincolnshire":
        assert by_key["agency_returns"]["time"] == "09:00"


def test_schedule_of_a_stage_without_milestones():
    assert (
        run("schedule", "--preset", "lincolnshire", "--stage", "triage", "--day-zero", "2026-12-22")
        == "[]\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "22/12/2026", "15"), "expected a date as YYYY-MM-DD"),
        (("add", "2026-02-30", "15"), "not a valid date"),
        (("add", "20261222", "15"), "expected a date as YYYY-MM-DD"),
        (("add", "2026-12-22", "fifteen"), "expected a whole number of working days"),
        (("add", "2026-12-22", "1.5"), "expected a whole number of working days"),
        (("add", "2026-12-22", "99999"), "must be between -10000 and 10000"),
        (("add", "2026-12-22"), "the following arguments are required: N"),
        (("add", "9999-12-30", "5"), "outside the supported range of dates"),
        (("between", "2026-12-22", "tomorrow"), "expected a date as YYYY-MM-DD"),
        (("add", "2026-12-22", "1", "--closure-day", "soon"), "expected a date as YYYY-MM-DD"),
        (
            ("schedule", "--preset", "york", "--stage", "lcspr", "--day-zero", "2026-12-22"),
            "invalid choice: 'york'",
        ),
        (
            ("schedule", "--preset", "bcp", "--stage", "appeal", "--day-zero", "2026-12-22"),
            "invalid choice: 'appeal'",
        ),
        (("schedule", "--preset", "bcp", "--stage", "lcspr"), "--day-zero"),
        (("publish",), "invalid choice: 'publish'"),
    ],
)
def test_bad_input_is_a_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_from_the_shell_negative_n_and_errors_without_traceback():
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    ok = subprocess.run(  # noqa: S603
        [sys.executable, str(manage), "working_days", "add", "2027-01-05", "-7"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ok.returncode, ok.stdout) == (0, "2026-12-22\n")
    bad = subprocess.run(  # noqa: S603
        [sys.executable, str(manage), "working_days", "add", "9999-12-30", "5"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0
    assert "outside the supported range of dates" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_vocabulary_matches_the_models():
    assert set(Role.values) == ROLES
    assert set(AgencyType.values) == AGENCY_TYPES


def test_stage_keys_are_case_stages():
    from cases.models import CaseStage

    assert set(STAGES) <= set(CaseStage.values)
