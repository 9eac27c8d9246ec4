"""The demo's rapid review (issue 13): Swindon's, in progress. A case the local authority
became aware of eight working days ago is put in the rapid review stage and the stage started,
so the review opens by itself (the stage-started listener) with day zero the awareness date,
as Swindon counts it (seed 001): its information requests are overdue, its meeting and the
submission to the National Panel still to come.

Its information requests (docs/rapid-reviews.md) went out on day 2 to the police, the ICB and
the schools, due on day 7: the police's return written by its practitioner and signed off by
its safeguarding lead; the ICB's in progress (the demo has no ICB member to write it, so its
draft is put in place); the schools' late.

Lincolnshire's review (the one its chronologies case opened, cases/chronology_demo.py) has its
terms of reference (Lincolnshire 000 Appendix E) drafted from the case, completed, sent and
approved by the three statutory partners, so its clock's `tor_agreed` milestone is met: the
police's safeguarding lead approves for the police, the business manager records the council's
and the ICB's approvals for them."""

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
    if bm is not None and partnership.slug == "lincolnshire":
        _demo_terms(partnership, members)
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


def _demo_terms(partnership, members) -> None:
    from rapid_reviews.choices import LIVE_STATUSES
    from rapid_reviews.models import RapidReview
    from rapid_reviews.services import terms as svc

    bm, slo = members.get(Role.BUSINESS_MANAGER), members.get(Role.SLO)
    review = (
        RapidReview.objects.filter(partnership=partnership, status__in=LIVE_STATUSES)
        .order_by("pk")
        .first()
    )
    if review is None or review.terms.exists():
        return
    calendar = calendar_for(partnership)
    terms = svc.terms_draft(actor=bm.user, membership=bm, review=review)
    svc.terms_update(
        actor=bm.user,
        membership=bm,
        terms=terms,
        scope_agreed_on=calendar.add_working_days(review.day_zero, 2),
        chronology_due=calendar.add_working_days(review.day_zero, 7),
        methodology="The LSCP chronology template is completed and returned by 9am on the date"
        " above. The focus of the review is on why events happened, not what happened.",
        meeting_dates="Over two days in the week after the chronologies are returned (fictitious).",
        reporting="The Rapid Review Group feeds back to the Significant Incident Review Group"
        " and the three key strategic leads; the business manager submits the report to the"
        " National Panel.",
    )
    terms = svc.terms_send_for_approval(actor=bm.user, membership=bm, terms=terms)
    partners = svc.statutory_partners(partnership.pk)
    own = slo is not None and slo.agency_id in {a.pk for a in partners}
    if own:
        svc.terms_approve(
            actor=slo.user, membership=slo, terms=terms, comments="Agreed at the ToR meeting."
        )
    for agency in partners:
        if own and agency.pk == slo.agency_id:
            continue
        svc.terms_approve(actor=bm.user, membership=bm, terms=terms, agency=agency)
