"""The national data set: every partnership in England on one installation, as the services
would have left it after three years of use.

    DATABASE_URL=postgres://prm_app@127.0.0.1:5432/prm \\
    DATABASE_OWNER_URL=postgres://prm_owner@127.0.0.1:5432/prm \\
    .venv/bin/python bench/national.py --database prm_national [--scale 1.0] [--seed 2026]

(the two roles of ADR 0009; `bash .ci/test` creates them). The database named is dropped,
created and migrated by the owner, then filled in bulk (the owner bypasses row-level security;
the pages are measured as the application role by bench/pages.py). At scale 1: 150
partnerships (the five of the seeds with their presets, and 145 more on those presets in turn),
1,200 agencies, about 4,650 people, 50,000 cases (2,000 in Lincolnshire), 140,000 people on
them, 51,500 referrals, 300,000 deadlines, 830,000 audit rows, 62,000 reminders, about 32,000
meetings and 38,000 agencies' chronologies of 210,000 entries (scaled up from smaller scales).
Takes about 20 minutes of CPU at scale 1 on two cores. Deterministic for a seed.

The records are those the services write (the same fields, states consistent with their
timestamps, deadlines computed from each partnership's settings, an audit row per change,
grants for restricted cases, reference counters past the last reference), made in bulk rather
than through the services so that the set builds in minutes.

Later stages add their records with a function `add_<things>(data)` appended to STEPS; the
`Data` object carries what earlier steps made. bench/pages.py signs in as
`bm.lincolnshire@bench.invalid` (password `bench-password-2026`, the demo TOTP secret).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.roles import setup_django  # noqa: E402

PASSWORD = "bench-password-2026"  # noqa: S105
SEEDED = [
    ("Lincolnshire", "lincolnshire", "LIN", "lincolnshire"),
    ("Swindon", "swindon", "SWI", "swindon"),
    ("Dorset", "dorset", "DOR", "dorset"),
    ("Bournemouth, Christchurch and Poole", "bcp", "BCP", "bcp"),
    ("North Lincolnshire", "north-lincolnshire", "NLI", "north-lincolnshire"),
]
PARTNERSHIPS = 150
CASES = 50_000
LINCOLNSHIRE_CASES = 2_000
YEARS = 3
AGENCIES = [
    ("Council", "local_authority", True),
    ("Police", "police", True),
    ("Integrated Care Board", "health", True),
    ("Hospitals NHS Foundation Trust", "health", False),
    ("Community Health Services", "health", False),
    ("Education Services", "education", False),
    ("Probation Service", "probation", False),
    ("Housing", "housing", False),
]
# Members of each partnership: (role, how many, in an agency?)
MEMBERS = [
    ("business_manager", 1, False),
    ("slo", 8, True),
    ("agency_staff", 12, True),
    ("executive", 3, False),
    ("review_group", 4, False),
    ("lead_reviewer", 2, False),
    ("scrutineer", 1, False),
]
BATCH = 5_000


@dataclass
class Data:
    """What the steps have made so far (ids and the few fields later steps need)."""

    rng: random.Random
    scale: float
    today: dt.date
    partnerships: list = field(default_factory=list)
    agencies: dict = field(default_factory=dict)  # partnership id -> [Agency]
    members: dict = field(default_factory=dict)  # partnership id -> {role: [user ids]}
    memberships: dict = field(default_factory=dict)  # partnership id -> {role: [Membership]}
    cases: list = field(default_factory=list)  # Case objects (id, partnership, dates, stage)
    case_agencies: dict = field(default_factory=dict)  # case id -> [Agency] involved
    case_subjects: dict = field(default_factory=dict)  # case id -> [subject ids]
    referrals: list = field(default_factory=list)
    deadlines_open: list = field(default_factory=list)  # (id, partnership id, due, key)
    notice_steps: list = field(default_factory=list)  # Deadlines a statutory notice meets
    rapid_reviews: list = field(default_factory=list)  # RapidReview objects
    audit: list = field(default_factory=list)  # AuditEvent objects, written by add_audit
    counts: dict = field(default_factory=dict)


@contextmanager
def historic_timestamps():
    """Let bulk inserts carry the dates the records had: an auto_now/auto_now_add field keeps
    a value it was given and is set to now only when it has none."""
    from django.apps import apps
    from django.utils import timezone

    def keep_given(f):
        def pre_save(instance, add):
            value = getattr(instance, f.attname)
            if value is None:
                value = timezone.now()
                setattr(instance, f.attname, value)
            return value

        return pre_save

    changed = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                changed.append(f)
                f.pre_save = keep_given(f)
    try:
        yield
    finally:
        for f in changed:
            del f.pre_save  # back to the class's own


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    from django.utils import timezone

    moment = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=rng.randrange(480))
    return timezone.make_aware(moment)


def _bm(data: Data, partnership_id: int) -> int:
    """The user id of the partnership's business manager (who records most things)."""
    return data.members[partnership_id]["business_manager"][0]


def _case_id(obj) -> int | None:
    """The case a record belongs to: the case itself, its own, or that of the review (or the
    session's review) it hangs from; none for a partnership's setting."""
    from cases.models import Case

    if isinstance(obj, Case):
        return obj.pk
    if getattr(obj, "case_id", None):
        return obj.case_id
    for parent in ("review", "rapid_review", "session"):
        if hasattr(obj, f"{parent}_id"):
            return _case_id(getattr(obj, parent))
    return None


def _audit(data: Data, *, actor_id, action, obj, at, changes=None, note="", case_id=None):
    """The audit row the service that made ``obj`` writes (cases.audit.audit_record): in the
    object's partnership, on the case it belongs to (the object's own, or ``case_id`` for a
    record that reaches its case through another; none for a partnership's setting)."""
    from django.contrib.contenttypes.models import ContentType

    from cases.models import AuditEvent

    data.audit.append(
        AuditEvent(
            partnership_id=obj.partnership_id,
            actor_id=actor_id,
            action=action,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            case_id=case_id or _case_id(obj),
            changes=changes or {},
            note=note,
            created_at=at,
        )
    )


def _audit_start(data: Data, review, action: str) -> None:
    """The audit row of a review the stage-started listener opened (no one started it)."""
    _audit(
        data,
        actor_id=None,
        action=action,
        obj=review,
        at=review.started_at,
        changes={
            "source": [None, review.source],
            "day_zero": [None, review.day_zero.isoformat()],
            "day_zero_event": [None, review.day_zero_event],
        },
    )


# --- Steps ---------------------------------------------------------------------------------------


def add_partnerships(data: Data) -> None:
    from cases.models import Agency, Partnership
    from cases.workflow import preset

    n = max(len(SEEDED), round(PARTNERSHIPS * data.scale))
    rows = []
    for i in range(n):
        if i < len(SEEDED):
            name, slug, code, preset_name = SEEDED[i]
        else:
            preset_name = SEEDED[i % len(SEEDED)][3]
            name, slug, code = f"Partnership {i + 1}", f"partnership-{i + 1}", f"P{i + 1:03d}"
        rows.append(
            Partnership(
                name=f"{name} Safeguarding Children Partnership",
                slug=slug,
                code=code,
                local_authority_name=f"{name} Council",
                workflow=preset(preset_name),
                workflow_preset=preset_name,
            )
        )
    data.partnerships = Partnership.objects.bulk_create(rows)
    agencies = Agency.objects.bulk_create(
        Agency(
            partnership=p,
            name=f"{p.local_authority_name.removesuffix(' Council')} {label}",
            agency_type=kind,
            is_statutory_partner=statutory,
        )
        for p in data.partnerships
        for label, kind, statutory in AGENCIES
    )
    for agency in agencies:
        data.agencies.setdefault(agency.partnership_id, []).append(agency)
    data.counts["partnerships"] = len(data.partnerships)
    data.counts["agencies"] = len(agencies)


def add_people(data: Data) -> None:
    """Members of every role; the seeded partnerships' members can sign in (TOTP)."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.hashers import make_password

    from cases.demo import DEMO_TOTP_SECRET
    from cases.models import Membership, MembershipRole, User

    password = make_password(PASSWORD)  # one hash for all: hashing 4,650 would take minutes
    users, memberships, roles = [], [], []
    for p in data.partnerships:
        for role, count, in_agency in MEMBERS:
            for k in range(count):
                local = role.replace("_", "") if count == 1 else f"{role.replace('_', '')}{k + 1}"
                local = "bm" if role == "business_manager" else local
                users.append(
                    User(
                        email=f"{local}.{p.slug}@bench.invalid",
                        full_name=f"{role.replace('_', ' ').title()} {k + 1} of {p.code}",
                        password=password,
                    )
                )
                agency = data.agencies[p.pk][k % len(AGENCIES)] if in_agency else None
                memberships.append(Membership(partnership=p, agency=agency))
                roles.append(role)
    users = User.objects.bulk_create(users, batch_size=BATCH)
    for user, membership in zip(users, memberships, strict=True):
        membership.user = user
    memberships = Membership.objects.bulk_create(memberships, batch_size=BATCH)
    MembershipRole.objects.bulk_create(
        (MembershipRole(membership=m, role=r) for m, r in zip(memberships, roles, strict=True)),
        batch_size=BATCH,
    )
    seeded = {p.pk for p in data.partnerships[: len(SEEDED)]}
    for user, membership, role in zip(users, memberships, roles, strict=True):
        data.members.setdefault(membership.partnership_id, {}).setdefault(role, []).append(user.pk)
        data.memberships.setdefault(membership.partnership_id, {}).setdefault(role, []).append(
            membership
        )
        if membership.partnership_id in seeded:
            TOTP.activate(user, DEMO_TOTP_SECRET)
    data.counts["users"] = len(users)


def _case_plan(rng: random.Random, today: dt.date) -> tuple[dt.date, str]:
    """When the case was opened and where it stands now (older cases are further on)."""
    age = int(rng.triangular(0, 365 * YEARS, 90))
    opened = today - dt.timedelta(days=age)
    if age < 15:
        stage = "triage"
    elif age < 40:
        stage = "rapid_review"
    elif age < 60:
        stage = "panel_response"
    elif age < 240:
        stage = rng.choice(["lcspr", "lcspr", "closed"])
    elif age < 400:
        stage = rng.choice(["publication", "action_plan", "closed", "closed"])
    else:
        stage = "closed"
    return opened, stage


def add_cases(data: Data) -> None:
    from django.contrib.auth.models import Permission

    from cases.models import Case, CaseReferenceCounter, CaseUserObjectPermission, Subject
    from cases.models.cases import SubjectRole
    from cases.permissions import RESTRICTED_PERMISSION

    rng = data.rng
    total = round(CASES * data.scale)
    lincolnshire = min(total // 2, round(LINCOLNSHIRE_CASES * data.scale))
    others = data.partnerships[1:]
    plan = [data.partnerships[0]] * lincolnshire + [
        others[i % len(others)] for i in range(total - lincolnshire)
    ]
    counters: dict[tuple[int, int], int] = {}
    cases = []
    for p in plan:
        opened, stage = _case_plan(rng, data.today)
        number = counters[(p.pk, opened.year)] = counters.get((p.pk, opened.year), 0) + 1
        bm = _bm(data, p.pk)
        created = _at(opened, rng)
        cases.append(
            Case(
                partnership=p,
                reference=f"{p.code}-{opened.year}-{number:04d}",
                title=f"Child {rng.choice('ABCDEFGHJKLMNPRSTW')}",
                stage=stage,
                incident_date=opened - dt.timedelta(days=rng.randrange(1, 10)),
                awareness_date=opened - dt.timedelta(days=rng.randrange(0, 3)),
                is_restricted=rng.random() < 0.02,
                created_by_id=bm,
                created_at=created,
                updated_at=created,
            )
        )
    cases.sort(key=lambda c: c.created_at)  # ids in the order the cases were opened
    data.cases = Case.objects.bulk_create(cases, batch_size=BATCH)
    CaseReferenceCounter.objects.bulk_create(
        CaseReferenceCounter(partnership_id=pid, year=year, last_number=n)
        for (pid, year), n in counters.items()
    )
    through = Case.agencies.through
    links, grants, subjects = [], [], []
    permission = Permission.objects.get(codename=RESTRICTED_PERMISSION)
    surnames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies"]
    for case in data.cases:
        agencies = data.agencies[case.partnership_id]
        involved = rng.sample(agencies, rng.randint(2, 4))
        data.case_agencies[case.pk] = involved
        for agency in involved:
            links.append(through(case_id=case.pk, agency_id=agency.pk))
        if case.is_restricted:
            for user_id in data.members[case.partnership_id]["business_manager"]:
                grants.append(
                    CaseUserObjectPermission(
                        user_id=user_id,
                        permission=permission,
                        content_object=case,
                        partnership_id=case.partnership_id,
                    )
                )
        surname = rng.choice(surnames)
        born = case.incident_date - dt.timedelta(days=rng.randrange(30, 365 * 16))
        people = [(SubjectRole.CHILD, born)] + [
            (rng.choice([SubjectRole.PARENT, SubjectRole.PARENT, SubjectRole.SIBLING]), None)
            for _ in range(rng.choice([1, 2, 2, 3]))
        ]
        for role, dob in people:
            subjects.append(
                Subject(
                    partnership_id=case.partnership_id,
                    case=case,
                    role=role,
                    first_name=rng.choice(["Sam", "Alex", "Jo", "Chris", "Lee", "Kim"]),
                    last_name=surname,
                    date_of_birth=dob,
                    created_at=case.created_at,
                    updated_at=case.created_at,
                )
            )
    through.objects.bulk_create(links, batch_size=BATCH * 4)
    CaseUserObjectPermission.objects.bulk_create(grants, batch_size=BATCH)
    subjects = Subject.objects.bulk_create(subjects, batch_size=BATCH * 2)
    for subject in subjects:
        data.case_subjects.setdefault(subject.case_id, []).append(subject.pk)
    for case in data.cases:
        _audit(
            data,
            actor_id=case.created_by_id,
            action="case.create",
            obj=case,
            at=case.created_at,
            changes={"reference": [None, case.reference], "title": [None, case.title]},
        )
    for subject in subjects:
        _audit(
            data,
            actor_id=None,
            action="subject.create",
            obj=subject,
            at=subject.created_at,
            changes={"role": [None, subject.role], "first_name": [None, subject.first_name]},
        )
    data.counts.update(cases=len(data.cases), subjects=len(subjects), grants=len(grants))


def add_referrals(data: Data) -> None:
    """One received referral behind every case (from an agency on it), and about 3% more that
    never reached the partnership: drafts, ones awaiting authorisation, withdrawn."""
    from cases.models import CaseReferenceCounter
    from referrals.choices import ReferralStatus as S
    from referrals.models import Referral, ReferralChild

    rng = data.rng
    referrals = []
    queue = [S.SUBMITTED, S.IN_TRIAGE, S.INFORMATION_REQUESTED, S.PREPARING_RECOMMENDATION]
    for case in data.cases:
        slos = data.members[case.partnership_id]["slo"]
        author = rng.choice(slos)
        submitted = case.created_at
        status = S.DECIDED
        if case.stage == "triage":
            status = rng.choice([*queue, S.AWAITING_EXECUTIVE])
        referrals.append(
            Referral(
                partnership_id=case.partnership_id,
                case=case,
                status=status,
                agency=data.agencies[case.partnership_id][rng.randrange(len(AGENCIES))],
                created_by_id=author,
                referrer_name="Safeguarding lead officer",
                incident_date=case.incident_date,
                harm=rng.choice(["death", "serious_harm"]),
                what_happened="Admitted to hospital with injuries that need explaining.",
                sent_for_authorisation_at=submitted - dt.timedelta(hours=2),
                authorised_at=submitted,
                authorised_by_id=author,
                submitted_at=submitted,
                received_on=submitted.date(),
                outcome="recommend_rapid_review" if status == S.DECIDED else "",
                decided_at=submitted + dt.timedelta(days=5) if status == S.DECIDED else None,
                created_at=submitted - dt.timedelta(days=1),
                updated_at=submitted,
            )
        )
    extra = round(len(data.cases) * 0.03)
    for _ in range(extra):
        p = rng.choice(data.partnerships)
        created = _at(data.today - dt.timedelta(days=rng.randrange(120)), rng)
        status = rng.choice([S.DRAFT, S.DRAFT, S.AWAITING_AUTHORISATION, S.WITHDRAWN])
        referrals.append(
            Referral(
                partnership=p,
                status=status,
                agency=rng.choice(data.agencies[p.pk]),
                created_by_id=rng.choice(data.members[p.pk]["agency_staff"]),
                sent_for_authorisation_at=created if status != S.DRAFT else None,
                withdrawn_at=created + dt.timedelta(days=1) if status == S.WITHDRAWN else None,
                withdrawal_reason="Sent in error." if status == S.WITHDRAWN else "",
                created_at=created,
                updated_at=created,
            )
        )
    codes = {p.pk: p.code for p in data.partnerships}
    numbers: dict[int, int] = {}
    for referral in referrals:
        n = numbers[referral.partnership_id] = numbers.get(referral.partnership_id, 0) + 1
        referral.reference = f"{codes[referral.partnership_id]}-R-{n:04d}"
    data.referrals = Referral.objects.bulk_create(referrals, batch_size=BATCH)
    CaseReferenceCounter.objects.bulk_create(
        CaseReferenceCounter(partnership_id=pid, series="referral", year=0, last_number=n)
        for pid, n in numbers.items()
    )
    ReferralChild.objects.bulk_create(
        (
            ReferralChild(
                partnership_id=r.partnership_id,
                referral=r,
                first_name="Sam",
                last_name="Smith",
                created_at=r.created_at,
                updated_at=r.created_at,
            )
            for r in data.referrals
        ),
        batch_size=BATCH * 2,
    )
    for r in data.referrals:
        if r.submitted_at:
            _audit(
                data,
                actor_id=r.created_by_id,
                action="referral.authorise",
                obj=r,
                at=r.submitted_at,
                changes={"status": ["awaiting_authorisation", "submitted"]},
            )
        if r.decided_at:
            _audit(
                data,
                actor_id=None,
                action="referral.decide",
                obj=r,
                at=r.decided_at,
                changes={"outcome": [None, r.outcome]},
            )
    data.counts["referrals"] = len(data.referrals)


# Stages each case has been through, by where it stands now.
STAGES_SO_FAR = {
    "triage": ["triage"],
    "rapid_review": ["triage", "notification", "rapid_review"],
    "panel_response": ["triage", "notification", "rapid_review", "panel_response"],
    "lcspr": ["triage", "notification", "rapid_review", "panel_response", "lcspr"],
    "publication": ["triage", "notification", "rapid_review", "lcspr", "publication"],
    "action_plan": ["triage", "notification", "rapid_review", "lcspr", "action_plan"],
    "closed": ["triage", "notification", "rapid_review"],
}
STAGE_START_DAYS = {
    "triage": 0,
    "notification": 3,
    "rapid_review": 5,
    "panel_response": 20,
    "lcspr": 45,
    "publication": 200,
    "action_plan": 230,
}


def add_deadlines(data: Data) -> None:
    """Each stage's deadlines from the partnership's settings (as stage_start computes them);
    steps before today are met (a few missed), the current stage's later steps open."""
    from cases.calendar import WorkingCalendar
    from cases.models import Deadline, DeadlineStatus
    from cases.services.deadlines import unsaved_deadlines
    from cases.workflow import compute_schedule

    rng = data.rng
    calendar = WorkingCalendar()
    presets = {p.pk: (p.workflow_preset, p.workflow) for p in data.partnerships}
    schedules: dict[tuple, list] = {}
    rows = []
    for case in data.cases:
        preset_name, workflow = presets[case.partnership_id]
        stages = STAGES_SO_FAR[case.stage]
        for stage in stages:
            day_zero = case.created_at.date() + dt.timedelta(days=STAGE_START_DAYS[stage])
            if day_zero > data.today:
                continue
            key = (preset_name, stage, day_zero)
            if key not in schedules:
                schedules[key] = compute_schedule(workflow, stage, day_zero, calendar)
            current = stage == stages[-1] and case.stage != "closed"
            for d in unsaved_deadlines(
                case=case, stage=stage, day_zero=day_zero, schedule=schedules[key]
            ):
                d.status, d.met_on = DeadlineStatus.MET, d.due
                if current and d.due >= data.today - dt.timedelta(days=30):
                    d.status, d.met_on = DeadlineStatus.OPEN, None
                elif rng.random() < 0.04:
                    d.status, d.met_on = DeadlineStatus.MISSED, None
                d.created_at = _at(day_zero, rng)
                d.updated_at = _at(min(d.due, data.today), rng)
                rows.append(d)
    rows = Deadline.objects.bulk_create(rows, batch_size=BATCH * 2)
    started = set()
    for d in rows:
        if (d.case_id, d.stage) not in started:
            started.add((d.case_id, d.stage))
            _audit(
                data,
                actor_id=None,
                action="stage.start",
                obj=d.case,
                at=d.created_at,
                changes={"stage": [None, d.stage], "day_zero": [None, d.day_zero.isoformat()]},
            )
        if d.status == DeadlineStatus.OPEN:
            data.deadlines_open.append((d.pk, d.partnership_id, d.due, d.key))
        elif d.status == DeadlineStatus.MET:  # a missed step's row is its stage's "stage.close"
            _audit(
                data,
                actor_id=None,
                action="deadline.met",
                obj=d,
                at=d.updated_at,
                changes={"status": ["open", d.status]},
            )
    from cases.models.notices import KIND_STEPS

    steps = set(KIND_STEPS.values())
    data.notice_steps = [d for d in rows if (d.stage, d.key) in steps]
    data.counts["deadlines"] = len(rows)
    data.counts["deadlines open"] = len(data.deadlines_open)


