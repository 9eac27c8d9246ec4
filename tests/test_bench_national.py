"""bench/national.py at a tiny scale: the national data set keeps the invariants the services
keep, so the benchmarks measure data the app could have made (and the generator cannot rot)."""

import datetime as dt
import re

import pytest
from django.db.models import Count, F, Max

from bench.national import build
from cases.calendar import add_months
from cases.models import (
    AuditEvent,
    Case,
    CaseReferenceCounter,
    CaseUserObjectPermission,
    Deadline,
    DeadlineStatus,
    Membership,
    Notification,
    Subject,
)
from cases.models.cases import SubjectRole
from referrals.choices import ReferralStatus as S
from referrals.models import Referral

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def data():
    return build(scale=0.004, seed=7, today=TODAY, echo=lambda *a: None)


def test_the_data_set_is_what_the_services_would_have_made(data):
    cases = Case.objects.all()
    assert cases.count() == data.counts["cases"] == 200
    # References: unique per partnership, and the counters are past every one of them.
    for case in cases:
        code, year, number = re.fullmatch(r"(\w+)-(\d{4})-(\d{4})", case.reference).groups()
        counter = CaseReferenceCounter.objects.get(partnership=case.partnership_id, year=year)
        assert counter.last_number >= int(number)
        assert code == case.partnership.code
    # Every case has a child, agencies of its own partnership, and a received referral.
    assert not cases.exclude(subjects__role=SubjectRole.CHILD).exists()
    assert not cases.filter(agencies__isnull=True).exists()
    links = Case.agencies.through.objects.all()
    assert not links.exclude(agency__partnership=F("case__partnership")).exists()
    assert not Subject.objects.exclude(partnership=F("case__partnership")).exists()
    received = Referral.objects.filter(case__isnull=False)
    assert received.count() == cases.count()
    assert not received.exclude(partnership=F("case__partnership")).exists()
    assert not received.filter(submitted_at__isnull=True).exists()
    assert not received.filter(received_on__isnull=True).exists()
    # Referrals that never arrived have no case and no receipt.
    unsent = Referral.objects.filter(status__in=[S.DRAFT, S.AWAITING_AUTHORISATION, S.WITHDRAWN])
    assert unsent.exists()
    assert not unsent.filter(case__isnull=False).exists()
    assert not unsent.filter(submitted_at__isnull=False).exists()
    assert not Referral.objects.filter(status=S.DECIDED, decided_at__isnull=True).exists()


def test_deadlines_reminders_grants_and_audit_hang_together(data):
    deadlines = Deadline.objects.all()
    assert deadlines.exists()
    assert not deadlines.exclude(partnership=F("case__partnership")).exists()
    assert not deadlines.filter(status=DeadlineStatus.OPEN, case__stage="closed").exists()
    assert not deadlines.filter(status=DeadlineStatus.MET, met_on__isnull=True).exists()
    assert deadlines.filter(status=DeadlineStatus.OPEN).count() == data.counts["deadlines open"]
    # One step per (case, stage, key), as stage_start makes them.
    assert not (
        deadlines.values("case", "stage", "key").annotate(n=Count("id")).filter(n__gt=1).exists()
    )
    notifications = Notification.objects.all()
    assert notifications.exists()
    assert not notifications.exclude(partnership=F("deadline__partnership")).exists()
    assert not notifications.exclude(deadline__status=DeadlineStatus.OPEN).exists()
    assert notifications.aggregate(last=Max("step_date"))["last"] <= TODAY
    # Restricted cases: their business manager is on the access list.
    for case in Case.objects.filter(is_restricted=True):
        bm = Membership.objects.get(partnership=case.partnership, roles__role="business_manager")
        assert CaseUserObjectPermission.objects.filter(content_object=case, user=bm.user).exists()
    # Every audit row in its partnership (a row of no partnership is an account event, which
    # the partnership's history pages never show), on a case of that partnership.
    audit = AuditEvent.objects.all()
    assert not audit.filter(partnership__isnull=True).exists()
    assert not audit.filter(case__isnull=False).exclude(partnership=F("case__partnership")).exists()
    # An audit row for every case opened and every stage started.
    assert AuditEvent.objects.filter(action="case.create").count() == Case.objects.count()
    started = deadlines.values("case", "stage").distinct().count()
    assert AuditEvent.objects.filter(action="stage.start").count() == started
    # Nothing dated in the future of the day the set was built for.
    assert not Case.objects.filter(created_at__date__gt=TODAY).exists()


