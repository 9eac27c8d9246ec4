"""An LCSPR on each side of the world (tests/world.py), started through the service on first
use, with a target publication date, for the tenant crawler and the row-level security world."""

import datetime

from lcspr.choices import LcsprSource
from lcspr.models import LocalReview


def an_lcspr(side) -> LocalReview:
    if "lcspr" not in side.extra:
        from django.utils import timezone

        from cases.clock import calendar_for
        from cases.models import CaseStage, Role
        from cases.services import cases as case_services
        from lcspr.services.start import lcspr_start
        from lcspr.services.target import lcspr_target_set

        bm = side.members[Role.BUSINESS_MANAGER]
        case = case_services.case_create(
            actor=bm.user,
            membership=bm,
            title="Child L",
            incident_date=datetime.date(2026, 3, 2),
            awareness_date=datetime.date(2026, 3, 3),
            agencies=[side.agencies["police"]],
            stage=CaseStage.PANEL_RESPONSE,
        )
        review = lcspr_start(
            actor=bm.user,
            membership=bm,
            case=case,
            source=LcsprSource.PARTNERSHIP_DECISION,
            day_zero=timezone.localdate() - datetime.timedelta(days=30),
        )
        side.extra["lcspr"] = lcspr_target_set(
            actor=bm.user,
            membership=bm,
            review=review,
            target=calendar_for(case.partnership).next_working_day(
                timezone.localdate() + datetime.timedelta(days=90)
            ),
        )
    return side.extra["lcspr"]


def a_learning_review(side):
    """A learning review on the side's own case, the first option of its partnership's menu."""
    if "learning_review" not in side.extra:
        from django.utils import timezone

        from cases.models import Role
        from lcspr.services.learning import learning_menu, learning_review_start

        bm = side.members[Role.BUSINESS_MANAGER]
        case = an_lcspr(side).case
        side.extra["learning_review"] = learning_review_start(
            actor=bm.user,
            membership=bm,
            case=case,
            option=next(iter(learning_menu(case.partnership))),
            day_zero=timezone.localdate() - datetime.timedelta(days=3),
            lines_of_enquiry="What helped and what got in the way of sharing information?",
            lead="An independent facilitator",
            governance="The review sub-group",
        )
    return side.extra["learning_review"]


def learning_terms(side):
    """Version 1 of the side's learning review's terms of reference approved by its governance
    body, and version 2 a draft with what changed (lcspr.services.learning_terms)."""
    if "learning_terms" not in side.extra:
        from django.utils import timezone

        from cases.models import Role
        from lcspr.services import learning_terms as t

        bm = side.members[Role.BUSINESS_MANAGER]
        review = a_learning_review(side)
        t.learning_terms_approve(
            actor=bm.user,
            membership=bm,
            terms=t.current_terms(review),
            approved_by="The review sub-group",
            approved_on=timezone.localdate(),
        )
        side.extra["learning_terms"] = t.learning_terms_revise(
            actor=bm.user,
            membership=bm,
            review=review,
            change_summary="Adds a line of enquiry about school attendance.",
        )
    return side.extra["learning_terms"]


def a_learning_family_member(side):
    """A family member of the side's learning review, with a coordinator named and a telephone
    call logged, notes shared back (lcspr.services.family, the LCSPR's services)."""
    if "learning_family_member" not in side.extra:
        from django.utils import timezone

        from cases.models import Role
        from lcspr.services import family

        bm = side.members[Role.BUSINESS_MANAGER]
        review = a_learning_review(side)
        today = timezone.localdate()
        family.family_coordinator_set(
            actor=bm.user, membership=bm, review=review, coordinator=bm.user
        )
        member = family.family_member_add(
            actor=bm.user,
            membership=bm,
            review=review,
            name="Fran Father",
            relationship="Father",
            preferred_method="letter",
        )
        family.family_contact_add(
            actor=bm.user,
            membership=bm,
            review=review,
            member=member,
            method="letter",
            contacted_on=today,
            made_by="The business manager",
            outcome="Told of the learning review in writing",
            notes_shared=True,
            notes_shared_on=today,
        )
        side.extra["learning_family_member"] = member
    return side.extra["learning_family_member"]


def a_briefing(side):
    """A 7-minute briefing (draft, every section written) of the side's learning review."""
    if "briefing" not in side.extra:
        from cases.models import Role
        from lcspr.briefing import SECTION_FIELDS
        from lcspr.services.briefing import briefing_create, briefing_save

        bm = side.members[Role.BUSINESS_MANAGER]
        briefing = briefing_create(actor=bm.user, membership=bm, review=a_learning_review(side))
        side.extra["briefing"] = briefing_save(
            actor=bm.user,
            membership=bm,
            briefing=briefing,
            **{f: f"What the review found: {f}." for f in SECTION_FIELDS},
        )
    return side.extra["briefing"]


