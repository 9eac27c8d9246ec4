"""Demo partnerships modelled on the five seed procedures. Entirely fictitious people and cases."""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from cases import extensions
from cases.models import AgencyType, Membership, Partnership, Role, User
from cases.tenancy import partnership_scope
from cases.validators import NHS_NUMBER_WEIGHTS

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed for the demo, never in production
# One authenticator-app entry serves every demo user (base32; add it once to your app, or run
# `manage.py demo_code`).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105
DEMO_DOMAIN = "demo.invalid"

A = AgencyType


@dataclass(frozen=True)
class DemoPartnership:
    slug: str
    name: str
    code: str
    preset: str
    local_authority: str
    agencies: tuple[tuple[str, str, bool], ...]


PARTNERSHIPS = (
    DemoPartnership(
        "lincolnshire",
        "Lincolnshire Safeguarding Children Partnership (demo)",
        "LIN",
        "lincolnshire",
        "Lincolnshire County Council",
        (
            ("Lincolnshire County Council Children's Services", A.LOCAL_AUTHORITY, True),
            ("Lincolnshire Police", A.POLICE, True),
            ("NHS Lincolnshire Integrated Care Board", A.HEALTH, True),
            ("United Lincolnshire Hospitals NHS Trust", A.HEALTH_PROVIDER, False),
            ("Lincolnshire Partnership NHS Foundation Trust", A.HEALTH_PROVIDER, False),
            ("Lincolnshire Schools and Education", A.EDUCATION, False),
            ("Probation Service – Lincolnshire", A.PROBATION, False),
        ),
    ),
    DemoPartnership(
        "swindon",
        "Swindon Safeguarding Partnership (demo)",
        "SWI",
        "swindon",
        "Swindon Borough Council",
        (
            ("Swindon Borough Council Children's Services", A.LOCAL_AUTHORITY, True),
            ("Wiltshire Police", A.POLICE, True),
            ("Bath and North East Somerset, Swindon and Wiltshire ICB", A.HEALTH, True),
            ("Great Western Hospitals NHS Foundation Trust", A.HEALTH_PROVIDER, False),
            ("Swindon Schools", A.EDUCATION, False),
            ("Probation Service – Swindon", A.PROBATION, False),
        ),
    ),
    DemoPartnership(
        "dorset",
        "Pan-Dorset Safeguarding Children Partnership – Dorset (demo)",
        "DOR",
        "dorset",
        "Dorset Council",
        (
            ("Dorset Council Children's Services", A.LOCAL_AUTHORITY, True),
            ("Dorset Police", A.POLICE, True),
            ("NHS Dorset Integrated Care Board", A.HEALTH, True),
            ("Dorset HealthCare University NHS Foundation Trust", A.HEALTH_PROVIDER, False),
            ("Dorset Schools", A.EDUCATION, False),
        ),
    ),
    DemoPartnership(
        "bcp",
        "Bournemouth, Christchurch & Poole Safeguarding Children Partnership (demo)",
        "BCP",
        "bcp",
        "BCP Council",
        (
            ("BCP Council Children's Services", A.LOCAL_AUTHORITY, True),
            ("Dorset Police (BCP)", A.POLICE, True),
            ("NHS Dorset Integrated Care Board (BCP)", A.HEALTH, True),
            ("University Hospitals Dorset NHS Foundation Trust", A.HEALTH_PROVIDER, False),
            ("BCP Schools", A.EDUCATION, False),
            ("BCP Voluntary Sector Forum", A.VOLUNTARY_OTHER, False),
        ),
    ),
    DemoPartnership(
        "north-lincolnshire",
        "North Lincolnshire Children's Multi-Agency Resilience and Safeguarding Board (demo)",
        "NLI",
        "north-lincolnshire",
        "North Lincolnshire Council",
        (
            ("North Lincolnshire Council Children's Services", A.LOCAL_AUTHORITY, True),
            ("Humberside Police", A.POLICE, True),
            ("NHS Humber and North Yorkshire ICB", A.HEALTH, True),
            ("Northern Lincolnshire and Goole NHS Foundation Trust", A.HEALTH_PROVIDER, False),
            ("North Lincolnshire Schools", A.EDUCATION, False),
        ),
    ),
)

# role -> (e-mail local part, display name, agency index or None)
DEMO_ROLES = (
    (Role.BUSINESS_MANAGER, "bm", "Business Manager", None),
    (Role.SLO, "slo", "Safeguarding Lead (Police)", 1),
    (Role.AGENCY_STAFF, "staff", "Agency Practitioner (Police)", 1),
    (Role.EXECUTIVE, "exec", "Executive", 0),
    (Role.REVIEW_GROUP_MEMBER, "rg", "Review Group Member (Health)", 2),
    (Role.LEAD_REVIEWER, "reviewer", "Independent Lead Reviewer", None),
    (Role.SCRUTINEER, "scrutineer", "Independent Scrutineer", None),
    # Signs off the agency's referrals where the partnership says so (Swindon, seed 001 s. 4).
    (Role.AGENCY_EXECUTIVE, "agencyexec", "Agency executive (Police)", 1),
)


def demo_email(local: str, slug: str) -> str:
    return f"{local}.{slug}@{DEMO_DOMAIN}"


