"""Demo LCSPRs for cases.demo (entirely fictitious), made through the services: in Dorset one
counted from the National Panel's recommendation with its target publication date inside the
six months; in Swindon one whose target has moved past six months, so its delay notice to the
National Panel and the Secretary of State is due; in BCP a learning review (joint supervision,
Appendix A) with a draft 7-minute briefing. Dorset's LCSPR also has its family engagement: two
family members, a coordinator, a letter and a telephone call, and a coroner's inquest that held
family contact back until the coroner's officer agreed. It has its review panel (a chair, the
three statutory partners' representatives, the lead reviewer and an expert, each with their
declaration and confidentiality agreement) and its terms of reference: version 1 signed off at
the first panel within 3 weeks, version 2 a draft with a change. It also has a reflective
practitioner session held two weeks ago (four practitioners invited, three attended, two have
given feedback) and a comms plan of three items with a reactive statement."""

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
        _demo_learning_terms_and_family(bm, review)
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
        review = lcspr_target_set(
            actor=bm.user,
            membership=bm,
            review=review,
            target=_working_day(partnership, add_months(review.day_zero, 5)),
        )
        _demo_reviewers(bm, members.get(Role.LEAD_REVIEWER), review)
        _demo_chronologies(bm, slo, council, review)
        # The first panel met on time and signed off the terms of reference, which meets the
        # clock's first panel step; the requests went out the next day (7.8, 7.9).
        _demo_panel(bm, members, review)
        step = Deadline.objects.get(case=case, stage="lcspr", key="report_requests")
        deadline_meet(
            actor=bm.user, case=case, stage="lcspr", key="report_requests", met_on=step.due
        )
        _demo_family(bm, review)
        _demo_drafts(bm, review)
        _demo_session(bm, members, review)
        _demo_comms(bm, members, review)
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


