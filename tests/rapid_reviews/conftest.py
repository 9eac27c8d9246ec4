import datetime
from types import SimpleNamespace

import pytest

from cases.models import AgencyType, CaseStage, Role
from cases.services import cases as case_services
from tests.factories import AgencyFactory, PartnershipFactory, make_member

AWARE = datetime.date(2026, 11, 30)


@pytest.fixture
def swindon(db):
    """Swindon's preset (seed 001): day zero is the day the local authority became aware."""
    partnership = PartnershipFactory(
        name="Swindon Safeguarding Partnership", slug="swindon", code="SWI", with_preset="swindon"
    )
    la = AgencyFactory(
        partnership=partnership,
        name="Swindon Borough Council",
        agency_type=AgencyType.LOCAL_AUTHORITY,
        is_statutory_partner=True,
    )
    school = AgencyFactory(
        partnership=partnership, name="Swindon Academy", agency_type=AgencyType.EDUCATION
    )

    def member(role, agency, name):
        slug = name.lower().replace(" ", ".")
        return make_member(
            partnership, role, agency=agency, email=f"{slug}@swindon.test", full_name=name
        )

    s = SimpleNamespace(
        partnership=partnership,
        la=la,
        school=school,
        bm=member(Role.BUSINESS_MANAGER, None, "Bea Manager"),
        exec=member(Role.EXECUTIVE, None, "Eve Executive"),
        la_slo=member(Role.SLO, la, "Lee Lead"),
        teacher=member(Role.AGENCY_STAFF, school, "Tia Teacher"),
    )
    s.case = case_services.case_create(
        actor=s.bm.user,
        membership=s.bm,
        title="Child S",
        incident_date=AWARE,
        awareness_date=AWARE,
        agencies=[la],
        stage=CaseStage.AWAITING_NOTIFICATION,
    )
    return s


@pytest.fixture
def lincolnshire(db):
    """Lincolnshire's preset (seed 000), whose clock has `tor_agreed`: its three statutory
    partners, their SLOs, a school, and a running review of a case with a child and a parent."""
    from cases.models import Subject, SubjectRole
    from rapid_reviews.choices import ReviewSource
    from rapid_reviews.services.start import rapid_review_start

    partnership = PartnershipFactory(
        name="Lincolnshire Safeguarding Children Partnership",
        slug="lincolnshire",
        code="LIN",
        with_preset="lincolnshire",
    )

    def agency(name, kind, statutory=True):
        return AgencyFactory(
            partnership=partnership, name=name, agency_type=kind, is_statutory_partner=statutory
        )

    def member(role, agency_, name):
        slug = name.lower().replace(" ", ".")
        return make_member(
            partnership, role, agency=agency_, email=f"{slug}@lincs.test", full_name=name
        )

    la = agency("Lincolnshire County Council", AgencyType.LOCAL_AUTHORITY)
    police = agency("Lincolnshire Police", AgencyType.POLICE)
    icb = agency("Lincolnshire ICB", AgencyType.HEALTH)
    school = agency("Lincoln Academy", AgencyType.EDUCATION, statutory=False)
    s = SimpleNamespace(
        partnership=partnership,
        la=la,
        police=police,
        icb=icb,
        school=school,
        bm=member(Role.BUSINESS_MANAGER, None, "Bo Manager"),
        la_slo=member(Role.SLO, la, "Lia Lead"),
        police_slo=member(Role.SLO, police, "Pat Lead"),
        icb_exec=member(Role.AGENCY_EXECUTIVE, icb, "Ian Exec"),
        school_slo=member(Role.SLO, school, "Sam Lead"),
        police_staff=member(Role.AGENCY_STAFF, police, "Pip Staff"),
    )
    s.case = case_services.case_create(
        actor=s.bm.user,
        membership=s.bm,
        title="Child L",
        summary="A baby was admitted with a head injury.",
        incident_date=datetime.date(2026, 11, 20),
        awareness_date=AWARE,
        agencies=[la, police, icb, school],
        stage=CaseStage.AWAITING_NOTIFICATION,
    )
    for role, first, extra in (
        (SubjectRole.CHILD, "Lily", {"date_of_birth": datetime.date(2026, 3, 1)}),
        (SubjectRole.PARENT, "Mark", {"relationship_to_child": "Father"}),
    ):
        Subject.objects.create(
            partnership=partnership,
            case=s.case,
            role=role,
            first_name=first,
            last_name="Smith",
            address="1 High Street\nLincoln",
            **extra,
        )
    s.review = rapid_review_start(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        source=ReviewSource.EXECUTIVE_DECISION,
        day_zero=AWARE,
    )
    return s
