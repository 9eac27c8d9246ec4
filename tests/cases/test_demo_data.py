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
        counts["panel_responses"] = sorted(
            db.execute(
                "select p.slug, r.status from notifications_panelresponse r "
                "join cases_partnership p on p.id = r.partnership_id"
            ).fetchall()
        )
        counts["notification_copies_sent"] = sorted(
            db.execute("select sent_on is not null from notifications_notificationcopy").fetchall()
        )
        counts["meetings"] = db.execute(
            "select p.slug, m.kind, m.status, count(i.id) from cases_meeting m "
            "join cases_partnership p on p.id = m.partnership_id "
            "join cases_meetinginvitee i on i.meeting_id = m.id group by p.slug, m.id"
            " order by p.slug desc"
        ).fetchall()
        counts["meeting_emails"] = db.execute(
            "select status, count(*) from cases_outboundemail where key like 'meeting:%' "
            "group by status"
        ).fetchall()
        counts["chronologies"] = sorted(
            db.execute(
                "select p.slug, c.status, count(e.id) from cases_chronology c "
                "join cases_partnership p on p.id = c.partnership_id "
                "left join cases_chronologyentry e on e.chronology_id = c.id "
                "group by p.slug, c.id, c.status"
            ).fetchall()
        )
        counts["rapid_reviews"] = db.execute(
            "select p.slug, r.status from rapid_reviews_rapidreview r "
            "join cases_partnership p on p.id = r.partnership_id order by p.slug"
        ).fetchall()
        counts["information_requests"] = db.execute(
            "select p.slug, a.agency_type, r.status, r.due_date < current_date"
            " from rapid_reviews_informationrequest r"
            " join cases_partnership p on p.id = r.partnership_id"
            " join cases_agency a on a.id = r.agency_id order by p.slug, a.agency_type"
        ).fetchall()
        counts["rapid_review_reports"] = db.execute(
            "select p.slug, r.status, r.version from rapid_reviews_rapidreviewreport r "
            "join cases_partnership p on p.id = r.partnership_id order by p.slug"
        ).fetchall()
        counts["actions"] = db.execute(
            "select p.slug, a.stage, a.status, count(u.id) from cases_actionitem a"
            " join cases_partnership p on p.id = a.partnership_id"
            " left join cases_actionupdate u on u.action_id = a.id"
            " group by p.slug, a.stage, a.status order by p.slug, a.stage"
        ).fetchall()
        counts["action_steps"] = db.execute(
            "select count(*) from cases_deadline where stage = 'action_plan'"
            " and key like 'action_%' and status = 'open'"
        ).fetchone()[0]
        counts["impact_steps"] = db.execute(
            "select p.slug, d.status from cases_deadline d"
            " join cases_partnership p on p.id = d.partnership_id"
            " where d.key = 'impact_statement'"
        ).fetchall()
        counts["lcsprs"] = db.execute(
            "select p.slug, r.status, r.source, r.target_publication_date > current_date,"
            " r.delay_reasons <> '' from lcspr_localreview r"
            " join cases_partnership p on p.id = r.partnership_id order by p.slug"
        ).fetchall()
        counts["learning_reviews"] = db.execute(
            "select p.slug, r.option, r.status, r.due is not null from lcspr_learningreview r"
            " join cases_partnership p on p.id = r.partnership_id order by p.slug"
        ).fetchall()
        counts["reviewer_candidates"] = db.execute(
            "select p.slug, c.decision, c.contract_recorded_on is not null,"
            " c.cv_id is not null from lcspr_reviewercandidate c"
            " join cases_partnership p on p.id = c.partnership_id order by p.slug, c.name"
        ).fetchall()
        counts["reviewer_notices"] = db.execute(
            "select p.slug, n.status from cases_notice n"
            " join cases_partnership p on p.id = n.partnership_id"
            " where n.kind = 'other' and n.description like '%%independent reviewer%%'"
        ).fetchall()
        counts["practitioner_sessions"] = db.execute(
            "select p.slug, m.kind, m.status,"
            " (select count(*) from cases_meetinginvitee i where i.meeting_id = m.id),"
            " (select count(*) from cases_meetinginvitee i where i.meeting_id = m.id"
            "  and i.attended),"
            " (select count(*) from lcspr_practitionerfeedback f where f.session_id = s.id)"
            " from lcspr_practitionersession s join cases_meeting m on m.id = s.meeting_id"
            " join cases_partnership p on p.id = s.partnership_id order by p.slug"
        ).fetchall()
        counts["comms_plans"] = db.execute(
            "select p.slug, (select count(*) from lcspr_commsplanitem i where i.plan_id = c.id),"
            " c.statement <> '', c.statement_owner_id is not null from lcspr_commsplan c"
            " join cases_partnership p on p.id = c.partnership_id order by p.slug"
        ).fetchall()
        counts["briefings"] = db.execute(
            "select p.slug, b.status, b.learning_review_id is not null,"
            " b.what_to_do = '' from lcspr_sevenminutebriefing b"
            " join cases_partnership p on p.id = b.partnership_id order by p.slug"
        ).fetchall()
        counts["report_versions"] = db.execute(
            "select p.slug, v.number, count(distinct l.id), count(distinct c.id)"
            " from lcspr_reportversion v join cases_partnership p on p.id = v.partnership_id"
            " left join lcspr_legalread l on l.version_id = v.id"
            " left join lcspr_anonymisationcheck c on c.version_id = v.id"
            " group by p.slug, v.number order by p.slug, v.number"
        ).fetchall()
        counts["anonymisation_hits"] = db.execute(
            "select p.slug, v.number, h.kind, h.found from lcspr_anonymisationhit h"
            " join lcspr_anonymisationcheck c on c.id = h.check_run_id"
            " join lcspr_reportversion v on v.id = c.version_id"
            " join cases_partnership p on p.id = v.partnership_id order by p.slug, v.number"
        ).fetchall()
        counts["panel_members"] = db.execute(
            "select p.slug, m.panel_role, m.statutory_partner, m.conflicts,"
            " m.confidentiality_signed_on is not null from lcspr_panelmember m"
            " join cases_partnership p on p.id = m.partnership_id order by p.slug, m.id"
        ).fetchall()
        counts["panel_terms"] = db.execute(
            "select p.slug, t.version, t.status, t.meeting_id is not null from lcspr_panelterms t"
            " join cases_partnership p on p.id = t.partnership_id order by p.slug, t.version"
        ).fetchall()
        counts["first_panel"] = db.execute(
            "select p.slug, d.status, d.met_on <= d.due from cases_deadline d"
            " join cases_partnership p on p.id = d.partnership_id"
            " where d.key = 'first_panel_meeting'"
        ).fetchall()
        counts["learning_terms"] = db.execute(
            "select p.slug, t.version, t.status, t.approved_by = r.governance"
            " from lcspr_learningterms t join lcspr_learningreview r on r.id = t.review_id"
            " join cases_partnership p on p.id = t.partnership_id order by p.slug, t.version"
        ).fetchall()
        counts["family_members"] = db.execute(
            "select p.slug, m.relationship, m.preferred_method from lcspr_familymember m"
            " join cases_partnership p on p.id = m.partnership_id order by p.slug, m.id"
        ).fetchall()
        counts["family_contacts"] = db.execute(
            "select p.slug, c.method, c.notes_shared from lcspr_familycontact c"
            " join cases_partnership p on p.id = c.partnership_id order by p.slug, c.contacted_on"
        ).fetchall()
        counts["family_coordinators"] = db.execute(
            "select p.slug, e.coordinator_id is not null from lcspr_familyengagement e"
            " join cases_partnership p on p.id = e.partnership_id order by p.slug"
        ).fetchall()
        counts["parallel_processes"] = db.execute(
            "select p.slug, x.kind, x.holds_family_contact from lcspr_parallelprocess x"
            " join cases_partnership p on p.id = x.partnership_id order by p.slug"
        ).fetchall()
        counts["hold_lifted"] = db.execute(
            "select count(*) from cases_auditevent"
            " where action = 'parallel_process.update'"
            " and changes like '%%\"holds_family_contact\": [true, false]%%'"
        ).fetchone()[0]
        counts["delay_notices"] = db.execute(
            "select p.slug, n.status from cases_notice n"
            " join cases_partnership p on p.id = n.partnership_id"
            " where n.kind = 'lcspr_delay' order by p.slug"
        ).fetchall()
        counts["terms_of_reference"] = db.execute(
            "select p.slug, t.version, t.status, count(a.id) from rapid_reviews_termsofreference t"
            " join cases_partnership p on p.id = t.partnership_id"
            " left join rapid_reviews_termsofreferenceapproval a on a.terms_id = t.id"
            " group by p.slug, t.id order by p.slug"
        ).fetchall()
        counts["tor_agreed"] = db.execute(
            "select p.slug, d.status from cases_deadline d"
            " join cases_partnership p on p.id = d.partnership_id"
            " where d.key = 'tor_agreed' order by p.slug"
        ).fetchall()
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
    # draft, Lincolnshire's signed off through its chain and ready to submit, and another of
    # Lincolnshire's submitted: of its two copies, one ticked off and one due); the two cases
    # Dorset's LCSPR's report: three versions; the check of the second caught the child's
    # first name; Legal Services read the third.
    assert counts["report_versions"] == [
        ("dorset", 1, 0, 0),
        ("dorset", 2, 0, 1),
        ("dorset", 3, 1, 0),
    ]
    assert counts["anonymisation_hits"] == [("dorset", 2, "first_name", "Poppy")]
    # waiting on the National Panel's reply (notifications/panel_demo.py); and Lincolnshire's
    # case with the agencies' chronologies (cases/chronology_demo.py); and Swindon's case in
    # the rapid review (rapid_reviews/demo.py); and the LCSPRs of Dorset and Swindon
    # (lcspr/demo.py), and BCP's learning review.
    assert counts["cases_case"] == 36
    # Swindon's, and the review Lincolnshire's chronologies case opened by starting the stage.
    assert counts["rapid_reviews"] == [("lincolnshire", "in_progress"), ("swindon", "in_progress")]
    # Swindon's review's information requests, sent on day 2 and due on day 7: the police's
    # returned and signed off, the ICB's in progress, the schools' late.
    assert counts["information_requests"] == [
        ("swindon", "education", "sent", True),
        ("swindon", "health", "in_progress", True),
        ("swindon", "police", "returned", True),
    ]
    # Swindon's review has a draft report in its second version (rapid_reviews/demo_report.py).
    assert counts["rapid_review_reports"] == [("swindon", "draft", 2)]
    assert counts["panel_responses"] == [
        ("bcp", "reconsideration"),
        ("dorset", "concluded"),
        ("lincolnshire", "awaiting"),
    ]
    # Dorset's LCSPR counts from the Panel's recommendation, its target inside six months;
    # Swindon's target moved past six months, so its delay notice is due.
    assert counts["lcsprs"] == [
        ("dorset", "in_progress", "panel_recommendation", True, False),
        ("swindon", "in_progress", "partnership_decision", True, True),
    ]
    assert counts["delay_notices"] == [("swindon", "due")]
    # Dorset's LCSPR's independent reviewer: two candidates, one appointed with the contract
    # recorded, so the notice telling the National Panel the reviewer's name is due.
    assert counts["reviewer_candidates"] == [
        ("dorset", "not_appointed", False, True),
        ("dorset", "appointed", True, True),
    ]
    assert counts["reviewer_notices"] == [("dorset", "due")]
    # Dorset's LCSPR's review panel (lcspr/demo.py): a chair, the three statutory partners'
    # representatives (the local authority's declaring a conflict), the lead reviewer and an
    # expert, each with their declaration and confidentiality agreement; the terms of reference
    # signed off at the first panel, held within 3 weeks, and version 2 a draft.
    assert counts["panel_members"] == [
        ("dorset", "chair", "", "none", True),
        ("dorset", "statutory_partner", "local_authority", "declared", True),
        ("dorset", "statutory_partner", "police", "none", True),
        ("dorset", "statutory_partner", "icb", "none", True),
        ("dorset", "lead_reviewer", "", "none", True),
        ("dorset", "expert", "", "none", True),
    ]
    assert counts["panel_terms"] == [
        ("dorset", 1, "signed_off", True),
        ("dorset", 2, "draft", False),
    ]
    assert counts["first_panel"] == [("dorset", "met", True)]
    assert counts["learning_reviews"] == [("bcp", "joint_supervision", "in_progress", True)]
    # BCP's learning review: version 1 of its terms approved by its governance body; the
    # mother told of it by telephone, the notes shared back.
    assert counts["learning_terms"] == [("bcp", 1, "approved", True)]
    # Dorset's LCSPR's family engagement: two family members, a coordinator, a letter and a
    # telephone call (its notes shared back), and a coroner's inquest whose hold was lifted.
    assert counts["family_members"] == [
        ("bcp", "Mother", "telephone"),
        ("dorset", "Mother", "telephone"),
        ("dorset", "Maternal grandfather", "letter"),
    ]
    assert counts["family_coordinators"] == [("bcp", True), ("dorset", True)]
    assert counts["family_contacts"] == [
        ("bcp", "telephone", True),
        ("dorset", "letter", False),
        ("dorset", "telephone", True),
    ]
    assert counts["parallel_processes"] == [("dorset", "coroner", False)]
    assert counts["hold_lifted"] == 1
    # BCP's learning review has a draft 7-minute briefing, two sections still to write.
    assert counts["briefings"] == [("bcp", "draft", True, True)]
    # Dorset's LCSPR: a practitioner session held (4 invited, 3 attended, 2 feedback entries)
    # and a comms plan of three items with a reactive statement and its owner.
    assert counts["practitioner_sessions"] == [("dorset", "practitioner_session", "held", 4, 3, 2)]
    assert counts["comms_plans"] == [("dorset", 3, True, True)]
    # Lincolnshire's review's terms of reference (rapid_reviews/demo.py): agreed by its three
    # statutory partners, which meets its clock's `tor_agreed` milestone.
    assert counts["terms_of_reference"] == [("lincolnshire", 1, "agreed", 3)]
    assert counts["tor_agreed"] == [("lincolnshire", "met")]
    assert counts["notifications"] == [
        ("dorset", "draft"),
        ("lincolnshire", "ready"),
        ("lincolnshire", "submitted"),
    ]
    assert counts["notification_copies_sent"] == [(0,), (1,)]
    # ... and Dorset's LCSPR's two returned for the lead reviewer (lcspr/demo.py): the police's
    # key events, and the council's organisational changes.
    assert counts["chronologies"] == [
        ("dorset", "submitted", 1),
        ("dorset", "submitted", 2),
        ("lincolnshire", "draft", 1),
        ("lincolnshire", "submitted", 3),
    ]
    assert counts["mfa_authenticator"] == 80  # an authenticator app and recovery codes each
    # Swindon's rapid review meeting next week (cases/demo_meetings.py): the business manager
    # and someone from each statutory partner, each sent an invitation through the embedded
    # broker without an error.
    # Dorset's first review panel meeting (lcspr/demo.py), held: the business manager and the
    # six panel members.
    # And Dorset's LCSPR's practitioner session, held (no e-mail: its invitations were never
    # sent from the demo).
    assert sorted(counts["meetings"]) == [
        ("dorset", "practitioner_session", "held", 4),
        ("dorset", "review_panel", "held", 7),
        ("swindon", "rapid_review", "scheduled", 4),
    ]
    assert counts["meeting_emails"] == [("pending", 11)]
    # Dorset's action plan (cases/demo_actions.py): the police's in progress with a status
    # change and a progress note, the health board's overdue with its due date moved; each
    # with its step on the clock.
    # BCP's completed plan: both actions closed, so the impact statement is due in six months.
    assert counts["actions"] == [
        ("bcp", "lcspr", "closed", 2),
        ("dorset", "notification", "open", 1),
        ("dorset", "rapid_review", "in_progress", 2),
    ]
    assert counts["action_steps"] == 2
    assert counts["impact_steps"] == [("bcp", "open")]
    assert "Could not queue" not in result.stderr and "Traceback" not in result.stderr

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