def a_reviewer_candidate(side):
    """A candidate for the side's LCSPR's independent reviewer, added through the service."""
    if "reviewer_candidate" not in side.extra:
        from cases.models import Role
        from lcspr.services.reviewers import candidate_add

        bm = side.members[Role.BUSINESS_MANAGER]
        side.extra["reviewer_candidate"] = candidate_add(
            actor=bm.user,
            membership=bm,
            review=an_lcspr(side),
            name="Ian Independent",
            organisation="Independent Reviews Ltd",
            referee_1_name="Ann Referee",
            referee_1_contact="ann@example.test",
        )
    return side.extra["reviewer_candidate"]


def a_final_version(review, actor=None):
    """A version of the review's report uploaded through the service (a small clean DOCX) and
    made the final report as its lcspr_report sign-off chain would, for tests that publish."""
    from django.utils import timezone

    from cases.models import Membership
    from lcspr.models import ReportVersion
    from lcspr.services.drafts import draft_upload
    from tests.lcspr.documents import docx_upload

    found = ReportVersion.objects.filter(review=review, final_at__isnull=False).first()
    if found is not None:
        return found
    membership = Membership.objects.filter(
        partnership=review.partnership_id, roles__role="business_manager"
    ).first()
    version = draft_upload(
        actor=actor or membership.user,
        membership=membership,
        review=review,
        uploaded=docx_upload(["Child L lived with her mother.", "Agencies did not share."]),
        comments="The final draft.",
    )
    version.final_at = timezone.now()
    version.save(update_fields=["final_at"])
    return version


def a_report_version(side):
    """A version of the report of the side's LCSPR, with a legal read, checked for identifying
    details: the check finds the child's first name (a_finding), for the tenant crawler and the
    row-level security world."""
    if "report_version" not in side.extra:
        from cases.models import Role
        from cases.services import subjects as subject_services
        from lcspr.services.drafts import anonymisation_run, draft_upload, legal_read_record
        from tests.lcspr.documents import docx_upload

        bm = side.members[Role.BUSINESS_MANAGER]
        review = an_lcspr(side)
        subject_services.subject_add(
            actor=bm.user, membership=bm, case=review.case, role="child", first_name="Lorna"
        )
        version = draft_upload(
            actor=bm.user,
            membership=bm,
            review=review,
            uploaded=docx_upload(["Lorna lived with her mother.", "Agencies did not share."]),
            comments="After the first panel.",
        )
        legal_read_record(
            actor=bm.user,
            membership=bm,
            version=version,
            adviser_name="Sam Solicitor",
            read_on=version.uploaded_at.date(),
            outcome="changes_needed",
            comments="Take out the child's name.",
        )
        side.extra["finding"] = anonymisation_run(
            actor=bm.user, membership=bm, version=version
        ).hits.get()
        side.extra["report_version"] = version
    return side.extra["report_version"]


def a_finding(side):
    """The anonymisation check's finding in the side's report version (the child's name)."""
    a_report_version(side)
    return side.extra["finding"]


def a_non_publication(side):
    """The decision not to publish the side's LCSPR report, its notice due (the RLS world)."""
    if "non_publication" not in side.extra:
        from django.utils import timezone

        from cases.models import Role
        from lcspr.services.not_published import not_published_decide

        bm = side.members[Role.BUSINESS_MANAGER]
        side.extra["non_publication"] = not_published_decide(
            actor=bm.user,
            membership=bm,
            review=an_lcspr(side),
            decided_on=timezone.localdate(),
            reasons="Publishing would identify the siblings.",
        )
    return side.extra["non_publication"]


def a_panel_member(side):
    """An outside expert on the side's LCSPR's review panel, with their declaration and
    confidentiality agreement, added through the services."""
    if "panel_member" not in side.extra:
        import datetime as dt

        from cases.models import Role
        from lcspr.choices import PanelConflicts, PanelRole
        from lcspr.services.panel import panel_member_add, panel_member_declare

        bm = side.members[Role.BUSINESS_MANAGER]
        row = panel_member_add(
            actor=bm.user,
            membership=bm,
            review=an_lcspr(side),
            name="Dr Erin Expert",
            job_title="Consultant paediatrician",
            organisation="University Hospital",
            panel_role=PanelRole.EXPERT,
        )
        side.extra["panel_member"] = panel_member_declare(
            actor=bm.user,
            membership=bm,
            member=row,
            conflicts=PanelConflicts.NONE,
            declared_on=dt.date(2026, 1, 5),
            confidentiality_signed_on=dt.date(2026, 1, 5),
        )
    return side.extra["panel_member"]