def add_reminders(data: Data) -> None:
    """The reminders the sweep wrote for open steps: the business manager's in-app copies (the
    e-mails themselves went long ago), one to three per step."""
    from cases.models import Notification

    rng = data.rng
    rows = []
    before = {"week_before": 7, "day_before": 1, "due": 0, "overdue": -1}
    for deadline_id, partnership_id, due, key in data.deadlines_open:
        bm = _bm(data, partnership_id)
        for step in rng.sample(list(before), rng.randint(2, 4)):
            day = due - dt.timedelta(days=before[step])
            if day > data.today:
                continue
            rows.append(
                Notification(
                    partnership_id=partnership_id,
                    user_id=bm,
                    deadline_id=deadline_id,
                    key=f"bench:{deadline_id}:{step}:{bm}",
                    kind="escalation" if step == "overdue" else "reminder",
                    step=step,
                    step_date=day,
                    message=f"{key.replace('_', ' ')} is due {due:%-d %B %Y}.",
                    created_at=_at(day, rng),
                    read_at=_at(day, rng) if rng.random() < 0.6 else None,
                )
            )
    Notification.objects.bulk_create(rows, batch_size=BATCH * 2)
    data.counts["reminders"] = len(rows)


def add_notices(data: Data) -> None:
    """The statutory notices the stages record (cases.services.notices): the rapid review's
    submission and the copies before publication for each case whose clock has those steps
    (sent on the day the step was met; due while it is open or was missed), the decision
    whether to commission an LCSPR for each case that reached one, and a delay notice with
    its reasons for a few of those. Recipients from each partnership's settings; no documents
    (the data set has no files)."""
    from cases.models import Notice, NoticeKind, NoticeStatus
    from cases.models.notices import KIND_STEPS
    from cases.services.notices import notice_default_recipients

    rng = data.rng
    partnerships = {p.pk: p for p in data.partnerships}
    kind_of_step = {
        step: kind
        for kind, step in KIND_STEPS.items()
        if kind != NoticeKind.NOT_PUBLISHED_IMPROVEMENTS
    }
    rows = []
    for d in data.notice_steps:
        bm = _bm(data, d.partnership_id)
        kind = kind_of_step[(d.stage, d.key)]
        sent = d.met_on is not None
        rows.append(
            Notice(
                partnership_id=d.partnership_id,
                case_id=d.case_id,
                kind=kind,
                recipients=notice_default_recipients(partnerships[d.partnership_id], kind),
                description="The final report" if d.stage == "publication" else "The report",
                deadline_id=d.pk,
                due_date=d.due,
                status=NoticeStatus.SENT if sent else NoticeStatus.DUE,
                sent_on=d.met_on,
                sent_by_id=bm if sent else None,
                created_by_id=bm,
                created_at=d.created_at,
                updated_at=d.updated_at if sent else d.created_at,
            )
        )
    for case in data.cases:
        if "lcspr" not in STAGES_SO_FAR[case.stage]:
            continue
        decided = case.created_at.date() + dt.timedelta(days=STAGE_START_DAYS["lcspr"])
        if decided > data.today:
            continue
        bm = _bm(data, case.partnership_id)
        kinds = [NoticeKind.LCSPR_DECISION]
        if rng.random() < 0.1:
            kinds.append(NoticeKind.LCSPR_DELAY)
        for kind in kinds:
            rows.append(
                Notice(
                    partnership_id=case.partnership_id,
                    case_id=case.pk,
                    kind=kind,
                    recipients=notice_default_recipients(partnerships[case.partnership_id], kind),
                    reason="The police asked the review to wait for the criminal trial."
                    if kind == NoticeKind.LCSPR_DELAY
                    else "",
                    due_date=decided + dt.timedelta(days=5),
                    status=NoticeStatus.SENT,
                    sent_on=decided + dt.timedelta(days=rng.randrange(0, 5)),
                    sent_by_id=bm,
                    created_by_id=bm,
                    created_at=_at(decided, rng),
                    updated_at=_at(decided, rng),
                )
            )
    rows = Notice.objects.bulk_create(rows, batch_size=BATCH)
    for n in rows:
        _audit(
            data,
            actor_id=n.created_by_id,
            action="notice.create",
            obj=n,
            at=n.created_at,
            changes={"kind": [None, n.kind], "recipients": [None, n.recipients]},
        )
        if n.status == NoticeStatus.SENT:
            _audit(
                data,
                actor_id=n.sent_by_id,
                action="notice.sent",
                obj=n,
                at=n.updated_at,
                changes={"status": ["due", "sent"], "sent_on": [None, n.sent_on.isoformat()]},
            )
    data.counts["notices"] = len(rows)
    data.counts["notices due"] = sum(n.status == NoticeStatus.DUE for n in rows)


def add_api_tokens(data: Data) -> None:
    """API tokens of the business managers and SLOs (a reporting spreadsheet, a data feed):
    hashed, some expired or revoked, as the account pages leave them."""
    from django.utils import timezone

    from cases.models import ApiToken
    from cases.models.api_tokens import ApiTokenEnd
    from cases.services.api_tokens import token_digest

    rng = data.rng
    now = timezone.now()
    rows = []
    for members in data.members.values():
        for user_id in members["business_manager"] + members["slo"][:3]:
            for n in range(rng.randint(0, 3)):
                created = now - dt.timedelta(days=rng.randrange(1, 200))
                ended = rng.random() < 0.2
                rows.append(
                    ApiToken(
                        user_id=user_id,
                        name=("Reporting spreadsheet", "Data feed", "Dashboard")[n],
                        digest=token_digest(f"bench-{user_id}-{n}-{rng.random()}"),
                        created_at=created,
                        expires_at=created + dt.timedelta(days=90),
                        last_used_at=created + dt.timedelta(days=rng.randrange(0, 30)),
                        ended_at=created + dt.timedelta(days=40) if ended else None,
                        end_reason=ApiTokenEnd.REVOKED if ended else "",
                    )
                )
    ApiToken.objects.bulk_create(rows, batch_size=BATCH)
    data.counts["API tokens"] = len(rows)


def add_rendered_documents(data: Data) -> None:
    """The referral PDFs people have downloaded (the data set has no recommendations yet, so
    no recommendation PDFs; the files are not written: the pages measured do not serve them)."""
    from cases.models import RenderedDocument, RenderStatus

    rng = data.rng
    rows = [
        RenderedDocument(
            partnership_id=r.partnership_id,
            kind="referral",
            object_id=r.pk,
            version=f"{r.pk:064x}",
            status=RenderStatus.READY,
            file=f"rendered/{r.partnership_id}/bench-{r.pk}.pdf",
            size=rng.randrange(80_000, 900_000),
            requested_at=r.submitted_at,
            started_at=r.submitted_at,
            rendered_at=r.submitted_at,
            render_ms=rng.randrange(200, 1500),
        )
        for r in data.referrals
        if r.case_id and rng.random() < 0.3
    ]
    RenderedDocument.objects.bulk_create(rows, batch_size=BATCH)
    data.counts["rendered PDFs"] = len(rows)


SIGN_OFF_STAGES = ("rapid_review", "panel_response", "lcspr", "publication", "action_plan")


def add_sign_offs(data: Data) -> None:
    """The rapid review report's sign-off chain (every preset has one) on a third of the cases
    past the rapid review: running at some step, returned to the drafter, or signed off, with
    the decisions each made. No stage document exists yet, so the chain's document is the case
    (any record can be: ADR 0013)."""
    from django.contrib.contenttypes.models import ContentType

    from cases.models import SignOff, SignOffAction, SignOffStatus

    rng = data.rng
    case_type = ContentType.objects.get(app_label="cases", model="case")
    chains = {
        p.pk: (p.workflow.get("sign_off_chains") or {}).get("rapid_review_report")
        for p in data.partnerships
    }
    sign_offs, decisions = [], []
    for case in data.cases:
        steps = chains.get(case.partnership_id)
        if case.stage not in SIGN_OFF_STAGES or not steps or rng.random() > 0.33:
            continue
        bm = _bm(data, case.partnership_id)
        started = case.created_at + dt.timedelta(days=rng.randrange(8, 14))
        roll = rng.random()
        if roll < 0.6:
            status, position = SignOffStatus.SIGNED_OFF, len(steps) - 1
        elif roll < 0.8:
            status, position = SignOffStatus.RETURNED, 0
        else:
            status, position = SignOffStatus.IN_PROGRESS, rng.randrange(len(steps))
        done = len(steps) if status == SignOffStatus.SIGNED_OFF else max(position, 1)
        sign_off = SignOff(
            partnership_id=case.partnership_id,
            case_id=case.pk,
            document_type="rapid_review_report",
            content_type=case_type,
            object_id=case.pk,
            steps=steps,
            position=position,
            status=status,
            started_by_id=bm,
            started_at=started,
            completed_at=started + dt.timedelta(days=3)
            if status == SignOffStatus.SIGNED_OFF
            else None,
        )
        sign_offs.append(sign_off)
        decisions.append((sign_off, done, status == SignOffStatus.RETURNED))
    SignOff.objects.bulk_create(sign_offs, batch_size=BATCH)
    rows = []
    for sign_off, done, returned in decisions:
        steps = sign_off.steps
        at = sign_off.started_at
        for position in range(done + (1 if returned else 0)):
            position = min(position, len(steps) - 1)
            at += dt.timedelta(hours=rng.randrange(2, 30))
            rows.append(
                SignOffAction(
                    partnership_id=sign_off.partnership_id,
                    sign_off=sign_off,
                    version=1,
                    position=position,
                    step_key=steps[position]["key"],
                    step_label=steps[position]["label"][:255],
                    decision="returned" if returned and position == done else "approved",
                    comments="Please add the immediate actions." if returned else "",
                    actor_id=sign_off.started_by_id,
                    acted_at=at,
                )
            )
        _audit(
            data,
            actor_id=sign_off.started_by_id,
            action="sign_off.start",
            obj=sign_off,
            at=sign_off.started_at,
            changes={"document": [None, "rapid review report"]},
        )
    SignOffAction.objects.bulk_create(rows, batch_size=BATCH)
    data.counts["sign-offs"] = len(sign_offs)
    data.counts["sign-off decisions"] = len(rows)


def add_notification_copies(data: Data, submitted: list) -> None:
    """Each submitted notification's copies, as notification_submit lists them from the
    partnership's setting (notifications.services.copies): those due by today ticked off on
    their due date (or the submission's, if later), the later ones not yet sent."""
    from notifications.models import NotificationCopy
    from notifications.services.copies import copies_setting, due_date

    partnerships = {p.pk: p for p in data.partnerships}
    copies = []
    for n in submitted:
        n.case.partnership = partnerships[n.partnership_id]  # its calendar, cached once
        submitted_on = n.submitted_at.date()
        labels = []
        for position, row in enumerate(copies_setting(n.case.partnership), start=1):
            due = due_date(row, n, submitted_on)
            sent = max(due, submitted_on) if due <= data.today else None
            labels.append(f"{row['label']}, due {due:%-d %B %Y}")
            copies.append(
                NotificationCopy(
                    partnership_id=n.partnership_id,
                    notification=n,
                    position=position,
                    key=row["key"],
                    label=row["label"],
                    due_date=due,
                    sent_on=sent,
                    sent_by_id=n.submitted_by_id if sent else None,
                    added_by_id=n.submitted_by_id,
                    created_at=n.submitted_at,
                )
            )
        _audit(
            data,
            actor_id=n.submitted_by_id,
            action="notification.copies_create",
            obj=n,
            at=n.submitted_at,
            changes={"copies": [None, labels]},
        )
    NotificationCopy.objects.bulk_create(copies, batch_size=BATCH * 2)
    data.counts["notification copies"] = len(copies)