def test_api_tokens_and_rendered_pdfs_are_like_the_services_make_them(data):
    from cases.models import ApiToken, RenderedDocument

    tokens = ApiToken.objects.all()
    assert tokens.count() == data.counts["API tokens"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", t.digest) for t in tokens)
    assert not tokens.filter(ended_at__isnull=False, end_reason="").exists()
    assert not tokens.exclude(user__memberships__isnull=False).exists()
    documents = RenderedDocument.objects.all()
    assert documents.count() == data.counts["rendered PDFs"] > 0
    for document in documents:
        referral = Referral.objects.get(pk=document.object_id)
        assert referral.case_id and referral.partnership_id == document.partnership_id


def test_notices_are_like_the_services_make_them(data):
    from cases.models import Notice, NoticeKind, NoticeStatus

    notices = Notice.objects.all()
    assert notices.count() == data.counts["notices"] > 0
    assert notices.filter(status=NoticeStatus.DUE).count() == data.counts["notices due"]
    assert not notices.exclude(partnership=F("case__partnership")).exists()
    assert not notices.filter(deadline__isnull=False).exclude(deadline__case=F("case")).exists()
    # Sent: with the date, the sender, and the step it meets met that day.
    sent = notices.filter(status=NoticeStatus.SENT)
    assert not sent.filter(sent_on__isnull=True).exists()
    assert not sent.filter(sent_by__isnull=True).exists()
    assert not sent.filter(sent_on__gt=TODAY).exists()
    stepped = sent.filter(deadline__isnull=False)
    assert stepped.exists()
    assert not stepped.exclude(deadline__status=DeadlineStatus.MET).exists()
    assert not stepped.exclude(deadline__met_on=F("sent_on")).exists()
    # Due: its step is still open or was missed.
    assert not notices.filter(status=NoticeStatus.DUE, deadline__status=DeadlineStatus.MET).exists()
    assert not notices.filter(kind=NoticeKind.LCSPR_DELAY, reason="").exists()
    assert not notices.filter(recipients=[]).exists()
    created = AuditEvent.objects.filter(action="notice.create").count()
    assert created == notices.count()
    assert AuditEvent.objects.filter(action="notice.sent").count() == sent.count()


def test_sign_offs_follow_their_partnerships_chain(data):
    from cases.models import SignOff, SignOffAction

    sign_offs = SignOff.objects.all()
    assert sign_offs.count() == data.counts["sign-offs"] > 0
    assert not sign_offs.exclude(partnership=F("case__partnership")).exists()
    for sign_off in sign_offs.select_related("partnership"):
        chain = sign_off.partnership.workflow["sign_off_chains"]["rapid_review_report"]
        assert sign_off.steps == chain
        assert 0 <= sign_off.position < len(chain)
        assert sign_off.document == sign_off.case
        if sign_off.status == "signed_off":
            assert sign_off.actions.filter(decision="approved").count() == len(chain)
        if sign_off.status == "returned":
            assert sign_off.position == 0 and sign_off.actions.filter(decision="returned").exists()
    actions = SignOffAction.objects.all()
    assert not actions.exclude(partnership=F("sign_off__partnership")).exists()


def test_serious_incident_notifications_are_like_the_services_make_them(data):
    from notifications.choices import LIVE_STATUSES
    from notifications.models import NotificationRequest, SeriousIncidentNotification

    notifications = SeriousIncidentNotification.objects.all()
    assert notifications.count() == data.counts["notifications (SIN)"] > 0
    assert not notifications.exclude(partnership=F("case__partnership")).exists()
    # Every case past triage was notified; at most one live notification a case (the
    # constraint), and only while the case is in triage.
    past_triage = Case.objects.exclude(stage="triage")
    assert not past_triage.exclude(notifications__status="submitted").exists()
    live = notifications.filter(status__in=LIVE_STATUSES)  # few cases are in triage at this scale
    assert not live.exclude(case__stage="triage").exists()
    # Submitted: when, by whom, never in the future; acknowledged after it was submitted.
    submitted = notifications.filter(status="submitted")
    assert not submitted.filter(submitted_at__isnull=True).exists()
    assert not submitted.filter(submitted_by__isnull=True).exists()
    assert not submitted.filter(submitted_at__date__gt=TODAY).exists()
    assert not submitted.filter(rapid_review_acknowledged_on__lt=F("submitted_at__date")).exists()
    assert not notifications.filter(children__isnull=True).exists()
    assert not notifications.filter(awareness_date__isnull=True).exists()
    # Copies (notification_submit lists them): on submitted notifications only, due on or
    # after the submission's awareness, sent not before the submission nor after today.
    from notifications.models import NotificationCopy

    copies = NotificationCopy.objects.all()
    assert copies.count() == data.counts["notification copies"] > 0
    assert not copies.exclude(partnership=F("notification__partnership")).exists()
    assert not copies.exclude(notification__status="submitted").exists()
    assert not submitted.filter(copies__isnull=True).exists()
    assert not copies.filter(sent_on__lt=F("notification__submitted_at__date")).exists()
    assert not copies.filter(sent_on__gt=TODAY).exists()
    assert not copies.filter(sent_on__isnull=False, sent_by__isnull=True).exists()
    assert AuditEvent.objects.filter(action="notification.copies_create").count() == (
        submitted.count()
    )
    started = AuditEvent.objects.filter(action="notification.start").count()
    assert started == notifications.count()
    # Requests to notify: from another agency's member, answered, before the notification.
    requests = NotificationRequest.objects.all()
    assert requests.count() == data.counts["requests to notify"]
    assert not requests.exclude(partnership=F("case__partnership")).exists()
    assert not requests.filter(agency__agency_type="local_authority").exists()
    assert not requests.exclude(raised_by__memberships__agency=F("agency")).exists()


def test_panel_responses_are_like_the_services_make_them(data):
    from notifications.models import PanelResponse

    replies = PanelResponse.objects.all()
    assert replies.count() == data.counts["National Panel replies"] > 0
    assert (
        replies.filter(status="awaiting").count() == data.counts["National Panel replies awaited"]
    )
    assert not replies.exclude(partnership=F("case__partnership")).exists()
    # One open wait a case (the constraint); only cases waiting for the Panel wait.
    assert not replies.filter(status="awaiting").exclude(case__stage="panel_response").exists()
    # A reply after the rapid review went, never in the future; a decision on every reply.
    answered = replies.exclude(status="awaiting")
    assert not answered.filter(received_on__lt=F("submitted_on")).exists()
    assert not answered.filter(received_on__gt=TODAY).exists()
    assert not answered.filter(decision="").exists()
    # Back with the decision-makers only where the Panel's view is contrary, with who they are.
    for r in replies.filter(status="reconsideration"):
        assert r.is_contrary and r.reconsidered_by_body
    assert (
        not replies.filter(status="concluded")
        .filter(decision="no_further_review", partnership_view="lcspr")
        .exists()
    )
    opened = AuditEvent.objects.filter(action="notification.panel_open").count()
    assert opened == replies.count()


def test_rapid_reviews_are_like_the_services_make_them(data):
    """Issue 13: a review on every case whose rapid review stage started (its day zero the
    stage's, its status by the case's stage), one a case, each with its start's audit row."""
    from rapid_reviews.models import RapidReview
    from rapid_reviews.services.start import day_zero_event

    reviews = RapidReview.objects.select_related("case", "partnership")
    assert reviews.count() == data.counts["rapid reviews"] > 0
    assert reviews.filter(status="in_progress").count() == data.counts["rapid reviews running"]
    assert not reviews.exclude(partnership=F("case__partnership")).exists()
    started = Deadline.objects.filter(stage="rapid_review").values("case_id", "day_zero").distinct()
    assert {(r.case_id, r.day_zero) for r in reviews} == {
        (d["case_id"], d["day_zero"]) for d in started
    }
    expected = {"rapid_review": "in_progress", "panel_response": "submitted"}
    for r in reviews:
        assert r.status == expected.get(r.case.stage, "concluded"), r.case.stage
        assert r.day_zero_event == day_zero_event(r.partnership)
    assert AuditEvent.objects.filter(action="rapid_review.start").count() == reviews.count()


def test_lcsprs_are_like_the_services_make_them(data):
    """Issue 14: an LCSPR on every case whose LCSPR stage started (day zero the stage's), one a
    case, running while the case is in the stage; the target publication date is the
    publication stage's day zero, whose steps a running review has too."""
    from lcspr.models import LocalReview

    reviews = LocalReview.objects.select_related("case")
    assert reviews.count() == data.counts["LCSPRs"] > 0
    assert reviews.filter(status="in_progress").count() == data.counts["LCSPRs running"] > 0
    assert not reviews.exclude(partnership=F("case__partnership")).exists()
    started = Deadline.objects.filter(stage="lcspr").values("case_id", "day_zero").distinct()
    assert {(r.case_id, r.day_zero) for r in reviews} == {
        (d["case_id"], d["day_zero"]) for d in started
    }
    for r in reviews:
        assert (r.status == "in_progress") == (r.case.stage == "lcspr")
        publication = Deadline.objects.filter(case=r.case, stage="publication")
        # (The data set's cases at the action plan went there without a publication stage.)
        assert publication.exists() == (r.case.stage in ("lcspr", "publication"))
        if publication.exists():
            days = set(publication.values_list("day_zero", flat=True))
            assert days == {r.target_publication_date}
        # Published (lcspr.services.publish): the day, the web address and who recorded it.
        published = r.status == "published"
        assert bool(r.published_on and r.web_address and r.published_by_id) == published
        if published:
            assert r.day_zero <= r.published_on <= min(r.target_publication_date, TODAY)
    assert AuditEvent.objects.filter(action="lcspr.target").count() == reviews.count()
    published = reviews.filter(status="published").count()
    assert AuditEvent.objects.filter(action="lcspr.publish").count() == published > 0


def test_reviewer_candidates_are_like_the_services_make_them(data):
    """Issue 14 (BCP 003 s10): two candidates on an LCSPR three weeks in, one appointed, a
    lead reviewer of the partnership, with the contract recorded: so on the case's access list,
    with the notice telling the National Panel their name."""
    from cases.models import Notice, NoticeKind
    from lcspr.models import ReviewerCandidate

    candidates = ReviewerCandidate.objects.select_related("review")
    assert candidates.count() == data.counts["reviewer candidates"] > 0
    assert not candidates.exclude(partnership=F("review__partnership")).exists()
    appointed = candidates.filter(decision="appointed")
    assert appointed.count() == data.counts["reviewers appointed"] > 0
    assert not appointed.filter(contract_recorded_on__isnull=True).exists()
    assert not appointed.filter(contract_recorded_on__gt=TODAY).exists()
    for c in appointed:
        member = Membership.objects.get(partnership=c.partnership, user=c.user)
        assert member.has_role("lead_reviewer")
        assert CaseUserObjectPermission.objects.filter(
            content_object=c.review.case, user=c.user
        ).exists()
        assert Notice.objects.filter(case=c.review.case, kind=NoticeKind.OTHER).exists()
    assert AuditEvent.objects.filter(action="lcspr_reviewer.add").count() == candidates.count()


def test_family_engagement_is_like_the_services_make_it(data):
    """Issue 14 (Swindon 001 s6, BCP 003 s11, Lincolnshire 000 ch. 3): the family members, the
    contact log, the coroner's inquests with their hold lifted and the embargoed copies given
    before publication, each in its review's partnership."""
    from lcspr.models import EmbargoedCopy, FamilyContact, FamilyMember, ParallelProcess

    # The LCSPRs' (a learning review's family: test_learning_terms_and_family_...).
    members = FamilyMember.objects.filter(review__isnull=False)
    assert members.count() == data.counts["family members"] > 0
    assert not members.exclude(partnership=F("review__partnership")).exists()
    contacts = FamilyContact.objects.filter(review__isnull=False)
    assert contacts.count() == data.counts["family contacts"] > 0
    assert not contacts.exclude(partnership=F("member__partnership")).exists()
    assert not contacts.filter(contacted_on__gt=TODAY).exists()
    assert not contacts.filter(notes_shared=True, notes_shared_on__isnull=True).exists()
    processes = ParallelProcess.objects.all()
    assert processes.count() == data.counts["parallel processes"] > 0
    assert not processes.filter(holds_family_contact=True).exists()
    assert all(p.disclosure_requests.count() == 1 for p in processes)
    copies = EmbargoedCopy.objects.select_related("review")
    assert copies.count() == data.counts["embargoed copies"]
    assert all(c.given_on < c.review.published_on for c in copies)
    assert AuditEvent.objects.filter(action="family.contact").count() == contacts.count()


def test_panels_are_like_the_services_make_them(data):
    """Issue 14 (Swindon 001 ss5-8, Dorset 002 7.8): every LCSPR three weeks in has its review
    panel, each statutory partner represented and every declaration and confidentiality
    agreement recorded, and version 1 of its terms of reference signed off at a held review
    panel meeting of its case."""
    from lcspr.choices import PanelPartner
    from lcspr.models import PanelMember, PanelTerms
    from lcspr.services.panel import missing_partners

    members = PanelMember.objects.select_related("review")
    assert members.count() == data.counts["panel members"] > 0
    assert not members.exclude(partnership=F("review__partnership")).exists()
    assert not members.filter(confidentiality_signed_on__isnull=True).exists()
    assert not members.filter(conflicts="").exists()
    terms = PanelTerms.objects.select_related("review", "meeting")
    assert terms.count() == data.counts["panel terms of reference"] > 0
    for t in terms:
        assert t.status == "signed_off" and t.version == 1
        assert t.meeting.case_id == t.review.case_id
        assert (t.meeting.kind, t.meeting.status) == ("review_panel", "held")
        assert t.meeting.starts_at.date() <= t.review.day_zero + dt.timedelta(days=21)
        assert missing_partners(t.review) == []
    assert len(PanelPartner.values) == 3
    assert AuditEvent.objects.filter(action="lcspr_panel.add").count() == members.count()
    assert AuditEvent.objects.filter(action="lcspr_terms.sign_off").count() == terms.count()


def test_learning_terms_and_family_are_like_the_services_make_them(data):
    """Issue 14: every learning review's terms of reference approved by its governance body,
    some in two versions whose newest is its lines of enquiry; a family contact log on some."""
    from django.db.models import Max

    from lcspr.models import FamilyContact, LearningReview, LearningTerms

    terms = LearningTerms.objects.select_related("review")
    assert terms.count() == data.counts["learning review terms versions"] > 0
    assert terms.filter(version=2).exists()
    assert not terms.exclude(status="approved").exists()
    for t in terms[:50]:
        assert t.approved_by == t.review.governance and t.approved_on >= t.review.day_zero
    for review in LearningReview.objects.annotate(newest=Max("terms__version"))[:50]:
        newest = review.terms.get(version=review.newest)
        assert newest.text == review.lines_of_enquiry
    contacts = FamilyContact.objects.filter(learning_review__isnull=False)
    assert contacts.count() == data.counts["learning review family contacts"] > 0
    lcspr_contacts = FamilyContact.objects.filter(review__isnull=False)
    assert lcspr_contacts.exists()
    assert not lcspr_contacts.filter(learning_review__isnull=False).exists()
    assert not contacts.exclude(partnership=F("learning_review__partnership")).exists()
    assert not contacts.exclude(member__learning_review=F("learning_review")).exists()
    assert contacts.filter(notes_shared=True).exists()
    assert not contacts.filter(contacted_on__gt=TODAY).exists()
    assert AuditEvent.objects.filter(action="learning_family.contact").count() == contacts.count()


def test_learning_reviews_are_like_the_services_make_them(data):
    """Issue 14: completed learning reviews on closed cases of partnerships whose menu has
    options, each option's timescale giving its due date and its met step."""
    from lcspr.models import LearningReview

    reviews = LearningReview.objects.select_related("case")
    assert reviews.count() == data.counts["learning reviews"] > 0
    assert not reviews.exclude(partnership=F("case__partnership")).exists()
    steps = Deadline.objects.filter(stage="learning_review")
    assert steps.count() == data.counts["learning review steps"] > 0
    for r in reviews:
        assert r.case.stage == "closed" and r.status == "completed"
        assert r.completed_on < TODAY
        step = steps.filter(case=r.case, key=f"learning_review_{r.pk}").first()
        assert (step is None) == (r.due is None)
        if step:
            assert (step.due, step.met_on) == (r.due, r.completed_on)


def test_briefings_are_like_the_services_make_them(data):
    """Issue 14: a published 7-minute briefing of every published LCSPR and completed learning
    review, its sections written, published on or before the day the set is built for."""
    from lcspr.briefing import SECTION_FIELDS
    from lcspr.models import LearningReview, LocalReview, SevenMinuteBriefing

    briefings = SevenMinuteBriefing.objects.all()
    expected = (
        LocalReview.objects.filter(status="published").count()
        + LearningReview.objects.filter(status="completed").count()
    )
    assert briefings.count() == data.counts["7-minute briefings"] == expected > 0
    assert not briefings.exclude(partnership=F("case__partnership")).exists()
    for b in briefings:
        assert b.status == "published" and b.published_on <= TODAY
        assert b.web_address.startswith("https://")
        assert all(getattr(b, f) for f in SECTION_FIELDS)
    assert AuditEvent.objects.filter(action="briefing.publish").count() == expected


def test_report_versions_are_like_the_services_make_them(data):
    """Issue 14: numbered versions of every LCSPR's report, each checked for identifying
    details; every published LCSPR has its third version as the final report (publication
    needs one), read by Legal Services where the partnership's clock has a legal read."""
    from lcspr.models import LocalReview, ReportVersion
    from lcspr.services.drafts import needs_legal_read

    versions = ReportVersion.objects.select_related("review", "document")
    assert versions.count() == data.counts["LCSPR report versions"] > 0
    assert not versions.exclude(partnership=F("review__partnership")).exists()
    assert not versions.exclude(document__case=F("case")).exists()
    for v in versions:
        assert v.uploaded_at.date() <= TODAY and v.checks.count() == 1
        assert v.document.description == f"LCSPR report, version {v.number}"
    for review in LocalReview.objects.filter(status="published").select_related(
        "case__partnership"
    ):
        numbers = list(review.report_versions.values_list("number", flat=True))
        assert numbers == [1, 2, 3]
        final = review.report_versions.get(final_at__isnull=False)
        assert final.number == 3
        assert final.legal_reads.exists() == needs_legal_read(review.case.partnership)
    assert AuditEvent.objects.filter(action="lcspr_draft.upload").count() == versions.count()
    # The first draft's check found the child's first name, taken out in version 2.
    from lcspr.models import AnonymisationHit

    hits = AnonymisationHit.objects.select_related("check_run__version", "subject")
    assert hits.count() == data.counts["anonymisation findings"] > 0
    for hit in hits:
        assert hit.check_run.version.number == 1 and hit.subject.role == "child"
        assert hit.subject.case_id == hit.check_run.version.case_id
        assert hit.partnership_id == hit.subject.partnership_id and not hit.accepted_reason


def test_practitioner_sessions_and_comms_plans_are_like_the_services_make_them(data):
    """Issue 14: a held practitioner session of every LCSPR two months old (4 invited and sent
    the invitation, 3 attended, 2 feedback entries) and an agreed comms plan of every published
    one (3 items, the reactive statement agreed, owners of its partnership)."""
    from lcspr.models import CommsPlan, LocalReview, PractitionerFeedback, PractitionerSession

    sessions = PractitionerSession.objects.select_related("meeting")
    assert sessions.count() == data.counts["practitioner sessions"] > 0
    assert not sessions.exclude(partnership=F("review__partnership")).exists()
    assert not sessions.exclude(meeting__case=F("review__case")).exists()
    for session in sessions:
        meeting = session.meeting
        assert (meeting.kind, meeting.status) == ("practitioner_session", "held")
        invitees = list(meeting.invitees.all())
        assert len(invitees) == 4 and sorted(session.invited) == sorted(i.pk for i in invitees)
        assert sum(bool(i.attended) for i in invitees) == 3
        assert all(i.membership.partnership_id == session.partnership_id for i in invitees)
    feedback = PractitionerFeedback.objects.all()
    assert feedback.count() == data.counts["practitioner feedback"] == 2 * sessions.count()
    assert not feedback.exclude(invitee__meeting=F("session__meeting")).exists()
    plans = CommsPlan.objects.all()
    published = LocalReview.objects.filter(status="published").count()
    assert plans.count() == data.counts["comms plans"] == published > 0
    for plan in plans:
        assert plan.items.count() == 3 and plan.agreed_on <= TODAY
        assert plan.statement_owner.partnership_id == plan.partnership_id
        assert all(i.owner.partnership_id == plan.partnership_id for i in plan.items.all())
    assert AuditEvent.objects.filter(action="comms_plan.agree").count() == plans.count()


def test_decisions_not_to_publish_are_like_the_services_make_them(data):
    """Issue 14: one LCSPR in ten still in progress decided not to publish its report, with
    the reasons and its notice of the improvements due (on the open copies step where the
    clock has one), by the business manager of its partnership; still in progress."""
    from cases.models import Notice, NoticeKind
    from lcspr.models import NonPublicationDecision

    decisions = NonPublicationDecision.objects.select_related("review", "notice", "recorded_by")
    assert decisions.count() == data.counts["decisions not to publish"] > 0
    assert not decisions.exclude(partnership=F("review__partnership")).exists()
    assert not decisions.exclude(notice__case=F("review__case")).exists()
    for decision in decisions:
        review, notice = decision.review, decision.notice
        assert review.status == "in_progress" and decision.completed_on is None
        assert review.day_zero <= decision.decided_on <= TODAY and decision.reasons
        assert (notice.kind, notice.status) == (NoticeKind.NOT_PUBLISHED_IMPROVEMENTS, "due")
        assert notice.reason == decision.reasons and notice.recipients
        if notice.deadline_id:
            step = notice.deadline
            assert (step.stage, step.key, step.status) == ("publication", "copies_to_panel", "open")
            assert notice.due_date == step.due
        else:
            assert notice.due_date == review.target_publication_date
        assert decision.recorded_by.memberships.filter(
            partnership=decision.partnership_id, roles__role="business_manager"
        ).exists()
    assert Notice.objects.filter(kind=NoticeKind.NOT_PUBLISHED_IMPROVEMENTS).count() == (
        decisions.count()
    )
    not_published = AuditEvent.objects.filter(action="lcspr.not_published")
    assert not_published.count() == decisions.count()


def test_partnerships_own_letters_are_like_the_services_make_them(data):
    """Issue 14: a partnership's own wording of the family letter (every third partnership)
    and of the leaflet, reset to the registered wording (every sixth): only placeholders the
    letter fills in, one row per partnership and letter, each save and reset audited."""
    from cases.document_templates import (
        placeholder_problems,
        render_document_template,
        template_spec,
    )
    from cases.models import DocumentTemplate, Partnership

    rows = DocumentTemplate.objects.select_related("partnership")
    assert rows.filter(is_active=True).count() == data.counts["own letters"] > 0
    assert rows.filter(is_active=False).count() == data.counts["letters reset"] > 0
    for row in rows:
        spec = template_spec(row.key)
        assert row.key in ("family_letter", "family_leaflet")
        assert not placeholder_problems(row.body, spec) and not placeholder_problems(
            row.title, spec
        )
        assert row.is_active == (row.key == "family_letter")
        assert row.updated_by.memberships.filter(partnership=row.partnership_id).exists()
    # The letter prints the partnership's wording; the leaflet, reset, the registered one.
    lincolnshire = Partnership.objects.get(slug="lincolnshire")
    values = {"partnership_name": lincolnshire.name}
    _title, body = render_document_template(lincolnshire, "family_letter", values)
    assert "Lincolnshire Safeguarding Children Partnership family support line" in body
    _title, body = render_document_template(lincolnshire, "family_leaflet", values)
    assert body.startswith(template_spec("family_leaflet").default_body[:40])
    assert "family support line" not in body
    saved = AuditEvent.objects.filter(action="document_template.save")
    assert saved.count() == rows.count()
    assert not saved.exclude(case__isnull=True).exists()
    assert AuditEvent.objects.filter(action="document_template.reset").count() == (
        rows.filter(is_active=False).count()
    )


# Tenant tables the national data set leaves empty, and why; every other tenant table has rows,
# so a new record type without rows in bench/national.py fails here by name. "Not in the set
# yet" marks a gap: the pages that show those records are measured without them.
NO_FILES = "the data set has no files (documents are named on their rows only)"
REFERRAL_DETAIL = (
    "not in the set yet: its referrals carry their status and dates only (issue 9), so the "
    "referral pages are measured without people, agencies, triage or challenges"
)
EMPTY_TENANT_TABLES: dict[str, str] = {
    "cases_accesslogentry": "the access log of page views: bench/pages.py's requests write it",
    "cases_actionplan": "not in the set yet: action items and their updates are, without the "
    "plan's sign-off record",
    "cases_casenote": "not in the set yet",
    "cases_closureday": "a partnership's own closure days: the set's calendars use the bank "
    "holidays only",
    "cases_invitation": "invitations accepted long ago: none pending",
    "cases_meetingdocument": NO_FILES,
    "cases_noticedocument": NO_FILES,
    "cases_outboundemail": "the e-mails went long ago (bench/reminders_sweep.py makes its own)",
    "referrals_challenge": REFERRAL_DETAIL,
    "referrals_challengestep": REFERRAL_DETAIL,
    "referrals_executivedecision": REFERRAL_DETAIL,
    "referrals_informationrequest": REFERRAL_DETAIL,
    "referrals_recommendation": REFERRAL_DETAIL,
    "referrals_referralagencycontact": REFERRAL_DETAIL,
    "referrals_referrallookup": REFERRAL_DETAIL,
    "referrals_referralperson": REFERRAL_DETAIL,
    "referrals_reviewgrouplisting": REFERRAL_DETAIL,
    "referrals_triagedecision": REFERRAL_DETAIL,
}


def test_every_tenant_table_has_rows(data):
    """The page benchmark measures every page over records of every kind: each tenant table
    (tests/test_row_level_security.py's list: every table with a partnership, and those that
    reach one through a parent) has rows, unless EMPTY_TENANT_TABLES says why not."""
    from django.db import connection

    from tests.test_row_level_security import _tenant_tables

    tables = _tenant_tables()
    stale = sorted(set(EMPTY_TENANT_TABLES) - set(tables))
    assert not stale, f"EMPTY_TENANT_TABLES names tables that are not tenant tables: {stale}"
    empty = []
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")  # noqa: S608 (our names)
            if not cursor.fetchone()[0]:
                empty.append(table)
    missing = sorted(set(empty) - set(EMPTY_TENANT_TABLES))
    assert not missing, (
        f"tenant tables with no rows in the national data set: {missing}. Add their records "
        "to bench/national.py (an add_<things> step in STEPS), or say in EMPTY_TENANT_TABLES "
        "why the set has none."
    )
    filled = sorted(set(EMPTY_TENANT_TABLES) - set(empty))
    assert not filled, f"EMPTY_TENANT_TABLES names tables that now have rows: {filled}"


def test_meetings_are_like_the_services_make_them(data):
    """Issue 13: on cases in or past the rapid review, each meeting of the case's partnership
    with invitees from its members and their agencies; one held has its attendance and the
    quorum its partnership's rule gives; one scheduled is today or later."""
    from django.utils import timezone

    from cases.meeting_quorum import quorum_result
    from cases.models import Meeting, MeetingInvitee, MeetingStatus

    meetings = Meeting.objects.select_related("partnership")
    assert meetings.count() == data.counts["meetings"] > 0
    assert not meetings.exclude(partnership=F("case__partnership")).exists()
    assert not meetings.filter(case__stage="triage").exists()
    assert set(meetings.values_list("kind", flat=True)) == {
        "rapid_review",
        "action_planning",
        "review_panel",  # the LCSPRs' first panels (test_panels_are_like_the_services_make_them)
        "practitioner_session",  # issue 14: add_practitioner_sessions
    }
    invitees = MeetingInvitee.objects.all()
    assert invitees.count() == data.counts["meeting invitees"]
    assert not invitees.exclude(partnership=F("meeting__partnership")).exists()
    assert not invitees.exclude(membership__partnership=F("partnership")).exists()
    assert all(i.agency_id == i.membership.agency_id for i in invitees.select_related("membership"))
    assert not invitees.filter(role="other", agency__is_statutory_partner=True).exists()
    held = meetings.filter(status=MeetingStatus.HELD)
    assert held.count() == data.counts["meetings held"] > 0
    assert not held.filter(attendance_recorded_at__isnull=True).exists()
    assert not invitees.filter(meeting__status=MeetingStatus.HELD, attended__isnull=True).exists()
    for meeting in held:
        present = meeting.invitees.filter(attended=True)
        assert (meeting.quorate, meeting.quorum_reason) == quorum_result(
            meeting.partnership, present
        ), meeting.pk
    assert held.filter(quorate=True).exists()
    # Scheduled: today or later (at this scale no case is in the rapid review, so the larger
    # set of test_the_bench_finds_and_opens_the_notification_and_meeting_pages has
    # some).
    scheduled = meetings.filter(status=MeetingStatus.SCHEDULED)
    assert all(timezone.localdate(m.starts_at) >= TODAY for m in scheduled)
    assert not scheduled.filter(quorate__isnull=False).exists()
    assert not invitees.exclude(meeting__status=MeetingStatus.HELD).exclude(attended=None).exists()
    cancelled = meetings.filter(status=MeetingStatus.CANCELLED)
    assert not cancelled.filter(cancelled_at__isnull=True).exists()
    assert not cancelled.filter(cancelled_reason="").exists()
    assert not meetings.exclude(status=MeetingStatus.CANCELLED).exclude(sequence=0).exists()
    assert all(m.uid.startswith("meeting-") for m in meetings)
    schedule = AuditEvent.objects.filter(action="meeting.schedule")
    assert schedule.count() == meetings.count()
    assert AuditEvent.objects.filter(action="meeting.attendance").count() == held.count()
    assert AuditEvent.objects.filter(action="meeting.cancel").count() == cancelled.count()


def test_chronologies_are_like_the_services_make_them(data):
    from cases.models import Chronology, ChronologyEntry, ChronologyEntrySubject, ChronologyStatus

    chronologies = Chronology.objects.all()
    assert chronologies.count() == data.counts["chronologies"] > 0
    assert not chronologies.exclude(partnership=F("case__partnership")).exists()
    assert not chronologies.exclude(agency__partnership=F("partnership")).exists()
    assert not chronologies.filter(case__stage="triage").exists()
    for chronology in chronologies:  # asked only of agencies involved in the case
        assert chronology.case.agencies.filter(pk=chronology.agency_id).exists()
    # Submitted (and returned, which was submitted first): by the agency's SLO, never later
    # than the day the set was built for; being written: neither.
    sent = chronologies.exclude(status=ChronologyStatus.DRAFT)
    assert sent.filter(status=ChronologyStatus.SUBMITTED).exists()
    assert not sent.filter(submitted_at__isnull=True).exists()
    assert not sent.exclude(submitted_by__memberships__agency=F("agency")).exists()
    assert not sent.filter(submitted_at__date__gt=TODAY).exists()
    drafts = chronologies.filter(status=ChronologyStatus.DRAFT)
    assert not drafts.filter(submitted_at__isnull=False).exists()
    assert not drafts.filter(submitted_by__isnull=False).exists()
    assert not chronologies.filter(status=ChronologyStatus.RETURNED, returned_reason="").exists()
    # Only cases still in the rapid review have chronologies not yet submitted.
    unsent = chronologies.exclude(status=ChronologyStatus.SUBMITTED)
    assert not unsent.exclude(case__stage="rapid_review").exists()
    # Entries: in the chronology's partnership and scope period, about the case's people.
    entries = ChronologyEntry.objects.all()
    assert entries.count() == data.counts["chronology entries"]
    assert not chronologies.filter(entries__isnull=True).exists()
    assert not entries.exclude(partnership=F("chronology__partnership")).exists()
    assert not entries.filter(occurred_on__lt=F("chronology__scope_from")).exists()
    assert not entries.filter(occurred_on__gt=F("chronology__scope_to")).exists()
    assert not entries.exclude(created_by__memberships__agency=F("chronology__agency")).exists()
    links = ChronologyEntrySubject.objects.all()
    assert links.exists()
    assert not links.exclude(subject__case=F("entry__chronology__case")).exists()
    assert not links.exclude(partnership=F("entry__partnership")).exists()
    # The audit rows of chronology_open, chronology_import, chronology_submit and _return.
    audit = AuditEvent.objects.filter(action__startswith="chronology.")
    assert audit.filter(action="chronology.open").count() == chronologies.count()
    assert audit.filter(action="chronology.import").count() == chronologies.count()
    assert audit.filter(action="chronology.submit").count() == sent.count()
    returned = chronologies.filter(status=ChronologyStatus.RETURNED).count()
    assert audit.filter(action="chronology.return").count() == returned
    assert not audit.filter(case__isnull=True).exists()


def test_terms_of_reference_are_like_the_services_make_them(data):
    from rapid_reviews.models import (
        RapidReview,
        TermsOfReference,
        TermsOfReferenceApproval,
        TermsOfReferenceMember,
    )

    terms = TermsOfReference.objects.all()
    assert terms.count() == data.counts["terms of reference"] == RapidReview.objects.count()
    assert not terms.exclude(partnership=F("rapid_review__partnership")).exists()
    assert not terms.exclude(version=1).exists()
    agreed = terms.filter(status="agreed")
    assert agreed.count() == data.counts["terms agreed"]
    assert not agreed.filter(agreed_at__isnull=True).exists()
    assert not terms.filter(status="draft", agreed_at__isnull=False).exists()
    assert not TermsOfReferenceMember.objects.exclude(partnership=F("terms__partnership")).exists()
    # Agreed: one approval by each statutory partner agency of the partnership, none before.
    approvals = TermsOfReferenceApproval.objects.all()
    assert approvals.count() == data.counts["terms approvals"]
    assert not approvals.exclude(agency__partnership=F("partnership")).exists()
    assert not approvals.exclude(agency__is_statutory_partner=True).exists()
    assert not approvals.exclude(terms__status="agreed").exists()
    for t in agreed.select_related("partnership"):
        partners = t.partnership.agencies.filter(is_statutory_partner=True).count()
        assert t.approvals.count() == partners, t.pk
    drafted = AuditEvent.objects.filter(action="rapid_review.terms_draft").count()
    assert drafted == terms.count()


def test_information_requests_are_like_the_services_make_them(data):
    from rapid_reviews.models import InformationRequest

    requests = InformationRequest.objects.all()
    assert requests.count() == data.counts["information requests"] > 0
    assert not requests.exclude(partnership=F("rapid_review__partnership")).exists()
    assert not requests.exclude(case=F("rapid_review__case")).exists()
    assert not requests.exclude(agency__partnership=F("partnership")).exists()
    returned = requests.filter(status="returned")
    assert returned.count() == data.counts["information returns"]
    assert not returned.filter(returned_at__isnull=True).exists()
    # Signed off by the agency's SLO, not the writer, with the declaration; or entered on the
    # agency's behalf.
    signed = returned.filter(entered_on_behalf=False)
    assert not signed.filter(not_involved_declared=False).exists()
    assert not signed.filter(signed_off_by=F("written_by")).exists()
    assert not signed.exclude(signed_off_by__memberships__agency=F("agency")).exists()
    assert not returned.filter(entered_on_behalf=True, entered_by__isnull=True).exists()
    assert not requests.filter(status="closed_without_response", closed_reason="").exists()
    assert not requests.filter(sent_at__date__lt=F("rapid_review__day_zero")).exists()
    audit = AuditEvent.objects.filter(action="rapid_review.request_send")
    assert audit.count() == requests.count()


def test_the_bench_finds_and_opens_the_stage_pages():
    """bench/pages.py's prepare() finds a notification, a National Panel reply, a meeting held,
    a rapid review and a chronology of the bench partnership, and their pages answer 200
    to the bench user on the national data set (at a scale where the bench partnership has a
    sign-off chain too, and some case is in the rapid review with its action planning meeting
    still to come)."""
    from django.utils import timezone

    from bench import pages
    from cases.models import Meeting, MeetingStatus

    build(scale=0.01, seed=7, today=TODAY, echo=lambda *a: None)
    scheduled = Meeting.objects.filter(status=MeetingStatus.SCHEDULED)
    assert scheduled.exists()
    assert all(timezone.localdate(m.starts_at) >= TODAY for m in scheduled)
    ids = pages.prepare()
    urls = pages._pages(ids)
    for name in (
        "notification page",
        "notifications list",
        "API: notifications",
        "National Panel reply",
        "National Panel replies",
        "API: National Panel replies",
        "notification's copies",
        "meeting page",
        "case's meetings",
        "API: case's meetings",
        "rapid review page",
        "rapid reviews list",
        "terms of reference",
        "information requests",
        "an information request",
        "rapid review report",
        "rapid review decision",
        "LCSPR page",
        "LCSPRs list",
        "API: LCSPRs",
        "learning review",
        "API: learning reviews",
        "learning review terms of reference",
        "learning review terms, version 1",
        "API: learning review terms",
        "learning review family engagement",
        "API: learning review family engagement",
        "practitioner session",
        "practitioners' feedback",
        "API: practitioner sessions",
        "comms plan",
        "API: comms plan",
        "LCSPR reviewer candidates",
        "API: LCSPR reviewer candidates",
        "LCSPR report drafts",
        "LCSPR report version",
        "LCSPR report version (an anonymisation finding)",
        "API: LCSPR report drafts",
        "LCSPR review panel",
        "LCSPR terms of reference",
        "LCSPR family engagement",
        "case's action plan",
        "impact statement",
        "letters and templates",
        "a letter (the partnership's wording)",
        "API: rapid review report",
        "integrated chronology",
        "an agency's chronology",
    ):
        assert pages.sql_of(urls[name], ids["user"]), name
    deputy = "your deputy (an SLO)"
    assert pages.sql_of(urls[deputy], ids["users"][pages.PAGE_USERS[deputy]])


def test_notification_agreements_follow_who_decides(data):
    """Issue 12: the partners' word only where the setting says they decide (all of them agreed
    on a decided referral, fewer on one still waiting), escalations only where the local
    authority decides, each by a representative of a statutory partner of the same
    partnership."""
    from referrals.models import NotificationAgreement

    rows = NotificationAgreement.objects.select_related("partnership", "agency", "membership")
    assert rows.count() == data.counts["notification agreements"] > 0
    for row in rows:
        setting = row.partnership.workflow["notification_decision"]
        assert row.referral.status in (S.AWAITING_EXECUTIVE, S.DECIDED)
        assert row.agency.is_statutory_partner and row.agency.partnership_id == row.partnership_id
        assert row.membership.agency_id == row.agency_id
        if row.escalated_to:
            assert setting["by"] == "local_authority" and not row.agrees
            assert row.escalated_to == setting["escalate_to"]
        else:
            assert setting["by"] == "statutory_partners"
    agreed = rows.filter(agrees=True, escalated_to="")
    for status, ok in ((S.DECIDED, lambda n: n == 3), (S.AWAITING_EXECUTIVE, lambda n: n < 3)):
        counts = agreed.filter(referral__status=status).values("referral").annotate(n=Count("id"))
        assert all(ok(r["n"]) for r in counts), status


def test_rapid_review_reports_are_like_the_services_make_them(data):
    from django.contrib.contenttypes.models import ContentType

    from cases.models import ActionItem
    from rapid_reviews import report_sections as rs
    from rapid_reviews.models import (
        RapidReview,
        RapidReviewOutcome,
        RapidReviewReport,
        RapidReviewReportVersion,
    )
    from rapid_reviews.services.report import report_errors

    reports = RapidReviewReport.objects.all()
    assert reports.count() == data.counts["rapid review reports"] > 0
    assert not reports.exclude(partnership=F("rapid_review__partnership")).exists()
    # Every report has all its versions, the last holding what the report holds now.
    versions = RapidReviewReportVersion.objects.all()
    assert versions.count() == data.counts["report versions"]
    assert not versions.exclude(partnership=F("report__partnership")).exists()
    for report in reports.order_by("?")[:50]:
        numbers = list(report.versions.order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, report.version + 1)), report.pk
        assert report.versions.get(number=report.version).content == report.content
        assert set(report.content) == set(rs.KEYS)
    # Submitted exactly where the review is: complete, with its date and action items.
    submitted = reports.filter(status="submitted")
    assert submitted.count() == data.counts["reports submitted"] > 0
    assert not submitted.exclude(rapid_review__status__in=["submitted", "concluded"]).exists()
    assert (
        not reports.exclude(status="submitted")
        .filter(rapid_review__status__in=["submitted", "concluded"])
        .exists()
    )
    assert not submitted.filter(submitted_on__isnull=True).exists()
    for report in submitted.order_by("?")[:50]:
        assert report_errors(report.content) == {}, report.pk
    items = ActionItem.objects.all()
    assert items.count() == data.counts["action items"] > 0
    report_type = ContentType.objects.get_for_model(RapidReviewReport)
    assert not items.exclude(source_type=report_type).exists()
    assert not items.exclude(partnership=F("case__partnership")).exists()
    assert not items.exclude(owner_agency__partnership=F("partnership")).exists()
    assert set(items.values_list("source_id", flat=True)) <= set(
        submitted.values_list("pk", flat=True)
    )
    # Every concluded review has its outcome; none other does.
    outcomes = RapidReviewOutcome.objects.all()
    assert outcomes.count() == data.counts["rapid review outcomes"]
    concluded = RapidReview.objects.filter(status="concluded", report__isnull=False)
    assert set(outcomes.values_list("rapid_review", flat=True)) == set(
        concluded.values_list("pk", flat=True)
    )
    drafted = AuditEvent.objects.filter(action="rapid_review.report_draft").count()
    assert drafted == reports.count()


