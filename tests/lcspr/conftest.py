import datetime
from types import SimpleNamespace

import pytest

from cases.models import AgencyType, CaseStage, Role
from cases.services import cases as case_services
from tests.factories import AgencyFactory, PartnershipFactory, make_member

AWARE = datetime.date(2026, 6, 1)


@pytest.fixture
def dorset(db):
    """Dorset's preset (seed 002): the LCSPR's six months count from the National Panel's
    recommendation (7.6); the final review and comms meetings from the target publication
    date (7.16, 7.17)."""
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
    fire = AgencyFactory(
        partnership=partnership, name="Dorset Fire", agency_type=AgencyType.VOLUNTARY_OTHER
    )

    def member(role, agency, name):
        slug = name.lower().replace(" ", ".")
        return make_member(
            partnership, role, agency=agency, email=f"{slug}@dorset.test", full_name=name
        )

    s = SimpleNamespace(
        partnership=partnership,
        la=la,
        bm=member(Role.BUSINESS_MANAGER, None, "Bea Manager"),
        exec=member(Role.EXECUTIVE, None, "Eve Executive"),
        la_slo=member(Role.SLO, la, "Lee Lead"),
        fire_slo=member(Role.SLO, fire, "Fay Fire"),
    )
    s.case = case_services.case_create(
        actor=s.bm.user,
        membership=s.bm,
        title="Child D",
        incident_date=AWARE,
        awareness_date=AWARE,
        agencies=[la],
        stage=CaseStage.PANEL_RESPONSE,
    )
    return s


@pytest.fixture
def mid_december(monkeypatch):
    """The app's today is Tuesday 15 December 2026, 10:00."""
    from django.utils import timezone

    now = datetime.datetime(2026, 12, 15, 10, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)


def panel_recommends(s, received_on):
    """The National Panel's reply recommending a local review, as the Panel replies page records
    it (notifications.services.panel_responses), reduced to what the LCSPR reads."""
    from notifications.choices import PanelDecision
    from notifications.models import PanelResponse

    return PanelResponse.objects.create(
        partnership=s.partnership,
        case=s.case,
        submitted_on=received_on - datetime.timedelta(days=20),
        received_on=received_on,
        decision=PanelDecision.LOCAL_REVIEW,
        created_by=s.bm.user,
    )


@pytest.fixture
def bcp(db):
    """BCP's preset (seed 003): Appendix A's menu of learning options with timescales."""
    partnership = PartnershipFactory(
        name="BCP Safeguarding Children Partnership", slug="bcp", code="BCP", with_preset="bcp"
    )
    la = AgencyFactory(
        partnership=partnership,
        name="BCP Council",
        agency_type=AgencyType.LOCAL_AUTHORITY,
        is_statutory_partner=True,
    )
    s = SimpleNamespace(
        partnership=partnership,
        bm=make_member(partnership, Role.BUSINESS_MANAGER, email="bm@bcp.test"),
        la_slo=make_member(partnership, Role.SLO, agency=la, email="slo@bcp.test"),
    )
    s.case = case_services.case_create(
        actor=s.bm.user,
        membership=s.bm,
        title="Child B",
        incident_date=AWARE,
        awareness_date=AWARE,
        agencies=[la],
        stage=CaseStage.RAPID_REVIEW,
    )
    return s