def _demo_learning_terms_and_family(bm, review) -> None:
    """BCP's learning review: version 1 of its terms of reference approved by its governance
    body two days after the decision; the mother added to its family engagement and told of it
    by telephone, the notes shared back (BCP 003 s11)."""
    from lcspr.services import family
    from lcspr.services.learning_terms import current_terms, learning_terms_approve

    learning_terms_approve(
        actor=bm.user,
        membership=bm,
        terms=current_terms(review),
        approved_by=review.governance,
        approved_on=review.day_zero + datetime.timedelta(days=2),
    )
    family.family_coordinator_set(actor=bm.user, membership=bm, review=review, coordinator=bm.user)
    mother = family.family_member_add(
        actor=bm.user,
        membership=bm,
        review=review,
        name="Demo Parent",
        relationship="Mother",
        preferred_method="telephone",
    )
    called_on = review.day_zero + datetime.timedelta(days=4)
    family.family_contact_add(
        actor=bm.user,
        membership=bm,
        review=review,
        member=mother,
        method="telephone",
        contacted_on=called_on,
        made_by="The business manager",
        outcome="Demo: told of the joint supervision; would like to share her experience.",
        notes_shared=True,
        notes_shared_on=called_on + datetime.timedelta(days=1),
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


def _demo_panel(bm, members, review) -> None:
    """Dorset's LCSPR's review panel and terms of reference (Swindon 001 ss5-8 and Appendices 5
    and 6; Dorset 002 7.8)."""
    from cases.models import MeetingKind
    from cases.services.meetings import (
        InviteeDetails,
        meeting_record_attendance,
        meeting_schedule,
    )
    from lcspr.choices import PanelConflicts, PanelRole
    from lcspr.services.panel import panel_member_add, panel_member_declare
    from lcspr.services.panel_terms import (
        panel_terms_draft,
        panel_terms_revise,
        panel_terms_sign_off,
        panel_terms_update,
    )

    partnership = review.case.partnership
    first_panel = _working_day(partnership, review.day_zero + datetime.timedelta(days=14))
    declared = first_panel - datetime.timedelta(days=3)
    chair = members.get(Role.EXECUTIVE)
    reviewer = members.get(Role.LEAD_REVIEWER)
    people = [
        (
            {"member": chair}
            if chair
            else {"name": "Demo Chair", "job_title": "Independent chair", "organisation": "PDSCP"}
        )
        | {"panel_role": PanelRole.CHAIR},
        {
            "name": "Demo Head of Service",
            "job_title": "Head of Children's Social Care",
            "organisation": "Dorset Council",
            "email": "head.of.service@example.org",
            "panel_role": PanelRole.STATUTORY_PARTNER,
            "statutory_partner": "local_authority",
        },
        {
            "name": "Demo Detective Inspector",
            "job_title": "Detective Inspector, Public Protection",
            "organisation": "Dorset Police",
            "email": "di.demo@example.org",
            "panel_role": PanelRole.STATUTORY_PARTNER,
            "statutory_partner": "police",
        },
        {
            "name": "Demo Designated Nurse",
            "job_title": "Designated Nurse for Safeguarding Children",
            "organisation": "NHS Dorset ICB",
            "email": "designated.nurse@example.org",
            "panel_role": PanelRole.STATUTORY_PARTNER,
            "statutory_partner": "icb",
        },
        (
            {"member": reviewer}
            if reviewer
            else {
                "name": "Demo Reviewer Beta",
                "job_title": "Independent reviewer",
                "organisation": "Demo Independent Reviews",
            }
        )
        | {"panel_role": PanelRole.LEAD_REVIEWER},
        {
            "name": "Demo Consultant Paediatrician",
            "job_title": "Consultant paediatrician",
            "organisation": "Demo University Hospital",
            "email": "paediatrician@example.org",
            "panel_role": PanelRole.EXPERT,
        },
    ]
    panel = []
    for details in people:
        row = panel_member_add(actor=bm.user, membership=bm, review=review, **details)
        conflict = details.get("statutory_partner") == "local_authority"
        panel.append(
            panel_member_declare(
                actor=bm.user,
                membership=bm,
                member=row,
                conflicts=PanelConflicts.DECLARED if conflict else PanelConflicts.NONE,
                conflicts_details=(
                    "Demo: line-managed the team that held the case until 2024." if conflict else ""
                ),
                chair_decision=(
                    "Demo: takes part; does not comment on that team's practice."
                    if conflict
                    else ""
                ),
                declared_on=declared,
                confidentiality_signed_on=declared,
            )
        )
    starts = timezone.make_aware(datetime.datetime.combine(first_panel, datetime.time(10)))
    invitees = [InviteeDetails(membership=bm)] + [
        InviteeDetails(membership=m.membership)
        if m.membership_id
        else InviteeDetails(name=m.name, email=m.email)
        for m in panel
        if m.membership_id or m.email
    ]
    meeting = meeting_schedule(
        actor=bm.user,
        membership=bm,
        case=review.case,
        kind=MeetingKind.REVIEW_PANEL,
        title="First review panel meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location="Demo: County Hall, Dorchester",
        invitees=invitees,
        purpose="lcspr",
    )
    meeting = meeting_record_attendance(
        actor=bm.user,
        membership=bm,
        meeting=meeting,
        attended=list(meeting.invitees.all()),
        notes="Demo: terms of reference signed off; report type and chronologies agreed."
        " Family engagement: the lead reviewer will write to the mother this week.",
    )
    terms = panel_terms_draft(actor=bm.user, membership=bm, review=review)
    terms = panel_terms_update(
        actor=bm.user,
        membership=bm,
        terms=terms,
        overview="Demo: a baby was taken to hospital with injuries that were not explained.",
        process="Demo: a review panel chaired by the partnership, with a lead reviewer.",
        methodology="Demo: agency chronologies, practitioner learning event, family views.",
        agencies="Dorset Council children's services\nDorset Police\nNHS Dorset ICB"
        "\nDemo University Hospital\nThe baby's GP practice",
        lines_of_enquiry="Demo: how agencies shared what they knew about the father's history;"
        " how the baby's voice was heard.",
    )
    panel_terms_sign_off(actor=bm.user, membership=bm, terms=terms, meeting=meeting)
    revised = panel_terms_revise(
        actor=bm.user,
        membership=bm,
        review=review,
        change_summary="Demo: a line of enquiry on the GP practice's contact added.",
    )
    panel_terms_update(
        actor=bm.user,
        membership=bm,
        terms=revised,
        lines_of_enquiry=revised.lines_of_enquiry
        + "\nDemo: what the GP practice knew of the mother's mental health.",
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


def _demo_family(bm, review) -> None:
    """Dorset's LCSPR's family engagement (Swindon 001 s6, BCP 003 s11, Lincolnshire 000 ch. 3):
    the business manager coordinates; the coroner's inquest held contact back until the coroner's
    officer agreed (through the legal adviser); then the mother was written to and telephoned."""
    from lcspr.services import family

    today = timezone.localdate()
    family.family_coordinator_set(
        actor=bm.user,
        membership=bm,
        review=review,
        coordinator=bm.user,
        approach="Demo: the mother asked for contact by telephone first; an interpreter is "
        "booked for the grandfather.",
    )
    mother = family.family_member_add(
        actor=bm.user,
        membership=bm,
        review=review,
        name="Demo Mother",
        relationship="Mother",
        contact_details="Demo: 01234 567890",
        preferred_method="telephone",
    )
    family.family_member_add(
        actor=bm.user,
        membership=bm,
        review=review,
        name="Demo Grandfather",
        relationship="Maternal grandfather",
        preferred_method="letter",
        support_needs="Demo: Polish interpreter",
    )
    inquest = family.process_add(
        actor=bm.user,
        membership=bm,
        review=review,
        kind="coroner",
        description="Demo: inquest opened and adjourned",
        liaison_name="Demo Coroner's Officer",
        liaison_role="Coroner's officer",
        liaison_organisation="Dorset Coroner's Court",
        holds_family_contact=True,
        notes="Demo: contact with the coroner is through the partnership's legal adviser.",
    )
    family.process_update(
        actor=bm.user,
        membership=bm,
        process=inquest,
        holds_family_contact=False,
        notes="Demo: the coroner's officer agreed, through the legal adviser, that the family "
        "may be approached.",
    )
    family.family_contact_add(
        actor=bm.user,
        membership=bm,
        review=review,
        member=mother,
        method="letter",
        contacted_on=today - datetime.timedelta(days=14),
        made_by="The business manager",
        outcome="Demo: the letter and leaflet were sent.",
    )
    family.family_contact_add(
        actor=bm.user,
        membership=bm,
        review=review,
        member=mother,
        method="telephone",
        contacted_on=today - datetime.timedelta(days=7),
        made_by="The independent reviewer",
        outcome="Demo: the mother agreed to meet the reviewer.",
        notes_shared=True,
        notes_shared_on=today - datetime.timedelta(days=5),
    )


def _demo_session(bm, members: dict, review) -> None:
    """Dorset's LCSPR: a reflective practitioner session held two weeks ago, face to face for
    half a day; four practitioners invited (members where the demo has them, the rest from
    outside), three attended; two have given feedback on the draft findings."""
    from cases.models import MeetingInvitee
    from cases.services.meetings import InviteeDetails, meeting_record_attendance
    from lcspr.services.sessions import feedback_give, session_schedule

    day = calendar_for(review.partnership).previous_working_day(
        timezone.localdate() - datetime.timedelta(days=14)
    )
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 45)))
    practitioners = [
        InviteeDetails(membership=m)
        for m in (members.get(Role.SLO), members.get(Role.AGENCY_STAFF))
        if m is not None
    ]
    outside = [
        InviteeDetails(name="Demo Health Visitor", email="health.visitor@example.org"),
        InviteeDetails(name="Demo Class Teacher", email="class.teacher@example.org"),
        InviteeDetails(name="Demo GP", email="gp@example.org"),
        InviteeDetails(name="Demo Housing Officer", email="housing@example.org"),
    ]
    session = session_schedule(
        actor=bm.user,
        membership=bm,
        review=review,
        format="face_to_face",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3, minutes=15),
        location="Demo: Committee Room 1, County Hall, Dorchester",
        invitees=(practitioners + outside)[:4],
    )
    invitees = list(MeetingInvitee.objects.filter(meeting=session.meeting).order_by("pk"))
    meeting_record_attendance(
        actor=bm.user,
        membership=bm,
        meeting=session.meeting,
        attended=invitees[:3],
        apologies=invitees[3:],
        notes="Demo: the group agreed the chronology with two corrections.",
    )
    feedback_give(
        actor=bm.user,
        membership=bm,
        session=session,
        invitee=invitees[0],
        view="agrees",
        comments="Demo: the findings reflect what we discussed; the learning on home visits is"
        " the right emphasis.",
        given_on=day + datetime.timedelta(days=7),
    )
    feedback_give(
        actor=bm.user,
        membership=bm,
        session=session,
        invitee=invitees[2],
        view="partly",
        comments="Demo: finding 2 should say the school raised its concern in writing.",
        given_on=day + datetime.timedelta(days=8),
    )