def add_serious_incident_notifications(data: Data) -> None:
    """The local authority's notification on every case past triage (as notification_start and
    notification_submit make it: started on the notification stage's day zero, submitted when
    the case moved to the rapid review, the Panel's reply a day later), a draft on a quarter of
    the cases still in triage, and a request to notify from another agency on about 5% of the
    cases, agreed before the notification started."""
    from notifications.choices import NotificationStatus as N
    from notifications.choices import RequestAnswer
    from notifications.models import (
        NotificationChild,
        NotificationRequest,
        SeriousIncidentNotification,
    )

    rng = data.rng
    rows, requests = [], []
    for case in data.cases:
        bm = _bm(data, case.partnership_id)
        opened = case.created_at.date()
        if case.stage == "triage":
            if rng.random() > 0.25 or opened + dt.timedelta(days=1) > data.today:
                continue
            started = _at(opened + dt.timedelta(days=1), rng)
            submitted = acknowledged = None
            status = N.DRAFT
        else:
            started = _at(opened + dt.timedelta(days=STAGE_START_DAYS["notification"]), rng)
            submitted = _at(opened + dt.timedelta(days=STAGE_START_DAYS["rapid_review"]), rng)
            acknowledged = submitted.date() + dt.timedelta(days=1)
            if acknowledged > data.today:
                acknowledged = None
            status = N.SUBMITTED
        rows.append(
            SeriousIncidentNotification(
                partnership_id=case.partnership_id,
                case=case,
                status=status,
                incident_date=case.incident_date,
                awareness_date=case.awareness_date,
                location="in_area",
                care_status="no",
                abuse_or_neglect=rng.choice(["known", "suspected"]),
                harm=rng.choice(["died", "serious_harm", "serious_harm"]),
                outline="Admitted to hospital with injuries that need explaining.",
                immediate_action="Siblings placed safely.",
                criteria="Serious harm; abuse or neglect suspected.",
                created_by_id=bm,
                created_at=started,
                updated_at=submitted or started,
                submitted_at=submitted,
                submitted_by_id=bm if submitted else None,
                national_reference=f"CSPRP-{case.pk:06d}" if submitted else "",
                rapid_review_acknowledged_on=acknowledged,
            )
        )
        if case.stage != "triage" and rng.random() < 0.05:
            raised = started - dt.timedelta(days=1)
            slos = data.members[case.partnership_id]["slo"]
            k = rng.randrange(1, min(len(slos), len(AGENCIES)))  # an SLO not of the council
            requests.append(
                NotificationRequest(
                    partnership_id=case.partnership_id,
                    case=case,
                    agency=data.agencies[case.partnership_id][k % len(AGENCIES)],
                    raised_by_id=slos[k],
                    reason="Neglect suspected; the child was seriously harmed.",
                    created_at=raised,
                    answer=RequestAnswer.AGREED,
                    answer_reason="Notifying the Panel.",
                    answered_by_id=bm,
                    answered_at=started,
                )
            )
    rows = SeriousIncidentNotification.objects.bulk_create(rows, batch_size=BATCH)
    NotificationChild.objects.bulk_create(
        (
            NotificationChild(
                partnership_id=n.partnership_id,
                notification=n,
                position=1,
                first_name="Sam",
                last_name="Smith",
            )
            for n in rows
        ),
        batch_size=BATCH * 2,
    )
    requests = NotificationRequest.objects.bulk_create(requests, batch_size=BATCH)
    add_notification_copies(data, [n for n in rows if n.submitted_at])
    for n in rows:
        _audit(data, actor_id=n.created_by_id, action="notification.start", obj=n, at=n.created_at)
        if n.submitted_at:
            _audit(
                data,
                actor_id=n.submitted_by_id,
                action="notification.status",
                obj=n,
                at=n.submitted_at,
                changes={"status": [N.READY, N.SUBMITTED]},
            )
    for r in requests:
        _audit(
            data,
            actor_id=r.raised_by_id,
            action="notification.request_raise",
            obj=r,
            at=r.created_at,
        )
        _audit(
            data,
            actor_id=r.answered_by_id,
            action="notification.request_answer",
            obj=r,
            at=r.answered_at,
            changes={"answer": [None, r.answer]},
        )
    data.counts["notifications (SIN)"] = len(rows)
    data.counts["requests to notify"] = len(requests)


def add_notification_agreements(data: Data) -> None:
    """Who decides to notify (issue 12). Where the statutory partners decide (Swindon): every
    partner agreed on a decided referral; one or two have answered (a few do not agree) on one
    awaiting the decision. Where the local authority decides (Dorset, BCP): an occasional
    escalation by the police. The data set has no recommendations yet, so the rows name none."""
    from cases.models import Membership
    from referrals.choices import ReferralStatus as S
    from referrals.models import NotificationAgreement

    rng = data.rng
    settings = {p.pk: (p.workflow.get("notification_decision") or {}) for p in data.partnerships}
    representative: dict[int, Membership | None] = {}

    def rep(agency):
        if agency.pk not in representative:
            representative[agency.pk] = (
                Membership.objects.filter(agency=agency, roles__role="slo")
                .select_related("user")
                .first()
            )
        return representative[agency.pk]

    rows = []
    for referral in data.referrals:
        by = settings[referral.partnership_id].get("by")
        waiting = referral.status == S.AWAITING_EXECUTIVE
        decided = referral.status == S.DECIDED and referral.outcome == "recommend_rapid_review"
        if not (waiting or decided) or by not in ("statutory_partners", "local_authority"):
            continue
        partners = [a for a in data.agencies[referral.partnership_id] if a.is_statutory_partner]
        if by == "statutory_partners":
            some = rng.sample(partners, rng.randrange(1, len(partners)))
            chosen = partners if decided else some
            escalated = ""
        elif rng.random() < 0.2:
            chosen = [a for a in partners if a.agency_type == "police"][:1]
            escalated = settings[referral.partnership_id].get("escalate_to", "")
        else:
            continue
        for i, agency in enumerate(chosen):
            member = rep(agency)
            if member is None:
                continue
            at = referral.submitted_at + dt.timedelta(days=6 + i)
            agrees = not escalated and (decided or rng.random() > 0.1)
            row = NotificationAgreement(
                partnership_id=referral.partnership_id,
                referral=referral,
                agency=agency,
                membership=member,
                agrees=agrees,
                rationale="The criteria are met." if agrees else "Not agreed: see the minutes.",
                escalated_to=escalated,
                recorded_at=at,
                created_at=at,
            )
            rows.append(row)
            action = (
                "referral.notification_escalate"
                if escalated
                else "referral.notification_agree"
                if agrees
                else "referral.notification_disagree"
            )
            _audit(
                data,
                actor_id=member.user_id,
                action=action,
                obj=referral,
                at=at,
                changes={"agency": [None, agency.name]}
                | ({"escalated_to": [None, escalated]} if escalated else {}),
            )
    NotificationAgreement.objects.bulk_create(rows, batch_size=BATCH)
    data.counts["notification agreements"] = len(rows)


# Where each case stands with the National Panel's reply, by the case's stage.
PANEL_DECISIONS = {
    "lcspr": "local_review",
    "publication": "local_review",
    "action_plan": "local_review",
    "closed": "no_further_review",
}


def add_panel_responses(data: Data) -> None:
    """The National Panel's replies (as panel_response_open and panel_response_record make
    them): awaited on every case waiting for the Panel (sent on the panel_response stage's day
    zero; a few back with the decision-makers, the Panel's view contrary to the partnership's),
    concluded on every case past it (an LCSPR or no further review)."""
    from notifications.choices import PanelResponseStatus as P
    from notifications.models import PanelResponse

    rng = data.rng
    bodies = {
        p.pk: ((p.workflow.get("panel_disagreement") or {}).get("reconsidered_by") or "")
        for p in data.partnerships
    }
    rows = []
    for case in data.cases:
        if case.stage not in PANEL_DECISIONS and case.stage != "panel_response":
            continue
        sent = case.created_at.date() + dt.timedelta(days=STAGE_START_DAYS["panel_response"])
        if sent > data.today:
            continue
        bm = _bm(data, case.partnership_id)
        row = PanelResponse(
            partnership_id=case.partnership_id,
            case=case,
            submitted_on=sent,
            partnership_view="lcspr" if case.stage != "closed" else "no_review",
            created_by_id=bm,
            created_at=_at(sent, rng),
        )
        received = sent + dt.timedelta(days=rng.randrange(10, 22))
        if case.stage == "panel_response" and (received > data.today or rng.random() < 0.8):
            row.status = P.AWAITING
        else:
            received = min(received, data.today)
            contrary = case.stage == "panel_response"
            row.received_on = received
            row.decision = "no_further_review" if contrary else PANEL_DECISIONS[case.stage]
            row.comments = "The Panel's reasons."
            row.recorded_by_id = bm
            row.status = P.RECONSIDERATION if contrary else P.CONCLUDED
            row.reconsidered_by_body = bodies[case.partnership_id] if contrary else ""
        row.updated_at = _at(row.received_on or sent, rng)
        rows.append(row)
    rows = PanelResponse.objects.bulk_create(rows, batch_size=BATCH)
    for r in rows:
        _audit(
            data,
            actor_id=r.created_by_id,
            action="notification.panel_open",
            obj=r,
            at=r.created_at,
            changes={"submitted_on": [None, r.submitted_on.isoformat()]},
        )
        if r.received_on:
            _audit(
                data,
                actor_id=r.recorded_by_id,
                action="notification.panel_reply",
                obj=r,
                at=r.updated_at,
                changes={"status": [P.AWAITING, r.status], "decision": [None, r.decision]},
            )
    data.counts["National Panel replies"] = len(rows)
    data.counts["National Panel replies awaited"] = sum(r.status == P.AWAITING for r in rows)


# A rapid review's status by the case's stage: running in it, with the Panel while it waits
# for the Panel's reply, concluded on every case past that.
RAPID_REVIEW_STATUS = {"rapid_review": "in_progress", "panel_response": "submitted"}


def add_rapid_reviews(data: Data) -> None:
    """The rapid review of every case at or past the rapid review stage (as the stage-started
    listener opens it, rapid_reviews.services.start): day zero the stage's, counted from the
    event the partnership's settings name."""
    from rapid_reviews.choices import ReviewSource
    from rapid_reviews.models import RapidReview
    from rapid_reviews.services.start import day_zero_event

    rng = data.rng
    events = {p.pk: day_zero_event(p) for p in data.partnerships}
    rows = []
    for case in data.cases:
        if "rapid_review" not in STAGES_SO_FAR[case.stage]:
            continue
        day_zero = case.created_at.date() + dt.timedelta(days=STAGE_START_DAYS["rapid_review"])
        if day_zero > data.today:
            continue
        started = _at(day_zero, rng)
        rows.append(
            RapidReview(
                partnership_id=case.partnership_id,
                case=case,
                status=RAPID_REVIEW_STATUS.get(case.stage, "concluded"),
                source=ReviewSource.NOTIFICATION,
                day_zero=day_zero,
                day_zero_event=events[case.partnership_id],
                started_by=None,
                started_at=started,
                updated_at=started,
            )
        )
    rows = RapidReview.objects.bulk_create(rows, batch_size=BATCH)
    for r in rows:
        _audit_start(data, r, "rapid_review.start")
    data.rapid_reviews = rows
    data.counts["rapid reviews"] = len(rows)
    data.counts["rapid reviews running"] = sum(r.status == "in_progress" for r in rows)


def add_terms_of_reference(data: Data) -> None:
    """Each rapid review's terms of reference (rapid_reviews.services.terms), version 1, drafted
    by the business manager on day zero with its membership; sent on day 1 and approved by each
    statutory partner agency's SLO (the business manager recording it where an agency has none)
    by day 2, when agreed; a review started in the last two days still has them in draft."""
    from rapid_reviews.choices import TermsStatus as T
    from rapid_reviews.models import (
        TermsOfReference,
        TermsOfReferenceApproval,
        TermsOfReferenceMember,
    )

    rng = data.rng
    names = {p.pk: p.name for p in data.partnerships}
    terms, members, approvals = [], [], []
    for review in data.rapid_reviews:
        pid = review.partnership_id
        people = data.memberships[pid]
        bm = people["business_manager"][0]
        partners = [a for a in data.agencies[pid] if a.is_statutory_partner]
        agreed = review.day_zero + dt.timedelta(days=2) <= data.today
        drafted = _at(review.day_zero, rng)
        row = TermsOfReference(
            partnership_id=pid,
            rapid_review=review,
            version=1,
            status=T.AGREED if agreed else T.DRAFT,
            background="Admitted to hospital with injuries that need explaining.",
            purpose="To enable the National Panel to decide on a national review.",
            people_in_scope="The child\nThe child's mother",
            scope_from=review.day_zero - dt.timedelta(days=365),
            scope_to=review.day_zero,
            contributors="\n".join(a.name for a in partners),
            created_by_id=bm.user_id,
            created_at=drafted,
            updated_at=drafted,
        )
        if agreed:
            row.sent_at = _at(review.day_zero + dt.timedelta(days=1), rng)
            row.agreed_at = row.updated_at = _at(review.day_zero + dt.timedelta(days=2), rng)
        terms.append(row)
        members.append(
            [(names[pid], "", "business_manager")]
            + [(a.name, "", "statutory_partner") for a in partners]
        )
        slo_of = {m.agency_id: m for m in people["slo"]}
        approvals.append([(a, slo_of.get(a.pk)) for a in partners] if agreed else [])
    terms = TermsOfReference.objects.bulk_create(terms, batch_size=BATCH)
    member_rows, approval_rows = [], []
    for row, its_members, its_approvals in zip(terms, members, approvals, strict=True):
        member_rows += [
            TermsOfReferenceMember(
                partnership_id=row.partnership_id,
                terms=row,
                organisation=organisation,
                person_name=name,
                role=role,
            )
            for organisation, name, role in its_members
        ]
        bm = data.memberships[row.partnership_id]["business_manager"][0]
        approval_rows += [
            TermsOfReferenceApproval(
                partnership_id=row.partnership_id,
                terms=row,
                agency=agency,
                approved_by_id=(slo or bm).user_id,
                recorded_for_agency=slo is None,
            )
            for agency, slo in its_approvals
        ]
        _audit(
            data,
            actor_id=row.created_by_id,
            action="rapid_review.terms_draft",
            obj=row,
            at=row.created_at,
            changes={"version": [None, 1]},
        )
        if row.agreed_at:
            _audit(
                data,
                actor_id=row.created_by_id,
                action="rapid_review.terms_agreed",
                obj=row,
                at=row.agreed_at,
                changes={"version": [None, 1], "status": [T.AWAITING_APPROVAL.value, row.status]},
            )
    TermsOfReferenceMember.objects.bulk_create(member_rows, batch_size=BATCH * 2)
    approvals = TermsOfReferenceApproval.objects.bulk_create(approval_rows, batch_size=BATCH * 2)
    # approved_at is auto_now_add: the day the terms were agreed, as the services leave it.
    agreed_on = {t.pk: t.agreed_at for t in terms if t.agreed_at}
    for approval in approvals:
        approval.approved_at = agreed_on[approval.terms_id]
    TermsOfReferenceApproval.objects.bulk_update(approvals, ["approved_at"], batch_size=BATCH)
    data.counts["terms of reference"] = len(terms)
    data.counts["terms agreed"] = len(agreed_on)
    data.counts["terms approvals"] = len(approvals)


REQUEST_SENT_DAY = 2  # Swindon 001 and Dorset 002: the requests go out by day 2
REQUEST_DUE_DAYS = 9  # about seven working days later: every preset's returns by then
REQUEST_CLOSED_SHARE = 0.05
REQUEST_LATE_SHARE = 0.1


