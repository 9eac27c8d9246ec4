"""The demo's rapid review (issue 13): Swindon's, in progress. A case the local authority
became aware of eight working days ago is put in the rapid review stage and the stage started,
so the review opens by itself (the stage-started listener) with day zero the awareness date,
as Swindon counts it (seed 001): its information requests are overdue, its meeting and the
submission to the National Panel still to come.

Its information requests (docs/rapid-reviews.md) went out on day 2 to the police, the ICB and
the schools, due on day 7: the police's return written by its practitioner and signed off by
its safeguarding lead; the ICB's in progress (the demo has no ICB member to write it, so its
draft is put in place); the schools' late."""

import datetime

from django.utils import timezone

from cases.clock import calendar_for, event_day_zero
from cases.models import AgencyType, CaseStage, Role
from cases.services import cases as case_services
from cases.services.deadlines import stage_start
from rapid_reviews.services.start import STAGE

WORKING_DAYS_AGO = 8


def load_demo_rapid_review(index: int, code: str, partnership, members: dict) -> None:
    bm = members.get(Role.BUSINESS_MANAGER)
    if bm is None or partnership.slug != "swindon":
        return
    aware = calendar_for(partnership).add_working_days(timezone.localdate(), -WORKING_DAYS_AGO)
    case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title=f"Child {code[0]}R (demo: rapid review)",
        summary="Fictitious demonstration case. No real person is described.",
        incident_date=aware - datetime.timedelta(days=1),
        awareness_date=aware,
        agencies=list(partnership.agencies.filter(is_statutory_partner=True)),
        stage=CaseStage.RAPID_REVIEW,
    )
    stage_start(actor=bm.user, case=case, stage=STAGE, day_zero=event_day_zero(case, STAGE))
    _demo_requests(case, partnership, members, aware)


def _demo_requests(case, partnership, members, aware) -> None:
    from rapid_reviews.choices import RequestStatus
    from rapid_reviews.models import InformationRequest
    from rapid_reviews.services import requests as svc

    bm, staff, slo = (members.get(r) for r in (Role.BUSINESS_MANAGER, Role.AGENCY_STAFF, Role.SLO))
    review = case.rapid_reviews.first()
    wanted = [
        partnership.agencies.filter(agency_type=kind).order_by("pk").first()
        for kind in (AgencyType.POLICE, AgencyType.HEALTH, AgencyType.EDUCATION)
    ]
    if review is None or None in wanted or staff is None or slo is None:
        return
    calendar = calendar_for(partnership)
    made = svc.requests_send(
        actor=bm.user,
        membership=bm,
        review=review,
        agencies=wanted,
        due_date=timezone.localdate(),
    )
    day_two = datetime.datetime.combine(
        calendar.add_working_days(aware, 2),
        datetime.time(10),
        tzinfo=timezone.get_current_timezone(),
    )
    InformationRequest.objects.filter(pk__in=[r.pk for r in made]).update(
        sent_at=day_two, due_date=calendar.add_working_days(aware, 7)
    )
    police, icb, _schools = made
    police.refresh_from_db()
    svc.return_save(
        actor=staff.user,
        membership=staff,
        request=police,
        answers={
            "organisational_involvement": "Two call-outs to the family home in the last year"
            " (fictitious).",
            "strengths": "Timely referral to children's social care.",
            "information_sharing": "Shared at the strategy discussion on the same day.",
        },
    )
    svc.return_quality_assure(actor=staff.user, membership=staff, request=police)
    svc.return_sign_off(actor=slo.user, membership=slo, request=police, not_involved=True)
    InformationRequest.objects.filter(pk=icb.pk).update(
        status=RequestStatus.IN_PROGRESS,
        answers={"organisational_involvement": "Health visiting contacts (fictitious draft)."},
        written_at=timezone.now(),
    )
