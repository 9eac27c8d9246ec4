"""The demo's rapid review (issue 13): Swindon's, in progress. A case the local authority
became aware of eight working days ago is put in the rapid review stage and the stage started,
so the review opens by itself (the stage-started listener) with day zero the awareness date,
as Swindon counts it (seed 001): its information requests are overdue, its meeting and the
submission to the National Panel still to come."""

import datetime

from django.utils import timezone

from cases.clock import calendar_for, event_day_zero
from cases.models import CaseStage, Role
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