def add_information_requests(data: Data) -> None:
    """Each rapid review's information requests (rapid_reviews.services.requests), sent by the
    business manager on day 2 to every statutory partner agency, due a week later. Past the
    due date most are returned (written by one of the agency's staff, quality-assured and
    signed off by its SLO, or entered on its behalf by the business manager where the agency
    has no SLO), a few closed without a response, some still late; before it, sent or in
    progress. A review started in the last two days has none."""
    from rapid_reviews.choices import RequestStatus as S
    from rapid_reviews.models import InformationRequest

    rng = data.rng
    rows = []
    for review in data.rapid_reviews:
        sent_on = review.day_zero + dt.timedelta(days=REQUEST_SENT_DAY)
        if sent_on > data.today:
            continue
        pid = review.partnership_id
        people = data.memberships[pid]
        bm = people["business_manager"][0]
        slo_of = {m.agency_id: m for m in people["slo"]}
        staff_of = {m.agency_id: m for m in people.get("agency_staff", [])}
        due = review.day_zero + dt.timedelta(days=REQUEST_DUE_DAYS)
        for agency in (a for a in data.agencies[pid] if a.is_statutory_partner):
            sent_at = _at(sent_on, rng)
            row = InformationRequest(
                partnership_id=pid,
                rapid_review=review,
                case_id=review.case_id,
                agency=agency,
                due_date=due,
                sent_by_id=bm.user_id,
                sent_at=sent_at,
                updated_at=sent_at,
            )
            slo, staff = slo_of.get(agency.pk), staff_of.get(agency.pk)
            roll = rng.random()
            if due < data.today and roll < REQUEST_CLOSED_SHARE:
                row.status = S.CLOSED
                row.closed_reason = "The agency had no involvement with the family."
                row.closed_by_id = bm.user_id
                row.closed_at = row.updated_at = _at(due, rng)
            elif due < data.today and roll > REQUEST_CLOSED_SHARE + REQUEST_LATE_SHARE:
                done = _at(due - dt.timedelta(days=1), rng)
                row.status = S.RETURNED
                row.answers = {"facts": "Known to the agency (bench data)."}
                row.written_at = row.returned_at = row.updated_at = done
                if slo is not None and staff is not None:
                    row.written_by_id = staff.user_id
                    row.quality_assured_by_id = row.signed_off_by_id = slo.user_id
                    row.quality_assured_at = row.signed_off_at = done
                    row.not_involved_declared = True
                else:
                    row.written_by_id = row.entered_by_id = bm.user_id
                    row.entered_on_behalf = True
            elif due < data.today:
                row.status = S.SENT  # late
                row.chase_count = 1
                row.last_chased_at = _at(due, rng)
            else:
                row.status = rng.choice([S.SENT, S.IN_PROGRESS])
                if row.status == S.IN_PROGRESS and staff is not None:
                    row.answers = {"facts": "Draft (bench data)."}
                    row.written_by_id = staff.user_id
                    row.written_at = sent_at
            rows.append(row)
    rows = InformationRequest.objects.bulk_create(rows, batch_size=BATCH)
    for row in rows:
        changes = {"agency": [None, row.agency.name], "due_date": [None, row.due_date.isoformat()]}
        _audit(
            data,
            actor_id=row.sent_by_id,
            action="rapid_review.request_send",
            obj=row,
            at=row.sent_at,
            changes=changes,
            case_id=row.case_id,
        )
        if row.status == S.RETURNED:
            action = (
                "rapid_review.return_on_behalf"
                if row.entered_on_behalf
                else "rapid_review.return_sign_off"
            )
            _audit(
                data,
                actor_id=row.entered_by_id or row.signed_off_by_id,
                action=action,
                obj=row,
                at=row.returned_at,
                changes={"agency": [None, row.agency.name]},
                case_id=row.case_id,
            )
        elif row.status == S.CLOSED:
            _audit(
                data,
                actor_id=row.closed_by_id,
                action="rapid_review.request_close",
                obj=row,
                at=row.closed_at,
                changes={"agency": [None, row.agency.name]},
                note=row.closed_reason,
                case_id=row.case_id,
            )
    data.counts["information requests"] = len(rows)
    data.counts["information returns"] = sum(r.status == S.RETURNED for r in rows)


def _report_content(agencies, *, complete: bool) -> dict:
    from rapid_reviews import report_sections as rs

    content = rs.empty_content()
    content |= {
        "participants": "\n".join(f"{a.name} representative" for a in agencies),
        "summary": "Admitted to hospital with injuries that need explaining.",
        "family_composition": "The child\nThe child's mother\nA sibling",
        "case_summary": "Known to universal services; one earlier referral.",
    }
    if complete:
        content |= {
            "worked_well": "A prompt strategy discussion.",
            "worried_about": "Information was not shared with the school.",
            "immediate_action": "The sibling is safe with a relative.",
            "legal_advice": "Yes, from the local authority's legal team.",
            "discussion": "The partners reflected on how they worked together.",
            "criteria": {k: {"decision": "no", "notes": ""} for k in rs.CRITERIA_KEYS}
            | {"improvements": {"decision": "yes", "notes": "Information sharing"}},
            "recommendation": {"choice": "B", "other": ""},
            "rationale": "There is learning about information sharing between agencies.",
            "learning_actions": [
                {
                    "agency": a.name,
                    "learning": "Information sharing",
                    "action": f"{a.name} briefs its staff on sharing information",
                    "due": "",
                    "success_measure": "",
                }
                for a in agencies
            ],
        }
    return content


def add_rapid_review_reports(data: Data) -> None:
    """Each rapid review's report (rapid_reviews.services.report): drafted by the business
    manager on day 3 and saved in one to three versions; while the review runs a draft (in
    sign-off from day 10), once submitted (day 14) the complete report submitted, with an action
    item for each statutory partner's action; a concluded review has its outcome (an LCSPR where
    the case went on to one, else closure)."""
    from django.contrib.contenttypes.models import ContentType

    from cases.models import ActionItem
    from rapid_reviews import report_sections as rs
    from rapid_reviews.choices import ReportStatus as RS
    from rapid_reviews.choices import ReviewDecision
    from rapid_reviews.models import (
        RapidReviewOutcome,
        RapidReviewReport,
        RapidReviewReportVersion,
    )

    rng = data.rng
    report_type = ContentType.objects.get_for_model(RapidReviewReport)
    reports, plans = [], []
    for review in data.rapid_reviews:
        pid = review.partnership_id
        bm = data.memberships[pid]["business_manager"][0]
        partners = [a for a in data.agencies[pid] if a.is_statutory_partner]
        drafted_on = review.day_zero + dt.timedelta(days=3)
        if drafted_on > data.today:
            continue
        submitted = review.status in ("submitted", "concluded")
        if submitted:
            status = RS.SUBMITTED
        elif review.day_zero + dt.timedelta(days=10) <= data.today:
            status = RS.IN_SIGN_OFF
        else:
            status = RS.DRAFT
        versions = rng.randint(1, 3)
        drafted = _at(drafted_on, rng)
        report = RapidReviewReport(
            partnership_id=pid,
            rapid_review=review,
            status=status,
            version=versions,
            content=_report_content(partners, complete=status != RS.DRAFT),
            created_by_id=bm.user_id,
            created_at=drafted,
            updated_at=drafted + dt.timedelta(hours=versions),
        )
        if submitted:
            report.submitted_on = review.day_zero + dt.timedelta(days=14)
            report.submitted_by_id = bm.user_id
        reports.append(report)
        plans.append((report, bm, partners))
    RapidReviewReport.objects.bulk_create(reports, batch_size=BATCH)
    version_rows, items, outcomes = [], [], []
    for report, bm, partners in plans:
        review = report.rapid_review
        first = _report_content(partners, complete=False)
        for number in range(1, report.version + 1):
            last = number == report.version
            content = report.content if last else first
            changed = (
                [k for k in rs.KEYS if not rs.is_blank(k, content[k])]
                if number == 1
                else [k for k in rs.KEYS if content[k] != first[k]]
            )
            version_rows.append(
                RapidReviewReportVersion(
                    partnership_id=report.partnership_id,
                    report=report,
                    number=number,
                    content=content,
                    changed_sections=changed,
                    saved_by_id=bm.user_id,
                    saved_at=report.created_at + dt.timedelta(hours=number - 1),
                    comment="Drafted, prefilled from the case" if number == 1 else "",
                )
            )
        _audit(
            data,
            actor_id=bm.user_id,
            action="rapid_review.report_draft",
            obj=report,
            at=report.created_at,
            changes={"version": [None, 1]},
            case_id=review.case_id,
        )
        if report.status != RS.SUBMITTED:
            continue
        submitted_at = _at(report.submitted_on, rng)
        _audit(
            data,
            actor_id=bm.user_id,
            action="rapid_review.report_submit",
            obj=report,
            at=submitted_at,
            changes={
                "status": [RS.SIGNED_OFF.value, RS.SUBMITTED.value],
                "sent_on": [None, report.submitted_on.isoformat()],
            },
            case_id=review.case_id,
        )
        items += [
            ActionItem(
                partnership_id=report.partnership_id,
                case_id=review.case_id,
                source_type=report_type,
                source_id=report.pk,
                owner_agency=agency,
                what=row["action"],
                created_by_id=bm.user_id,
                created_at=submitted_at,
            )
            for agency, row in zip(partners, report.content["learning_actions"], strict=True)
        ]
        if review.status == "concluded":
            decided_on = report.submitted_on + dt.timedelta(days=rng.randrange(20, 40))
            went_on = "lcspr" in STAGES_SO_FAR[review.case.stage]
            outcomes.append(
                RapidReviewOutcome(
                    partnership_id=report.partnership_id,
                    rapid_review=review,
                    decision=ReviewDecision.LCSPR if went_on else ReviewDecision.CLOSURE,
                    decided_on=min(decided_on, data.today),
                    rationale="The National Panel agreed with the partnership's recommendation.",
                    decided_by_id=bm.user_id,
                    recorded_at=_at(min(decided_on, data.today), rng),
                )
            )
    RapidReviewReportVersion.objects.bulk_create(version_rows, batch_size=BATCH)
    ActionItem.objects.bulk_create(items, batch_size=BATCH * 2)
    RapidReviewOutcome.objects.bulk_create(outcomes, batch_size=BATCH)
    data.counts["rapid review reports"] = len(reports)
    data.counts["reports submitted"] = sum(r.status == RS.SUBMITTED for r in reports)
    data.counts["report versions"] = len(version_rows)
    data.counts["action items"] = len(items)
    data.counts["rapid review outcomes"] = len(outcomes)


def add_action_updates(data: Data) -> None:
    """Progress on the rapid review reports' action items (cases.services.actions): a month
    after the submission, a third of the agencies mark theirs in progress with a progress note;
    of those, half later say it is completed and half of those the business manager closes.
    The items have no due date (the report's rows give none), so no step on the clock."""
    from cases.models import ActionItem, ActionItemStatus, ActionUpdate, ActionUpdateKind

    rng = data.rng
    S = ActionItemStatus
    items = list(ActionItem.objects.filter(source_id__isnull=False).order_by("id"))
    updates, changed = [], []
    for item in items:
        if rng.random() >= 1 / 3:
            continue
        started_on = item.created_at.date() + dt.timedelta(days=rng.randrange(20, 40))
        if started_on > data.today:
            continue
        actor_id = item.created_by_id
        steps = [(started_on, S.IN_PROGRESS, "Work has started: the lead is named.")]
        if rng.random() < 0.5:
            done_on = started_on + dt.timedelta(days=rng.randrange(30, 90))
            if done_on <= data.today:
                steps.append((done_on, S.COMPLETED, "Done: the evidence is attached."))
                if rng.random() < 0.5 and done_on + dt.timedelta(days=14) <= data.today:
                    steps.append((done_on + dt.timedelta(days=14), S.CLOSED, ""))
        before = item.status
        for day, status, text in steps:
            at = _at(day, rng)
            updates.append(
                ActionUpdate(
                    partnership_id=item.partnership_id,
                    action=item,
                    kind=ActionUpdateKind.STATUS,
                    text=text,
                    old_status=before,
                    new_status=status,
                    created_by_id=actor_id,
                    created_at=at,
                )
            )
            if status == S.IN_PROGRESS:
                updates.append(
                    ActionUpdate(
                        partnership_id=item.partnership_id,
                        action=item,
                        kind=ActionUpdateKind.PROGRESS,
                        text="Briefings planned for every team.",
                        created_by_id=actor_id,
                        created_at=at + dt.timedelta(minutes=5),
                    )
                )
            code = "action.close" if status == S.CLOSED else "action.status"
            _audit(
                data,
                actor_id=actor_id,
                action=code,
                obj=item,
                at=at,
                changes={"status": [before, status.value]},
            )
            before = status
            item.status = status
            if status == S.CLOSED:
                item.closed_on = day
        changed.append(item)
    ActionItem.objects.bulk_update(changed, ["status", "closed_on"], batch_size=BATCH)
    ActionUpdate.objects.bulk_create(updates, batch_size=BATCH * 2)
    data.counts["action updates"] = len(updates)


def add_impact_statements(data: Data) -> None:
    """A closed case's action plan is complete: the business manager closed its items still
    open (cases.services.actions.action_close, with the status change) and, six months later
    where that has come, the quality assurance group's impact statement was recorded
    (cases.services.impact, BCP 003 section 15)."""
    from cases.calendar import add_months
    from cases.models import (
        ActionItem,
        ActionItemStatus,
        ActionUpdate,
        ActionUpdateKind,
        ImpactStatement,
    )

    rng = data.rng
    S = ActionItemStatus
    closed_cases = [c for c in data.cases if c.stage == "closed"]
    items = ActionItem.objects.filter(case__in=[c.pk for c in closed_cases])
    by_case: dict[int, list] = {}
    for item in items.order_by("id"):
        by_case.setdefault(item.case_id, []).append(item)
    updates, changed, statements = [], [], []
    for case in closed_cases:
        case_items = by_case.get(case.pk)
        if not case_items:
            continue
        closed_days = [i.closed_on for i in case_items if i.closed_on]
        last = max(closed_days, default=case.awareness_date + dt.timedelta(days=300))
        last = min(max(last, case.awareness_date + dt.timedelta(days=300)), data.today)
        for item in case_items:
            if item.status in (S.CLOSED, S.CANCELLED):
                continue
            at = _at(last, rng)
            updates.append(
                ActionUpdate(
                    partnership_id=item.partnership_id,
                    action=item,
                    kind=ActionUpdateKind.STATUS,
                    old_status=item.status,
                    new_status=S.CLOSED,
                    created_by_id=item.created_by_id,
                    created_at=at,
                )
            )
            _audit(
                data,
                actor_id=item.created_by_id,
                action="action.close",
                obj=item,
                at=at,
                changes={"status": [item.status, S.CLOSED.value], "closed_on": [None, str(last)]},
            )
            item.status, item.closed_on = S.CLOSED, last
            changed.append(item)
        written_on = add_months(
            max((i.closed_on for i in case_items if i.closed_on), default=last), 6
        )
        if written_on <= data.today:
            statements.append(
                ImpactStatement(
                    partnership_id=case.partnership_id,
                    case_id=case.pk,
                    written_on=written_on,
                    produced_by="Quality Assurance Group",
                    difference_made="Audits show neglect is recognised earlier at the front door.",
                    recorded_by_id=case_items[0].created_by_id,
                    recorded_at=_at(written_on, rng),
                )
            )
    ActionItem.objects.bulk_update(changed, ["status", "closed_on"], batch_size=BATCH)
    ActionUpdate.objects.bulk_create(updates, batch_size=BATCH * 2)
    statements = ImpactStatement.objects.bulk_create(statements, batch_size=BATCH)
    for statement in statements:
        _audit(
            data,
            actor_id=statement.recorded_by_id,
            action="impact_statement.record",
            obj=statement,
            at=statement.recorded_at,
            changes={"written_on": [None, statement.written_on.isoformat()]},
        )
    data.counts["action updates"] += len(updates)
    data.counts["impact statements"] = len(statements)


