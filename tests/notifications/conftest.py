import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.models import AgencyType, CaseStage, Role, SignOffStatus
from cases.services import cases as case_services
from cases.services import signoff as signoff_services
from cases.services import subjects as subject_services
from notifications.services import drafts, submission
from tests.factories import AgencyFactory, PartnershipFactory, make_member
from tests.world import PDF_BYTES

AWARE = datetime.date(2026, 11, 30)


@pytest.fixture
def dorset(db):
    """Dorset's preset (seed 002 section 3): the Head of QA (the local authority's SLO) drafts,
    three local-authority executives sign off; a business manager; a police SLO."""
    partnership = PartnershipFactory(
        name="Pan-Dorset Safeguarding Children Partnership",
        slug="dorset",
        code="DOR",
        with_preset="dorset",
    )
    la = AgencyFactory(
        partnership=partnership,
        name="Dorset Council",
        agency_type=AgencyType.LOCAL_AUTHORITY,
        is_statutory_partner=True,
    )
    police = AgencyFactory(
        partnership=partnership,
        name="Dorset Police",
        agency_type=AgencyType.POLICE,
        is_statutory_partner=True,
    )

    def member(role, agency, name):
        slug = name.lower().replace(" ", ".")
        return make_member(
            partnership, role, agency=agency, email=f"{slug}@dorset.test", full_name=name
        )

    d = SimpleNamespace(
        partnership=partnership,
        la=la,
        police=police,
        hoqa=member(Role.SLO, la, "Hana Head"),
        corporate=member(Role.EXECUTIVE, la, "Cora Corporate"),
        bm=member(Role.BUSINESS_MANAGER, None, "Bea Manager"),
        police_slo=member(Role.SLO, police, "Pat Police"),
    )
    d.case = case_services.case_create(
        actor=d.bm.user,
        membership=d.bm,
        title="Child D",
        incident_date=AWARE - datetime.timedelta(days=1),
        awareness_date=AWARE,
        agencies=[la, police],
        stage=CaseStage.AWAITING_NOTIFICATION,
    )
    subject_services.subject_add(
        actor=d.bm.user,
        membership=d.bm,
        case=d.case,
        role="child",
        first_name="Dora",
        last_name="Zebedee",
        nhs_number="9434765919",
    )
    return d


COMPLETE = {
    "location": "in_area",
    "care_status": "no",
    "abuse_or_neglect": "suspected",
    "harm": "serious_harm",
    "outline": "What happened.",
    "immediate_action": "Siblings placed safely.",
    "learning": "Information sharing.",
    "criteria": "Serious harm in the area; neglect suspected.",
}


def start(d, who=None):
    who = who or d.hoqa
    return drafts.notification_start(actor=who.user, membership=who, case=d.case)


def complete(d, notification, who=None, **extra):
    who = who or d.hoqa
    return drafts.notification_update(
        actor=who.user, membership=who, notification=notification, **{**COMPLETE, **extra}
    )


def copy_file(name="download.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def today_after_christmas(monkeypatch):
    """The app's today is Friday 5 February 2027, 10:00 (tests/notifications/panel_world.py):
    the National Panel's replies of December and January are in the past."""
    now = datetime.datetime(2027, 2, 5, 10, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)


def through_the_chain(d, n):
    sign_off = drafts.notification_send_for_sign_off(
        actor=d.hoqa.user, membership=d.hoqa, notification=n
    )
    while sign_off.status == SignOffStatus.IN_PROGRESS:
        step = sign_off.current_step
        who = d.hoqa if step["key"] == "submit" else d.corporate
        sign_off = signoff_services.signoff_approve(
            actor=who.user, membership=who, sign_off=sign_off
        )
    drafts.notification_sync(actor=None, notification=n)
    n.refresh_from_db()
    return n


def submitted(d, when=None, notification=None, **answers):
    n = through_the_chain(d, notification or complete(d, start(d), **answers))
    return submission.notification_submit(
        actor=d.hoqa.user,
        membership=d.hoqa,
        notification=n,
        submitted_at=when or timezone.now(),
    )
