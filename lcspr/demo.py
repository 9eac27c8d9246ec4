"""Demo LCSPRs for cases.demo (entirely fictitious), made through the services: in Dorset one
counted from the National Panel's recommendation with its target publication date inside the
six months; in Swindon one whose target has moved past six months, so its delay notice to the
National Panel and the Secretary of State is due; in BCP a learning review (joint supervision,
Appendix A) with a draft 7-minute briefing."""

import datetime

from django.utils import timezone

from cases.calendar import add_months
from cases.clock import calendar_for
from cases.models import CaseStage, Deadline, Role
from cases.services import cases as case_services
from cases.services.deadlines import deadline_meet
from lcspr.choices import LcsprSource
from lcspr.services.start import lcspr_start
from lcspr.services.target import lcspr_target_set


def _case(bm, title: str, days_ago: int, agencies=()):
    aware = timezone.localdate() - datetime.timedelta(days=days_ago)
    return case_services.case_create(
        actor=bm.user,
        membership=bm,
        title=title,
        agencies=list(agencies),
        incident_date=aware - datetime.timedelta(days=1),
        awareness_date=aware,
        stage=CaseStage.PANEL_RESPONSE,
    )


def _working_day(partnership, day):
    return calendar_for(partnership).next_working_day(day)


def load_demo_lcspr(index: int, code: str, partnership, members: dict) -> None:
    bm = members.get(Role.BUSINESS_MANAGER)
    if bm is None or partnership.slug not in ("dorset", "swindon", "bcp"):
        return
    today = timezone.localdate()
    if partnership.slug == "bcp":
        from lcspr.services.learning import learning_review_start

        case = _case(bm, f"Child {code[0]}J (demo: joint supervision)", 30)
        case_services.case_stage_set(
            actor=bm.user, case=case, stage=CaseStage.RAPID_REVIEW, reason="Demo"
        )
        review = learning_review_start(
            actor=bm.user,
            membership=bm,
            case=case,
            option="joint_supervision",
            day_zero=today - datetime.timedelta(days=10),
            lines_of_enquiry="Demo: how the social worker and the health visitor shared what"
            " they saw at home visits.",
        )
        _demo_briefing(bm, review)
        return
    if partnership.slug == "dorset":
        from notifications.services import panel_responses

        slo = members.get(Role.SLO)
        council = partnership.agencies.get(agency_type="local_authority")
        agencies = [council] + ([slo.agency] if slo and slo.agency_id != council.pk else [])
        case = _case(bm, f"Child {code[0]}L (demo: LCSPR under way)", 90, agencies)
        response = panel_responses.panel_response_open(
            actor=bm.user,
            membership=bm,
            case=case,
            submitted_on=today - datetime.timedelta(days=60),
            partnership_view="lcspr",
        )
        panel_responses.panel_response_record(
            actor=bm.user,
            membership=bm,
            response=response,
            received_on=today - datetime.timedelta(days=40),
            decision="local_review",
            comments="Demo: the Panel agrees that a local review is appropriate.",
        )
        review = lcspr_start(
            actor=bm.user, membership=bm, case=case, source=LcsprSource.PANEL_RECOMMENDATION
        )
        lcspr_target_set(
            actor=bm.user,
            membership=bm,
            review=review,
            target=_working_day(partnership, add_months(review.day_zero, 5)),
        )
        # The first panel met on time and the requests went out the next day (7.8, 7.9).
        for key in ("first_panel_meeting", "report_requests"):
            step = Deadline.objects.get(case=case, stage="lcspr", key=key)
            deadline_meet(actor=bm.user, case=case, stage="lcspr", key=key, met_on=step.due)
        _demo_reviewers(bm, members.get(Role.LEAD_REVIEWER), review)
        _demo_drafts(bm, review)
        _demo_chronologies(bm, slo, council, review)
        return
    case = _case(bm, f"Child {code[0]}M (demo: LCSPR delayed)", 160)
    decided = today - datetime.timedelta(days=120)
    review = lcspr_start(
        actor=bm.user,
        membership=bm,
        case=case,
        source=LcsprSource.PARTNERSHIP_DECISION,
        day_zero=decided,
    )
    review = lcspr_target_set(
        actor=bm.user,
        membership=bm,
        review=review,
        target=_working_day(partnership, add_months(decided, 5)),
    )
    lcspr_target_set(
        actor=bm.user,
        membership=bm,
        review=review,
        target=_working_day(partnership, add_months(decided, 8)),
        reason="Demo: the criminal trial was adjourned to next spring.",
        delay_reasons="Demo: the police asked the review not to speak to the parents before the"
        " criminal trial, now listed for the spring.",
    )