def add_lcsprs(data: Data) -> None:
    """The LCSPR of every case at or past the LCSPR stage (as the stage-started listener opens
    it, lcspr.services.start), counted from the stage's day zero, with its target publication
    date set by the business manager a week later: the publication stage's day zero (day 200 of
    the case); one past the stage was published on that date (lcspr.services.publish). A review
    still in the LCSPR stage has its publication steps made then, as lcspr.services.target does;
    published ones have them from add_deadlines."""
    from cases.calendar import WorkingCalendar
    from cases.models import Deadline
    from cases.services.deadlines import unsaved_deadlines
    from cases.workflow import compute_schedule
    from lcspr.choices import LcsprSource, LcsprStatus
    from lcspr.models import LocalReview
    from lcspr.services.start import day_zero_event

    rng = data.rng
    calendar = WorkingCalendar()
    workflows = {p.pk: p.workflow for p in data.partnerships}
    events = {p.pk: day_zero_event(p) for p in data.partnerships}
    rows, steps = [], []
    for case in data.cases:
        if "lcspr" not in STAGES_SO_FAR[case.stage]:
            continue
        created = case.created_at.date()
        day_zero = created + dt.timedelta(days=STAGE_START_DAYS["lcspr"])
        if day_zero > data.today:
            continue
        target_set_on = min(day_zero + dt.timedelta(days=7), data.today)
        target = created + dt.timedelta(days=STAGE_START_DAYS["publication"])
        running = case.stage == "lcspr"
        started = _at(day_zero, rng)
        published_on = None if running else min(target, data.today)
        rows.append(
            LocalReview(
                partnership_id=case.partnership_id,
                case=case,
                status=LcsprStatus.IN_PROGRESS if running else LcsprStatus.PUBLISHED,
                source=LcsprSource.RAPID_REVIEW_DECISION,
                day_zero=day_zero,
                day_zero_event=events[case.partnership_id],
                target_publication_date=target,
                started_by=None,
                started_at=started,
                updated_at=_at(target_set_on, rng),
                published_on=published_on,
                web_address=f"https://example.org/lcspr/{case.reference}" if published_on else "",
                published_by_id=None if running else _bm(data, case.partnership_id),
            )
        )
        if running:
            workflow = workflows[case.partnership_id]
            schedule = compute_schedule(workflow, "publication", target, calendar)
            steps += unsaved_deadlines(
                case=case, stage="publication", day_zero=target, schedule=schedule
            )
    rows = LocalReview.objects.bulk_create(rows, batch_size=BATCH)
    Deadline.objects.bulk_create(steps, batch_size=BATCH * 2)
    for r in rows:
        bm = data.memberships[r.partnership_id]["business_manager"][0]
        if r.status == LcsprStatus.IN_PROGRESS:
            _audit(
                data,
                actor_id=bm.user_id,
                action="stage.start",
                obj=r.case,
                at=r.updated_at,
                changes={
                    "stage": [None, "publication"],
                    "day_zero": [None, r.target_publication_date.isoformat()],
                },
            )
        _audit_start(data, r, "lcspr.start")
        _audit(
            data,
            actor_id=bm.user_id,
            action="lcspr.target",
            obj=r,
            at=r.updated_at,
            changes={"target_publication_date": [None, r.target_publication_date.isoformat()]},
        )
        if r.published_on:
            _audit(
                data,
                actor_id=r.published_by_id,
                action="lcspr.publish",
                obj=r,
                at=_at(r.published_on, rng),
                changes={
                    "status": [LcsprStatus.IN_PROGRESS.value, r.status],
                    "published_on": [None, r.published_on.isoformat()],
                    "web_address": [None, r.web_address],
                },
            )
    data.counts["LCSPRs"] = len(rows)
    data.counts["LCSPRs running"] = sum(r.status == LcsprStatus.IN_PROGRESS for r in rows)
    data.counts["LCSPR publication steps"] = len(steps)
    data.counts["deadlines"] += len(steps)
    data.counts["deadlines open"] += len(steps)


def add_reviewer_candidates(data: Data) -> None:
    """The independent reviewer of every LCSPR (lcspr.services.reviewers): two candidates
    vetted and shortlisted in its first weeks, one not appointed (the cost) and one appointed,
    a lead reviewer of the partnership, with the contract recorded three weeks in: so they are
    on the case's access list and the notice telling the National Panel their name was sent
    (the data set has no files, so no CVs or contracts)."""
    from django.contrib.auth.models import Permission

    from cases.models import CaseUserObjectPermission, Notice, NoticeKind, NoticeStatus
    from cases.models.notices import NoticeRecipient
    from cases.permissions import RESTRICTED_PERMISSION
    from lcspr.choices import ReviewerDecision
    from lcspr.models import LocalReview, ReviewerCandidate

    rng = data.rng
    permission = Permission.objects.get(codename=RESTRICTED_PERMISSION)
    rows, grants, notices, granted = [], [], [], set()
    reviews = list(LocalReview.objects.select_related("case").order_by("pk"))
    cases = {r.case_id: r.case for r in reviews}
    for review in reviews:
        start = review.day_zero
        contract_on = start + dt.timedelta(days=21)
        if contract_on > data.today:
            continue
        reviewer = rng.choice(data.members[review.partnership_id]["lead_reviewer"])
        common = {
            "partnership_id": review.partnership_id,
            "review": review,
            "organisation": "Independent Reviews Ltd",
            "previous_reviews": "Two LCSPRs for other partnerships.",
            "referee_1_name": "First Referee",
            "referee_1_contact": "referee.one@example.org",
            "referee_1_received_on": start + dt.timedelta(days=7),
            "referee_2_name": "Second Referee",
            "referee_2_contact": "referee.two@example.org",
            "referee_2_received_on": start + dt.timedelta(days=8),
            "public_liability_expires_on": start + dt.timedelta(days=365),
            "indemnity_expires_on": start + dt.timedelta(days=365),
            "conflicts_declared_on": start + dt.timedelta(days=5),
            "conflicts": "None",
            "shortlisted": True,
            "decided_on": start + dt.timedelta(days=14),
            "created_at": _at(start + dt.timedelta(days=2), rng),
            "updated_at": _at(contract_on, rng),
        }
        rows.append(
            ReviewerCandidate(
                name="Reviewer Alpha",
                shortlist_notes="Cost £7,800.",
                decision=ReviewerDecision.NOT_APPOINTED,
                decision_reason="The higher cost, with equal experience.",
                **common,
            )
        )
        rows.append(
            ReviewerCandidate(
                name="Reviewer Beta",
                shortlist_notes="Cost £6,200.",
                decision=ReviewerDecision.APPOINTED,
                user_id=reviewer,
                contract_recorded_on=contract_on,
                **common,
            )
        )
        if (reviewer, review.case_id) not in granted:
            granted.add((reviewer, review.case_id))
            grants.append(
                CaseUserObjectPermission(
                    user_id=reviewer,
                    permission=permission,
                    content_object=review.case,
                    partnership_id=review.partnership_id,
                )
            )
        bm = _bm(data, review.partnership_id)
        notices.append(
            Notice(
                partnership_id=review.partnership_id,
                case_id=review.case_id,
                kind=NoticeKind.OTHER,
                recipients=[NoticeRecipient.NATIONAL_PANEL],
                description=f"The independent reviewer of the LCSPR of {review.case.reference}"
                " is Reviewer Beta (Independent Reviews Ltd).",
                due_date=contract_on,
                status=NoticeStatus.SENT,
                sent_on=contract_on,
                sent_by_id=bm,
                created_by_id=bm,
                created_at=_at(contract_on, rng),
                updated_at=_at(contract_on, rng),
            )
        )
    rows = ReviewerCandidate.objects.bulk_create(rows, batch_size=BATCH)
    CaseUserObjectPermission.objects.bulk_create(grants, batch_size=BATCH)
    notices = Notice.objects.bulk_create(notices, batch_size=BATCH)
    for c in rows:
        bm = _bm(data, c.partnership_id)
        _audit(
            data,
            actor_id=bm,
            action="lcspr_reviewer.add",
            obj=c,
            at=c.created_at,
            changes={"name": [None, c.name]},
        )
        _audit(
            data,
            actor_id=bm,
            action="lcspr_reviewer.decide",
            obj=c,
            at=c.updated_at,
            changes={"decision": [None, c.decision]},
        )
    for n in notices:
        _audit(
            data,
            actor_id=n.created_by_id,
            action="case.access_grant",
            obj=cases[n.case_id],
            at=n.created_at,
            changes={"access_list": [None, "the appointed reviewer"]},
        )
        _audit(
            data,
            actor_id=n.created_by_id,
            action="notice.create",
            obj=n,
            at=n.created_at,
            case_id=n.case_id,
            changes={"kind": [None, n.kind]},
        )
        _audit(
            data,
            actor_id=n.sent_by_id,
            action="notice.sent",
            obj=n,
            at=n.updated_at,
            case_id=n.case_id,
            changes={"sent_on": [None, n.sent_on.isoformat()]},
        )
    data.counts["reviewer candidates"] = len(rows)
    data.counts["reviewers appointed"] = len(notices)
    data.counts["notices"] += len(notices)


def add_family_engagement(data: Data) -> None:
    """The family engagement of every LCSPR three weeks in (lcspr.services.family): the
    business manager coordinates; two family members (the mother, to be contacted by telephone;
    the father, by letter); the letter three weeks in and a telephone call a week later with its
    notes shared back; every fourth review has a coroner's inquest whose hold on family contact
    was lifted before the letter, with a disclosure request answered; a published review's
    family was given the embargoed copy a week before publication."""
    from lcspr.choices import ContactMethod, ParallelProcessKind
    from lcspr.models import (
        DisclosureRequest,
        EmbargoedCopy,
        FamilyContact,
        FamilyEngagement,
        FamilyMember,
        LocalReview,
        ParallelProcess,
    )

    rng = data.rng
    engagements, members, contacts, processes, copies = [], [], [], [], []
    reviews = list(LocalReview.objects.select_related("case").order_by("pk"))
    n = -1
    for review in reviews:
        letter_on = review.day_zero + dt.timedelta(days=21)
        if letter_on > data.today:
            continue
        n += 1
        bm = _bm(data, review.partnership_id)
        tenant = {"partnership_id": review.partnership_id, "review": review}
        engagements.append(FamilyEngagement(coordinator_id=bm, **tenant))
        mother = FamilyMember(
            name="Parent One",
            relationship="Mother",
            preferred_method=ContactMethod.TELEPHONE,
            created_at=_at(review.day_zero + dt.timedelta(days=7), rng),
            updated_at=_at(review.day_zero + dt.timedelta(days=7), rng),
            **tenant,
        )
        father = FamilyMember(
            name="Parent Two",
            relationship="Father",
            preferred_method=ContactMethod.LETTER,
            created_at=mother.created_at,
            updated_at=mother.updated_at,
            **tenant,
        )
        members += [mother, father]
        contacts.append(
            FamilyContact(
                member=mother,
                method=ContactMethod.LETTER,
                contacted_on=letter_on,
                made_by="The business manager",
                outcome="The letter and leaflet were sent.",
                recorded_by_id=bm,
                created_at=_at(letter_on, rng),
                **tenant,
            )
        )
        call_on = letter_on + dt.timedelta(days=7)
        if call_on <= data.today:
            contacts.append(
                FamilyContact(
                    member=mother,
                    method=ContactMethod.TELEPHONE,
                    contacted_on=call_on,
                    made_by="The independent reviewer",
                    outcome="Agreed to meet the reviewer.",
                    notes_shared=True,
                    notes_shared_on=min(call_on + dt.timedelta(days=2), data.today),
                    recorded_by_id=bm,
                    created_at=_at(call_on, rng),
                    **tenant,
                )
            )
        if n % 4 == 0:
            processes.append(
                ParallelProcess(
                    kind=ParallelProcessKind.CORONER,
                    description="Inquest opened and adjourned",
                    liaison_name="Coroner's Officer",
                    liaison_organisation="HM Coroner",
                    holds_family_contact=False,
                    notes="Contact with the coroner through the legal adviser.",
                    created_at=_at(review.day_zero + dt.timedelta(days=3), rng),
                    updated_at=_at(letter_on - dt.timedelta(days=1), rng),
                    **tenant,
                )
            )
        if review.published_on:
            given_on = review.published_on - dt.timedelta(days=7)
            copies.append(
                EmbargoedCopy(
                    member=mother,
                    given_to=mother.name,
                    given_on=given_on,
                    version="The final report",
                    embargo_until=review.published_on,
                    recorded_by_id=bm,
                    created_at=_at(given_on, rng),
                    **tenant,
                )
            )
    FamilyEngagement.objects.bulk_create(engagements, batch_size=BATCH)
    FamilyMember.objects.bulk_create(members, batch_size=BATCH)
    for c in contacts + copies:
        c.member_id = c.member.pk
    FamilyContact.objects.bulk_create(contacts, batch_size=BATCH)
    EmbargoedCopy.objects.bulk_create(copies, batch_size=BATCH)
    ParallelProcess.objects.bulk_create(processes, batch_size=BATCH)
    disclosures = [
        DisclosureRequest(
            partnership_id=p.partnership_id,
            process=p,
            requested_on=p.created_at.date(),
            what="The agencies' chronologies",
            answered_on=min(p.created_at.date() + dt.timedelta(days=5), data.today),
            answer="The agencies' contact details given to the officer.",
        )
        for p in processes
    ]
    DisclosureRequest.objects.bulk_create(disclosures, batch_size=BATCH)
    for e in engagements:
        _audit(
            data,
            actor_id=e.coordinator_id,
            action="family.coordinator",
            obj=e,
            at=_at(e.review.day_zero + dt.timedelta(days=7), rng),
            changes={"coordinator": [None, e.coordinator_id]},
        )
    for m in members:
        _audit(
            data,
            actor_id=_bm(data, m.partnership_id),
            action="family.member_add",
            obj=m,
            at=m.created_at,
            changes={"name": [None, m.name], "relationship": [None, m.relationship]},
        )
    for c in contacts:
        _audit(
            data,
            actor_id=c.recorded_by_id,
            action="family.contact",
            obj=c,
            at=c.created_at,
            changes={
                "method": [None, c.method],
                "contacted_on": [None, c.contacted_on.isoformat()],
            },
        )
    for c in copies:
        _audit(
            data,
            actor_id=c.recorded_by_id,
            action="family.embargoed_copy",
            obj=c,
            at=c.created_at,
            changes={"given_on": [None, c.given_on.isoformat()]},
        )
    for p in processes:
        bm = _bm(data, p.partnership_id)
        _audit(
            data,
            actor_id=bm,
            action="parallel_process.add",
            obj=p,
            at=p.created_at,
            changes={"kind": [None, p.kind], "holds_family_contact": [None, True]},
        )
        _audit(
            data,
            actor_id=bm,
            action="parallel_process.update",
            obj=p,
            at=p.updated_at,
            changes={"holds_family_contact": [True, False]},
        )
    data.counts["family members"] = len(members)
    data.counts["family contacts"] = len(contacts)
    data.counts["parallel processes"] = len(processes)
    data.counts["embargoed copies"] = len(copies)


PANEL_PEOPLE = (
    # (name, job title, organisation, role on the panel, statutory partner)
    ("Panel Chair", "Independent chair", "The partnership", "chair", ""),
    ("LA Representative", "Head of Service", "The council", "statutory_partner", "local_authority"),
    ("Police Representative", "Detective Inspector", "The police", "statutory_partner", "police"),
    ("Health Representative", "Designated Nurse", "The ICB", "statutory_partner", "icb"),
    ("Reviewer Beta", "Independent reviewer", "Independent Reviews Ltd", "lead_reviewer", ""),
    ("Expert Adviser", "Consultant paediatrician", "A hospital trust", "expert", ""),
)