def test_action_updates_are_like_the_services_make_them(data):
    from cases.models import ActionItem, ActionUpdate

    updates = ActionUpdate.objects.all()
    assert updates.count() == data.counts["action updates"] > 0
    assert not updates.exclude(partnership=F("action__partnership")).exists()
    # Each status change starts where the last one ended, and the item is where the last is.
    for item in ActionItem.objects.filter(updates__isnull=False).distinct().order_by("?")[:50]:
        changes = list(item.updates.filter(kind="status").order_by("created_at", "id"))
        assert changes[0].old_status == "open"
        for earlier, later in zip(changes, changes[1:], strict=False):
            assert later.old_status == earlier.new_status
        assert item.status == changes[-1].new_status
        assert (item.closed_on is not None) == (item.status == "closed")


def test_impact_statements_follow_completed_plans(data):
    from cases.models import ActionItem, ImpactStatement

    statements = ImpactStatement.objects.select_related("case")
    assert statements.count() == data.counts["impact statements"] > 0
    for statement in statements:
        assert statement.partnership_id == statement.case.partnership_id
        items = ActionItem.objects.filter(case=statement.case)
        assert not items.exclude(status__in=["closed", "cancelled"]).exists()
        last = items.aggregate(day=Max("closed_on"))["day"]
        assert statement.written_on == add_months(last, 6) <= TODAY
    assert AuditEvent.objects.filter(action="impact_statement.record").count() == statements.count()
