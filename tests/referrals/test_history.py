"""Issue 11, "Readable history": the case history and the referral's timeline read as sentences
a business manager understands, with labels, choice labels and names instead of codes and ids;
the CSV keeps the raw values with readable columns beside them; every action code written
anywhere has a label (cases.history_display, referrals.history)."""

import ast
import csv
import html
import io
from pathlib import Path

import pytest
from django.urls import reverse

from cases.audit import audit_record
from cases.history_display import action_spec, history_rows, humanise
from cases.models import ApiTokenEnd, AuditEvent, PlanStatus, Role, Subject
from referrals.choices import ChallengeKind
from referrals.selectors import referral_history
from referrals.services import authorisation, drafts, receipt
from referrals.services.drafts import COLLECTION_NOUNS
from tests.referrals.helpers import TODAY

NHS = "9434765919"  # the world's child on side.case: the referral is a possible duplicate
ROOT = Path(__file__).resolve().parents[2]
APPS = ("cases", "referrals", "rapid_reviews", "lcspr", "notifications")


def _referral_onto_the_case(side):
    """A referral drafted through the services (four saves in a row, a child, a parent whose
    child protection plan status is "don't know", an involved agency), authorised, received and
    moved by the business manager onto the case the child already has (side.case)."""
    slo = side.members[Role.SLO]
    bm = side.members[Role.BUSINESS_MANAGER]
    referral = drafts.referral_create(actor=slo.user, membership=slo)
    for fields in (
        {"harm": "serious_harm"},
        {"what_happened": "The child was admitted to hospital with unexplained injuries."},
        {"reasons": ["partner_notification"]},
        {"incident_date": TODAY},
    ):
        drafts.referral_save_draft(actor=slo.user, membership=slo, referral=referral, **fields)
    for collection, fields in (
        ("children", {"first_name": "Tess", "nhs_number": NHS, "cp_plan_status": "dont_know"}),
        (
            "family",
            {
                "role": "parent",
                "first_name": "Pat",
                "last_name": "Parentson",
                "cp_plan_status": "dont_know",
            },
        ),
        ("agencies", {"agency": side.agencies["school"], "practitioner_name": "A Teacher"}),
    ):
        drafts.referral_item_add(
            actor=slo.user, membership=slo, referral=referral, collection=collection, **fields
        )
    referral = authorisation.referral_authorise(actor=slo.user, membership=slo, referral=referral)
    opened = referral.case
    receipt.referral_link_case(actor=bm.user, membership=bm, referral=referral, case=side.case)
    referral.refresh_from_db()
    return referral, opened


def _changes_section(response) -> str:
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    return page[page.index(">Changes</h2>") : page.index(">Access log</h2>")]


def test_the_case_history_reads_as_sentences_with_names_and_labels(world, client_for):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    referral, opened = _referral_onto_the_case(side)
    url = reverse("cases:case_history", args=[side.partnership.slug, side.case.pk])
    text = _changes_section(client_for(bm.user).get(url))

    # Sentences, not codes.
    assert (
        f"{bm.user.full_name} moved the referral {referral.reference} to case {side.case.reference}"
    ) in text
    assert f"{bm.user.full_name} added Pat Parentson to the case" in text
    assert f"opened the case {side.case}" in text
    for raw in ("referral.link_case", "subject.create", "case.create", "link_case"):
        assert raw not in text, raw
    # Fields by their verbose names, choices by their labels, ids by names: never the raw.
    for raw in ("_id", "dont_know", "cp_plan_status", "partnership_id", "created_by_id"):
        assert raw not in text, raw
    assert "Subject to a child protection plan" in text  # Subject.cp_plan_status
    assert PlanStatus.DONT_KNOW.label in text
    assert ">Partnership<" not in text  # implied by the page (the CSV names it, below)
    creator = side.case.created_by
    assert creator.get_full_name() in text  # the case's created_by_id, named
    assert side.agencies["school"].name in text  # the agencies the referral brought