def add_panels(data: Data) -> None:
    """The review panel and terms of reference of every LCSPR three weeks in
    (lcspr.services.panel and panel_terms): six people (a chair, the three statutory
    partners' representatives, the lead reviewer and an expert) with their declarations and
    confidentiality agreements, the first review panel meeting held two weeks in, and version 1
    of the terms of reference signed off at it."""
    from django.utils import timezone

    from cases.meeting_calendar import meeting_uid
    from cases.meeting_quorum import quorum_result
    from cases.models import Meeting, MeetingInvitee, MeetingKind, MeetingRole, MeetingStatus
    from lcspr.choices import PanelConflicts, PanelTermsStatus
    from lcspr.models import LocalReview, PanelMember, PanelTerms

    rng = data.rng
    members, meetings, terms = [], [], []
    reviews = [
        r
        for r in LocalReview.objects.select_related("case__partnership").order_by("pk")
        if r.day_zero + dt.timedelta(days=21) <= data.today
    ]
    for review in reviews:
        start = review.day_zero
        declared = start + dt.timedelta(days=10)
        for name, job, organisation, role, partner in PANEL_PEOPLE:
            members.append(
                PanelMember(
                    partnership_id=review.partnership_id,
                    review=review,
                    name=name,
                    job_title=job,
                    organisation=organisation,
                    panel_role=role,
                    statutory_partner=partner,
                    conflicts=PanelConflicts.NONE,
                    declared_on=declared,
                    confidentiality_signed_on=declared,
                    created_at=_at(start + dt.timedelta(days=7), rng),
                    updated_at=_at(declared, rng),
                )
            )
        day = _weekday(start + dt.timedelta(days=14))
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        bm = _bm(data, review.partnership_id)
        token = f"{rng.getrandbits(96):024x}"
        meetings.append(
            Meeting(
                partnership_id=review.partnership_id,
                case=review.case,
                purpose="lcspr",
                kind=MeetingKind.REVIEW_PANEL,
                title="First review panel meeting",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                location="Room 2",
                status=MeetingStatus.HELD,
                uid=meeting_uid(token),
                notes="Terms of reference signed off. Family engagement: letters sent.",
                attendance_recorded_at=starts + dt.timedelta(hours=3),
                created_by_id=bm,
                created_at=_at(start + dt.timedelta(days=5), rng),
                updated_at=starts + dt.timedelta(hours=3),
            )
        )
    invitees = []
    quorums: dict[int, tuple[bool, str]] = {}
    for review, meeting in zip(reviews, meetings, strict=True):
        bm = data.memberships[review.partnership_id]["business_manager"][0]
        invitee = MeetingInvitee(
            partnership_id=review.partnership_id,
            membership=bm,
            agency_id=bm.agency_id,
            role=MeetingRole.BUSINESS_MANAGER,
            attended=True,
            created_at=meeting.created_at,
        )
        if review.partnership_id not in quorums:
            quorums[review.partnership_id] = quorum_result(review.case.partnership, [invitee])
        meeting.quorate, meeting.quorum_reason = quorums[review.partnership_id]
        invitees.append(invitee)
    PanelMember.objects.bulk_create(members, batch_size=BATCH)
    meetings = _save_meetings(data, meetings, [[invitee] for invitee in invitees])
    for review, meeting, invitee in zip(reviews, meetings, invitees, strict=True):
        name = invitee.membership.user.full_name or invitee.membership.user.email
        _audit(
            data,
            actor_id=meeting.created_by_id,
            action="meeting.schedule",
            obj=meeting,
            at=meeting.created_at,
            changes={"kind": [None, meeting.kind], "invited": [None, [name]]},
        )
        _audit(
            data,
            actor_id=meeting.created_by_id,
            action="meeting.attendance",
            obj=meeting,
            at=meeting.attendance_recorded_at,
            changes={
                "attended": [None, [name]],
                "quorum": [None, "quorate" if meeting.quorate else "not quorate"],
                "status": [MeetingStatus.SCHEDULED.value, meeting.status],
            },
            note=meeting.quorum_reason,
        )
        terms.append(
            PanelTerms(
                partnership_id=review.partnership_id,
                review=review,
                version=1,
                status=PanelTermsStatus.SIGNED_OFF,
                overview=f"The LCSPR of {review.case.reference}.",
                purpose="To identify improvements to safeguard and promote children's welfare.",
                lines_of_enquiry="How did the agencies share what they knew?",
                timeframe="Six months from the decision.",
                family_involvement="The family is invited to contribute.",
                agencies="The council\nThe police\nThe ICB",
                timeline=[
                    {
                        "step": "First review panel meeting",
                        "date": meeting.starts_at.date().isoformat(),
                    }
                ],
                meeting=meeting,
                created_by_id=meeting.created_by_id,
                decided_by_id=meeting.created_by_id,
                decided_at=meeting.attendance_recorded_at,
                created_at=meeting.created_at,
                updated_at=meeting.attendance_recorded_at,
            )
        )
    terms = PanelTerms.objects.bulk_create(terms, batch_size=BATCH)
    for member in PanelMember.objects.filter(review__in=reviews).select_related("review"):
        _audit(
            data,
            actor_id=_bm(data, member.partnership_id),
            action="lcspr_panel.add",
            obj=member,
            at=member.created_at,
            changes={"panel_member": [None, member.name], "panel_role": [None, member.panel_role]},
        )
    for t in terms:
        _audit(
            data,
            actor_id=t.decided_by_id,
            action="lcspr_terms.sign_off",
            obj=t,
            at=t.updated_at,
            changes={"version": [None, 1], "status": ["draft", t.status]},
        )
    data.counts["panel members"] = len(members)
    data.counts["panel terms of reference"] = len(terms)


LEARNING_REVIEW_SHARE = 0.3  # of the cases closed after the rapid review


def add_learning_reviews(data: Data) -> None:
    """A learning review on some of the cases closed after the rapid review, where the
    partnership's menu offers any (lcspr.services.learning): decided 40 days into the case, the
    option's timescale giving its due date and its step, and completed with a summary of
    learning (on its due date, or 60 days on without a timescale) before the case closed, so
    only those already completed by the day the set is built for."""
    import dataclasses

    from cases.calendar import WorkingCalendar
    from cases.models import Deadline, DeadlineStatus
    from cases.services.deadlines import unsaved_deadlines
    from cases.workflow import compute_learning_option_deadline
    from lcspr.choices import LearningReviewStatus as LS
    from lcspr.models import LearningReview
    from lcspr.services.learning import STAGE, learning_menu, step_key

    rng = data.rng
    calendar = WorkingCalendar()
    partnerships = {p.pk: p for p in data.partnerships}
    rows, steps = [], []
    for case in data.cases:
        menu = learning_menu(partnerships[case.partnership_id])
        if case.stage != "closed" or not menu or rng.random() > LEARNING_REVIEW_SHARE:
            continue
        day_zero = case.created_at.date() + dt.timedelta(days=40)
        if day_zero > data.today:
            continue
        option = rng.choice(sorted(menu))
        step = compute_learning_option_deadline(
            partnerships[case.partnership_id].workflow, option, day_zero, calendar
        )
        due = step.due if step else None
        completed_on = due or day_zero + dt.timedelta(days=60)
        if completed_on >= data.today:
            continue
        rows.append(
            LearningReview(
                partnership_id=case.partnership_id,
                case=case,
                status=LS.COMPLETED,
                option=option,
                option_label=menu[option]["label"][:200],
                lead=menu[option].get("lead") or "An independent facilitator",
                governance=menu[option].get("governance") or "The review sub-group",
                lines_of_enquiry="How information about the child was shared between agencies.",
                day_zero=day_zero,
                due=due,
                summary_of_learning="Earlier joint visits; one shared record.",
                completed_on=completed_on,
                started_at=_at(day_zero, rng),
                updated_at=_at(completed_on, rng),
            )
        )
        steps.append(step)
    rows = LearningReview.objects.bulk_create(rows, batch_size=BATCH)
    deadlines = []
    for review, step in zip(rows, steps, strict=True):
        _audit(
            data,
            actor_id=None,
            action="learning_review.start",
            obj=review,
            at=review.started_at,
            changes={"option": [None, review.option_label]},
        )
        _audit(
            data,
            actor_id=None,
            action="learning_review.complete",
            obj=review,
            at=review.updated_at,
            changes={"completed_on": [None, review.completed_on.isoformat()]},
        )
        if step is None:
            continue
        (deadline,) = unsaved_deadlines(
            case=review.case,
            stage=STAGE,
            day_zero=review.day_zero,
            schedule=[dataclasses.replace(step, key=step_key(review))],
        )
        deadline.status, deadline.met_on = DeadlineStatus.MET, review.completed_on
        deadline.closed_at = review.updated_at
        deadlines.append(deadline)
        _audit(
            data,
            actor_id=None,
            action="stage.start",
            obj=review.case,
            at=review.started_at,
            changes={"stage": [None, STAGE], "day_zero": [None, review.day_zero.isoformat()]},
        )
    Deadline.objects.bulk_create(deadlines, batch_size=BATCH)
    data.counts["learning reviews"] = len(rows)
    data.counts["learning review steps"] = len(deadlines)
    data.counts["deadlines"] += len(deadlines)


def add_learning_terms_and_family(data: Data) -> None:
    """Each learning review's terms of reference (lcspr.services.learning_terms): version 1
    approved by its governance body a week after the decision; every other review changed
    them, version 2 approved three weeks in (what changed recorded); the approved text is the
    review's lines of enquiry. Every third review has its family engagement (the LCSPR's
    records, lcspr.services.family): the business manager coordinates, the mother is written to
    ten days in and telephoned four days later, the call's notes shared back for accuracy."""
    from lcspr.choices import ContactMethod
    from lcspr.choices import LearningTermsStatus as TS
    from lcspr.models import (
        FamilyContact,
        FamilyEngagement,
        FamilyMember,
        LearningReview,
        LearningTerms,
    )

    rng = data.rng
    terms, engagements, members, contacts = [], [], [], []
    reviews = list(LearningReview.objects.select_related("case").order_by("pk"))
    for n, review in enumerate(reviews):
        bm = data.members[review.partnership_id]["business_manager"][0]
        end = review.completed_on or data.today
        first_on = min(review.day_zero + dt.timedelta(days=7), end)
        second_on = review.day_zero + dt.timedelta(days=21)
        revised = n % 2 == 0 and second_on <= end
        tenant = {"partnership_id": review.partnership_id}
        terms.append(
            LearningTerms(
                review=review,
                version=1,
                status=TS.APPROVED,
                text=(
                    "How information about the child was shared."
                    if revised
                    else review.lines_of_enquiry
                ),
                created_by_id=bm,
                created_at=_at(review.day_zero, rng),
                updated_at=_at(first_on, rng),
                approved_by=review.governance,
                approved_on=first_on,
                decided_by_id=bm,
                decided_at=_at(first_on, rng),
                **tenant,
            )
        )
        if revised:
            terms.append(
                LearningTerms(
                    review=review,
                    version=2,
                    status=TS.APPROVED,
                    text=review.lines_of_enquiry,
                    change_summary="Widened to the agencies as well as the child.",
                    created_by_id=bm,
                    created_at=_at(second_on - dt.timedelta(days=3), rng),
                    updated_at=_at(second_on, rng),
                    approved_by=review.governance,
                    approved_on=second_on,
                    decided_by_id=bm,
                    decided_at=_at(second_on, rng),
                    **tenant,
                )
            )
        letter_on = review.day_zero + dt.timedelta(days=10)
        call_on = letter_on + dt.timedelta(days=4)
        if n % 3 or call_on > end:
            continue
        owned = {**tenant, "learning_review": review}
        engagements.append(FamilyEngagement(coordinator_id=bm, **owned))
        mother = FamilyMember(
            name="Parent One",
            relationship="Mother",
            preferred_method=ContactMethod.TELEPHONE,
            created_at=_at(review.day_zero + dt.timedelta(days=3), rng),
            updated_at=_at(review.day_zero + dt.timedelta(days=3), rng),
            **owned,
        )
        members.append(mother)
        contacts.append(
            FamilyContact(
                member=mother,
                method=ContactMethod.LETTER,
                contacted_on=letter_on,
                made_by="The business manager",
                outcome="The letter and leaflet were sent.",
                recorded_by_id=bm,
                created_at=_at(letter_on, rng),
                **owned,
            )
        )
        contacts.append(
            FamilyContact(
                member=mother,
                method=ContactMethod.TELEPHONE,
                contacted_on=call_on,
                made_by="The business manager",
                outcome="Told of the learning review; will meet its lead.",
                notes_shared=True,
                notes_shared_on=min(call_on + dt.timedelta(days=2), end),
                recorded_by_id=bm,
                created_at=_at(call_on, rng),
                **owned,
            )
        )
    LearningTerms.objects.bulk_create(terms, batch_size=BATCH)
    FamilyEngagement.objects.bulk_create(engagements, batch_size=BATCH)
    FamilyMember.objects.bulk_create(members, batch_size=BATCH)
    for c in contacts:
        c.member_id = c.member.pk
    FamilyContact.objects.bulk_create(contacts, batch_size=BATCH)
    for t in terms:
        case_id = t.review.case_id
        _audit(
            data,
            actor_id=t.created_by_id,
            action="learning_terms.draft" if t.version == 1 else "learning_terms.revise",
            obj=t,
            at=t.created_at,
            changes={"version": [None, t.version]},
            case_id=case_id,
        )
        _audit(
            data,
            actor_id=t.decided_by_id,
            action="learning_terms.approve",
            obj=t,
            at=t.decided_at,
            changes={
                "version": [None, t.version],
                "status": [TS.DRAFT.value, t.status],
                "approved_by": [None, t.approved_by],
                "approved_on": [None, t.approved_on.isoformat()],
            },
            case_id=case_id,
        )
    for e in engagements:
        _audit(
            data,
            actor_id=e.coordinator_id,
            action="learning_family.coordinator",
            obj=e,
            at=_at(e.learning_review.day_zero, rng),
            changes={"coordinator": [None, e.coordinator_id]},
            case_id=e.learning_review.case_id,
        )
    for m in members:
        _audit(
            data,
            actor_id=None,
            action="learning_family.member_add",
            obj=m,
            at=m.created_at,
            changes={"name": [None, m.name], "relationship": [None, m.relationship]},
            case_id=m.learning_review.case_id,
        )
    for c in contacts:
        _audit(
            data,
            actor_id=c.recorded_by_id,
            action="learning_family.contact",
            obj=c,
            at=c.created_at,
            changes={
                "member": [None, c.member.name],
                "method": [None, c.method],
                "contacted_on": [None, c.contacted_on.isoformat()],
            },
            case_id=c.learning_review.case_id,
        )
    data.counts["learning review terms versions"] = len(terms)
    data.counts["learning review family contacts"] = len(contacts)


def add_briefings(data: Data) -> None:
    """The 7-minute briefing (Synopsis of Learning, lcspr.services.briefing) of every published
    LCSPR and completed learning review: published on the website a fortnight after it (or by
    the day the set is built for), its seven sections written."""
    from lcspr.briefing import SECTION_FIELDS
    from lcspr.choices import BriefingStatus, LcsprStatus, LearningReviewStatus
    from lcspr.models import LearningReview, LocalReview, SevenMinuteBriefing

    rng = data.rng
    case_ids = [c.pk for c in data.cases]
    lcsprs = LocalReview.objects.filter(case__in=case_ids, status=LcsprStatus.PUBLISHED)
    learning = LearningReview.objects.filter(
        case__in=case_ids, status=LearningReviewStatus.COMPLETED
    )
    rows = []
    section_text = "Share what you see at home visits with the other agencies."
    for review in [*lcsprs.select_related("case"), *learning.select_related("case")]:
        is_lcspr = isinstance(review, LocalReview)
        done = review.target_publication_date if is_lcspr else review.completed_on
        published_on = min((done or data.today) + dt.timedelta(days=14), data.today)
        rows.append(
            SevenMinuteBriefing(
                partnership_id=review.partnership_id,
                case=review.case,
                local_review=review if is_lcspr else None,
                learning_review=None if is_lcspr else review,
                status=BriefingStatus.PUBLISHED,
                title=f"7-minute briefing: {review.case.reference}",
                published_on=published_on,
                web_address=f"https://example.org/briefings/{review.case.reference}",
                created_at=_at(published_on - dt.timedelta(days=10), rng),
                updated_at=_at(published_on, rng),
                **dict.fromkeys(SECTION_FIELDS, section_text),
            )
        )
    rows = SevenMinuteBriefing.objects.bulk_create(rows, batch_size=BATCH)
    for briefing in rows:
        _audit(
            data,
            actor_id=None,
            action="briefing.publish",
            obj=briefing,
            at=briefing.updated_at,
            changes={
                "published_on": [None, briefing.published_on.isoformat()],
                "web_address": [None, briefing.web_address],
            },
        )
    data.counts["7-minute briefings"] = len(rows)


