"""Who may see and do what on every cases page and API endpoint (tests/role_matrix.py).

The world's case involves the police, and the SLO and agency staff members are police officers,
so they see it; the lead reviewer sees only what they are named on.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Case, Role
from cases.permissions import can_view_case
from cases.services import cases as case_services
from tests.role_matrix import ALL_ROLES, CASE_VIEWERS, OUTSIDER, assert_matrix, expect
from tests.tenant_registry import TENANT_URLS, tenant_urls
from tests.world import PDF_BYTES, shared_world_fixtures

# One world for the module (every test here uses it; none changes its Python objects).
_shared_world_module, shared_world = shared_world_fixtures()

BM = Role.BUSINESS_MANAGER
SLO = Role.SLO
LR = Role.LEAD_REVIEWER
SCRUTINEER = Role.SCRUTINEER
RG = Role.REVIEW_GROUP_MEMBER
JSON = {"content_type": "application/json"}


def _who(role_or_outsider) -> str:
    return getattr(role_or_outsider, "value", role_or_outsider)


def _pdf(side, who):
    return {"file": SimpleUploadedFile("minutes.pdf", PDF_BYTES), "description": "Minutes"}


ACTION_UPDATERS = {BM, SLO, Role.AGENCY_STAFF}
MOVED_TO = {BM: "2027-07-01", SLO: "2027-07-02", Role.AGENCY_STAFF: "2027-07-03"}


def _action_json(side, who):
    return {
        "stage": "lcspr",
        "owner_agency": side.agencies["health"].pk,
        "what": f"Action added by {_who(who)}",
        "due_date": "2027-06-01",
        "success_measure": "Done",
    }


def _action_form(side, who):
    return {
        "stage": "lcspr",
        "owner_agency": side.agencies["health"].pk,
        "what": f"Action added by {_who(who)}",
        "due_date_day": "1",
        "due_date_month": "6",
        "due_date_year": "2027",
        "success_measure": "Done",
    }


def _common_form(side, who):
    from cases.forms_settings import WorkflowCommonForm

    initial = WorkflowCommonForm.initial_from(side.partnership.workflow)
    data = {k: v for k, v in initial.items() if v not in (None, False)}
    data["on_due_day"] = data["overdue_every_working_day"] = "on"
    return data


def _json_form(side, who):
    import json

    return {"settings": json.dumps(side.partnership.workflow), "note": "Checked"}


def _preview(side, who):
    return {
        "stage": "rapid_review",
        "day_zero_day": "22",
        "day_zero_month": "12",
        "day_zero_year": "2026",
        "day_zero": "2026-12-22",
    }


def _closure_form(side, who):
    return {"date_day": "29", "date_month": "12", "date_year": "2027", "reason": "Closed"}


def _deputy_form(side, who):
    return {"action": "name", "deputy": side.members[Role.AGENCY_STAFF].pk}


def _recompute_form(side, who):
    return {"day_zero_day": "6", "day_zero_month": "1", "day_zero_year": "2026", "reason": "Typo"}


def _sent_form(side, who):
    return {"sent_on_day": "2", "sent_on_month": "3", "sent_on_year": "2026"}


def _meeting_form(side, who):
    return {
        "kind": "rapid_review",
        "date_day": "2",
        "date_month": "3",
        "date_year": "2027",
        "start_time": "10am",
        "end_time": "1pm",
        "members": [str(side.members[SLO].pk)],
        "external_role": "other",
    }


def _meeting_api(side, who):
    return {
        "kind": "action_planning",
        "starts_at": "2027-03-02T10:00:00Z",
        "ends_at": "2027-03-02T12:00:00Z",
        "invitees": [{"membership": side.members[SLO].pk}],
    }


def _another_document(side, who):
    from cases.services.documents import attachment_store

    attachment = attachment_store(
        actor=side.members[BM].user,
        case=side.case,
        uploaded=SimpleUploadedFile("agenda.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    return {"attachment": attachment.pk}


def _entry_form(side, who):
    return {
        "occurred_on_day": "4",
        "occurred_on_month": "11",
        "occurred_on_year": "2025",
        "details": f"Seen by {_who(who)}",
    }


def _chronology_csv(side, who):
    text = "Date,Details of event\n3/11/2025,Home visit\n"
    return {"file": SimpleUploadedFile("chronology.csv", text.encode(), "text/csv")}


# Chronologies (issue 13; tests/cases/chronology_records.py): the world's chronology is the
# police's (the agency of the SLO, agency staff and agency executive), being written.
CHRONOLOGY_READERS = {BM, Role.EXECUTIVE, RG, SCRUTINEER}
CHRONOLOGY_WRITERS = {BM, SLO, Role.AGENCY_STAFF}

# (url name, method, expected, data(side, who) or None, extra client kwargs)
MATRIX = [
    # Pages.
    ("cases:home", "get", expect(200, ALL_ROLES), None, {}),
    ("cases:case_list", "get", expect(200, ALL_ROLES), None, {}),
    ("cases:case_create", "get", expect(200, {BM}, hidden=()), None, {}),
    (
        "cases:case_create",
        "post",
        expect(302, {BM}, hidden=()),
        lambda s, w: {"title": f"Opened by {_who(w)}", "agencies": [s.agencies["police"].pk]},
        {},
    ),
    ("cases:case_detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:case_edit", "get", expect(200, {BM}), None, {}),
    ("cases:case_edit", "post", expect(302, {BM}), lambda s, w: {"title": "Child T2"}, {}),
    ("cases:case_access", "get", expect(200, {BM}), None, {}),
    (
        "cases:case_access",
        "post",
        expect(302, {BM}),
        lambda s, w: {"member": str(s.members[Role.EXECUTIVE].pk)},
        {},
    ),
    ("cases:case_access_revoke", "get", expect(405, ALL_ROLES), None, {}),
    ("cases:case_access_revoke", "post", expect(302, {BM}), None, {}),
    ("cases:subject_add", "get", expect(200, {BM}), None, {}),
    (
        "cases:subject_add",
        "post",
        expect(302, {BM}),
        lambda s, w: {"role": "sibling", "first_name": "Sib"},
        {},
    ),
    ("cases:subject_edit", "get", expect(200, {BM}), None, {}),
    (
        "cases:subject_edit",
        "post",
        expect(302, {BM}),
        lambda s, w: {"role": "child", "first_name": "Renamed"},
        {},
    ),
    ("cases:note_add", "get", expect(200, {BM, SLO}), None, {}),
    ("cases:note_add", "post", expect(302, {BM, SLO}), lambda s, w: {"text": "Seen."}, {}),
    ("cases:attachment_add", "get", expect(200, {BM, SLO}), None, {}),
    ("cases:attachment_add", "post", expect(302, {BM, SLO}), _pdf, {}),
    ("cases:attachment_download", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:attachment_archive", "get", expect(405, ALL_ROLES), None, {}),
    ("cases:attachment_archive", "post", expect(302, {BM}), None, {}),
    ("cases:case_history", "get", expect(200, {BM}, hidden=()), None, {}),
    ("cases:case_history_csv", "get", expect(200, {BM}, hidden=()), None, {}),
    ("cases:case_access_log_csv", "get", expect(200, {BM}, hidden=()), None, {}),
    ("cases:people", "get", expect(200, {BM}, hidden=()), None, {}),
    ("cases:invite", "get", expect(200, {BM}, hidden=()), None, {}),
    (
        "cases:invite",
        "post",
        expect(302, {BM}, hidden=()),
        lambda s, w: {"full_name": "New", "email": f"{_who(w)}@new.test", "roles": ["executive"]},
        {},
    ),
    ("cases:member_edit", "get", expect(200, {BM}, hidden=()), None, {}),
    (
        "cases:member_edit",
        "post",
        expect(302, {BM}, hidden=()),
        lambda s, w: {"agency": s.agencies["police"].pk, "roles": ["slo"], "is_active": "on"},
        {},
    ),
    ("cases:invitation_revoke", "get", expect(405, ALL_ROLES), None, {}),
    ("cases:invitation_revoke", "post", expect(302, {BM}, hidden=()), None, {}),
    # Find a case (issue 11): every member searches what they may see.
    ("cases:search", "get", expect(200, ALL_ROLES, hidden=()), lambda s, w: {"q": "Sample"}, {}),
    (
        "cases_api:search",
        "get",
        expect(200, ALL_ROLES, hidden=()),
        lambda s, w: {"q": "Sample"},
        {},
    ),
    # Workflow settings, closure days, stage recompute and reminders (issue 3).
    ("cases:workflow_settings", "get", expect(200, ALL_ROLES, hidden=()), None, {}),
    ("cases:workflow_settings_edit", "get", expect(200, {BM}, hidden=()), None, {}),
    ("cases:workflow_settings_edit", "post", expect(302, {BM}, hidden=()), _common_form, {}),
    ("cases:workflow_settings_json", "get", expect(200, {BM}, hidden=()), None, {}),
    ("cases:workflow_settings_json", "post", expect(302, {BM}, hidden=()), _json_form, {}),
    # Letters and templates (cases/views/document_templates.py): the business managers. Without
    # a template's key the edit page goes back to the list; reset is a POST of a key.
    ("cases:document_template_list", "get", expect(200, {BM}, hidden=()), None, {}),
    ("cases:document_template_edit", "get", expect(302, {BM}, hidden=()), None, {}),
    (
        "cases:document_template_reset",
        "post",
        expect(302, {BM}, hidden=()),
        lambda s, w: {"key": "family_letter"},
        {},
    ),
    ("cases:workflow_settings_preset", "get", expect(200, {BM}, hidden=()), None, {}),
    (
        "cases:workflow_settings_preset",
        "post",
        expect(302, {BM}, hidden=()),
        lambda s, w: {"preset": "swindon"},
        {},
    ),
    ("cases:workflow_schedule_preview", "get", expect(200, ALL_ROLES, hidden=()), _preview, {}),
    ("cases:closure_days", "get", expect(200, ALL_ROLES, hidden=()), None, {}),
    # An SLO names their deputy (issue 11): a colleague of the same agency (the police staff).
    ("cases:deputy", "get", expect(200, {SLO}, hidden=()), None, {}),
    ("cases:deputy", "post", expect(302, {SLO}, hidden=()), _deputy_form, {}),
    ("cases_api:deputy", "get", expect(200, {SLO}, hidden=()), None, {}),
    ("cases_api:deputy", "put", expect(200, {SLO}, hidden=()), _deputy_form, JSON),
    # Nobody has a deputy yet: the SLO's DELETE is refused with the reason.
    ("cases_api:deputy", "delete", expect(400, {SLO}, hidden=()), None, {}),
    ("cases:closure_days", "post", expect(302, {BM}, hidden=()), _closure_form, {}),
    ("cases:closure_day_remove", "get", expect(405, ALL_ROLES, hidden=()), None, {}),
    ("cases:closure_day_remove", "post", expect(302, {BM}, hidden=()), None, {}),
    ("cases:stage_recompute", "get", expect(200, {BM}), None, {}),
    ("cases:stage_recompute", "post", expect(302, {BM}), _recompute_form, {}),
    ("cases:notifications", "get", expect(200, ALL_ROLES, hidden=()), None, {}),
    ("cases:notifications_read_all", "get", expect(405, ALL_ROLES, hidden=()), None, {}),
    ("cases:notifications_read_all", "post", expect(302, ALL_ROLES, hidden=()), None, {}),
    ("cases:notification_read", "get", expect(405, ALL_ROLES, hidden=()), None, {}),
    # Someone else's notification is a 404, like a missing one.
    ("cases:notification_read", "post", expect(302, {BM}, denied=404, hidden=()), None, {}),
    ("cases_api:deadline-list", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:deadline-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:deadline-meet", "post", expect(200, {BM}), lambda s, w: {}, JSON),
    (
        "cases_api:deadline-waive",
        "post",
        expect(200, {BM}),
        lambda s, w: {"reason": "Not needed"},
        JSON,
    ),
    ("cases_api:workflow-settings", "get", expect(200, ALL_ROLES, hidden=()), None, {}),
    (
        "cases_api:workflow-settings",
        "patch",
        expect(200, {BM}, hidden=()),
        lambda s, w: {"review_group_name": f"Group of {_who(w)}"},
        JSON,
    ),
    (
        "cases_api:workflow-settings",
        "put",
        expect(200, {BM}, hidden=()),
        lambda s, w: s.partnership.workflow,
        JSON,
    ),
    ("cases_api:schedule-preview", "get", expect(200, ALL_ROLES, hidden=()), _preview, {}),
    ("cases_api:closure-day-list", "get", expect(200, ALL_ROLES, hidden=()), None, {}),
    (
        "cases_api:closure-day-list",
        "post",
        expect(201, {BM}, hidden=()),
        lambda s, w: {"date": "2027-12-29", "reason": "Office closed"},
        JSON,
    ),
    ("cases_api:closure-day-detail", "delete", expect(204, {BM}, hidden=()), None, {}),
    ("cases_api:notification-list", "get", expect(200, ALL_ROLES, hidden=()), None, {}),
    (
        "cases_api:notification-read",
        "post",
        expect(200, {BM}, denied=404, hidden=()),
        None,
        {},
    ),
    # Statutory notices (issue 12): the business manager manages them (and the local
    # authority's members: tests/cases/test_notices.py); everyone who sees the case reads them.
    ("cases:notice_list", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:notice_add", "get", expect(200, {BM}), None, {}),
    ("cases:notice_add", "post", expect(302, {BM}), lambda s, w: {"kind": "lcspr_decision"}, {}),
    ("cases:notice_detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:notice_detail", "post", expect(302, {BM}), _sent_form, {}),
    ("cases:notice_cancel", "get", expect(200, {BM}), None, {}),
    ("cases:notice_cancel", "post", expect(302, {BM}), lambda s, w: {"reason": "Duplicate"}, {}),
    ("cases_api:notice-list", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:notice-list",
        "post",
        expect(201, {BM}),
        lambda s, w: {"kind": "lcspr_decision"},
        JSON,
    ),
    ("cases_api:notice-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:notice-sent",
        "post",
        expect(200, {BM}),
        lambda s, w: {"sent_on": "2026-03-02"},
        JSON,
    ),
    (
        "cases_api:notice-cancel",
        "post",
        expect(200, {BM}),
        lambda s, w: {"reason": "Duplicate"},
        JSON,
    ),
    # Action plans (issue 14; tests/cases/action_records.py: the police's action). Everyone
    # who sees the case reads the plan (agency members their own agency's actions); the police's
    # SLO and staff update it; the review group closes and cancels; business managers all.
    ("cases:action_plan", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:action_plan_xlsx", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:action_add", "get", expect(200, {BM}), None, {}),
    ("cases:action_add", "post", expect(302, {BM}), _action_form, {}),
    # The world's partnerships have no action plan chain: back to the plan, with why.
    ("cases:action_plan_signoff", "get", expect(302, {BM}), None, {}),
    ("cases:action_detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:action_progress", "get", expect(200, ACTION_UPDATERS), None, {}),
    (
        "cases:action_progress",
        "post",
        expect(302, ACTION_UPDATERS),
        lambda s, w: {"text": f"Progress by {_who(w)}"},
        {},
    ),
    ("cases:action_status", "get", expect(200, ACTION_UPDATERS), None, {}),
    ("cases:action_move_due", "get", expect(200, ACTION_UPDATERS), None, {}),
    ("cases:action_close", "get", expect(200, {BM, RG}), None, {}),
    ("cases:action_cancel", "get", expect(200, {BM, RG}), None, {}),
    # The action plans' annual report export: the plan's readers (of the cases they can see).
    (
        "cases:action_annual_report",
        "get",
        expect(200, {BM, RG, Role.EXECUTIVE, SCRUTINEER}, hidden=()),
        None,
        {},
    ),
    # The impact statement of a completed plan (action_records.an_impact_statement): read by the
    # plan's readers, recorded and corrected by the review group and business managers.
    ("cases:impact_statement", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:impact-statement", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:impact-statement",
        "put",
        expect(200, {BM, RG}),
        lambda s, w: {
            "written_on": "2026-03-02",
            "produced_by": f"Corrected by {_who(w)}",
            "difference_made": "Neglect is recognised earlier.",
        },
        JSON,
    ),
    ("cases_api:action-list", "get", expect(200, CASE_VIEWERS), None, {}),
    # No action plan chain in the world's partnerships: past the permission, a 400 saying so.
    (
        "cases_api:action-plan-sign-off",
        "post",
        expect(400, {BM}),
        lambda s, w: {"stage": "rapid_review"},
        JSON,
    ),
    ("cases_api:action-list", "post", expect(201, {BM}), _action_json, JSON),
    ("cases_api:action-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:action-progress",
        "post",
        expect(200, ACTION_UPDATERS),
        lambda s, w: {"text": f"Progress by {_who(w)}"},
        JSON,
    ),
    (
        "cases_api:action-move-due",
        "post",
        expect(200, ACTION_UPDATERS),
        lambda s, w: {"due_date": MOVED_TO.get(w, "2027-08-01"), "reason": "Staff away"},
        JSON,
    ),
    # The first allowed role moves it on; the next may find the action past that (409).
    (
        "cases_api:action-status",
        "post",
        expect({200, 409}, ACTION_UPDATERS),
        lambda s, w: {"status": "in_progress" if w == BM else "completed"},
        JSON,
    ),
    ("cases_api:action-close", "post", expect({200, 409}, {BM, RG}), lambda s, w: {}, JSON),
    (
        "cases_api:action-cancel",
        "post",
        expect({200, 409}, {BM, RG}),
        lambda s, w: {"reason": "Duplicate"},
        JSON,
    ),
    # Meetings (issue 13): the business manager manages them; everyone who sees the case
    # reads them (tests/cases/meeting_records.py; invitees who cannot see the case:
    # tests/cases/test_meetings.py).
    ("cases:meeting_list", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:meeting_schedule", "get", expect(200, {BM}), None, {}),
    ("cases:meeting_schedule", "post", expect(302, {BM}), _meeting_form, {}),
    ("cases:meeting_detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:meeting_edit", "get", expect(200, {BM}), None, {}),
    ("cases:meeting_edit", "post", expect(302, {BM}), _meeting_form, {}),
    ("cases:meeting_cancel", "get", expect(200, {BM}), None, {}),
    ("cases:meeting_cancel", "post", expect(302, {BM}), lambda s, w: {"reason": "Moved"}, {}),
    ("cases:meeting_attendance", "get", expect(200, {BM}), None, {}),
    (
        "cases:meeting_attendance",
        "post",
        expect(302, {BM}),
        lambda s, w: {"notes": "Agreed the facts."},
        {},
    ),
    ("cases:meeting_invitee_add", "get", expect(200, {BM}), None, {}),
    (
        "cases:meeting_invitee_add",
        "post",
        expect(302, {BM}),
        lambda s, w: {"external_name": "Pat Adviser", "external_email": "pat@elsewhere.test"},
        {},
    ),
    ("cases:meeting_invitee_remove", "post", expect(302, {BM}), None, {}),
    ("cases:meeting_document_add", "get", expect(200, {BM}), None, {}),
    ("cases:meeting_document_add", "post", expect(302, {BM}), _pdf, {}),
    ("cases:meeting_document_download", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:meeting_papers_send", "get", expect(200, {BM}), None, {}),
    ("cases:meeting_papers_send", "post", expect(302, {BM}), None, {}),
    ("cases_api:meeting-list", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:meeting-list", "post", expect(201, {BM}), _meeting_api, JSON),
    ("cases_api:meeting-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:meeting-detail",
        "patch",
        expect(200, {BM}),
        lambda s, w: {"location": "Civic Offices"},
        JSON,
    ),
    ("cases_api:meeting-cancel", "post", expect(200, {BM}), lambda s, w: {"reason": "x"}, JSON),
    (
        "cases_api:meeting-invitees",
        "post",
        expect(201, {BM}),
        lambda s, w: {"name": "Pat Adviser", "email": "pat@elsewhere.test"},
        JSON,
    ),
    ("cases_api:meeting-invitee-remove", "post", expect(200, {BM}), lambda s, w: {}, JSON),
    (
        "cases_api:meeting-attendance",
        "post",
        expect(200, {BM}),
        lambda s, w: {"attended": []},
        JSON,
    ),
    ("cases_api:meeting-documents", "post", expect(201, {BM}), _another_document, JSON),
    ("cases_api:meeting-papers-send", "post", expect(200, {BM}), lambda s, w: {}, JSON),
    # Chronologies (issue 13): every reader and the police's own members see the police's
    # chronology; only the readers see the integrated chronology (tests/cases/test_chronologies.py
    # has another agency's: a 404 to the police's members).
    ("cases:chronology_list", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:chronology_open", "get", expect(200, {BM}), None, {}),
    (
        "cases:chronology_open",
        "post",
        expect(302, {BM}),
        lambda s, w: {"agency": s.agencies["police"].pk, "purpose": "lcspr", "kind": "events"},
        {},
    ),
    ("cases:chronology_detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:chronology_template", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases:chronology_entry_add", "get", expect(200, CHRONOLOGY_WRITERS), None, {}),
    ("cases:chronology_entry_add", "post", expect(302, CHRONOLOGY_WRITERS), _entry_form, {}),
    ("cases:chronology_entry_edit", "get", expect(200, CHRONOLOGY_WRITERS), None, {}),
    ("cases:chronology_entry_edit", "post", expect(302, CHRONOLOGY_WRITERS), _entry_form, {}),
    ("cases:chronology_entry_remove", "get", expect(200, CHRONOLOGY_WRITERS), None, {}),
    # The first removes it; the others then find it gone.
    ("cases:chronology_entry_remove", "post", expect({302, 404}, CHRONOLOGY_WRITERS), None, {}),
    ("cases:chronology_import", "get", expect(200, CHRONOLOGY_WRITERS), None, {}),
    ("cases:chronology_import", "post", expect(302, CHRONOLOGY_WRITERS), _chronology_csv, {}),
    ("cases:chronology_submit", "get", expect(200, {BM, SLO}), None, {}),
    # The second finds it submitted and is sent back to it.
    ("cases:chronology_submit", "post", expect(302, {BM, SLO}), None, {}),
    # Being written, not submitted: the business manager is sent back to it.
    ("cases:chronology_return", "get", expect(302, {BM}), None, {}),
    ("cases:chronology_return", "post", expect(302, {BM}), lambda s, w: {"reason": "More"}, {}),
    ("cases:chronology_integrated", "get", expect(200, CHRONOLOGY_READERS), None, {}),
    ("cases:chronology_integrated_xlsx", "get", expect(200, CHRONOLOGY_READERS), None, {}),
    ("cases:chronology_integrated_pdf", "get", expect(200, CHRONOLOGY_READERS), None, {}),
    ("cases_api:chronology-list", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:chronology-list",
        "post",
        expect(201, {BM}),
        lambda s, w: {"agency": s.agencies["police"].pk, "purpose": "lcspr"},
        JSON,
    ),
    ("cases_api:chronology-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:chronology-submit", "post", expect({200, 409}, {BM, SLO}), None, {}),
    ("cases_api:chronology-return", "post", expect(409, {BM}), lambda s, w: {"reason": "X"}, JSON),
    ("cases_api:chronology-import", "post", expect(201, CHRONOLOGY_WRITERS), _chronology_csv, {}),
    ("cases_api:chronology-integrated", "get", expect(200, CHRONOLOGY_READERS), None, {}),
    ("cases_api:chronology-integrated-xlsx", "get", expect(200, CHRONOLOGY_READERS), None, {}),
    ("cases_api:chronology-entry-list", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:chronology-entry-list",
        "post",
        expect(201, CHRONOLOGY_WRITERS),
        lambda s, w: {"occurred_on": "2025-11-04", "details": "Visit"},
        JSON,
    ),
    ("cases_api:chronology-entry-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:chronology-entry-detail",
        "patch",
        expect(200, CHRONOLOGY_WRITERS),
        lambda s, w: {"details": f"Changed by {_who(w)}"},
        JSON,
    ),
    (
        "cases_api:chronology-entry-detail",
        "delete",
        expect({204, 404}, CHRONOLOGY_WRITERS),
        None,
        {},
    ),
    # Sign-off chains (issue 12): the world's chain (tests/cases/signoff_records.py) waits at
    # its first step, the review group's recommendation; the business manager started it.
    ("cases:signoff", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases:signoff",
        "post",
        expect(302, {RG}),
        lambda s, w: {"intent": "decide", "comments": "Recommended."},
        {},
    ),
    ("cases:signoff_withdraw", "get", expect(200, {BM, RG}), None, {}),
    (
        "cases:signoff_withdraw",
        "post",
        expect(302, {BM, RG}),
        lambda s, w: {"comments": "Not going ahead."},
        {},
    ),
    ("cases_api:signoff-list", "get", expect(200, ALL_ROLES, hidden=()), None, {}),
    ("cases_api:signoff-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:signoff-approve", "post", expect(200, {RG}), lambda s, w: {}, JSON),
    # At the first step there is no one to return it to; nothing was returned to resubmit.
    (
        "cases_api:signoff-return",
        "post",
        expect(409, {RG}),
        lambda s, w: {"comments": "Redo."},
        JSON,
    ),
    ("cases_api:signoff-resubmit", "post", expect(409, {RG}), lambda s, w: {}, JSON),
    # Whichever of the two withdraws first succeeds; the other then finds it withdrawn.
    (
        "cases_api:signoff-withdraw",
        "post",
        expect({200, 409}, {BM, RG}),
        lambda s, w: {"comments": "Not going ahead."},
        JSON,
    ),
    # API.
    ("cases_api:case-list", "get", expect(200, ALL_ROLES), None, {}),
    (
        "cases_api:case-list",
        "post",
        expect(201, {BM}, hidden=()),
        lambda s, w: {"title": "API case", "agencies": [s.agencies["police"].pk]},
        JSON,
    ),
    ("cases_api:case-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:case-detail", "patch", expect(200, {BM}), lambda s, w: {"title": "T3"}, JSON),
    ("cases_api:case-history", "get", expect(200, {BM}, hidden=()), None, {}),
    ("cases_api:subject-list", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:subject-list",
        "post",
        expect(201, {BM}),
        lambda s, w: {"role": "sibling", "first_name": "Sib"},
        JSON,
    ),
    ("cases_api:subject-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    (
        "cases_api:subject-detail",
        "patch",
        expect(200, {BM}),
        lambda s, w: {"first_name": "Renamed"},
        JSON,
    ),
    ("cases_api:note-list", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:note-list", "post", expect(201, {BM, SLO}), lambda s, w: {"text": "N"}, JSON),
    ("cases_api:attachment-list", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:attachment-list", "post", expect(201, {BM, SLO}), _pdf, {}),
    ("cases_api:attachment-detail", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:attachment-download", "get", expect(200, CASE_VIEWERS), None, {}),
    ("cases_api:agency-list", "get", expect(200, ALL_ROLES), None, {}),
    ("cases_api:member-list", "get", expect(200, {BM}, hidden=()), None, {}),
    (
        "cases_api:invitation-create",
        "post",
        expect(201, {BM}, hidden=()),
        lambda s, w: {"email": f"{_who(w)}@api.test", "roles": ["executive"]},
        JSON,
    ),
]


def _row_id(row) -> str:
    return f"{row[0]}-{row[1]}"


def _url(name: str, side) -> str:
    return reverse(
        name, kwargs={"partnership_slug": side.partnership.slug, **TENANT_URLS[name](side)}
    )


@pytest.mark.parametrize("row", MATRIX, ids=_row_id)
def test_role_matrix(row, shared_world, client_for):
    world = shared_world
    name, method, expected, data, extra = row
    side = world.alpha
    payload = (lambda who: data(side, who)) if data else None
    assert_matrix(
        client_for,
        side,
        method,
        _url(name, side),
        expected,
        payload,
        outsider=world.outsider,
        **extra,
    )


def test_every_cases_url_has_a_matrix_row():
    covered = {row[0] for row in MATRIX}
    ours = {u.key for u in tenant_urls() if u.key.split(":")[0] in ("cases", "cases_api")}
    missing = sorted(ours - covered)
    assert not missing, f"Add rows for {missing} to MATRIX in tests/cases/test_role_matrix.py"


# --- Restricted cases and the lead reviewer's named access. ------------------------------------


def _restricted_case(side):
    bm = side.members[BM]
    return case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child R",
        agencies=[side.agencies["police"]],
        is_restricted=True,
    )


def test_restricted_case_hidden_from_everyone_not_on_the_access_list(shared_world, client_for):
    world = shared_world
    side = world.alpha
    case = _restricted_case(side)
    page = reverse("cases:case_detail", args=[side.partnership.slug, case.pk])
    api = reverse("cases_api:case-detail", args=[side.partnership.slug, case.pk])
    # The business manager who restricted it stays on the list; nobody else, whatever the role.
    only_bm = expect(200, {BM}, hidden=ALL_ROLES)
    assert_matrix(client_for, side, "get", page, only_bm, outsider=world.outsider)
    assert_matrix(client_for, side, "get", api, only_bm, outsider=world.outsider)

    bm = side.members[BM]
    for role in (LR, SCRUTINEER, SLO):
        case_services.case_access_grant(
            actor=bm.user, membership=bm, case=case, member=side.members[role]
        )
    granted = expect(200, {BM, LR, SCRUTINEER, SLO}, hidden=ALL_ROLES)
    assert_matrix(client_for, side, "get", page, granted, outsider=world.outsider)
    assert_matrix(client_for, side, "get", api, granted, outsider=world.outsider)
    # Named access lets them see it, not change it.
    edit = reverse("cases:case_edit", args=[side.partnership.slug, case.pk])
    assert_matrix(
        client_for, side, "get", edit, expect(200, {BM}, hidden=ALL_ROLES - {LR, SCRUTINEER, SLO})
    )

    case_services.case_access_revoke(
        actor=bm.user, membership=bm, case=case, member=side.members[SCRUTINEER]
    )
    assert client_for(side.user(SCRUTINEER)).get(page).status_code == 404


def test_lead_reviewer_sees_a_case_once_named_on_it(shared_world, client_for):
    world = shared_world
    side = world.alpha
    reviewer = side.members[LR]
    page = reverse("cases:case_detail", args=[side.partnership.slug, side.case.pk])
    note = reverse("cases:note_add", args=[side.partnership.slug, side.case.pk])
    client = client_for(reviewer.user)
    assert client.get(page).status_code == 404
    bm = side.members[BM]
    case_services.case_access_grant(actor=bm.user, membership=bm, case=side.case, member=reviewer)
    assert client.get(page).status_code == 200
    assert client.post(note, {"text": "Reviewer's note"}).status_code == 302
    # Still nothing else of the partnership.
    other = _restricted_case(side)
    assert (
        client.get(reverse("cases:case_detail", args=[side.partnership.slug, other.pk])).status_code
        == 404
    )


# --- The pair property: the list filter and the object check agree. ----------------------------


def _varied_cases(side):
    bm = side.members[BM]
    create = case_services.case_create
    la_only = create(actor=bm.user, membership=bm, title="LA only", agencies=[side.agencies["la"]])
    no_agency = create(actor=bm.user, membership=bm, title="No agency")
    restricted = _restricted_case(side)
    shared = _restricted_case(side)
    for role in (SLO, LR):
        case_services.case_access_grant(
            actor=bm.user, membership=bm, case=shared, member=side.members[role]
        )
    named = create(actor=bm.user, membership=bm, title="Named", agencies=[side.agencies["health"]])
    case_services.case_access_grant(
        actor=bm.user, membership=bm, case=named, member=side.members[LR]
    )
    archived = create(actor=bm.user, membership=bm, title="Old", agencies=[side.agencies["police"]])
    case_services.case_archive(actor=bm.user, membership=bm, case=archived, reason="Duplicate")
    return {
        "la_only": la_only,
        "no_agency": no_agency,
        "restricted": restricted,
        "shared": shared,
        "named": named,
        "archived": archived,
    }


def test_case_list_page_and_api_show_exactly_the_cases_can_view_case_allows(
    shared_world, client_for
):
    world = shared_world
    side = world.alpha
    cases = _varied_cases(side)
    slug = side.partnership.slug
    members = {**{role.value: m for role, m in side.members.items()}, "all": side.all_roles}
    seen = {}
    for who, membership in members.items():
        membership = type(membership).objects.get(pk=membership.pk)  # fresh role cache
        expected = {c.pk for c in Case.objects.all() if can_view_case(membership, c)}
        client = client_for(membership.user)
        page = client.get(reverse("cases:case_list", args=[slug]))
        assert page.status_code == 200
        page_ids = {c.pk for c in page.context["page"].object_list}
        api = client.get(reverse("cases_api:case-list", args=[slug]))
        assert api.status_code == 200
        api_ids = {row["id"] for row in api.json()["results"]}
        assert page_ids == expected, f"{who}: list page {page_ids} != can_view_case {expected}"
        assert api_ids == expected, f"{who}: API list {api_ids} != can_view_case {expected}"
        seen[who] = expected

    # The property is not vacuous: the rules really differ by role.
    assert cases["la_only"].pk in seen["business_manager"]
    assert cases["la_only"].pk not in seen["slo"]
    assert cases["shared"].pk in seen["slo"] and cases["restricted"].pk not in seen["slo"]
    assert seen["lead_reviewer"] == {cases["shared"].pk, cases["named"].pk}
    assert cases["archived"].pk not in seen["all"]
    assert world.beta.case.pk not in set().union(*seen.values())


def test_outsider_key_is_required_when_an_outsider_is_given(shared_world, client_for):
    world = shared_world
    expected = expect(200, ALL_ROLES)
    del expected[OUTSIDER]
    url = reverse("cases:home", args=[world.alpha.partnership.slug])
    with pytest.raises(AssertionError, match="no expectation"):
        assert_matrix(client_for, world.alpha, "get", url, expected, outsider=world.outsider)
