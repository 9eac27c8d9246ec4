"""Statutory notices (issue 12): one model for every stage's notices to national bodies.

Default recipients per kind and per partnership (from the seeds), the rules of each transition
(a delay needs reasons; a notice is not sent in the future; cancelling needs a reason), the clock
(a notice meets its step; its due date follows the step), permissions and isolation on the pages
and the API, the history's sentences and My work's order.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.errors import InvalidTransition
from cases.history_display import history_rows
from cases.models import (
    AgencyType,
    AuditEvent,
    DeadlineStatus,
    Notice,
    NoticeKind,
    NoticeStatus,
    Role,
)
from cases.models.notices import DEFAULT_RECIPIENTS
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from cases.services import notices as notice_services
from cases.workflow import PRESETS, preset, workflow_settings_errors
from cases.workflow.vocabulary import NOTICE_KINDS, NOTICE_RECIPIENTS
from tests.factories import make_member
from tests.world import PDF_BYTES

BM = Role.BUSINESS_MANAGER
TODAY = timezone.localdate()
JSON = {"content_type": "application/json"}


def _create(side, kind="lcspr_decision", **kwargs):
    bm = side.members[BM]
    return notice_services.notice_create(
        actor=bm.user, membership=bm, case=side.case, kind=kind, **kwargs
    )


def _url(name, side, **kwargs):
    return reverse(name, kwargs={"partnership_slug": side.partnership.slug, **kwargs})


def _date(prefix: str, day: datetime.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


# --- Who each kind goes to ----------------------------------------------------------------------

NP, SOS, OFSTED = "national_panel", "secretary_of_state", "ofsted"

# (preset, kind) -> the bodies, as the seeds say.
EXPECTED = {
    # Lincolnshire 000, Communication Publication Strategy: shared with the National Panel.
    ("lincolnshire", "prepublication_copies"): [NP],
    # BCP 003 section 12: the Panel and the Secretary of State; improvements also to Ofsted.
    ("bcp", "prepublication_copies"): [NP, SOS],
    ("bcp", "not_published_improvements"): [NP, SOS, OFSTED],
    # The others also Ofsted: Dorset 002 7.19, Swindon 001 Formal Publication, North Lincs 004.
    ("dorset", "prepublication_copies"): [NP, SOS, OFSTED],
    ("swindon", "prepublication_copies"): [NP, OFSTED, SOS],
    ("north-lincolnshire", "prepublication_copies"): [NP, SOS, OFSTED],
    # Swindon 001: decisions to the Panel, DfE and Ofsted; a delay to the Panel and the SoS.
    ("swindon", "lcspr_decision"): [NP, SOS, OFSTED],
    ("swindon", "lcspr_delay"): [NP, SOS],
    # Dorset 002 1.4 and everywhere: a child in care's death to the SoS and Ofsted.
    ("dorset", "child_in_care_death"): [SOS, OFSTED],
    ("lincolnshire", "child_in_care_death"): [SOS, OFSTED],
    ("lincolnshire", "rapid_review_submission"): [NP],
    ("north-lincolnshire", "lcspr_delay"): [NP, SOS],
}


@pytest.mark.parametrize("name", sorted(PRESETS))
@pytest.mark.parametrize("kind", sorted(NOTICE_KINDS))
def test_each_kinds_default_recipients_per_preset(name, kind):
    from types import SimpleNamespace

    recipients = notice_services.notice_default_recipients(
        SimpleNamespace(workflow=preset(name)), kind
    )
    if (name, kind) in EXPECTED:
        assert recipients == EXPECTED[(name, kind)]
    else:
        configured = PRESETS[name].get("notice_recipients", {})
        assert recipients == configured.get(kind, list(DEFAULT_RECIPIENTS[kind]))
    assert kind == "other" or recipients, "every kind but other goes somewhere by default"


def test_the_vocabulary_and_the_models_choices_agree():
    from cases.models import NoticeRecipient

    assert set(NoticeKind.values) == NOTICE_KINDS == set(DEFAULT_RECIPIENTS)
    assert set(NoticeRecipient.values) == NOTICE_RECIPIENTS


def test_the_setting_is_optional_and_validated():
    settings = preset("lincolnshire")
    del settings["notice_recipients"]
    assert workflow_settings_errors(settings) == []
    settings["notice_recipients"] = {"lcspr_delay": ["ofsted", "the_press"], "nonsense": ["cqc"]}
    errors = workflow_settings_errors(settings)
    assert any(e.startswith("notice_recipients.lcspr_delay[1]: unknown recipient") for e in errors)
    assert any(e.startswith("notice_recipients.nonsense: unknown kind") for e in errors)
    settings["notice_recipients"] = {"lcspr_delay": []}
    assert workflow_settings_errors(settings) == [
        "notice_recipients.lcspr_delay: must name at least one recipient"
    ]


def test_a_notice_takes_the_partnerships_recipients_unless_given(world):
    side = world.alpha  # Lincolnshire's preset
    assert _create(side, "prepublication_copies").recipients == [NP]
    given = _create(side, "prepublication_copies", recipients=[NP, "cqc", NP])
    assert given.recipients == [NP, "cqc"]
    with pytest.raises(ValidationError) as error:
        _create(side, "other")
    assert error.value.message_dict == {"recipients": ["Select who the notice goes to"]}
    with pytest.raises(ValidationError) as error:
        _create(side, "other", recipients=["other_partnership"])
    assert error.value.message_dict == {
        "other_partnership": ["Enter which partnership the notice goes to"]
    }
    other = _create(side, "other", recipients=["other_partnership"], other_partnership="Kent SCP")
    assert other.recipient_labels == ["Another safeguarding partnership: Kent SCP"]


# --- The rules of each transition ---------------------------------------------------------------


def test_a_delay_notice_needs_reasons(world):
    with pytest.raises(ValidationError) as error:
        _create(world.alpha, "lcspr_delay", reason="  ")
    assert error.value.message_dict == {"reason": ["Enter the reasons for the delay"]}
    notice = _create(world.alpha, "lcspr_delay", reason="The police asked us to wait.")
    assert notice.recipients == [NP, SOS]
    assert notice.reason == "The police asked us to wait."


def _publication(side, publish_on):
    deadline_services.stage_start(
        actor=side.user(BM), case=side.case, stage="publication", day_zero=publish_on
    )
    return side.case.deadlines.get(stage="publication", key="copies_to_panel")


def test_the_clock_gives_the_due_date_and_sending_meets_the_step(world):
    side = world.alpha
    step = _publication(side, datetime.date(2027, 3, 1))
    notice = _create(side, "prepublication_copies")
    # Lincolnshire: seven working days before publication.
    assert notice.deadline == step and notice.due_date == step.due == datetime.date(2027, 2, 18)
    bm = side.members[BM]
    sent = notice_services.notice_record_sent(
        actor=bm.user, membership=bm, notice=notice, sent_on=TODAY, sent_by_name=""
    )
    assert sent.status == NoticeStatus.SENT and sent.sent_on == TODAY and sent.sent_by == bm.user
    step.refresh_from_db()
    assert step.status == DeadlineStatus.MET and step.met_on == TODAY
    with pytest.raises(InvalidTransition):
        notice_services.notice_record_sent(actor=bm.user, membership=bm, notice=sent, sent_on=TODAY)


def test_a_notice_follows_its_step_when_the_day_zero_is_corrected(world):
    side = world.alpha
    _publication(side, datetime.date(2027, 3, 1))
    notice = _create(side, "prepublication_copies")
    deadline_services.stage_recompute(
        actor=side.user(BM),
        case=side.case,
        stage="publication",
        day_zero=datetime.date(2027, 4, 1),
        reason="Publication moved",
    )
    notice.refresh_from_db()
    # Seven working days before Thu 1 April 2027, Easter Monday and Good Friday not counted.
    assert notice.due_date == notice.deadline.due == datetime.date(2027, 3, 19)


def test_a_child_in_care_death_is_due_five_working_days_after_awareness(world):
    side = world.alpha
    side.case.awareness_date = datetime.date(2026, 12, 22)
    side.case.save(update_fields=["awareness_date"])
    notice = _create(side, "child_in_care_death")
    # Christmas Day and Boxing Day (observed, Mon 28) are not counted.
    assert notice.due_date == datetime.date(2026, 12, 31)
    assert notice.recipients == [SOS, OFSTED]


def test_a_changed_awareness_date_moves_the_notices_counted_from_it(world):
    """case_update recomputes a due child-in-care notice (no clock step), audited; a notice
    already sent and one with an entered date keep theirs."""
    side = world.alpha
    bm = side.members[BM]
    side.case.awareness_date = datetime.date(2026, 12, 22)
    side.case.save(update_fields=["awareness_date"])
    due = _create(side, "child_in_care_death")
    other = _create(side, "other", recipients=[OFSTED], due_date=datetime.date(2026, 12, 30))
    case_services.case_update(
        actor=bm.user, membership=bm, case=side.case, awareness_date=datetime.date(2026, 12, 1)
    )
    due.refresh_from_db()
    other.refresh_from_db()
    assert due.due_date == datetime.date(2026, 12, 8)
    assert other.due_date == datetime.date(2026, 12, 30)
    moved = AuditEvent.objects.get(action="notice.due_moved", object_id=str(due.pk))
    assert moved.changes == {"due_date": ["2026-12-31", "2026-12-08"]}
    assert "moved the due date" in history_rows([moved])[0].sentence


def test_a_step_and_a_different_date_are_refused_together(world):
    side = world.alpha
    step = _publication(side, datetime.date(2027, 3, 1))
    with pytest.raises(ValidationError) as error:
        _create(side, "prepublication_copies", deadline=step, due_date=datetime.date(2027, 1, 1))
    assert error.value.message_dict == {"due_date": ["Enter a due date or choose a step, not both"]}


def test_a_notice_cannot_be_sent_in_the_future(world):
    side = world.alpha
    notice = _create(side)
    bm = side.members[BM]
    with pytest.raises(ValidationError) as error:
        notice_services.notice_record_sent(
            actor=bm.user,
            membership=bm,
            notice=notice,
            sent_on=TODAY + datetime.timedelta(days=1),
        )
    assert error.value.message_dict == {"sent_on": ["Date sent must be today or in the past"]}
    with pytest.raises(ValidationError) as error:
        notice_services.notice_record_sent(
            actor=bm.user, membership=bm, notice=notice, sent_on=None
        )
    assert error.value.message_dict == {"sent_on": ["Enter the date the notice was sent"]}
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DUE


def test_cancelling_needs_a_reason(world):
    side = world.alpha
    notice = _create(side)
    bm = side.members[BM]
    with pytest.raises(ValidationError) as error:
        notice_services.notice_cancel(actor=bm.user, membership=bm, notice=notice, reason=" ")
    assert error.value.message_dict == {"reason": ["Enter why the notice is cancelled"]}
    cancelled = notice_services.notice_cancel(
        actor=bm.user, membership=bm, notice=notice, reason="Recorded twice"
    )
    assert cancelled.status == NoticeStatus.CANCELLED
    assert cancelled.cancelled_reason == "Recorded twice"
    with pytest.raises(InvalidTransition):
        notice_services.notice_record_sent(
            actor=bm.user, membership=bm, notice=cancelled, sent_on=TODAY
        )


def test_documents_and_evidence_must_be_the_cases_own(world):
    side, other = world.alpha, world.beta
    with pytest.raises(ValidationError) as error:
        _create(side, documents=[other.attachment])
    assert error.value.message_dict == {"documents": ["Choose documents of this case"]}
    notice = _create(side, documents=[side.attachment])
    bm = side.members[BM]
    with pytest.raises(ValidationError) as error:
        notice_services.notice_record_sent(
            actor=bm.user, membership=bm, notice=notice, sent_on=TODAY, evidence=other.attachment
        )
    assert error.value.message_dict == {"evidence": ["Choose a document of this case"]}


# --- Permissions and isolation ------------------------------------------------------------------


def test_agency_staff_cannot_create_a_notice_page_api_or_service(world, client_for):
    side = world.alpha
    staff = side.members[Role.AGENCY_STAFF]
    client = client_for(staff.user)
    page = client.post(_url("cases:notice_add", side, pk=side.case.pk), {"kind": "other"})
    assert page.status_code == 403
    api = client.post(
        _url("cases_api:notice-list", side, case_pk=side.case.pk), {"kind": "other"}, **JSON
    )
    assert api.status_code == 403
    assert "local authority" in api.json()["detail"]
    with pytest.raises(PermissionDenied):
        notice_services.notice_create(
            actor=staff.user, membership=staff, case=side.case, kind="other"
        )
    assert not Notice.objects.exists()
    # They read them, though: the case involves their agency.
    _create(side)
    assert client.get(_url("cases:notice_list", side, pk=side.case.pk)).status_code == 200
    listed = client.get(_url("cases_api:notice-list", side, case_pk=side.case.pk))
    assert [n["kind"] for n in listed.json()] == ["lcspr_decision"]


def test_the_local_authoritys_members_manage_notices(world, client_for):
    side = world.alpha
    bm = side.members[BM]
    case_services.case_update(
        actor=bm.user,
        membership=bm,
        case=side.case,
        agencies=[side.agencies["police"], side.agencies["la"]],
    )
    assert side.agencies["la"].agency_type == AgencyType.LOCAL_AUTHORITY
    head_of_service = make_member(
        side.partnership,
        Role.AGENCY_STAFF,
        agency=side.agencies["la"],
        email="hos@alpha.test",
        full_name="Head of Service",
    )
    client = client_for(head_of_service.user)
    response = client.post(
        _url("cases_api:notice-list", side, case_pk=side.case.pk),
        {"kind": "child_in_care_death"},
        **JSON,
    )
    assert response.status_code == 201, response.content
    assert response.json()["recipients"] == [SOS, OFSTED]


def test_another_partnerships_notice_is_a_404(world, client_for):
    alpha, beta = world.alpha, world.beta
    theirs = _create(beta)
    client = client_for(alpha.user(BM))
    urls = [
        # Beta's notice under Alpha's case, and Beta's case under Alpha's partnership.
        _url("cases:notice_detail", alpha, pk=alpha.case.pk, notice_pk=theirs.pk),
        _url("cases:notice_detail", alpha, pk=beta.case.pk, notice_pk=theirs.pk),
        _url("cases_api:notice-detail", alpha, case_pk=alpha.case.pk, pk=theirs.pk),
        _url("cases_api:notice-detail", alpha, case_pk=beta.case.pk, pk=theirs.pk),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    sent = _url("cases_api:notice-sent", alpha, case_pk=alpha.case.pk, pk=theirs.pk)
    assert client.post(sent, {"sent_on": "2026-01-05"}, **JSON).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == NoticeStatus.DUE


# --- Pages and API end to end -------------------------------------------------------------------


def test_the_pages_add_send_and_cancel(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    add = _url("cases:notice_add", side, pk=side.case.pk)
    response = client.post(add, {"kind": "lcspr_delay", **_date("due_date", TODAY)})
    assert response.status_code == 200
    assert "Enter the reasons for the delay" in response.content.decode()
    response = client.post(
        add,
        {
            "kind": "lcspr_delay",
            "reason": "The police investigation",
            "documents": [side.attachment.pk],
            **_date("due_date", TODAY),
        },
    )
    notice = Notice.objects.get()
    assert response.status_code == 302 and notice.due_date == TODAY
    assert list(notice.documents.all()) == [side.attachment]
    detail = _url("cases:notice_detail", side, pk=side.case.pk, notice_pk=notice.pk)
    future = client.post(detail, _date("sent_on", TODAY + datetime.timedelta(days=2)))
    assert "Date sent must be today or in the past" in future.content.decode()
    evidence = SimpleUploadedFile("receipt.pdf", PDF_BYTES, content_type="application/pdf")
    sent = client.post(
        detail,
        {**_date("sent_on", TODAY), "sent_by_name": "Head of Service", "evidence_file": evidence},
    )
    assert sent.status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT and notice.sender_name == "Head of Service"
    assert notice.evidence.original_name == "receipt.pdf"
    assert notice.evidence.case == side.case
    page = client.get(detail).content.decode()
    assert "receipt.pdf" in page and "Head of Service" in page
    # A sent notice cannot be cancelled.
    cancel = _url("cases:notice_cancel", side, pk=side.case.pk, notice_pk=notice.pk)
    assert client.post(cancel, {"reason": "Oops"}).status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT


def test_the_list_shows_overdue_in_red_and_the_case_page_links_it(world, client_for):
    side = world.alpha
    _create(side, due_date=TODAY - datetime.timedelta(days=3))
    client = client_for(side.user(BM))
    page = client.get(_url("cases:notice_list", side, pk=side.case.pk)).content.decode()
    assert "govuk-tag--red" in page and "Overdue" in page
    case_page = client.get(_url("cases:case_detail", side, pk=side.case.pk)).content.decode()
    assert "Statutory notices" in case_page
    assert _url("cases:notice_list", side, pk=side.case.pk) in case_page


def test_the_api_gives_reasons_never_a_500(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    url = _url("cases_api:notice-list", side, case_pk=side.case.pk)
    beta_document = world.beta.attachment.pk
    for body, field in (
        ({}, "kind"),
        ({"kind": "nonsense"}, "kind"),
        ({"kind": "lcspr_delay"}, "reason"),
        ({"kind": "other", "recipients": ["the_press"]}, "recipients"),
        (
            {"kind": "other", "recipients": [NP], "documents": [beta_document]},
            "documents",
        ),
        ({"kind": "other", "recipients": [NP], "deadline": 999999}, "deadline"),
        ({"kind": "other", "recipients": "national_panel"}, "recipients"),
    ):
        response = client.post(url, body, **JSON)
        assert response.status_code == 400, (body, response.content)
        assert field in response.json(), (body, response.json())
    created = client.post(url, {"kind": "other", "recipients": [NP], "due_date": None}, **JSON)
    assert created.status_code == 201
    pk = created.json()["id"]
    sent = _url("cases_api:notice-sent", side, case_pk=side.case.pk, pk=pk)
    future = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = client.post(sent, {"sent_on": future}, **JSON)
    assert response.status_code == 400 and "sent_on" in response.json()
    assert client.post(sent, {"sent_on": TODAY.isoformat()}, **JSON).status_code == 200
    # Sent already: a conflict with the reason.
    again = client.post(sent, {"sent_on": TODAY.isoformat()}, **JSON)
    assert again.status_code == 409 and "only a notice that is due" in again.json()["detail"]
    cancel = _url("cases_api:notice-cancel", side, case_pk=side.case.pk, pk=pk)
    assert client.post(cancel, {}, **JSON).status_code == 400
    assert client.post(cancel, {"reason": "x"}, **JSON).status_code == 409


# --- History and My work ------------------------------------------------------------------------


def test_the_history_reads_as_sentences(world):
    side = world.alpha
    notice = _create(side, "lcspr_delay", reason="Police", documents=[side.attachment])
    bm = side.members[BM]
    notice_services.notice_record_sent(
        actor=bm.user, membership=bm, notice=notice, sent_on=datetime.date(2026, 3, 2)
    )
    other = _create(side)
    notice_services.notice_cancel(actor=bm.user, membership=bm, notice=other, reason="Twice")
    events = AuditEvent.objects.filter(action__startswith="notice.").order_by("created_at", "pk")
    rows = history_rows(events, partnership=side.partnership, collapse=False)
    who = bm.user.get_full_name()
    delay = NoticeKind.LCSPR_DELAY.label
    assert [r.sentence for r in rows] == [
        f"{who} recorded that a statutory notice is due: {delay}",
        f"{who} recorded the statutory notice {delay} as sent on 2 March 2026",
        f"{who} recorded that a statutory notice is due: {NoticeKind.LCSPR_DECISION.label}",
        f"{who} cancelled the statutory notice {NoticeKind.LCSPR_DECISION.label}",
    ]
    created = {c.label: c.after_label for c in rows[0].shown_changes}
    assert created["Sent to"] == (
        "Child Safeguarding Practice Review Panel, Secretary of State (Department for Education)"
    )
    assert created["Documents sent"] == "report.pdf"
    assert created["Kind of notice"] == delay
    assert rows[3].event.note == "Twice"


def test_my_work_lists_notices_due_overdue_first(world, client_for):
    side = world.alpha
    later = _create(side, due_date=TODAY + datetime.timedelta(days=10))
    undated = _create(side, "other", recipients=["cqc"])
    overdue = _create(side, "lcspr_delay", reason="Police", due_date=TODAY - datetime.timedelta(1))
    sent = _create(side, due_date=TODAY - datetime.timedelta(days=5))
    bm = side.members[BM]
    notice_services.notice_record_sent(actor=bm.user, membership=bm, notice=sent, sent_on=TODAY)
    _create(world.beta, due_date=TODAY - datetime.timedelta(days=30))  # not Alpha's
    response = client_for(bm.user).get(_url("cases:home", side))
    section = next(s for s in response.context["work_sections"] if s["title"] == "Notices due")
    expected = [overdue, later, undated]
    assert [i["url"] for i in section["items"]] == [
        _url("cases:notice_detail", side, pk=n.case_id, notice_pk=n.pk) for n in expected
    ]
    assert [i["tag"] for i in section["items"]] == ["Overdue", "Due", "Due"]
    assert section["items"][0]["tag_colour"] == "red"
    # Not on an SLO's My work.
    slo = client_for(side.user(Role.SLO)).get(_url("cases:home", side))
    assert "Notices due" not in [s["title"] for s in slo.context["work_sections"]]


def test_a_stage_app_creates_a_notice_without_a_member(world):
    """As a stage app's service does, inside its own permission check."""
    side = world.alpha
    notice = notice_services.notice_create(
        actor=side.user(BM),
        membership=None,
        case=side.case,
        kind="rapid_review_submission",
        check_permission=False,
    )
    assert notice.recipients == [NP] and notice.due_date is None
    with pytest.raises(PermissionDenied):
        notice_services.notice_create(
            actor=side.user(BM), membership=None, case=side.case, kind="other"
        )


