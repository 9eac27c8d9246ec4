"""The demo case with chronologies (issue 13), for cases.demo: Lincolnshire's case in its rapid
review, the police's key events chronology written and submitted by the police SLO, and the
council's still being written (one entry the business manager entered on its behalf). Entirely
fictitious people; made through the services."""

import datetime

from django.utils import timezone

from cases.models import CaseStage, Role
from cases.services import cases as case_services
from cases.services import chronologies as services
from cases.services import subjects as subject_services
from cases.services.deadlines import stage_start

POLICE_ENTRIES = (
    # (days before the incident, type of contact, by whom, details, analysis)
    (
        150,
        "Attendance",
        "PC Demo",
        "Officers attended after a neighbour reported shouting; the child was seen and appeared "
        "well.",
        "Referred to children's services the same day.",
    ),
    (
        64,
        "Telephone call",
        "Demo Sergeant",
        "The school reported a bruise on the child's arm; shared with children's services.",
        "",
    ),
    (
        3,
        "Strategy meeting",
        "DS Demo",
        "Strategy meeting with children's services and health: a section 47 enquiry agreed.",
        "Police checks completed within the day.",
    ),
)


def load_demo_chronologies(code: str, partnership, members: dict) -> None:
    bm, slo = members[Role.BUSINESS_MANAGER], members[Role.SLO]
    today = timezone.localdate()
    incident = today - _days(20)
    council = partnership.agencies.get(agency_type="local_authority")
    case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title=f"Child {code[0]}D (demo chronologies)",
        summary="Fictitious demonstration case. No real person is described.",
        incident_date=incident,
        awareness_date=incident + _days(1),
        agencies=[council, slo.agency],
        stage=CaseStage.RAPID_REVIEW,
    )
    stage_start(actor=bm.user, case=case, stage=CaseStage.RAPID_REVIEW, day_zero=today - _days(6))
    child = subject_services.subject_add(
        actor=bm.user,
        membership=bm,
        case=case,
        role="child",
        first_name="Demo",
        last_name=f"Child {code}D",
        date_of_birth=datetime.date(2020, 5, 4),
        sex="not_known",
        ethnicity="not_declared",
    )
    parent = subject_services.subject_add(
        actor=bm.user,
        membership=bm,
        case=case,
        role="parent",
        first_name="Demo",
        last_name=f"Parent {code}D",
        relationship_to_child="Mother",
    )
    police, draft = (
        services.chronology_open(
            actor=bm.user,
            membership=bm,
            case=case,
            agency=agency,
            purpose="rapid_review",
            scope_from=incident - _days(365),
            scope_to=incident,
            due_date=today + _days(4),
        )
        for agency in (slo.agency, council)
    )
    for days, contact, by_whom, details, analysis in POLICE_ENTRIES:
        services.entry_add(
            actor=slo.user,
            membership=slo,
            chronology=police,
            occurred_on=incident - _days(days),
            source="Police log",
            department="Public protection unit",
            subjects=[child, parent],
            contact_type=contact,
            by_whom=by_whom,
            details=details,
            analysis=analysis,
        )
    services.chronology_submit(actor=slo.user, membership=slo, chronology=police)
    services.entry_add(
        actor=bm.user,
        membership=bm,
        chronology=draft,
        occurred_on=incident - _days(90),
        source="Case file",
        department="Early help",
        subjects=[child],
        contact_type="Home visit",
        by_whom="Demo family support worker",
        details="Home visit: the family accepted early help support.",
    )


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