def test_the_case_history_collapses_repeated_draft_saves(world, client_for):
    """Consecutive saves of the same record by the same person are one line with a count; a
    save by someone else, or another action in between, starts a new line."""
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    slo = side.members[Role.SLO]
    referral, _ = _referral_onto_the_case(side)

    def save(member, before, after):
        audit_record(
            actor=member.user,
            partnership=side.partnership,
            action="referral.save_draft",
            obj=referral,
            case=side.case,
            changes={"harm": [before, after]},
        )

    save(slo, "", "serious_harm")
    save(slo, "serious_harm", "died")
    save(slo, "died", "serious_harm")
    save(slo, "serious_harm", "died")
    save(bm, "died", "serious_harm")
    url = reverse("cases:case_history", args=[side.partnership.slug, side.case.pk])
    text = _changes_section(client_for(bm.user).get(url))
    assert f"{slo.user.full_name} saved the draft referral {referral.reference} (4 times)" in text
    assert f"{bm.user.full_name} saved the draft referral {referral.reference}" in text
    assert text.count("saved the draft referral") == 2
    assert "savedraft" not in text and "save_draft" not in text
    # The collapsed line shows each field from its first value to its last.
    events = AuditEvent.objects.filter(case=side.case)[:5]
    rows = history_rows(events, partnership=side.partnership)
    collapsed = next(r for r in rows if r.count == 4)
    [change] = collapsed.changes
    assert (change.label, change.before_label, change.after_label) == (
        "What happened to the child",
        "not set",
        "The child died",
    )
    assert change.before == "" and change.after == "died"


def test_the_referral_timeline_reads_as_sentences(world, client_for):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    slo = side.members[Role.SLO]
    referral, _ = _referral_onto_the_case(side)
    url = reverse("referrals:detail", args=[side.partnership.slug, referral.pk])
    page = html.unescape(client_for(bm.user).get(url).content.decode())
    timeline = page[page.index(">History</h2>") :]
    assert (
        f"{slo.user.full_name} saved the draft referral {referral.reference} (4 times)" in timeline
    )
    assert f"{slo.user.full_name} added a child to the referral {referral.reference}" in timeline
    assert f"{slo.user.full_name} authorised the referral {referral.reference}" in timeline
    for raw in ("savedraft", "childadd", "linkcase", "save_draft", "child_add"):
        assert raw not in timeline, raw
    # The draft's changes: labels from the partnership's lists and the models' choices.
    rows = history_rows(referral_history(referral=referral), partnership=side.partnership)
    saves = next(r for r in rows if r.event.action == "referral.save_draft")
    reasons = next(c for c in saves.changes if c.key == "reasons")
    assert "partner_notification" not in reasons.after_label and reasons.after_label != "not set"
    child = next(r for r in rows if r.event.action == "referral.child_add")
    plan = next(c for c in child.changes if c.key == "cp_plan_status")
    assert (plan.label, plan.after_label) == ("Child protection plan", PlanStatus.DONT_KNOW.label)
    agency = next(r for r in rows if r.event.action == "referral.agency_add")
    named = {c.key: c.after_label for c in agency.changes}
    assert named["agency_id"] == side.agencies["school"].name
    assert not any(str(side.agencies["school"].pk) == c.after_label for c in agency.changes)


def test_the_history_csv_has_raw_and_readable_columns(world, client_for):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    referral, opened = _referral_onto_the_case(side)
    url = reverse("cases:case_history_csv", args=[side.partnership.slug, side.case.pk])
    response = client_for(bm.user).get(url)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    moved = next(r for r in rows if r["action"] == "referral.link_case")
    assert moved["action_label"] == f"Moved the referral to case {side.case.reference}"
    assert (moved["field"], moved["before"], moved["after"]) == (
        "case",
        opened.reference,
        side.case.reference,
    )
    assert moved["who"] == bm.user.email and moved["who_name"] == bm.user.full_name
    parent = Subject.objects.get(case=side.case, last_name="Parentson")
    created = {
        r["field"]: r for r in rows if (r["action"], r["record"]) == ("subject.create", str(parent))
    }
    plan = created["cp_plan_status"]
    assert (plan["after"], plan["after_label"]) == ("dont_know", PlanStatus.DONT_KNOW.label)
    assert plan["field_label"] == "Subject to a child protection plan"
    partnership = created["partnership_id"]
    assert partnership["after"] == str(side.partnership.pk)  # the raw value, exactly
    assert partnership["after_label"] == side.partnership.name
    assert partnership["field_label"] == "Partnership"
    for row in rows:
        for cell in row.values():
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row


