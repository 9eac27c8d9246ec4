"""The run command's embedded-default path: migrate and load the demo data on SQLite, with no
server at all, in a fresh interpreter (as README's run command does)."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PARTNERSHIPS = ("lincolnshire", "swindon", "dorset", "bcp", "north-lincolnshire")
ROLES = (
    "Business manager",
    "Safeguarding lead officer",
    "Agency staff",
    "Executive",
    "Review group member",
    "Lead reviewer",
    "Read-only scrutineer",
    "Agency executive (signs off referrals)",
)
_CLEARED = (
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ENV",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    var = tmp_path_factory.mktemp("embedded-var")
    environ = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    environ.update(DJANGO_ENV="development", PRM_VAR_DIR=str(var))

    def manage(*args):
        return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            timeout=600,
        )

    migrate = manage("migrate", "--no-input")
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    return manage, var


def _counts(var: Path) -> dict:
    with sqlite3.connect(var / "db.sqlite3") as db:
        counts = {
            table: db.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608
            for table in (
                "cases_partnership",
                "cases_agency",
                "cases_membership",
                "cases_case",
                "cases_subject",
                "cases_auditevent",
                "mfa_authenticator",
            )
        }
        counts["cases_per_partnership"] = dict(
            db.execute(
                "select p.slug, count(c.id) from cases_partnership p "
                "left join cases_case c on c.partnership_id = p.id group by p.slug"
            ).fetchall()
        )
        counts["notifications"] = sorted(
            db.execute(
                "select p.slug, n.status from notifications_seriousincidentnotification n "
                "join cases_partnership p on p.id = n.partnership_id"
            ).fetchall()
        )
        counts["chronologies"] = sorted(
            db.execute(
                "select p.slug, c.status, count(e.id) from cases_chronology c "
                "join cases_partnership p on p.id = c.partnership_id "
                "left join cases_chronologyentry e on e.chronology_id = c.id "
                "group by p.slug, c.id, c.status"
            ).fetchall()
        )
        counts["demo_users"] = db.execute(
            "select count(*) from cases_user where email like '%@demo.invalid'"
        ).fetchone()[0]
        return counts


def test_load_demo_data_prints_every_partnership_and_role(embedded):
    manage, var = embedded
    result = manage("load_demo_data")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for slug in PARTNERSHIPS:
        assert re.search(rf"^{re.escape(slug)}$", out, re.M), f"{slug} missing from:\n{out}"
    for role in ROLES:
        assert out.count(role) == len(PARTNERSHIPS), role
    assert "password:" in out and "TOTP secret:" in out
    assert len(re.findall(r"@demo\.invalid", out)) == 40
    assert "recovery codes:" in out

    counts = _counts(var)
    assert counts["cases_partnership"] == 5
    assert counts["demo_users"] == 40
    # Three demo cases per partnership, and the cases opened by the demo referrals
    # (referrals/demo.py: two where the agency's authoriser signs off, the SLO or, in
    # Swindon, the agency executive; and one external referral in Swindon); and the two cases
    # the local authority opened to notify without a referral (notifications/demo.py: Dorset's
    # draft, Lincolnshire's signed off through its chain and ready to submit); and Lincolnshire's
    # case with the agencies' chronologies (cases/chronology_demo.py).
    assert counts["cases_case"] == 29
    assert counts["notifications"] == [("dorset", "draft"), ("lincolnshire", "ready")]
    assert counts["chronologies"] == [
        ("lincolnshire", "draft", 1),
        ("lincolnshire", "submitted", 3),
    ]
    assert counts["mfa_authenticator"] == 80  # an authenticator app and recovery codes each

    # Idempotent: a second run tops up nothing and prints the same credentials.
    again = manage("load_demo_data")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout == out
    assert _counts(var) == counts


def test_demo_code_prints_the_current_code(embedded):
    manage, _ = embedded
    result = manage("demo_code")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"\d{6}\n", result.stdout)