def add_report_versions(data: Data) -> None:
    """The drafts of every LCSPR's report (lcspr.services.drafts), a version every four weeks
    from six weeks in: a published LCSPR has three, the third its final report, read by Legal
    Services where the partnership's clock has a legal read, every version checked for
    identifying details (none left); one in progress has those uploaded by the day the set is
    built for. The data set has no files: each version's document row names one."""
    from cases.models import Attachment, Subject
    from cases.models.cases import SubjectRole
    from lcspr.anonymisation import DOCX
    from lcspr.choices import AnonymisationHitKind, LcsprStatus, LegalReadOutcome
    from lcspr.models import (
        AnonymisationCheck,
        AnonymisationHit,
        LegalRead,
        LocalReview,
        ReportVersion,
    )
    from lcspr.services.drafts import needs_legal_read

    rng = data.rng
    reviews = list(
        LocalReview.objects.filter(
            status__in=[LcsprStatus.IN_PROGRESS, LcsprStatus.PUBLISHED]
        ).select_related("case__partnership")
    )
    planned = []  # (review, number, uploaded on, final)
    for review in reviews:
        published = review.status == LcsprStatus.PUBLISHED
        done = review.published_on or review.target_publication_date or data.today
        last_day = min(done, data.today) if published else data.today
        for number in (1, 2, 3):
            on = review.day_zero + dt.timedelta(weeks=2 + 4 * number)
            if published:
                # The final version comes before the publication, however short the review.
                on = min(on, last_day - dt.timedelta(days=4 - number))
            if on > data.today or (not published and on > last_day):
                break
            planned.append((review, number, max(on, review.day_zero), published and number == 3))
    attachments = Attachment.objects.bulk_create(
        [
            Attachment(
                partnership_id=review.partnership_id,
                case_id=review.case_id,
                uploaded_by_id=_bm(data, review.partnership_id),
                file=f"bench/{review.case.reference}-report-v{number}.docx",
                original_name=f"{review.case.reference} LCSPR report v{number}.docx",
                description=f"LCSPR report, version {number}",
                content_type=DOCX,
                size=48_000 + 1_000 * number,
                sha256=f"{review.pk:032x}{number:032x}",
                created_at=_at(on, rng),
            )
            for review, number, on, _final in planned
        ],
        batch_size=BATCH,
    )
    versions = ReportVersion.objects.bulk_create(
        [
            ReportVersion(
                partnership_id=review.partnership_id,
                case_id=review.case_id,
                review=review,
                number=number,
                document=document,
                comments="After the review panel." if number > 1 else "The first draft.",
                uploaded_by_id=document.uploaded_by_id,
                uploaded_at=document.created_at,
                final_at=_at(on + dt.timedelta(days=1), rng) if final else None,
            )
            for (review, number, on, final), document in zip(planned, attachments, strict=True)
        ],
        batch_size=BATCH,
    )
    reads, checks = [], []
    for version, (review, _number, on, final) in zip(versions, planned, strict=True):
        checks.append(
            AnonymisationCheck(
                partnership_id=version.partnership_id,
                version=version,
                characters=42_000,
                run_by_id=version.uploaded_by_id,
                run_at=_at(on, rng),
            )
        )
        if final and needs_legal_read(review.case.partnership):
            reads.append(
                LegalRead(
                    partnership_id=version.partnership_id,
                    version=version,
                    adviser_name="Senior Solicitor, Legal Services",
                    read_on=on,
                    outcome=LegalReadOutcome.APPROVED,
                    recorded_by_id=version.uploaded_by_id,
                    recorded_at=_at(on, rng),
                )
            )
        _audit(
            data,
            actor_id=version.uploaded_by_id,
            action="lcspr_draft.upload",
            obj=version,
            at=version.uploaded_at,
            changes={"number": [None, version.number]},
        )
        if final:
            _audit(
                data,
                actor_id=None,
                action="lcspr_draft.final",
                obj=version,
                at=version.final_at,
                changes={"number": [None, version.number]},
            )
    checks = AnonymisationCheck.objects.bulk_create(checks, batch_size=BATCH)
    LegalRead.objects.bulk_create(reads, batch_size=BATCH)
    # The first draft still names the child: its check finds the first name, which version 2
    # takes out (so the finding stays open on version 1).
    children = {
        s.case_id: s
        for s in Subject.objects.filter(
            case__in={v.case_id for v in versions}, role=SubjectRole.CHILD
        ).order_by("case_id", "-id")
    }
    hits = [
        AnonymisationHit(
            partnership_id=check.partnership_id,
            check_run=check,
            subject=children[version.case_id],
            kind=AnonymisationHitKind.FIRST_NAME,
            found=children[version.case_id].first_name,
            contexts=[
                {
                    "before": "about the home but did not share them.",
                    "found": children[version.case_id].first_name,
                    "after": "told her teacher she was hungry.",
                }
            ],
        )
        for check, version in zip(checks, versions, strict=True)
        if version.number == 1 and version.case_id in children
    ]
    AnonymisationHit.objects.bulk_create(hits, batch_size=BATCH)
    data.counts["LCSPR report versions"] = len(versions)
    data.counts["anonymisation findings"] = len(hits)
    data.counts["LCSPR legal reads"] = len(reads)


SESSION_AFTER_DAYS = 60  # a practitioner session about two months into the LCSPR


def add_practitioner_sessions(data: Data) -> None:
    """A reflective practitioner session (lcspr.services.sessions) of every LCSPR at least
    two months old, held on a weekday then: a half-day meeting of kind practitioner_session,
    four SLOs invited and sent the invitation, three attended, two gave feedback on the draft
    findings a week later. The invitations went long ago: no outbox rows."""
    from django.utils import timezone

    from cases.meeting_calendar import meeting_uid
    from cases.meeting_quorum import quorum_result
    from cases.models import Meeting, MeetingInvitee, MeetingKind, MeetingRole, MeetingStatus
    from lcspr.models import LocalReview, PractitionerFeedback, PractitionerSession
    from lcspr.session_wording import registered_defaults

    rng = data.rng
    texts = registered_defaults()
    reviews = LocalReview.objects.filter(
        case__in=[c.pk for c in data.cases],
        day_zero__lte=data.today - dt.timedelta(days=SESSION_AFTER_DAYS + 8),
    ).select_related("case", "partnership")
    meetings, people_of, sessions = [], [], []
    for review in reviews:
        day = _weekday(review.day_zero + dt.timedelta(days=SESSION_AFTER_DAYS))
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 45)))
        ends = starts + dt.timedelta(hours=3, minutes=15)
        created = _at(day - dt.timedelta(days=21), rng)
        recorded = ends + dt.timedelta(hours=2)
        bm = _bm(data, review.partnership_id)
        token = f"{rng.getrandbits(96):024x}"
        meetings.append(
            Meeting(
                partnership=review.partnership,
                case=review.case,
                purpose="lcspr_practitioner_session",
                kind=MeetingKind.PRACTITIONER_SESSION,
                title="Reflective practitioner session",
                starts_at=starts,
                ends_at=ends,
                location="Training Room 1, Council Offices",
                status=MeetingStatus.HELD,
                uid=meeting_uid(token),
                quorate=False,
                attendance_recorded_at=recorded,
                created_by_id=bm,
                created_at=created,
                updated_at=recorded,
            )
        )
        slos = data.memberships[review.partnership_id]["slo"][:4]
        people_of.append(
            [
                MeetingInvitee(
                    partnership_id=review.partnership_id,
                    membership=m,
                    agency=m.agency,
                    role=MeetingRole.STATUTORY_PARTNER
                    if m.agency.is_statutory_partner
                    else MeetingRole.OTHER,
                    attended=n < 3,
                    apologies=n >= 3,
                    created_at=created,
                )
                for n, m in enumerate(slos)
            ]
        )
        sessions.append(
            PractitionerSession(
                partnership_id=review.partnership_id,
                review=review,
                format="face_to_face",
                reply_by=day - dt.timedelta(days=7),
                invitations_sent_at=created + dt.timedelta(hours=1),
                created_by_id=bm,
                created_at=created,
                updated_at=recorded,
                **texts,
            )
        )
    meetings = _save_meetings(data, meetings, people_of)
    for session, meeting, people in zip(sessions, meetings, people_of, strict=True):
        session.meeting = meeting
        session.invited = [p.pk for p in people]
        present = [p for p in people if p.attended]
        meeting.quorate, meeting.quorum_reason = quorum_result(meeting.partnership, present)
        _audit(
            data,
            actor_id=meeting.created_by_id,
            action="meeting.schedule",
            obj=meeting,
            at=meeting.created_at,
            changes={
                "kind": [None, meeting.kind],
                "invited": [None, [p.display_name for p in people]],
            },
        )
        _audit(
            data,
            actor_id=meeting.created_by_id,
            action="meeting.attendance",
            obj=meeting,
            at=meeting.attendance_recorded_at,
            changes={"attended": [None, [p.display_name for p in present]]},
            note=meeting.quorum_reason,
        )
    Meeting.objects.bulk_update(meetings, ["quorate", "quorum_reason"], batch_size=BATCH)
    sessions = PractitionerSession.objects.bulk_create(sessions, batch_size=BATCH)
    feedback = []
    for session, people in zip(sessions, people_of, strict=True):
        given = session.meeting.starts_at.date() + dt.timedelta(days=7)
        for person, view in zip(people[:2], ("agrees", "partly"), strict=True):
            feedback.append(
                PractitionerFeedback(
                    partnership_id=session.partnership_id,
                    session=session,
                    invitee=person,
                    view=view,
                    comments="The findings reflect the session; the home visits need more.",
                    given_on=given,
                    recorded_by_id=person.membership.user_id,
                    created_at=_at(given, rng),
                    updated_at=_at(given, rng),
                )
            )
    PractitionerFeedback.objects.bulk_create(feedback, batch_size=BATCH)
    for session, people in zip(sessions, people_of, strict=True):
        _audit(
            data,
            actor_id=session.created_by_id,
            action="practitioner_session.schedule",
            obj=session,
            at=session.created_at,
            changes={"format": [None, session.format]},
        )
        _audit(
            data,
            actor_id=session.created_by_id,
            action="practitioner_session.invite",
            obj=session,
            at=session.invitations_sent_at,
            changes={"sent_to": [None, [p.display_name for p in people]]},
        )
    for row in feedback:
        _audit(
            data,
            actor_id=row.recorded_by_id,
            action="practitioner_session.feedback",
            obj=row.session,
            at=row.created_at,
            changes={"view": [None, row.view], "given_on": [None, row.given_on.isoformat()]},
        )
    data.counts["practitioner sessions"] = len(sessions)
    data.counts["practitioner feedback"] = len(feedback)


def add_comms_plans(data: Data) -> None:
    """The comms plan and reactive statement (lcspr.services.comms) of every published LCSPR:
    three items, agreed on the day its comms_meeting step was met (or due; 4 weeks before the
    target elsewhere), the reactive statement agreed the same day."""
    from cases.models import Deadline
    from lcspr.choices import LcsprStatus
    from lcspr.models import CommsPlan, CommsPlanItem, LocalReview

    rng = data.rng
    reviews = list(
        LocalReview.objects.filter(
            case__in=[c.pk for c in data.cases], status=LcsprStatus.PUBLISHED
        ).select_related("case")
    )
    steps = {
        d.case_id: d.met_on or d.due
        for d in Deadline.objects.filter(
            case__in=[r.case_id for r in reviews], stage="publication", key="comms_meeting"
        )
    }
    plans, items = [], []
    for review in reviews:
        target = review.target_publication_date or review.published_on
        agreed = min(steps.get(review.case_id) or target - dt.timedelta(days=28), data.today)
        members = data.memberships[review.partnership_id]
        bm, executive = members["business_manager"][0], members["executive"][0]
        plans.append(
            CommsPlan(
                partnership_id=review.partnership_id,
                review=review,
                agreed_on=agreed,
                agreed_by="Comms planning meeting",
                statement="The partnership has published a local child safeguarding practice"
                " review and is acting on its findings.",
                statement_owner=executive,
                statement_agreed_on=agreed,
                statement_agreed_by="Executive Director",
                created_at=_at(agreed - dt.timedelta(days=7), rng),
                updated_at=_at(agreed, rng),
            )
        )
        items.append(
            [
                ("Lead member and Chief Executive", "briefing", executive, 7),
                ("The family", "meeting", bm, 5),
                ("Press and media", "press_release", executive, 0),
            ]
        )
    plans = CommsPlan.objects.bulk_create(plans, batch_size=BATCH)
    rows = []
    for plan, planned in zip(plans, items, strict=True):
        target = plan.review.target_publication_date or plan.review.published_on
        for audience, channel, owner, days in planned:
            rows.append(
                CommsPlanItem(
                    partnership_id=plan.partnership_id,
                    plan=plan,
                    audience=audience,
                    message="The report's findings and the publication date.",
                    channel=channel,
                    owner=owner,
                    due_on=target - dt.timedelta(days=days),
                    status="done",
                    created_at=plan.created_at,
                    updated_at=plan.updated_at,
                )
            )
    CommsPlanItem.objects.bulk_create(rows, batch_size=BATCH)
    for plan in plans:
        _audit(
            data,
            actor_id=_bm(data, plan.partnership_id),
            action="comms_plan.agree",
            obj=plan,
            at=plan.updated_at,
            changes={"agreed_on": [None, plan.agreed_on.isoformat()]},
        )
    data.counts["comms plans"] = len(plans)


NOT_PUBLISHED_EVERY = 10  # one LCSPR in ten still in progress decides not to publish
NOT_PUBLISHED_AFTER_DAYS = 120  # about four months in, with the drafts in hand


def add_non_publication_decisions(data: Data) -> None:
    """The decision not to publish the report (lcspr.services.not_published) of one LCSPR in
    ten still in progress, four months in (on a weekday), by the business manager with the
    reasons, and the `not_published_improvements` notice it creates: due on the open
    `copies_to_panel` step where the partnership's clock has one (the target publication date
    otherwise), not yet sent, so the LCSPR is still in progress."""
    from cases.models import Deadline, DeadlineStatus, Notice, NoticeKind, NoticeStatus
    from cases.models.notices import KIND_STEPS
    from cases.services.notices import notice_default_recipients
    from lcspr.choices import LcsprStatus
    from lcspr.models import LocalReview, NonPublicationDecision

    rng = data.rng
    kind = NoticeKind.NOT_PUBLISHED_IMPROVEMENTS
    stage, key = KIND_STEPS[kind]
    partnerships = {p.pk: p for p in data.partnerships}
    running = LocalReview.objects.filter(
        case__in=[c.pk for c in data.cases], status=LcsprStatus.IN_PROGRESS
    ).order_by("pk")
    reviews = [
        r
        for n, r in enumerate(running)
        if n % NOT_PUBLISHED_EVERY == 0
        and _weekday(r.day_zero + dt.timedelta(days=NOT_PUBLISHED_AFTER_DAYS)) <= data.today
    ]
    steps = {
        d.case_id: d
        for d in Deadline.objects.filter(
            case__in=[r.case_id for r in reviews], stage=stage, key=key, status=DeadlineStatus.OPEN
        )
    }
    reasons = (
        "The child's siblings are named in the local press; publishing the report would"
        " identify them. The improvements will be published instead."
    )
    notices, decisions = [], []
    for review in reviews:
        decided_on = _weekday(review.day_zero + dt.timedelta(days=NOT_PUBLISHED_AFTER_DAYS))
        bm = _bm(data, review.partnership_id)
        step = steps.get(review.case_id)
        at = _at(decided_on, rng)
        notices.append(
            Notice(
                partnership_id=review.partnership_id,
                case_id=review.case_id,
                kind=kind,
                recipients=notice_default_recipients(partnerships[review.partnership_id], kind),
                description="Information about the improvements to be made following the LCSPR"
                " (the report will not be published).",
                reason=reasons,
                deadline=step,
                due_date=step.due if step else review.target_publication_date,
                status=NoticeStatus.DUE,
                created_by_id=bm,
                created_at=at,
                updated_at=at,
            )
        )
        decisions.append(
            NonPublicationDecision(
                partnership_id=review.partnership_id,
                review=review,
                decided_on=decided_on,
                reasons=reasons,
                recorded_by_id=bm,
                recorded_at=at,
            )
        )
    notices = Notice.objects.bulk_create(notices, batch_size=BATCH)
    for decision, notice in zip(decisions, notices, strict=True):
        decision.notice = notice
    NonPublicationDecision.objects.bulk_create(decisions, batch_size=BATCH)
    for decision, notice in zip(decisions, notices, strict=True):
        _audit(
            data,
            actor_id=notice.created_by_id,
            action="notice.create",
            obj=notice,
            at=notice.created_at,
            changes={"kind": [None, notice.kind], "recipients": [None, notice.recipients]},
        )
        _audit(
            data,
            actor_id=decision.recorded_by_id,
            action="lcspr.not_published",
            obj=decision.review,
            at=decision.recorded_at,
            changes={
                "decided_on": [None, decision.decided_on.isoformat()],
                "notice_due": [None, notice.due_date.isoformat()],
            },
            note=reasons,
        )
    data.counts["decisions not to publish"] = len(decisions)
    data.counts["notices"] += len(notices)
    data.counts["notices due"] += len(notices)


TEMPLATE_EVERY = 3  # every third partnership has its own wording of the family letter


