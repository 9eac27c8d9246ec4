"""Demo National Panel replies for cases.demo (entirely fictitious): in Lincolnshire a reply
the business manager still awaits, past its 15 working days; in BCP a Panel view contrary to
the partnership's decision, back with the PDSCP Executive Team. Made through the services."""

import datetime

from django.utils import timezone

from cases.models import CaseStage, Role
from cases.services import cases as case_services
from notifications.services import panel_responses


def _case(code: str, bm, title: str, days_ago: int):
    aware = timezone.localdate() - datetime.timedelta(days=days_ago)
    return case_services.case_create(
        actor=bm.user,
        membership=bm,
        title=title,
        incident_date=aware - datetime.timedelta(days=1),
        awareness_date=aware,
        stage=CaseStage.RAPID_REVIEW,
    )


def load_demo_panel_responses(index: int, code: str, partnership, members: dict) -> None:
    bm = members.get(Role.BUSINESS_MANAGER)
    if bm is None or partnership.slug not in ("lincolnshire", "bcp"):
        return
    today = timezone.localdate()
    if partnership.slug == "lincolnshire":
        case = _case(code, bm, f"Child {code[0]}P (demo: waiting for the Panel)", 50)
        panel_responses.panel_response_open(
            actor=bm.user,
            membership=bm,
            case=case,
            submitted_on=today - datetime.timedelta(days=28),
            partnership_view="lcspr",
        )
        return
    case = _case(code, bm, f"Child {code[0]}Q (demo: the Panel disagrees)", 60)
    response = panel_responses.panel_response_open(
        actor=bm.user,
        membership=bm,
        case=case,
        submitted_on=today - datetime.timedelta(days=30),
        partnership_view="no_review",
    )
    panel_responses.panel_response_record(
        actor=bm.user,
        membership=bm,
        response=response,
        received_on=today - datetime.timedelta(days=3),
        decision="local_review",
        comments="Demo: the Panel thinks a local review would bring learning about information"
        " sharing with the school.",
    )