def _demo_file(name: str, text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def _demo_reviewers(bm, reviewer_member, review) -> None:
    """Dorset's LCSPR's independent reviewer (BCP 003 s10, Dorset 002 7.1-7.7): two candidates,
    one not appointed on cost, the other appointed (the demo lead reviewer's account) with the
    contract recorded, so they now see the case and the notice to the National Panel is due."""
    if reviewer_member is None:
        return
    from lcspr.services.reviewers import (
        candidate_add,
        candidate_decide,
        candidate_shortlist,
        contract_record,
    )

    today = timezone.localdate()
    vetted = {
        "referee_1_name": "Demo Referee One",
        "referee_1_contact": "referee.one@example.org",
        "referee_1_received_on": today - datetime.timedelta(days=20),
        "referee_2_name": "Demo Referee Two",
        "referee_2_contact": "referee.two@example.org",
        "referee_2_received_on": today - datetime.timedelta(days=18),
        "public_liability_expires_on": today + datetime.timedelta(days=300),
        "indemnity_expires_on": today + datetime.timedelta(days=300),
        "conflicts_declared_on": today - datetime.timedelta(days=21),
        "conflicts": "None",
    }
    chosen = None
    for name, cost, appoint in (
        ("Demo Reviewer Alpha", "£7,800", False),
        ("Demo Reviewer Beta", "£6,200", True),
    ):
        candidate = candidate_add(
            actor=bm.user,
            membership=bm,
            review=review,
            name=name,
            organisation="Demo Independent Reviews",
            previous_reviews="Demo: two LCSPRs for other partnerships.",
            cv=_demo_file("cv.txt", f"Demo CV of {name}"),
            **vetted,
        )
        candidate = candidate_shortlist(
            actor=bm.user,
            membership=bm,
            candidate=candidate,
            shortlisted=True,
            shortlist_notes=f"Demo: shortlisted at the shortlisting meeting; cost {cost}.",
        )
        if appoint:
            chosen = candidate_decide(
                actor=bm.user,
                membership=bm,
                candidate=candidate,
                decision="appointed",
                member=reviewer_member,
                decided_on=today - datetime.timedelta(days=14),
            )
        else:
            candidate_decide(
                actor=bm.user,
                membership=bm,
                candidate=candidate,
                decision="not_appointed",
                reason="Demo: the higher cost, with equal experience.",
                decided_on=today - datetime.timedelta(days=14),
            )
    contract_record(
        actor=bm.user,
        membership=bm,
        candidate=chosen,
        contract_recorded_on=today - datetime.timedelta(days=7),
        contract=_demo_file("contract.txt", "Demo contract on the council's template"),
    )


def _demo_briefing(bm, review) -> None:
    """BCP's learning review: a draft 7-minute briefing, two sections still to write."""
    from lcspr.services.briefing import briefing_create, briefing_save

    briefing = briefing_create(actor=bm.user, membership=bm, review=review)
    briefing_save(
        actor=bm.user,
        membership=bm,
        briefing=briefing,
        background="Demo: a baby was seen at home by the health visitor and the social worker"
        " in the same week; neither knew of the other's visit.",
        why_it_matters="Joint supervision helps practitioners share what they see at home"
        " visits while it can still change what happens next.",
        information="Demo: the review found that the two services recorded their visits in"
        " separate systems and met only at the core group.",
        think_about="Who else is visiting this family, and when did you last talk to them?",
        questions="Do I know who else is involved? How would I tell them what I saw today?",
    )


def _demo_drafts(bm, review) -> None:
    """Dorset's LCSPR's report (7.13, 7.15): three versions; the anonymisation check of the
    second caught the child's first name, left in a paragraph; Legal Services read the third."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.services import subjects as subject_services
    from lcspr.anonymisation import DOCX
    from lcspr.docx_build import docx_bytes
    from lcspr.services.drafts import anonymisation_run, draft_upload, legal_read_record

    case = review.case
    subject_services.subject_add(
        actor=bm.user,
        membership=bm,
        case=case,
        role="child",
        first_name="Poppy",
        last_name="Mayfield",
        date_of_birth=datetime.date(2021, 3, 14),
    )
    body = [
        "Demo: Child L lived with her mother and two older siblings.",
        "Agencies knew of the concerns about the home but did not share them.",
    ]
    versions = []
    for number, extra, comments in (
        (1, [], "Demo: the first draft, for the review panel."),
        (2, ["Poppy told her teacher she was hungry."], "Demo: the panel's amendments."),
        (3, ["Child L told her teacher she was hungry."], "Demo: the child's name taken out."),
    ):
        uploaded = SimpleUploadedFile(
            f"Demo LCSPR report v{number}.docx", docx_bytes([*body, *extra]), content_type=DOCX
        )
        versions.append(
            draft_upload(
                actor=bm.user, membership=bm, review=review, uploaded=uploaded, comments=comments
            )
        )
    anonymisation_run(actor=bm.user, membership=bm, version=versions[1])
    legal_read_record(
        actor=bm.user,
        membership=bm,
        version=versions[2],
        adviser_name="Demo Senior Solicitor, Legal Services",
        read_on=timezone.localdate(),
        outcome="approved",
        comments="Demo: nothing potentially incriminating to the council or the partnership.",
    )


def _demo_chronologies(bm, slo, council, review) -> None:
    """Two chronologies returned for the lead reviewer (Swindon 001 Appendix 10): the police's
    key events, and the council's organisational changes entered on its behalf."""
    from cases.services import chronologies

    case = review.case
    scope_to = case.incident_date
    asked = []
    for agency, kind in ((slo.agency, "events"), (council, "organisational_changes")):
        asked.append(
            chronologies.chronology_open(
                actor=bm.user,
                membership=bm,
                case=case,
                agency=agency,
                purpose="lcspr",
                kind=kind,
                scope_from=scope_to - datetime.timedelta(days=365),
                scope_to=scope_to,
                due_date=review.day_zero + datetime.timedelta(days=35),
            )
        )
    police, changes = asked
    for days, details in (
        (200, "Demo: officers attended a report of a disturbance at the family home."),
        (60, "Demo: a referral to children's social care after a second call-out."),
    ):
        chronologies.entry_add(
            actor=slo.user,
            membership=slo,
            chronology=police,
            occurred_on=scope_to - datetime.timedelta(days=days),
            source="Police log",
            contact_type="Police attendance",
            by_whom="Demo response officer",
            details=details,
        )
    chronologies.chronology_submit(
        actor=slo.user,
        membership=slo,
        chronology=police,
        written_by="Demo Inspector, public protection unit",
        author_not_involved=True,
    )
    chronologies.entry_add(
        actor=bm.user,
        membership=bm,
        chronology=changes,
        occurred_on=scope_to - datetime.timedelta(days=150),
        source="Service records",
        department="Children's services",
        details="Demo: the front door team moved to a new case management system; referrals"
        " were entered by hand for six weeks.",
    )
    chronologies.chronology_submit(
        actor=bm.user,
        membership=bm,
        chronology=changes,
        written_by="Demo Head of Service, quality assurance",
        author_not_involved=True,
    )
