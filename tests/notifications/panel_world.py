"""A partnership of a preset with a case at its rapid review, and the app's today moved after it,
for the National Panel's replies (tests/notifications/test_panel_*.py)."""

import datetime
from types import SimpleNamespace

from cases.models import AgencyType, CaseStage, Role
from cases.services import cases as case_services
from cases.services import subjects as subject_services
from tests.factories import AgencyFactory, PartnershipFactory, make_member

SENT = datetime.date(2026, 12, 7)  # a Monday; Christmas falls in the 15 working days
TODAY = datetime.date(2027, 2, 5)


def make_world(preset: str, slug: str | None = None):
    slug = slug or preset
    partnership = PartnershipFactory(slug=slug, code=slug[:3].upper(), with_preset=preset)
    la = AgencyFactory(
        partnership=partnership, agency_type=AgencyType.LOCAL_AUTHORITY, is_statutory_partner=True
    )
    police = AgencyFactory(
        partnership=partnership, agency_type=AgencyType.POLICE, is_statutory_partner=True
    )

    def member(role, agency, name):
        return make_member(
            partnership,
            role,
            agency=agency,
            email=f"{name}@{slug}.test",
            full_name=name.title(),
        )

    w = SimpleNamespace(
        partnership=partnership,
        bm=member(Role.BUSINESS_MANAGER, None, "bea"),
        executive=member(Role.EXECUTIVE, None, "eve"),
        group=member(Role.REVIEW_GROUP_MEMBER, None, "gus"),
        police_slo=member(Role.SLO, police, "pat"),
        la_slo=member(Role.SLO, la, "lara"),
    )
    w.case = case_services.case_create(
        actor=w.bm.user,
        membership=w.bm,
        title="Child P",
        incident_date=datetime.date(2026, 11, 10),
        awareness_date=datetime.date(2026, 11, 11),
        agencies=[la, police],
        stage=CaseStage.RAPID_REVIEW,
    )
    subject_services.subject_add(
        actor=w.bm.user,
        membership=w.bm,
        case=w.case,
        role="child",
        first_name="Penny",
        last_name="Quince",
    )
    return w
