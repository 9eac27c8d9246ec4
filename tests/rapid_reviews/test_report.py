"""The rapid review report (issue 13): prefilled, saved in versions, two people editing at once
(untouched sections merge, a section both changed is refused with both texts), the sign-off
chain (approve, return, resubmit), submission (PDFs, the notice, the Panel wait, e-mails,
action items), the outcome starting the LCSPR stage; who may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.clock import event_day_zero
from cases.errors import InvalidTransition
from cases.models import (
    AccessLogEntry,
    ActionItem,
    AuditEvent,
    Deadline,
    DeadlineStatus,
    Notice,
    NoticeKind,
    NoticeStatus,
    OutboundEmail,
    Role,
    SignOffStatus,
)
from cases.services import signoff as signoff_svc
from rapid_reviews import report_sections as rs
from rapid_reviews.choices import ReportStatus, ReviewDecision, ReviewStatus
from rapid_reviews.services import report as svc
from rapid_reviews.services import terms as terms_svc
from tests.factories import make_member

D = datetime.date


@pytest.fixture
def lincs(lincolnshire):
    s = lincolnshire
    s.rgm = make_member(
        s.partnership,
        Role.REVIEW_GROUP_MEMBER,
        agency=s.la,
        email="rita.group@lincs.test",
        full_name="Rita Group",
    )
    s.rgm2 = make_member(
        s.partnership,
        Role.REVIEW_GROUP_MEMBER,
        agency=s.police,
        email="ravi.group@lincs.test",
        full_name="Ravi Group",
    )
    s.exec = make_member(
        s.partnership, Role.EXECUTIVE, email="ed.exec@lincs.test", full_name="Ed Exec"
    )
    s.la.email = "safeguarding@lincolnshire.test"
    s.la.save()
    return s


def _create(s, member=None):
    member = member or s.bm
    return svc.report_create(actor=member.user, membership=member, review=s.review)


def _save(s, member, report, base, **sections):
    return svc.report_save(
        actor=member.user, membership=member, report=report, base_version=base, sections=sections
    )


def complete(s, report):
    return _save(
        s,
        s.bm,
        report,
        report.version,
        participants="Bo Manager, business manager",
        summary="Lily was admitted with a head injury.",
        case_summary="Known to children's services.",
        immediate_action="Lily and her sibling are with their grandmother.",
        legal_advice="Yes",
        discussion="The group discussed the case.",
        criteria={k: {"decision": "no", "notes": ""} for k in rs.CRITERIA_KEYS}
        | {"improvements": {"decision": "yes", "notes": "Information sharing"}},
        recommendation={"choice": "B", "other": ""},
        rationale="Learning about information sharing.",
        learning_actions=[
            {
                "agency": "Lincolnshire Police",
                "learning": "Referrals",
                "action": "Brief officers on referrals",
                "due": "2027-03-31",
                "success_measure": "Audit",
            },
            {"agency": "A GP practice", "learning": "Records", "action": ""},
        ],
    )


def _signed_off(s):
    report = complete(s, _create(s))
    sign_off = svc.report_send_for_sign_off(actor=s.rgm.user, membership=s.rgm, report=report)
    for member in (s.exec, s.exec, s.bm):
        sign_off = signoff_svc.signoff_approve(
            actor=member.user, membership=member, sign_off=sign_off
        )
    assert sign_off.status == SignOffStatus.SIGNED_OFF
    report.refresh_from_db()
    return report


def test_the_draft_is_prefilled_from_the_case_and_the_terms(lincs):
    s = lincs
    terms_svc.terms_draft(actor=s.bm.user, membership=s.bm, review=s.review)
    report = _create(s, s.rgm)
    content = report.content
    assert content["summary"].startswith("Date of the incident: 20 November 2026.")
    assert "A baby was admitted with a head injury." in content["summary"]
    assert content["family_composition"].splitlines() == [
        "Lily Smith, the child, born 1 March 2026",
        "Mark Smith, Father",
    ]
    assert "Lincolnshire Police" in content["participants"]
    assert "Scope period: 20 November 2025 to 20 November 2026." in content["case_summary"]
    assert set(content) == set(rs.KEYS)
    assert (report.version, report.status) == (1, ReportStatus.DRAFT)
    assert report.versions.get().number == 1
    with pytest.raises(InvalidTransition):
        _create(s)


def test_a_registered_prefill_contributor_adds_to_the_draft(lincs, monkeypatch):
    def returns(review, content):
        content["worked_well"] = "From the agencies' returns"

    monkeypatch.setattr(svc, "_prefill_contributors", [returns])
    assert _create(lincs).content["worked_well"] == "From the agencies' returns"


def test_each_save_is_a_version_with_the_sections_it_changed(lincs):
    s = lincs
    report = _create(s)
    report = _save(s, s.rgm, report, 1, worked_well="Quick strategy meeting", summary="x")
    assert report.version == 2
    version = report.versions.get(number=2)
    assert version.changed_sections == ["summary", "worked_well"]
    assert version.saved_by == s.rgm.user
    assert _save(s, s.rgm, report, 2, worked_well="Quick strategy meeting").version == 2
    with pytest.raises(ValidationError) as raised:
        _save(s, s.rgm, report, 2, nonsense="x", recommendation={"choice": "Z"})
    assert set(raised.value.message_dict) == {"nonsense", "recommendation"}
    with pytest.raises(ValidationError) as raised:
        _save(s, s.rgm, report, 2, learning_actions=[{"agency": "X", "due": "soon"}])
    assert "Row 1: enter the due date" in raised.value.message_dict["learning_actions"][0]
    with pytest.raises(ValidationError):
        _save(s, s.rgm, report, 7, summary="y")
    event = AuditEvent.objects.filter(action="rapid_review.report_save").latest("id")
    assert event.changes["version"] == [1, 2]


def test_two_people_editing_at_once_merge_or_are_refused(lincs):
    s = lincs
    report = _create(s)
    # Both open version 1. Rita saves the summary; Ravi then saves what worked well: merged.
    report = _save(s, s.rgm, report, 1, summary="Rita's summary")
    # Ravi's form also sends the summary as he opened it: untouched, so Rita's stays.
    as_opened = report.versions.get(number=1).content["summary"]
    report = _save(s, s.rgm2, report, 1, worked_well="Ravi's strengths", summary=as_opened)
    assert report.version == 3
    assert report.content["summary"] == "Rita's summary"
    assert report.content["worked_well"] == "Ravi's strengths"
    # Ravi, still on version 1, changes the summary too: refused, both texts given.
    with pytest.raises(svc.ReportConflict) as raised:
        _save(s, s.rgm2, report, 1, summary="Ravi's summary", worried_about="Ravi's worry")
    conflict = raised.value
    assert conflict.current_version == 3
    assert [c["key"] for c in conflict.conflicts] == ["summary"]
    item = conflict.conflicts[0]
    assert item["by"] == "Rita Group"
    assert (item["theirs"], item["mine"]) == ("Rita's summary", "Ravi's summary")
    assert item["message"] == (
        "Rita Group changed ‘Summary of the serious incident and the family's circumstances’"
        " while you were editing: your text is below; copy what you need"
    )
    report.refresh_from_db()
    assert report.version == 3
    assert "worried_about" not in report.versions.get(number=3).changed_sections
    # The same text as the other person's is no conflict.
    assert _save(s, s.rgm2, report, 1, summary="Rita's summary").version == 3


def test_two_sessions_on_the_edit_page(lincs, client_for):
    s = lincs
    report = _create(s)
    url = reverse("rapid_reviews:report_edit", args=[s.partnership.slug, s.review.pk])
    rita, ravi = client_for(s.rgm.user), client_for(s.rgm2.user)
    rita_form = rita.get(url + "?section=summary").context["form"]
    ravi_form = ravi.get(url + "?section=summary").context["form"]
    assert rita_form.initial["base_version"] == ravi_form.initial["base_version"] == 1
    response = rita.post(url + "?section=summary", {"base_version": 1, "summary": "Rita's"})
    assert response.status_code == 302
    response = ravi.post(url + "?section=summary", {"base_version": 1, "summary": "Ravi's"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Rita Group changed ‘Summary of the serious incident" in text
    assert "Ravi&#x27;s" in text or "Ravi's" in text
    form = response.context["form"]
    assert form.data["summary"] == "Rita's" and form.data["base_version"] == "2"
    # Ravi copies what he needs and saves again from version 2.
    response = ravi.post(
        url + "?section=summary", {"base_version": 2, "summary": "Rita's and Ravi's"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.version, report.content["summary"]) == (3, "Rita's and Ravi's")


def test_the_whole_form_saves_every_section(lincs, client_for):
    s = lincs
    _create(s)
    url = reverse("rapid_reviews:report_edit", args=[s.partnership.slug, s.review.pk])
    bm = client_for(s.bm.user)
    form = bm.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data |= {"criteria_improvements": "yes", "recommendation": "I", "recommendation_other": ""}
    data |= {"good_practice_0_agency": "Lincolnshire ICB", "good_practice_0_evidence": "Fast"}
    response = bm.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    report = svc.report_of(s.review)
    assert report.content["criteria"]["improvements"]["decision"] == "yes"
    assert report.content["good_practice"] == [{"agency": "Lincolnshire ICB", "evidence": "Fast"}]
    page = bm.get(reverse("rapid_reviews:report", args=[s.partnership.slug, s.review.pk]))
    assert "Enter what the other recommendation is" in page.text
    assert AccessLogEntry.objects.filter(
        case=s.case, object_repr__startswith="Rapid review report version"
    ).exists()
    version = bm.get(
        reverse("rapid_reviews:report_version", args=[s.partnership.slug, s.review.pk, 2])
    )
    assert version.status_code == 200 and "Good practice identified" in version.text


def test_sending_for_sign_off_names_every_missing_section(lincs):
    s = lincs
    report = _create(s)
    with pytest.raises(ValidationError) as raised:
        svc.report_send_for_sign_off(actor=s.rgm.user, membership=s.rgm, report=report)
    errors = raised.value.message_dict
    assert errors["criteria"] == ["Answer yes or no for every criterion"]
    assert errors["recommendation"] == ["Select the recommendation"]
    assert "rationale" in errors and "discussion" in errors
    with pytest.raises(PermissionDenied):
        svc.report_send_for_sign_off(
            actor=s.police_staff.user, membership=s.police_staff, report=report
        )


def test_sign_off_return_resubmit_and_sign_off(lincs):
    s = lincs
    report = complete(s, _create(s))
    sign_off = svc.report_send_for_sign_off(actor=s.rgm.user, membership=s.rgm, report=report)
    report.refresh_from_db()
    assert svc.effective_status(report) == ReportStatus.IN_SIGN_OFF
    assert not svc.is_editable(report)
    with pytest.raises(InvalidTransition):
        _save(s, s.rgm, report, report.version, summary="late change")
    with pytest.raises(InvalidTransition):
        svc.report_submit(actor=s.bm.user, membership=s.bm, report=report, sent_on=D(2026, 12, 1))
    sign_off = signoff_svc.signoff_return(
        actor=s.exec.user, membership=s.exec, sign_off=sign_off, comments="Say more"
    )
    report.refresh_from_db()
    assert svc.is_editable(report)
    report = _save(s, s.rgm, report, report.version, discussion="More discussion")
    sign_off = signoff_svc.signoff_resubmit(actor=s.rgm.user, membership=s.rgm, sign_off=sign_off)
    assert sign_off.version == 2
    for member in (s.exec, s.exec, s.bm):
        sign_off = signoff_svc.signoff_approve(
            actor=member.user, membership=member, sign_off=sign_off
        )
    assert svc.effective_status(report) == ReportStatus.SIGNED_OFF
    assert not svc.is_editable(report)


def test_submission_sends_the_notice_and_opens_the_panel_wait(lincs):
    from notifications.models import PanelResponse

    s = lincs
    report = _signed_off(s)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        svc.report_submit(actor=s.bm.user, membership=s.bm, report=report, sent_on=None)
    with pytest.raises(PermissionDenied):
        svc.report_submit(actor=s.exec.user, membership=s.exec, report=report, sent_on=today)
    report = svc.report_submit(actor=s.bm.user, membership=s.bm, report=report, sent_on=today)
    s.review.refresh_from_db()
    assert (report.status, s.review.status) == (ReportStatus.SUBMITTED, ReviewStatus.SUBMITTED)
    notice = Notice.objects.get(case=s.case, kind=NoticeKind.RAPID_REVIEW_SUBMISSION)
    assert (notice.status, notice.sent_on) == (NoticeStatus.SENT, today)
    documents = list(notice.documents.all())
    assert len(documents) == 2
    for document in documents:
        assert document.content_type == "application/pdf"
        assert document.file.open("rb").read(4) == b"%PDF"
    assert PanelResponse.objects.filter(case=s.case).exists()
    for key in ("submit_to_panel", "awareness_backstop"):
        met = Deadline.objects.get(case=s.case, stage="rapid_review", key=key)
        assert (met.status, met.met_on) == (DeadlineStatus.MET, today), key
    items = list(ActionItem.objects.filter(case=s.case).order_by("id"))
    assert [(i.owner_label, i.what, i.due_date) for i in items] == [
        ("Lincolnshire Police", "Brief officers on referrals", D(2027, 3, 31)),
        ("A GP practice", "Records", None),
    ]
    assert items[0].owner_agency == s.police
    # The dated action reminds its owner through the clock; the undated one has no step.
    steps = Deadline.objects.filter(case=s.case, stage="action_plan")
    assert list(steps.values_list("key", "due")) == [(f"action_{items[0].pk}", D(2027, 3, 31))]
    from rapid_reviews.home import rapid_review_case_panel

    labels = [i["label"] for i in rapid_review_case_panel(s.bm, s.case, "lincolnshire")["items"]]
    assert "Rapid review report" in labels and "2 open action items" in labels
    staff_panel = rapid_review_case_panel(s.police_staff, s.case, "lincolnshire")
    assert "Rapid review report" not in [i["label"] for i in staff_panel["items"]]
    emails = OutboundEmail.objects.filter(key__startswith=f"rapid_review_submitted:{s.review.pk}")
    assert {e.to for e in emails} == {"safeguarding@lincolnshire.test"}
    for email in emails:
        assert "Lily" not in email.body_text and "Smith" not in email.body_text
    with pytest.raises(InvalidTransition):
        svc.report_submit(actor=s.bm.user, membership=s.bm, report=report, sent_on=today)
    assert AuditEvent.objects.filter(action="rapid_review.report_submit").exists()


def test_the_outcome_concludes_the_review_and_starts_the_lcspr(lincs):
    s = lincs
    today = timezone.localdate()
    with pytest.raises(InvalidTransition):
        svc.rapid_review_conclude(
            actor=s.bm.user,
            membership=s.bm,
            review=s.review,
            decision=ReviewDecision.LCSPR,
            decided_on=today,
            rationale="Panel agreed",
        )
    report = _signed_off(s)
    svc.report_submit(actor=s.bm.user, membership=s.bm, report=report, sent_on=today)
    s.review.refresh_from_db()
    with pytest.raises(PermissionDenied):
        svc.rapid_review_conclude(
            actor=s.rgm.user,
            membership=s.rgm,
            review=s.review,
            decision=ReviewDecision.LCSPR,
            decided_on=today,
            rationale="x",
        )
    with pytest.raises(ValidationError) as raised:
        svc.rapid_review_conclude(
            actor=s.exec.user,
            membership=s.exec,
            review=s.review,
            decision="maybe",
            decided_on=None,
            rationale="",
        )
    assert set(raised.value.message_dict) == {"decision", "decided_on", "rationale"}
    outcome = svc.rapid_review_conclude(
        actor=s.exec.user,
        membership=s.exec,
        review=s.review,
        decision=ReviewDecision.LCSPR,
        decided_on=today,
        rationale="The Panel agreed with a local review.",
    )
    s.review.refresh_from_db()
    assert s.review.status == ReviewStatus.CONCLUDED
    assert outcome.decided_on == today
    assert event_day_zero(s.case, "lcspr") == today
    assert Deadline.objects.filter(case=s.case, stage="lcspr").exists()
    assert AuditEvent.objects.filter(action="rapid_review.conclude").exists()


def test_who_reads_and_changes_the_report(lincs, client_for):
    s = lincs
    _create(s)
    url = reverse("rapid_reviews:report", args=[s.partnership.slug, s.review.pk])
    edit = reverse("rapid_reviews:report_edit", args=[s.partnership.slug, s.review.pk])
    # Practitioners never see the report (Lincolnshire 000); an SLO reads and edits.
    assert client_for(s.police_staff.user).get(url).status_code == 403
    assert client_for(s.la_slo.user).get(url).status_code == 200
    assert client_for(s.la_slo.user).get(edit).status_code == 200
    assert client_for(s.icb_exec.user).get(url).status_code == 200
    assert client_for(s.icb_exec.user).get(edit).status_code == 403
    assert client_for(s.exec.user).get(edit).status_code == 403
    with pytest.raises(PermissionDenied):
        svc.report_create(actor=s.exec.user, membership=s.exec, review=s.review)


def test_a_member_of_an_agency_not_involved_gets_404(lincs, client_for):
    from cases.models import AgencyType
    from tests.factories import AgencyFactory

    s = lincs
    _create(s)
    fire = AgencyFactory(partnership=s.partnership, name="Fire", agency_type=AgencyType.EDUCATION)
    slo = make_member(s.partnership, Role.SLO, agency=fire)
    url = reverse("rapid_reviews:report", args=[s.partnership.slug, s.review.pk])
    assert client_for(slo.user).get(url).status_code == 404


# The pages for the world's single-role members (tests/role_matrix.py; those needing an agency
# are the police's, involved in the case): practitioners (agency staff) never read the report.
R = Role
REPORT_READERS = set(Role) - {R.LEAD_REVIEWER, R.AGENCY_STAFF}
EDITORS = {R.BUSINESS_MANAGER, R.REVIEW_GROUP_MEMBER, R.SLO}


def test_pages_matrix(world, client_for):
    from tests.rapid_reviews import records as rv
    from tests.role_matrix import assert_matrix, expect

    side = world.alpha
    review = rv.a_report(side).rapid_review

    def u(name, *args):
        return reverse(f"rapid_reviews:{name}", args=[side.partnership.slug, review.pk, *args])

    for url, allowed in (
        (u("report"), REPORT_READERS),
        (u("report_version", 1), REPORT_READERS),
        (u("report_edit"), EDITORS),
        (u("report_submit"), {R.BUSINESS_MANAGER}),
        (u("conclude"), {R.BUSINESS_MANAGER, R.EXECUTIVE}),
    ):
        assert_matrix(client_for, side, "get", url, expect(200, allowed), outsider=world.outsider)
    # Not complete: the page again with every missing section, for whoever may send it.
    assert_matrix(
        client_for,
        side,
        "post",
        u("report_send"),
        expect(400, EDITORS),
        outsider=world.outsider,
    )


def test_the_submit_and_conclude_pages(lincs, client_for):
    s = lincs
    _signed_off(s)
    bm = client_for(s.bm.user)
    slug = s.partnership.slug
    page = bm.get(reverse("rapid_reviews:report", args=[slug, s.review.pk])).text
    assert "Submit to the National Panel" in page and "Signed off" in page
    submit = reverse("rapid_reviews:report_submit", args=[slug, s.review.pk])
    response = bm.post(submit, {})
    assert response.status_code == 400 and "Enter the date the report was sent" in response.text
    today = timezone.localdate()
    date = {"sent_on_day": today.day, "sent_on_month": today.month, "sent_on_year": today.year}
    assert bm.post(submit, date).status_code == 302
    s.review.refresh_from_db()
    assert s.review.status == ReviewStatus.SUBMITTED
    detail = bm.get(reverse("rapid_reviews:detail", args=[slug, s.review.pk])).text
    assert "Record the outcome of the rapid review" in detail
    conclude = reverse("rapid_reviews:conclude", args=[slug, s.review.pk])
    response = bm.post(conclude, {"decision": "closure"})
    assert response.status_code == 400 and "Enter the rationale for the decision" in response.text
    decided = {"decided_on_day": today.day, "decided_on_month": today.month}
    decided |= {"decided_on_year": today.year, "rationale": "The Panel agreed."}
    response = bm.post(conclude, {"decision": "closure", **decided})
    assert response.status_code == 302
    s.review.refresh_from_db()
    assert s.review.status == ReviewStatus.CONCLUDED
    page = bm.get(reverse("rapid_reviews:report", args=[slug, s.review.pk])).text
    assert "No further review: close" in page