def test_an_unknown_action_or_odd_changes_never_break_the_page(world, client_for):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    audit_record(
        actor=None,
        partnership=side.partnership,
        action="something.odd_happened",
        obj=side.case,
        case=side.case,
        changes={"mystery_id": [None, 987654], "count": [1, 2], "flag": [False, True], "x": "raw"},
    )
    url = reverse("cases:case_history", args=[side.partnership.slug, side.case.pk])
    text = _changes_section(client_for(bm.user).get(url))
    assert "The system something odd happened" in text
    assert "987654" not in text and "Mystery" not in text  # an id is never shown
    assert "Yes" in text
    assert humanise("referral.save_draft") == "Referral save draft"


# --- every action code written anywhere has a label -------------------------------------------

# What the formatted parts of f-string action codes can be.
EXPANSIONS = {
    "COLLECTION_NOUNS[collection]": set(COLLECTION_NOUNS.values()),
    "kind": set(ChallengeKind.values),
    "challenge.kind": set(ChallengeKind.values),
    "reason": set(ApiTokenEnd.values),
}
# audit_created(obj=...) without an action writes "<model_name>.create".
CREATED_MODELS = {"note": "casenote", "attachment": "attachment", "subject": "subject"}
CREATED_MODELS["case"] = "case"
AUDIT_FUNCTIONS = {"audit_record", "audit_created", "audit", "_audit"}
FORWARDED = {"f'referral.{action}'", "f'notification.{action}'", "action", "code"}
# Apps whose own audit() helper prefixes the code it is given.
PREFIXED = {"referrals": "referral", "notifications": "notification"}


def _codes(node) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _codes(node.body) | _codes(node.orelse)
    if isinstance(node, ast.JoinedStr):
        codes = {""}
        for part in node.values:
            if isinstance(part, ast.Constant):
                codes = {c + part.value for c in codes}
            else:
                source = ast.unparse(part.value)
                assert source in EXPANSIONS, f"add what {source!r} can be to EXPANSIONS"
                codes = {c + v for c in codes for v in EXPANSIONS[source]}
        return codes
    raise AssertionError(f"cannot read the action code {ast.unparse(node)!r}")


def written_action_codes() -> dict[str, str]:
    """Every action code a service, helper or view writes: code -> where."""
    found = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in AUDIT_FUNCTIONS or path.name == "audit.py":
                    continue
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                keywords = {k.arg: k.value for k in node.keywords}
                if name == "_audit" and "code" in keywords:
                    codes = _codes(keywords["code"])  # cases/services/actions.py's helper
                elif "action" in keywords and ast.unparse(keywords["action"]) in FORWARDED:
                    continue  # a helper passing its caller's code on: the callers are scanned
                elif "action" in keywords:
                    codes = _codes(keywords["action"])
                elif name == "audit_created":
                    obj = ast.unparse(keywords["obj"])
                    assert obj in CREATED_MODELS, f"{where}: add {obj!r} to CREATED_MODELS"
                    codes = {f"{CREATED_MODELS[obj]}.create"}
                else:
                    continue
                # referrals' and notifications' services._common.audit add their prefix.
                if name == "audit" and path.parts[-3] in PREFIXED:
                    codes = {f"{PREFIXED[path.parts[-3]]}.{c}" for c in codes}
                found.update(dict.fromkeys(codes, where))
    return found


def test_the_action_code_scan_finds_the_codes():
    codes = written_action_codes()
    for code in (
        "referral.save_draft",
        "action.progress",  # through cases/services/actions.py's _audit(code=...)
        "referral.child_add",
        "referral.link_case",
        "referral.complaint_raise",
        "referral.challenge_step",
        "case.create",
        "casenote.create",
        "api_token.end.password_changed",
        "workflow.load_preset",
        "sign_in.wrong_code",
    ):
        assert code in codes, code
    assert len(codes) > 60


@pytest.mark.parametrize("code", sorted(written_action_codes()))
def test_every_action_code_has_a_label(code):
    spec = action_spec(code)
    assert spec is not None and spec.phrase, (
        f"{code} ({written_action_codes()[code]}) has no label: register it in "
        "cases/history_display.py or the stage app's history module"
    )
