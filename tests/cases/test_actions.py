"""Action plans (issue 14): SMART actions for every stage of a case, their history, RAG, the clock
step that reminds the owner agency, who may see and do what (an agency sees its own actions
only: another agency's is a 404), the pages' errors, the tracker's .xlsx and the history's
sentences."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cases.action_export import HEADINGS
from cases.actions import AMBER_WORKING_DAYS, action_rag
from cases.calendar import WorkingCalendar
from cases.errors import InvalidTransition
from cases.history_display import history_rows
from cases.models import (
    AccessKind,
    AccessLogEntry,
    ActionItem,
    ActionItemStatus,
    ActionUpdate,
    AuditEvent,
    Deadline,
    DeadlineStatus,
    Notification,
    Role,
)
from cases.services import actions as services
from cases.services.reminders import reminders_sweep
from tests.cases.action_records import an_action
from tests.cases.reminder_records import at
from tests.role_matrix import CASE_VIEWERS, assert_matrix, expect
from tests.world import PDF_BYTES

BM, SLO, STAFF, RG = (
    Role.BUSINESS_MANAGER,
    Role.SLO,
    Role.AGENCY_STAFF,
    Role.REVIEW_GROUP_MEMBER,
)
S = ActionItemStatus
DUE = datetime.date(2027, 6, 1)


def _url(name, side, **kwargs):
    return reverse(name, kwargs={"partnership_slug": side.partnership.slug, **kwargs})


def _add(side, agency="police", **kwargs):
    bm = side.members[BM]
    values = {
        "stage": "lcspr",
        "owner_agency": side.agencies[agency],
        "what": "Audit the use of the neglect toolkit",
        "due_date": DUE,
        "success_measure": "Toolkit used in 80% of audited cases",
    } | kwargs
    return services.action_add(actor=bm.user, membership=bm, case=side.case, **values)


def _member(side, role):
    return side.members[role]


def _step(action):
    return Deadline.objects.get(case=action.case, stage="action_plan", key=f"action_{action.pk}")


# --- Services -----------------------------------------------------------------------------------


def test_adding_needs_every_smart_field_and_says_all_that_is_missing(world):
    bm = world.alpha.members[BM]
    with pytest.raises(ValidationError) as caught:
        services.action_add(
            actor=bm.user,
            membership=bm,
            case=world.alpha.case,
            stage="nonsense",
            owner_agency=None,
            what=" ",
            due_date=None,
            success_measure="",
        )
    assert caught.value.message_dict == {
        "stage": ["Select which review the action comes from"],
        "owner_agency": ["Select the agency that owns the action"],
        "what": ["Enter the action"],
        "due_date": ["Enter the date the action is due"],
        "success_measure": ["Enter how you will know the action has worked"],
    }


def test_the_owner_must_be_of_the_partnership_and_the_person_of_the_agency(world):
    with pytest.raises(ValidationError) as caught:
        _add(world.alpha, owner_agency=world.beta.agencies["police"])
    assert caught.value.message_dict["owner_agency"] == ["Select an agency of this partnership"]
    with pytest.raises(ValidationError) as caught:
        _add(world.alpha, agency="health", owner_person=world.alpha.members[SLO].user)
    assert caught.value.message_dict["owner_person"] == [
        "Select a person from the agency that owns the action"
    ]


def test_only_a_business_manager_adds_actions(world):
    slo = world.alpha.members[SLO]
    with pytest.raises(PermissionDenied):
        services.action_add(
            actor=slo.user,
            membership=slo,
            case=world.alpha.case,
            stage="lcspr",
            owner_agency=world.alpha.agencies["police"],
            what="x",
            due_date=DUE,
            success_measure="y",
        )


def test_an_action_opens_a_step_that_moves_with_it_and_is_met_when_completed(world):
    side = world.alpha
    slo = side.members[SLO]
    action = _add(side, owner_person=slo.user)
    step = _step(action)
    assert step.status == DeadlineStatus.OPEN
    assert step.due == DUE
    assert step.label == "Action: Audit the use of the neglect toolkit"
    assert step.responsible_agency == side.agencies["police"]
    assert step.responsible_user == slo.user

    with pytest.raises(ValidationError) as caught:
        services.action_move_due(
            actor=slo.user, membership=slo, action=action, due_date=None, reason=""
        )
    assert caught.value.message_dict == {
        "due_date": ["Enter the new due date"],
        "reason": ["Enter why the due date is moving"],
    }
    later = datetime.date(2027, 9, 1)
    services.action_move_due(
        actor=slo.user, membership=slo, action=action, due_date=later, reason="Training delayed"
    )
    assert _step(action).due == later
    moved = ActionUpdate.objects.get(action=action, kind="due_moved")
    assert (moved.old_due_date, moved.new_due_date, moved.text) == (DUE, later, "Training delayed")
    assert "from 1 June 2027 to 1 September 2027: Training delayed" in moved.summary

    services.action_set_status(actor=slo.user, membership=slo, action=action, status="in_progress")
    assert _step(action).status == DeadlineStatus.OPEN
    services.action_set_status(actor=slo.user, membership=slo, action=action, status="completed")
    assert _step(action).status == DeadlineStatus.MET
    with pytest.raises(InvalidTransition):
        services.action_move_due(
            actor=slo.user, membership=slo, action=action, due_date=DUE, reason="Again"
        )
    rg = side.members[RG]
    services.action_close(actor=rg.user, membership=rg, action=action, note="Evidence seen")
    action.refresh_from_db()
    assert action.status == S.CLOSED and action.closed_on is not None
    with pytest.raises(InvalidTransition):
        services.action_cancel(actor=rg.user, membership=rg, action=action, reason="No")


def test_cancelling_needs_a_reason_and_waives_the_step(world):
    side = world.alpha
    action = _add(side)
    rg = side.members[RG]
    with pytest.raises(ValidationError) as caught:
        services.action_cancel(actor=rg.user, membership=rg, action=action, reason=" ")
    assert caught.value.message_dict == {"reason": ["Enter why the action is cancelled"]}
    services.action_cancel(actor=rg.user, membership=rg, action=action, reason="Duplicate")
    step = _step(action)
    assert step.status == DeadlineStatus.WAIVED and step.waived_reason == "Duplicate"


def test_an_agency_cannot_close_its_own_action(world):
    slo = world.alpha.members[SLO]
    action = _add(world.alpha)
    with pytest.raises(PermissionDenied):
        services.action_close(actor=slo.user, membership=slo, action=action)


def test_progress_with_evidence_keeps_the_file_with_the_case(world):
    side = world.alpha
    staff = side.members[STAFF]
    action = _add(side)
    with pytest.raises(ValidationError) as caught:
        services.action_update_progress(actor=staff.user, membership=staff, action=action, text="")
    assert caught.value.message_dict == {"text": ["Enter the progress made"]}
    update = services.action_update_progress(
        actor=staff.user,
        membership=staff,
        action=action,
        text="Briefing delivered",
        evidence_file=SimpleUploadedFile("briefing.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    assert update.evidence.case == side.case
    assert update.evidence.original_name == "briefing.pdf"


def test_another_agency_cannot_update_an_action(world):
    side = world.alpha
    action = _add(side, agency="health")
    slo = side.members[SLO]  # of the police
    with pytest.raises(PermissionDenied):
        services.action_update_progress(actor=slo.user, membership=slo, action=action, text="x")


def test_the_old_done_status_is_gone():
    assert "done" not in S.values
    assert S.OPEN.label == "Not started"


# --- RAG ----------------------------------------------------------------------------------------


def _rag(status, due, today):
    action = ActionItem(status=status, due_date=due)
    return action_rag(action, today, WorkingCalendar()).colour


def test_rag_counts_working_days_with_the_christmas_bank_holidays():
    today = datetime.date(2026, 12, 21)  # Monday; 25 and 28 December, 1 January are holidays
    boundary = WorkingCalendar().add_working_days(today, AMBER_WORKING_DAYS)
    assert boundary == datetime.date(2027, 1, 21)  # not 18 January: three holidays between
    assert _rag(S.OPEN, boundary, today) == "amber"
    assert _rag(S.OPEN, datetime.date(2027, 1, 22), today) == "green"
    assert _rag(S.IN_PROGRESS, today, today) == "amber"
    assert _rag(S.IN_PROGRESS, today - datetime.timedelta(days=1), today) == "red"
    assert _rag(S.OPEN, None, today) == "amber"
    assert _rag(S.COMPLETED, today - datetime.timedelta(days=30), today) == "green"
    assert _rag(S.CLOSED, today - datetime.timedelta(days=30), today) == "green"
    assert _rag(S.CANCELLED, today - datetime.timedelta(days=30), today) == "grey"


# --- Reminders ----------------------------------------------------------------------------------


def test_the_sweep_reminds_the_owner_person_then_the_agency(world):
    side = world.alpha
    slo = side.members[SLO]
    action = _add(side, owner_person=slo.user)
    reminders_sweep(now=at(DUE))
    notified = set(
        Notification.objects.filter(deadline=_step(action)).values_list("user", flat=True)
    )
    assert notified == {slo.user_id}
    # With no one named: the owner agency's SLOs and staff, not another agency's.
    other = _add(side, agency="police", what="Another action")
    reminders_sweep(now=at(DUE, 10))
    notified = set(
        Notification.objects.filter(deadline=_step(other)).values_list("user", flat=True)
    )
    assert notified == {slo.user_id, side.members[STAFF].user_id}


# --- Pages and permissions ----------------------------------------------------------------------


def test_who_sees_the_action_plan_and_an_action(world, client_for):
    side = world.alpha
    action = an_action(side)  # the police's
    readers = {BM, RG, Role.EXECUTIVE, Role.SCRUTINEER, SLO, STAFF, Role.AGENCY_EXECUTIVE}
    assert_matrix(
        client_for,
        side,
        "get",
        _url("cases:action_plan", side, pk=side.case.pk),
        expect(200, readers),
        outsider=world.outsider,
    )
    assert_matrix(
        client_for,
        side,
        "get",
        _url("cases:action_detail", side, pk=side.case.pk, action_pk=action.pk),
        expect(200, readers),
        outsider=world.outsider,
    )
    assert CASE_VIEWERS - readers == set()


def test_another_agencys_action_is_a_404_and_not_listed(world, client_for):
    side = world.alpha
    mine = an_action(side)
    theirs = _add(side, agency="health", what="Health visitors to check the home")
    url = _url("cases:action_detail", side, pk=side.case.pk, action_pk=theirs.pk)
    for role in (SLO, STAFF, Role.AGENCY_EXECUTIVE):
        assert client_for(side.members[role].user).get(url).status_code == 404
    assert client_for(side.members[BM].user).get(url).status_code == 200
    page = client_for(side.members[SLO].user).get(_url("cases:action_plan", side, pk=side.case.pk))
    text = page.content.decode()
    assert mine.short_what in text and "Health visitors" not in text


def test_who_may_change_an_action(world, client_for):
    side = world.alpha
    action = an_action(side)
    url = _url("cases:action_move_due", side, pk=side.case.pk, action_pk=action.pk)
    assert_matrix(
        client_for,
        side,
        "get",
        url,
        expect(200, {BM, SLO, STAFF}),
        outsider=world.outsider,
    )
    url = _url("cases:action_close", side, pk=side.case.pk, action_pk=action.pk)
    assert_matrix(client_for, side, "get", url, expect(200, {BM, RG}), outsider=world.outsider)
    url = _url("cases:action_add", side, pk=side.case.pk)
    assert_matrix(client_for, side, "get", url, expect(200, {BM}), outsider=world.outsider)


def test_the_add_page_shows_every_error_at_once(world, client_for):
    side = world.alpha
    client = client_for(side.members[BM].user)
    response = client.post(_url("cases:action_add", side, pk=side.case.pk), {})
    text = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Select which review the action comes from",
        "Enter the action",
        "Select the agency that owns the action",
        "Enter the date the action is due",
        "Enter how you will know the action has worked",
    ):
        assert message in text
    response = client.post(
        _url("cases:action_add", side, pk=side.case.pk),
        {
            "stage": "rapid_review",
            "what": "Refresh the multi-agency neglect training",
            "owner_agency": side.agencies["health"].pk,
            "owner_person": "",
            "due_date_day": "1",
            "due_date_month": "6",
            "due_date_year": "2027",
            "success_measure": "80% of staff trained",
            "recommendation": "",
        },
    )
    assert response.status_code == 302
    action = ActionItem.objects.get(what="Refresh the multi-agency neglect training")
    assert action.owner_agency == side.agencies["health"] and action.due_date == DUE


def test_moving_the_due_date_on_the_page_needs_the_reason(world, client_for):
    side = world.alpha
    action = an_action(side)
    client = client_for(side.members[SLO].user)
    url = _url("cases:action_move_due", side, pk=side.case.pk, action_pk=action.pk)
    response = client.post(url, {"reason": ""})
    text = response.content.decode()
    assert "Enter the new due date" in text and "Enter why the due date is moving" in text
    response = client.post(
        url,
        {"due_date_day": "2", "due_date_month": "8", "due_date_year": "2027", "reason": "Staff"},
    )
    assert response.status_code == 302
    page = client.get(_url("cases:action_detail", side, pk=side.case.pk, action_pk=action.pk))
    assert "Due date moved from 1 June 2027 to 2 August 2027: Staff" in page.content.decode()


def test_progress_and_status_on_the_pages(world, client_for):
    side = world.alpha
    action = an_action(side)
    client = client_for(side.members[STAFF].user)
    base = {"pk": side.case.pk, "action_pk": action.pk}
    response = client.post(_url("cases:action_progress", side, **base), {"text": ""})
    assert "Enter the progress made" in response.content.decode()
    client.post(_url("cases:action_progress", side, **base), {"text": "Started the audit"})
    client.post(_url("cases:action_status", side, **base), {"status": "completed"})
    action.refresh_from_db()
    assert action.status == S.COMPLETED
    plan = client.get(_url("cases:action_plan", side, pk=side.case.pk)).content.decode()
    assert "Status changed to completed" in plan


def test_the_plan_is_filtered_by_agency_and_status(world, client_for):
    side = world.alpha
    an_action(side)
    _add(side, agency="health", what="Health visitors to check the home")
    client = client_for(side.members[BM].user)
    url = _url("cases:action_plan", side, pk=side.case.pk)
    text = client.get(url, {"agency": side.agencies["health"].pk}).content.decode()
    assert "Health visitors" in text and "Train the response officers" not in text
    text = client.get(url, {"status": "closed"}).content.decode()
    assert "No actions match the filter." in text


def test_the_plan_logs_the_read(world, client_for):
    side = world.alpha
    an_action(side)
    client_for(side.members[BM].user).get(_url("cases:action_plan", side, pk=side.case.pk))
    assert AccessLogEntry.objects.filter(
        case=side.case, kind=AccessKind.VIEW_PERSONAL_DETAILS, object_repr__contains="action plan"
    ).exists()


# --- The tracker --------------------------------------------------------------------------------


def test_the_tracker_has_dorsets_sheets_and_writes_formulas_as_text(world, client_for):
    side = world.alpha
    an_action(side)  # rapid review
    _add(side, stage="notification", what='=HYPERLINK("http://evil")', success_measure="+1")
    _add(side, stage="learning_review", what="Share the learning")
    response = client_for(side.members[BM].user).get(
        _url("cases:action_plan_xlsx", side, pk=side.case.pk)
    )
    assert response.status_code == 200
    assert "action-tracker.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Serious Incident Report",
        "Rapid Review",
        "LCSPR",
        "Learning review",
    ]
    rows = list(book["Rapid Review"].iter_rows(values_only=True))
    assert rows[1] == HEADINGS
    row = dict(zip(HEADINGS, rows[2], strict=True))
    assert row["Action"] == "Train the response officers in recognising neglect"
    assert row["Owner agency"] == "Alpha Police"
    assert row["Owner"] == "Alpha Safeguarding lead officer"
    assert row["Status"] == "Not started" and row["RAG"] == "Green"
    assert row["Recommendation/learning"] == "Officers did not recognise the signs of neglect"
    notification = list(book["Serious Incident Report"].iter_rows(values_only=True))[2]
    assert notification[2] == '\'=HYPERLINK("http://evil")'
    assert notification[6] == "'+1"
    assert list(book["LCSPR"].iter_rows(values_only=True))[2:] == []
    assert AccessLogEntry.objects.filter(case=side.case, kind=AccessKind.EXPORT).exists()


def test_an_agencys_tracker_has_only_its_actions(world, client_for):
    side = world.alpha
    an_action(side)
    _add(side, agency="health", stage="rapid_review", what="Health visitors to check the home")
    response = client_for(side.members[SLO].user).get(
        _url("cases:action_plan_xlsx", side, pk=side.case.pk)
    )
    book = load_workbook(io.BytesIO(response.content))
    actions = [r[2] for r in book["Rapid Review"].iter_rows(min_row=3, values_only=True)]
    assert actions == ["Train the response officers in recognising neglect"]


# --- History ------------------------------------------------------------------------------------


def test_history_reads_as_sentences(world):
    side = world.alpha
    slo, rg = side.members[SLO], side.members[RG]
    action = _add(side)
    services.action_update_progress(actor=slo.user, membership=slo, action=action, text="Going")
    services.action_set_status(actor=slo.user, membership=slo, action=action, status="in_progress")
    services.action_move_due(
        actor=slo.user,
        membership=slo,
        action=action,
        due_date=datetime.date(2027, 7, 1),
        reason="Later",
    )
    services.action_close(actor=rg.user, membership=rg, action=action)
    events = AuditEvent.objects.filter(action__startswith="action.").order_by("id")
    sentences = [
        r.sentence for r in history_rows(events, partnership=side.partnership, collapse=False)
    ]
    assert len(sentences) == 5
    for sentence, phrase in zip(
        sentences,
        [
            "added the action Alpha Police: Audit the use of the neglect toolkit to the action"
            " plan",
            "recorded progress on the action Alpha Police: Audit the use of the neglect toolkit",
            "marked the action Alpha Police: Audit the use of the neglect toolkit as In progress",
            "moved the due date of the action Alpha Police: Audit the use of the neglect toolkit to"
            " 1 July 2027",
            "closed the action Alpha Police: Audit the use of the neglect toolkit",
        ],
        strict=True,
    ):
        assert phrase in sentence


# --- My work ------------------------------------------------------------------------------------


def test_my_work_lists_the_agencys_actions_due_soon_and_overdue(world, client_for):
    side = world.alpha
    today = timezone.localdate()
    _add(side, what="Overdue audit", due_date=today - datetime.timedelta(days=3))
    _add(side, what="Far away audit", due_date=today + datetime.timedelta(days=200))
    _add(side, agency="health", what="Health audit", due_date=today)
    page = client_for(side.members[STAFF].user).get(
        reverse("cases:home", args=[side.partnership.slug])
    )
    text = page.content.decode()
    assert "Actions for your agency" in text
    assert "Overdue audit" in text and "Far away audit" not in text and "Health audit" not in text


# --- Sign-off of the plan -----------------------------------------------------------------------


def test_the_signed_off_plan_starts_the_action_plan_stage(world):
    from cases.models import ActionPlan, SignOffStatus
    from cases.services.signoff import signoff_approve
    from tests.cases.action_records import with_plan_chain

    side = world.alpha
    bm = side.members[BM]
    action = _add(side, stage="rapid_review")
    with pytest.raises(ValidationError) as caught:  # Lincolnshire's preset: no such chain
        services.action_plan_send_for_sign_off(
            actor=bm.user, membership=bm, case=side.case, stage="rapid_review"
        )
    assert "sign_off_chains" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        services.action_plan_send_for_sign_off(
            actor=bm.user, membership=bm, case=side.case, stage="lcspr"
        )
    assert caught.value.message_dict == {
        "stage": ["Add actions to this plan before sending it for sign-off"]
    }
    with_plan_chain(side)
    sign_off = services.action_plan_send_for_sign_off(
        actor=bm.user, membership=bm, case=side.case, stage="rapid_review"
    )
    plan = ActionPlan.objects.get(pk=sign_off.object_id)
    assert sign_off.document_type == "action_plan" and plan.stage == "rapid_review"
    rg, executive = side.members[RG], side.members[Role.EXECUTIVE]
    signoff_approve(actor=rg.user, membership=rg, sign_off=sign_off)
    sign_off.refresh_from_db()
    signoff_approve(actor=executive.user, membership=executive, sign_off=sign_off)
    sign_off.refresh_from_db()
    assert sign_off.status == SignOffStatus.SIGNED_OFF
    plan.refresh_from_db()
    assert plan.signed_off_on == timezone.localdate()
    # The stage started (its audit event) although the action's own step was already in it.
    assert AuditEvent.objects.filter(action="stage.start", case=side.case).exists()
    assert _step(action).status == DeadlineStatus.OPEN
    assert AuditEvent.objects.filter(action="action_plan.signed_off").exists()


def test_the_plan_page_offers_the_sign_off(world, client_for):
    from tests.cases.action_records import with_plan_chain

    side = world.alpha
    an_action(side)
    client = client_for(side.members[BM].user)
    url = _url("cases:action_plan_signoff", side, pk=side.case.pk)
    assert client.get(url).status_code == 302  # no chain yet: back to the plan, with why
    with_plan_chain(side)
    plan_page = client.get(_url("cases:action_plan", side, pk=side.case.pk)).content.decode()
    assert "Send the Rapid Review action plan for sign-off" in plan_page
    response = client.post(url, {})
    assert "Select which review&#x27;s action plan to send" in response.content.decode()
    response = client.post(url, {"stage": "rapid_review", "comments": ""})
    assert response.status_code == 302 and "/sign-offs/" in response["Location"]
    plan_page = client.get(_url("cases:action_plan", side, pk=side.case.pk)).content.decode()
    assert "Sign-off:" in plan_page


def test_the_plan_and_its_api_cost_the_same_queries_for_one_action_or_many(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    side = world.alpha
    client = client_for(side.members[BM].user)
    page = _url("cases:action_plan", side, pk=side.case.pk)
    api = reverse(
        "cases_api:action-list",
        kwargs={"partnership_slug": side.partnership.slug, "case_pk": side.case.pk},
    )

    def count(url):
        client.get(url)  # warm: sessions, caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    an_action(side)
    one = (count(page), count(api))
    slo = side.members[SLO]
    for n in range(5):
        action = _add(side, what=f"Action {n}", owner_person=slo.user)
        services.action_update_progress(actor=slo.user, membership=slo, action=action, text="Go")
    assert (count(page), count(api)) == one