def add_document_templates(data: Data) -> None:
    """A partnership's own wording of the registered letters (cases.services.document_templates,
    Settings, "Letters and templates"), saved by its business manager a year before the day the
    set is built for: every third partnership rewrote the letter to family members (a closing
    paragraph of its own); every sixth also rewrote the leaflet, then reset it to the registered
    wording a month later (the row kept, inactive). Only the family letter and leaflet, which are
    filled in when printed: a practitioner session copies its letters when it is arranged, and
    the set's sessions keep the registered wording (add_practitioner_sessions)."""
    from cases.document_templates import placeholder_problems, template_spec
    from cases.models import DocumentTemplate

    rng = data.rng
    letter, leaflet = template_spec("family_letter"), template_spec("family_leaflet")
    closing = (
        "\n\nIf you would rather speak to someone outside the review, the $partnership_name"
        " family support line is open on weekdays from 9am to 5pm."
    )
    assert not placeholder_problems(closing, letter)
    saved_on = data.today - dt.timedelta(days=365)
    rows, resets = [], []
    for n, p in enumerate(data.partnerships):
        if n % TEMPLATE_EVERY:
            continue
        bm = _bm(data, p.pk)
        at = _at(saved_on, rng)
        rows.append(
            DocumentTemplate(
                partnership=p,
                key=letter.key,
                title=letter.title,
                body=letter.default_body + closing,
                updated_by_id=bm,
                created_at=at,
                updated_at=at,
            )
        )
        if n % (2 * TEMPLATE_EVERY) == 0:
            reset_at = _at(saved_on + dt.timedelta(days=30), rng)
            rows.append(
                DocumentTemplate(
                    partnership=p,
                    key=leaflet.key,
                    title=f"{leaflet.title} ({p.name})",
                    body=leaflet.default_body + closing,
                    is_active=False,
                    updated_by_id=bm,
                    created_at=at,
                    updated_at=reset_at,
                )
            )
    rows = DocumentTemplate.objects.bulk_create(rows, batch_size=BATCH)
    for row in rows:
        spec = template_spec(row.key)
        _audit(
            data,
            actor_id=row.updated_by_id,
            action="document_template.save",
            obj=row,
            at=row.created_at,
            changes={
                "template": [None, spec.label],
                **({"title": [spec.title, row.title]} if row.title != spec.title else {}),
                "body": [spec.default_body, row.body],
            },
        )
        if not row.is_active:
            resets.append(row)
            _audit(
                data,
                actor_id=row.updated_by_id,
                action="document_template.reset",
                obj=row,
                at=row.updated_at,
                changes={
                    "template": [None, spec.label],
                    "title": [row.title, spec.title],
                    "body": [row.body, spec.default_body],
                },
            )
    data.counts["own letters"] = len(rows) - len(resets)
    data.counts["letters reset"] = len(resets)


MEETING_SHARE = 0.3  # of the cases past the rapid review (every case in it has its meetings)


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _save_meetings(data: Data, meetings: list, people_of: list[list]) -> list:
    """Save the meetings, then each one's invitees (``people_of``: a list per meeting), and
    count them (add_meetings first; add_panels and add_practitioner_sessions add theirs)."""
    from cases.models import Meeting, MeetingInvitee, MeetingStatus

    meetings = Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    for meeting, people in zip(meetings, people_of, strict=True):
        for person in people:
            person.meeting = meeting
    MeetingInvitee.objects.bulk_create(
        (p for people in people_of for p in people), batch_size=BATCH * 2
    )
    for name, n in (
        ("meetings", len(meetings)),
        ("meetings held", sum(m.status == MeetingStatus.HELD for m in meetings)),
        ("meeting invitees", sum(len(people) for people in people_of)),
    ):
        data.counts[name] = data.counts.get(name, 0) + n
    return meetings


def _meeting_invitees(data: Data, partnership_id: int) -> list:
    """The business manager, an executive in the chair and the SLOs of four agencies (the
    three statutory partners among them), each with their agency and the role
    meeting_schedule gives them."""
    from cases.models import MeetingInvitee, MeetingRole

    people = data.memberships[partnership_id]
    chosen = [
        (people["business_manager"][0], MeetingRole.BUSINESS_MANAGER),
        (people["executive"][0], MeetingRole.CHAIR),
    ] + [
        (m, MeetingRole.STATUTORY_PARTNER if m.agency.is_statutory_partner else MeetingRole.OTHER)
        for m in people["slo"][:4]
    ]
    return [
        MeetingInvitee(partnership_id=partnership_id, membership=m, agency=m.agency, role=role)
        for m, role in chosen
    ]


def add_meetings(data: Data) -> None:
    """A rapid review meeting and an action planning meeting on every case in the rapid review
    and about a third of those past it, as cases.services.meetings leaves them
    (docs/meetings.md): one before today held, with who attended, who sent apologies and
    whether it was quorate by the partnership's rule (cases.meeting_quorum), a few cancelled
    with the reason; one today or later still scheduled. The invitations went long ago: no
    outbox rows."""
    from django.utils import timezone

    from cases.meeting_calendar import meeting_uid
    from cases.meeting_quorum import quorum_result
    from cases.models import Meeting, MeetingKind, MeetingStatus

    rng = data.rng
    partnerships = {p.pk: p for p in data.partnerships}
    results: dict[tuple, tuple[bool, str]] = {}

    def quorum_of(partnership_id: int, present: list) -> tuple[bool, str]:
        # quorum_result reads only how many attended and their agencies: one call per mix.
        key = (partnership_id, len(present), frozenset(i.agency_id for i in present))
        if key not in results:
            results[key] = quorum_result(partnerships[partnership_id], present)
        return results[key]

    meetings, invitees = [], []
    for case in data.cases:
        share = 1 if case.stage == "rapid_review" else MEETING_SHARE
        if "rapid_review" not in STAGES_SO_FAR[case.stage] or rng.random() > share:
            continue
        partnership = partnerships[case.partnership_id]
        bm = _bm(data, case.partnership_id)
        opened = case.created_at.date()
        rapid = _weekday(opened + dt.timedelta(days=STAGE_START_DAYS["rapid_review"] + 5))
        rapid = _weekday(rapid + dt.timedelta(days=rng.randrange(6)))
        planning = _weekday(rapid + dt.timedelta(days=rng.randint(14, 28)))
        for kind, day in (
            (MeetingKind.RAPID_REVIEW, rapid),
            (MeetingKind.ACTION_PLANNING, planning),
        ):
            starts = timezone.make_aware(
                dt.datetime.combine(day, rng.choice([dt.time(10), dt.time(13, 30)]))
            )
            ends = starts + dt.timedelta(hours=rng.choice([2, 3]))
            lead = dt.timedelta(days=rng.randint(3, 10))
            created = max(case.created_at, _at(min(day - lead, data.today), rng))
            if day >= data.today:
                status = MeetingStatus.SCHEDULED
            elif rng.random() < 0.05:
                status = MeetingStatus.CANCELLED
            else:
                status = MeetingStatus.HELD
            online = rng.random() < 0.5
            token = f"{rng.getrandbits(96):024x}"
            meeting = Meeting(
                partnership_id=case.partnership_id,
                case=case,
                purpose="rapid_review",
                kind=kind,
                title=kind.label,
                starts_at=starts,
                ends_at=ends,
                location="" if online else f"{partnership.local_authority_name}, Room 2",
                online_link=f"https://teams.microsoft.com/l/meetup-join/{token}" if online else "",
                status=status,
                uid=meeting_uid(token),
                created_by_id=bm,
                created_at=created,
                updated_at=created,
            )
            people = _meeting_invitees(data, case.partnership_id)
            for person in people:
                person.created_at = created
            if status == MeetingStatus.CANCELLED:
                meeting.cancelled_reason = "The chair is unwell: the meeting will be rearranged."
                meeting.cancelled_at = meeting.updated_at = max(
                    created, starts - dt.timedelta(days=1)
                )
                meeting.cancelled_by_id = bm
                meeting.sequence = 1
            if status == MeetingStatus.HELD:
                for person in people:
                    person.attended = rng.random() < 0.85
                    person.apologies = not person.attended and rng.random() < 0.6
                present = [p for p in people if p.attended]
                meeting.quorate, meeting.quorum_reason = quorum_of(case.partnership_id, present)
                meeting.notes = "The decisions and actions are in the minutes."
                recorded = ends + dt.timedelta(hours=rng.randint(1, 20))
                meeting.attendance_recorded_at = meeting.updated_at = recorded
            meetings.append(meeting)
            invitees.append(people)
    meetings = _save_meetings(data, meetings, invitees)
    for meeting, people in zip(meetings, invitees, strict=True):
        names = [p.display_name for p in people]
        details = {
            "kind": meeting.kind,
            "title": meeting.title,
            "starts_at": meeting.starts_at.isoformat(),
            "ends_at": meeting.ends_at.isoformat(),
            "location": meeting.location,
            "online_link": meeting.online_link,
        }
        _audit(
            data,
            actor_id=meeting.created_by_id,
            action="meeting.schedule",
            obj=meeting,
            at=meeting.created_at,
            changes={k: [None, v] for k, v in details.items() if v} | {"invited": [None, names]},
        )
        if meeting.status == MeetingStatus.CANCELLED:
            _audit(
                data,
                actor_id=meeting.cancelled_by_id,
                action="meeting.cancel",
                obj=meeting,
                at=meeting.cancelled_at,
                changes={"status": [MeetingStatus.SCHEDULED.value, meeting.status]},
                note=meeting.cancelled_reason,
            )
        if meeting.status == MeetingStatus.HELD:
            _audit(
                data,
                actor_id=meeting.created_by_id,
                action="meeting.attendance",
                obj=meeting,
                at=meeting.attendance_recorded_at,
                changes={
                    "attended": [None, [p.display_name for p in people if p.attended]],
                    "quorum": [None, "quorate" if meeting.quorate else "not quorate"],
                    "status": [MeetingStatus.SCHEDULED.value, meeting.status],
                    "notes": [None, meeting.notes],
                },
                note=meeting.quorum_reason,
            )


CHRONOLOGY_SHARE = 0.25
CHRONOLOGY_SOURCES = ["Case file", "Police log", "GP record", "School record", "Health visit notes"]
CHRONOLOGY_CONTACTS = ["Home visit", "Telephone call", "Appointment", "Attendance", "Meeting"]


def add_chronologies(data: Data) -> None:
    """The agencies' chronologies for the rapid review (issue 13) on a quarter of the cases past
    triage, as the services leave them: asked of every agency involved on the rapid review's
    day zero (chronology_open), a handful of entries imported by the agency's SLO from the
    template (chronology_import: one audit row for the file), about the case's people and dated
    in the scope period (the year before the incident); submitted by the SLO, except on cases
    still in the rapid review, where some are being written or were returned for changes."""
    from cases.audit import snapshot
    from cases.models import Chronology, ChronologyEntry, ChronologyEntrySubject
    from cases.models import ChronologyStatus as C

    rng = data.rng
    slo_of = {}  # agency id -> its (first) SLO, as add_people placed them
    for p in data.partnerships:
        for k, user_id in enumerate(data.members[p.pk]["slo"]):
            slo_of.setdefault(data.agencies[p.pk][k % len(AGENCIES)].pk, user_id)
    chronologies, plans = [], []
    for case in data.cases:
        day_zero = case.created_at.date() + dt.timedelta(days=STAGE_START_DAYS["rapid_review"])
        if case.stage == "triage" or day_zero > data.today or rng.random() > CHRONOLOGY_SHARE:
            continue
        bm = _bm(data, case.partnership_id)
        opened = _at(day_zero, rng)
        for agency in data.case_agencies[case.pk]:
            slo = slo_of[agency.pk]
            day = min(day_zero + dt.timedelta(days=rng.randrange(3)), data.today)
            imported = max(opened, _at(day, rng))
            submitted = imported + dt.timedelta(days=rng.randrange(1, 8))
            returned = submitted + dt.timedelta(days=1)
            status = C.SUBMITTED
            if case.stage == "rapid_review":
                status = rng.choice([C.DRAFT, C.SUBMITTED, C.SUBMITTED, C.RETURNED])
            if returned.date() > data.today:
                status = C.DRAFT
            chronology = Chronology(
                partnership_id=case.partnership_id,
                case_id=case.pk,
                agency=agency,
                purpose="rapid_review",
                kind="events",
                scope_from=case.incident_date - dt.timedelta(days=365),
                scope_to=case.incident_date,
                due_date=day_zero + dt.timedelta(days=10),
                status=status,
                submitted_by_id=slo if status != C.DRAFT else None,
                submitted_at=submitted if status != C.DRAFT else None,
                returned_reason="Add the contacts with the family in the spring."
                if status == C.RETURNED
                else "",
                created_by_id=bm,
                created_at=opened,
                updated_at={C.DRAFT: imported, C.SUBMITTED: submitted, C.RETURNED: returned}[
                    status
                ],
            )
            chronologies.append(chronology)
            plans.append((chronology, bm, slo, imported, rng.randint(3, 8)))
    Chronology.objects.bulk_create(chronologies, batch_size=BATCH)
    entries, links = [], []
    for chronology, bm, slo, imported, n in plans:
        for position in range(1, n + 1):
            day = chronology.scope_from + dt.timedelta(days=rng.randrange(366))
            entries.append(
                ChronologyEntry(
                    partnership_id=chronology.partnership_id,
                    chronology_id=chronology.pk,
                    occurred_on=day,
                    source=rng.choice(CHRONOLOGY_SOURCES),
                    department="Children's services",
                    contact_type=rng.choice(CHRONOLOGY_CONTACTS),
                    by_whom="Practitioner",
                    details="The family was seen at home; the child appeared well.",
                    analysis="No concerns recorded at the time." if rng.random() < 0.5 else "",
                    position=position,
                    created_by_id=slo,
                    created_at=imported,
                    updated_at=imported,
                )
            )
        after = {k: v for k, v in snapshot(chronology).items() if v not in (None, "", [], {})}
        for name in ("created_by_id", "submitted_by_id", "submitted_at", "returned_reason"):
            after.pop(name, None)
        after["status"] = C.DRAFT.value
        _audit(
            data,
            actor_id=bm,
            action="chronology.open",
            obj=chronology,
            at=chronology.created_at,
            changes={k: [None, v] for k, v in after.items()},
        )
        _audit(
            data,
            actor_id=slo,
            action="chronology.import",
            obj=chronology,
            at=imported,
            changes={"entries": [None, n]},
            note="From the file chronology.xlsx",
        )
        if chronology.status != C.DRAFT:
            _audit(
                data,
                actor_id=slo,
                action="chronology.submit",
                obj=chronology,
                at=chronology.submitted_at,
                changes={"status": [C.DRAFT.value, C.SUBMITTED.value]},
            )
        if chronology.status == C.RETURNED:
            _audit(
                data,
                actor_id=bm,
                action="chronology.return",
                obj=chronology,
                at=chronology.updated_at,
                changes={"status": [C.SUBMITTED.value, C.RETURNED.value]},
                note=chronology.returned_reason,
            )
    entries = ChronologyEntry.objects.bulk_create(entries, batch_size=BATCH * 2)
    case_of = {c.pk: c.case_id for c in chronologies}
    for entry in entries:
        people = data.case_subjects[case_of[entry.chronology_id]]
        for subject_id in rng.sample(people, min(len(people), rng.randint(1, 2))):
            links.append(
                ChronologyEntrySubject(
                    partnership_id=entry.partnership_id, entry_id=entry.pk, subject_id=subject_id
                )
            )
    ChronologyEntrySubject.objects.bulk_create(links, batch_size=BATCH * 4)
    data.counts["chronologies"] = len(chronologies)
    data.counts["chronology entries"] = len(entries)


def add_audit(data: Data) -> None:
    """The audit rows the steps above collected, plus the access log's page views."""
    from cases.models import AuditEvent

    AuditEvent.objects.bulk_create(data.audit, batch_size=BATCH * 2)
    data.counts["audit rows"] = len(data.audit)


STEPS: list[Callable[[Data], None]] = [
    add_partnerships,
    add_people,
    add_cases,
    add_referrals,
    add_deadlines,
    add_reminders,
    add_notices,
    add_api_tokens,
    add_rendered_documents,
    add_sign_offs,
    add_serious_incident_notifications,
    add_notification_agreements,
    add_panel_responses,
    add_rapid_reviews,
    add_terms_of_reference,
    add_information_requests,
    add_rapid_review_reports,
    add_action_updates,
    add_impact_statements,
    add_lcsprs,
    add_reviewer_candidates,
    add_family_engagement,
    add_learning_reviews,
    add_learning_terms_and_family,
    add_briefings,
    add_report_versions,
    add_meetings,
    add_panels,  # after add_meetings: its first panel meetings add to the meeting counts
    add_practitioner_sessions,  # after add_meetings too: its meetings add to the counts
    add_comms_plans,
    add_non_publication_decisions,  # after add_lcsprs: the open copies_to_panel steps
    add_document_templates,
    add_chronologies,
    add_audit,  # last: it writes the audit rows every step above collected
]


def build(*, scale: float, seed: int, today: dt.date | None = None, echo=print) -> Data:
    """Run every step into the current database (connected as the owner). The steps fill every
    partnership at once, so outside any one partnership's scope (services they reuse, such as
    the working-day calendar, read scoped models)."""
    from django.db import connection, transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled

    data = Data(rng=random.Random(seed), scale=scale, today=today or timezone.localdate())
    with historic_timestamps(), transaction.atomic(), scopes_disabled():
        for step in STEPS:
            started = time.perf_counter()
            step(data)
            echo(f"  {step.__name__:<18} {time.perf_counter() - started:6.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="database to (re)create and fill")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: the whole of England")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    setup_django(args.database)
    print(f"Building the national data set into {args.database} (scale {args.scale})")
    data = build(scale=args.scale, seed=args.seed)
    for name, n in data.counts.items():
        print(f"  {name:<16} {n:>9,}")
    print(f"Done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