def test_nhs_number(seed: int) -> str:
    """A valid NHS number in the 999 range reserved for testing."""
    n = seed
    while True:
        body = f"999{n:06d}"
        total = sum(int(d) * w for d, w in zip(body, NHS_NUMBER_WEIGHTS, strict=True))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10:
            return body + str(check)
        n += 1


def _demo_user(email: str, full_name: str) -> tuple[User, list[str]]:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    rc = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    codes = (
        RecoveryCodes(rc).get_unused_codes()
        if rc
        else RecoveryCodes.activate(user).get_unused_codes()
    )
    return user, codes


@transaction.atomic
def load_demo_data() -> list[dict]:
    """Create (or top up) the demo partnerships; returns the demo users' credentials."""
    from cases.services import cases as case_services
    from cases.services import documents as document_services
    from cases.services import subjects as subject_services
    from cases.services.people import membership_create
    from cases.workflow import preset

    credentials = []
    for index, spec in enumerate(PARTNERSHIPS):
        partnership, created = Partnership.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "code": spec.code,
                "workflow_preset": spec.preset,
                "workflow": preset(spec.preset),
                "local_authority_name": spec.local_authority,
            },
        )
        with partnership_scope(partnership):
            agencies = []
            for name, kind, statutory in spec.agencies:
                agency, _ = partnership.agencies.get_or_create(
                    name=name, defaults={"agency_type": kind, "is_statutory_partner": statutory}
                )
                agencies.append(agency)
            members = {}
            for role, local, label, agency_index in DEMO_ROLES:
                email = demo_email(local, spec.slug)
                user, codes = _demo_user(email, f"{label} ({spec.code} demo)")
                membership = Membership.objects.filter(user=user, partnership=partnership).first()
                if membership is None:
                    agency = agencies[agency_index] if agency_index is not None else None
                    membership = membership_create(
                        partnership=partnership,
                        user=user,
                        roles=[role],
                        agency=agency,
                        job_title=label,
                    )
                members[role] = membership
                credentials.append(
                    {
                        "partnership": spec.slug,
                        "role": role.label,
                        "email": email,
                        "recovery_codes": codes[:2],
                    }
                )
            if created:
                _demo_cases(
                    index,
                    spec,
                    partnership,
                    agencies,
                    members,
                    case_services,
                    subject_services,
                    document_services,
                )
    return credentials


# The first demo case's child in each partnership has a made-up name to search for (issue 11):
# "Thornton", the alias "Hale", the misspelling "Thornten" and the NHS number find Maisie in
# Lincolnshire and nowhere else; the other demo children are "Demo Child <code><letter>".
DEMO_CHILDREN = (
    ("Maisie", "Thornton", "Maisie Hale"),
    ("Leo", "Pemberton", "Leo Marsh"),
    ("Ava", "Kingsley", "Ava Blake"),
    ("Finley", "Ashworth", "Finn Carter"),
    ("Isla", "Whitfield", "Isla Brooks"),
)


def _demo_child_name(index: int, n: int, code: str, letter: str) -> dict:
    if n == 0 and index < len(DEMO_CHILDREN):
        first, last, aliases = DEMO_CHILDREN[index]
        return {"first_name": first, "last_name": last, "aliases": aliases}
    return {"first_name": "Demo", "last_name": f"Child {code}{letter}"}


def _demo_cases(
    index, spec, partnership, agencies, members, case_services, subject_services, document_services
):
    import datetime

    from cases.chronology_demo import load_demo_chronologies
    from cases.demo_actions import load_demo_actions, load_demo_completed_plan
    from cases.demo_meetings import load_demo_meeting

    bm = members[Role.BUSINESS_MANAGER]
    letters = ("A", "B", "C")
    cases = []
    for n, letter in enumerate(letters):
        case = case_services.case_create(
            actor=bm.user,
            membership=bm,
            title=f"Child {spec.code[0]}{letter} (demo)",
            summary="Fictitious demonstration case. No real person is described.",
            incident_date=datetime.date(2026, 10, 5 + n),
            awareness_date=datetime.date(2026, 10, 6 + n),
            agencies=[agencies[0], agencies[1]] if n != 2 else [agencies[2]],
        )
        subject_services.subject_add(
            actor=bm.user,
            membership=bm,
            case=case,
            role="child",
            **_demo_child_name(index, n, spec.code, letter),
            date_of_birth=datetime.date(2019, 3, 1 + n),
            nhs_number=test_nhs_number(index * 100 + n * 10),
            sex="not_known",
            ethnicity="not_declared",
            cp_plan_status="dont_know",
        )
        subject_services.subject_add(
            actor=bm.user,
            membership=bm,
            case=case,
            role="parent",
            first_name="Demo",
            last_name=f"Parent {spec.code}{letter}",
            relationship_to_child="Mother",
        )
        document_services.case_note_add(
            actor=bm.user,
            membership=bm,
            case=case,
            text="Demo note: referral received and logged.",
        )
        cases.append(case)
    if spec.slug == "swindon":
        load_demo_meeting(cases[0], members)
    if spec.slug == "lincolnshire":
        load_demo_chronologies(spec.code, partnership, members)
    if spec.slug == "dorset":
        load_demo_actions(cases[0], agencies, members)
    if spec.slug == "bcp":
        load_demo_completed_plan(cases[1], agencies, members)
    extensions.load_demo_records(index, spec.code, partnership, members)