# --- Query counts -------------------------------------------------------------------------------


def _grow_notices(side):
    """Notices on the side's case, sent and due, each with the case's document."""
    from cases.models import NoticeDocument

    bm = side.user(BM)

    def grow(n):
        notices = Notice.objects.bulk_create(
            [
                Notice(
                    partnership=side.partnership,
                    case=side.case,
                    kind="other",
                    recipients=[NP, OFSTED],
                    due_date=TODAY + datetime.timedelta(days=i % 40 - 20),
                    status=NoticeStatus.SENT if i % 2 else NoticeStatus.DUE,
                    sent_on=TODAY if i % 2 else None,
                    sent_by=bm if i % 2 else None,
                    evidence=side.attachment if i % 2 else None,
                    created_by=bm,
                )
                for i in range(n)
            ]
        )
        NoticeDocument.objects.bulk_create(
            NoticeDocument(partnership=side.partnership, notice=n, attachment=side.attachment)
            for n in notices
        )

    return grow


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("cases:notice_list", lambda s: {"pk": s.case.pk}),
        ("cases:case_detail", lambda s: {"pk": s.case.pk}),
        ("cases:home", lambda s: {}),
        ("cases_api:notice-list", lambda s: {"case_pk": s.case.pk}),
    ],
)
def test_notice_pages_cost_the_same_queries_for_5_or_500(world, client_for, name, kwargs):
    from tests.query_guard import assert_constant_queries

    side = world.alpha
    url = _url(name, side, **kwargs(side))
    assert_constant_queries(client_for(side.user(BM)), url, _grow_notices(side))