def panel_terms(side):
    """Version 1 (a draft) of the side's LCSPR's terms of reference, drafted through the
    service."""
    if "panel_terms" not in side.extra:
        from cases.models import Role
        from lcspr.services.panel_terms import panel_terms_draft

        bm = side.members[Role.BUSINESS_MANAGER]
        side.extra["panel_terms"] = panel_terms_draft(
            actor=bm.user, membership=bm, review=an_lcspr(side)
        )
    return side.extra["panel_terms"]


def a_family_member(side):
    """A family member of the side's LCSPR, with a coordinator named, a telephone call logged
    and an embargoed copy given, all through the services."""
    if "family_member" not in side.extra:
        from django.utils import timezone

        from cases.models import Role
        from lcspr.services import family

        bm = side.members[Role.BUSINESS_MANAGER]
        review = an_lcspr(side)
        today = timezone.localdate()
        family.family_coordinator_set(
            actor=bm.user, membership=bm, review=review, coordinator=bm.user
        )
        member = family.family_member_add(
            actor=bm.user,
            membership=bm,
            review=review,
            name="Mary Mother",
            relationship="Mother",
            preferred_method="telephone",
        )
        family.family_contact_add(
            actor=bm.user,
            membership=bm,
            review=review,
            member=member,
            method="telephone",
            contacted_on=today,
            made_by="The business manager",
            outcome="Told of the review",
        )
        family.embargoed_copy_record(
            actor=bm.user,
            membership=bm,
            review=review,
            member=member,
            given_to="",
            given_on=today,
            version="Final draft",
            embargo_until=today + datetime.timedelta(days=30),
        )
        side.extra["family_member"] = member
    return side.extra["family_member"]


def a_parallel_process(side):
    """A criminal investigation alongside the side's LCSPR (not holding contact back), with a
    disclosure request."""
    if "parallel_process" not in side.extra:
        from django.utils import timezone

        from cases.models import Role
        from lcspr.services import family

        bm = side.members[Role.BUSINESS_MANAGER]
        process = family.process_add(
            actor=bm.user,
            membership=bm,
            review=an_lcspr(side),
            kind="criminal_investigation",
            liaison_name="DS Dee",
            liaison_organisation="Police",
        )
        side.extra["disclosure_request"] = family.disclosure_request_add(
            actor=bm.user,
            membership=bm,
            process=process,
            requested_on=timezone.localdate(),
            what="The agency chronologies",
        )
        side.extra["parallel_process"] = process
    return side.extra["parallel_process"]


def a_disclosure_request(side):
    a_parallel_process(side)
    return side.extra["disclosure_request"]


def a_practitioner_session(side):
    """A reflective practitioner session of the side's LCSPR, held yesterday, with the police
    SLO and someone from outside invited, the SLO's feedback recorded."""
    if "practitioner_session" not in side.extra:
        from django.utils import timezone

        from cases.models import MeetingInvitee, Role
        from cases.services.meetings import InviteeDetails, meeting_record_attendance
        from lcspr.services.sessions import feedback_give, session_schedule

        bm = side.members[Role.BUSINESS_MANAGER]
        slo = side.members[Role.SLO]
        starts = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(
            days=1
        )
        session = session_schedule(
            actor=bm.user,
            membership=bm,
            review=an_lcspr(side),
            format="face_to_face",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3, minutes=30),
            location="Room 1",
            invitees=[
                InviteeDetails(membership=slo),
                InviteeDetails(name="Olive Outside", email="olive@example.test"),
            ],
        )
        meeting_record_attendance(
            actor=bm.user,
            membership=bm,
            meeting=session.meeting,
            attended=MeetingInvitee.objects.filter(meeting=session.meeting),
        )
        feedback_give(
            actor=slo.user,
            membership=slo,
            session=session,
            view="partly",
            comments="The chronology misses a home visit.",
            given_on=timezone.localdate(),
        )
        side.extra["practitioner_session"] = session
    return side.extra["practitioner_session"]


def a_comms_item(side):
    """An item of the side's LCSPR's comms plan, with a reactive statement."""
    if "comms_item" not in side.extra:
        from django.utils import timezone

        from cases.models import Role
        from lcspr.services.comms import comms_item_add, reactive_statement_save

        bm = side.members[Role.BUSINESS_MANAGER]
        review = an_lcspr(side)
        side.extra["comms_item"] = comms_item_add(
            actor=bm.user,
            membership=bm,
            review=review,
            audience="Members of the council",
            message="The report is published next month.",
            channel="briefing",
            owner=bm,
            due_on=timezone.localdate() + datetime.timedelta(days=30),
        )
        reactive_statement_save(
            actor=bm.user,
            membership=bm,
            review=review,
            statement="The partnership has published a review.",
            owner=bm,
        )
    return side.extra["comms_item"]