def _demo_comms(bm, members: dict, review) -> None:
    """Dorset's LCSPR: a comms plan of three items (7.17) and a reactive statement (7.18),
    neither agreed yet."""
    from lcspr.services.comms import comms_item_add, reactive_statement_save

    target = review.target_publication_date
    owner = members.get(Role.EXECUTIVE) or bm
    for audience, message, channel, who, days in (
        (
            "Lead member and Chief Executive of the council",
            "Demo: briefing on the findings and the publication date.",
            "briefing",
            owner,
            10,
        ),
        (
            "The family",
            "Demo: the report is shared with the family before publication.",
            "meeting",
            bm,
            7,
        ),
        (
            "Press and media",
            "Demo: the reactive statement only; point of contact Dorset Council Comms.",
            "press_release",
            owner,
            0,
        ),
    ):
        comms_item_add(
            actor=bm.user,
            membership=bm,
            review=review,
            audience=audience,
            message=message,
            channel=channel,
            owner=who,
            due_on=target - datetime.timedelta(days=days),
        )
    reactive_statement_save(
        actor=bm.user,
        membership=bm,
        review=review,
        statement="Demo: The Pan-Dorset Safeguarding Children Partnership has published a local"
        " child safeguarding practice review. The partners have accepted its findings and are"
        " acting on them.",
        owner=owner,
    )
