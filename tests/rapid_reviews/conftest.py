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
