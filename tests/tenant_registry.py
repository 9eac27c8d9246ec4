"""Every URL of the project, registered once, for the tenant-isolation crawler.

tests/test_tenant_isolation.py walks every URL pattern (pages and API alike). A URL that is not
registered here fails that test by name, so a new URL is covered by the moment it is added.

How to register a new URL (one line):

* It has a ``partnership_slug`` parameter: add it to ``TENANT_URLS`` with a function that takes
  the victim side of the ``world`` fixture (tests/world.py ``Side``: ``.case``, ``.subject``,
  ``.note``, ``.attachment``, ``.invitation``, ``.members[Role]``, ``.agencies[...]``, ``.extra``)
  and returns the URL's other parameters, filled with that side's ids::

      "cases:case_detail": lambda s: {"pk": s.case.pk},

  The crawler then checks that members of the other partnership (and an outsider) get 404 for
  GET and POST (and PATCH/DELETE on the API, with session and token authentication), and that
  the side's own business manager does not get 404 on GET, so the filler is known to be right.
  A record your URL needs that the world does not have yet: create it in tests/world.py's
  ``_records`` (or put it in ``side.extra``), through your app's services.

* It has no ``partnership_slug``: add it to ``GLOBAL_URLS`` with the reason it cannot show one
  partnership's records to another (e.g. "the token is the key"). Group helpers such as
  ``_same_reason`` keep third-party URL families on one line.

Keys are ``namespace:name`` as for ``reverse()``; an unnamed pattern is keyed by its route.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from cases.models import Role
from tests.cases import action_records as ar
from tests.cases import chronology_records as cr
from tests.cases import meeting_records as mr
from tests.cases import notice_records as nr
from tests.cases import reminder_records as rr
from tests.cases import signoff_records as so
from tests.lcspr import records as lr
from tests.notifications import records as nt
from tests.rapid_reviews import records as rv
from tests.referrals import world as rw

TenantFill = Callable[[object], dict]


def _same_reason(reason: str, *names: str) -> dict[str, str]:
    return dict.fromkeys(names, reason)


# --- URLs scoped to a partnership: name -> fill(victim side) -> the other URL parameters. ------

TENANT_URLS: dict[str, TenantFill] = {
    # Pages (cases/urls.py).
    "cases:home": lambda s: {},
    "cases:case_list": lambda s: {},
    "cases:search": lambda s: {},
    "cases:case_create": lambda s: {},
    "cases:case_detail": lambda s: {"pk": s.case.pk},
    "cases:case_edit": lambda s: {"pk": s.case.pk},
    "cases:case_access": lambda s: {"pk": s.case.pk},
    "cases:case_access_revoke": lambda s: {
        "pk": s.case.pk,
        "user_id": s.members[Role.SLO].user_id,
    },
    "cases:subject_add": lambda s: {"pk": s.case.pk},
    "cases:subject_edit": lambda s: {"pk": s.case.pk, "subject_pk": s.subject.pk},
    "cases:note_add": lambda s: {"pk": s.case.pk},
    "cases:attachment_add": lambda s: {"pk": s.case.pk},
    "cases:attachment_download": lambda s: {"pk": s.case.pk, "attachment_pk": s.attachment.pk},
    "cases:attachment_archive": lambda s: {"pk": s.case.pk, "attachment_pk": s.attachment.pk},
    "cases:case_history": lambda s: {"pk": s.case.pk},
    "cases:case_history_csv": lambda s: {"pk": s.case.pk},
    "cases:case_access_log_csv": lambda s: {"pk": s.case.pk},
    "cases:people": lambda s: {},
    "cases:invite": lambda s: {},
    "cases:member_edit": lambda s: {"member_pk": s.members[Role.SLO].pk},
    "cases:deputy": lambda s: {},
    "cases:invitation_revoke": lambda s: {"invitation_pk": s.invitation.pk},
    # Workflow settings, closure days, stage recompute, reminders (issue 3).
    "cases:stage_recompute": lambda s: {"pk": s.case.pk, "stage": rr.started_stage(s)},
    "cases:notifications": lambda s: {},
    "cases:notifications_read_all": lambda s: {},
    "cases:notification_read": lambda s: {"pk": rr.a_notification(s).pk},
    "cases:workflow_settings": lambda s: {},
    "cases:workflow_settings_edit": lambda s: {},
    "cases:workflow_settings_json": lambda s: {},
    "cases:workflow_settings_preset": lambda s: {},
    "cases:workflow_schedule_preview": lambda s: {},
    "cases:closure_days": lambda s: {},
    "cases:closure_day_remove": lambda s: {"pk": rr.a_closure_day(s).pk},
    "cases:document_template_list": lambda s: {},
    "cases:document_template_edit": lambda s: {},  # ?key= names a registered template
    "cases:document_template_reset": lambda s: {},
    # Statutory notices (issue 12).
    "cases:notice_list": lambda s: {"pk": s.case.pk},
    "cases:notice_add": lambda s: {"pk": s.case.pk},
    "cases:notice_detail": lambda s: {"pk": s.case.pk, "notice_pk": nr.a_notice(s).pk},
    "cases:notice_cancel": lambda s: {"pk": s.case.pk, "notice_pk": nr.a_notice(s).pk},
    # Action plans (issue 14); tests/cases/action_records.py.
    "cases:action_plan": lambda s: {"pk": s.case.pk},
    "cases:action_add": lambda s: {"pk": s.case.pk},
    "cases:action_plan_xlsx": lambda s: {"pk": s.case.pk},
    "cases:action_plan_signoff": lambda s: {"pk": s.case.pk},
    "cases:action_annual_report": lambda s: {},
    "cases:impact_statement": lambda s: {"pk": ar.an_impact_statement(s).case_id},
    "cases_api:impact-statement": lambda s: {"case_pk": ar.an_impact_statement(s).case_id},
    **{
        f"cases:action_{name}": (lambda s: {"pk": s.case.pk, "action_pk": ar.an_action(s).pk})
        for name in ("detail", "progress", "status", "move_due", "close", "cancel")
    },
    "cases_api:action-list": lambda s: {"case_pk": s.case.pk},
    "cases_api:action-plan-sign-off": lambda s: {"case_pk": s.case.pk},
    **{
        f"cases_api:action-{name}": (lambda s: {"case_pk": s.case.pk, "pk": ar.an_action(s).pk})
        for name in ("detail", "progress", "status", "move-due", "close", "cancel")
    },
    # Meetings (issue 13); tests/cases/meeting_records.py.
    "cases:meeting_list": lambda s: {"pk": s.case.pk},
    "cases:meeting_schedule": lambda s: {"pk": s.case.pk},
    **{
        f"cases:meeting_{name}": (lambda s: {"pk": s.case.pk, "meeting_pk": mr.a_meeting(s).pk})
        for name in (
            "detail",
            "edit",
            "cancel",
            "attendance",
            "invitee_add",
            "document_add",
            "papers_send",
        )
    },
    "cases:meeting_invitee_remove": lambda s: {
        "pk": s.case.pk,
        "meeting_pk": mr.a_meeting(s).pk,
        "invitee_pk": mr.an_invitee(s).pk,
    },
    "cases:meeting_document_download": lambda s: {
        "pk": s.case.pk,
        "meeting_pk": mr.a_meeting(s).pk,
        "attachment_pk": s.attachment.pk,
    },
    "cases_api:meeting-list": lambda s: {"case_pk": s.case.pk},
    **{
        f"cases_api:meeting-{name}": (lambda s: {"case_pk": s.case.pk, "pk": mr.a_meeting(s).pk})
        for name in ("detail", "cancel", "invitees", "attendance", "documents", "papers-send")
    },
    "cases_api:meeting-invitee-remove": lambda s: {
        "case_pk": s.case.pk,
        "pk": mr.a_meeting(s).pk,
        "invitee_pk": mr.an_invitee(s).pk,
    },
    "cases_api:notice-list": lambda s: {"case_pk": s.case.pk},
    "cases_api:notice-detail": lambda s: {"case_pk": s.case.pk, "pk": nr.a_notice(s).pk},
    "cases_api:notice-sent": lambda s: {"case_pk": s.case.pk, "pk": nr.a_notice(s).pk},
    "cases_api:notice-cancel": lambda s: {"case_pk": s.case.pk, "pk": nr.a_notice(s).pk},
    # Chronologies (issue 13; tests/cases/chronology_records.py).
    "cases:chronology_list": lambda s: {"pk": s.case.pk},
    "cases:chronology_open": lambda s: {"pk": s.case.pk},
    "cases:chronology_integrated": lambda s: {"pk": s.case.pk},
    "cases:chronology_integrated_xlsx": lambda s: {"pk": s.case.pk},
    "cases:chronology_integrated_pdf": lambda s: {
        "pk": cr.a_chronology(s).case_id,
        "purpose": "rapid_review",
        "kind": "events",
    },
    **{
        f"cases:{name}": lambda s: {"pk": s.case.pk, "chronology_pk": cr.a_chronology(s).pk}
        for name in (
            "chronology_detail",
            "chronology_entry_add",
            "chronology_import",
            "chronology_template",
            "chronology_submit",
            "chronology_return",
        )
    },
    **{
        f"cases:{name}": lambda s: {
            "pk": s.case.pk,
            "chronology_pk": cr.a_chronology(s).pk,
            "entry_pk": cr.an_entry(s).pk,
        }
        for name in ("chronology_entry_edit", "chronology_entry_remove")
    },
    "cases_api:chronology-list": lambda s: {"case_pk": s.case.pk},
    "cases_api:chronology-integrated": lambda s: {"case_pk": cr.a_chronology(s).case_id},
    "cases_api:chronology-integrated-xlsx": lambda s: {"case_pk": cr.a_chronology(s).case_id},
    **{
        f"cases_api:chronology-{name}": lambda s: {
            "case_pk": s.case.pk,
            "pk": cr.a_chronology(s).pk,
        }
        for name in ("detail", "submit", "return", "import")
    },
    "cases_api:chronology-entry-list": lambda s: {
        "case_pk": s.case.pk,
        "chronology_pk": cr.a_chronology(s).pk,
    },
    "cases_api:chronology-entry-detail": lambda s: {
        "case_pk": s.case.pk,
        "chronology_pk": cr.a_chronology(s).pk,
        "pk": cr.an_entry(s).pk,
    },
    # Sign-off chains (issue 12).
    "cases:signoff": lambda s: {"pk": so.a_sign_off(s).pk},
    "cases:signoff_withdraw": lambda s: {"pk": so.a_sign_off(s).pk},
    # API (cases/api/urls.py).
    "cases_api:case-list": lambda s: {},
    "cases_api:case-detail": lambda s: {"pk": s.case.pk},
    "cases_api:case-history": lambda s: {"pk": s.case.pk},
    "cases_api:subject-list": lambda s: {"case_pk": s.case.pk},
    "cases_api:subject-detail": lambda s: {"case_pk": s.case.pk, "pk": s.subject.pk},
    "cases_api:note-list": lambda s: {"case_pk": s.case.pk},
    "cases_api:attachment-list": lambda s: {"case_pk": s.case.pk},
    "cases_api:attachment-detail": lambda s: {"case_pk": s.case.pk, "pk": s.attachment.pk},
    "cases_api:attachment-download": lambda s: {"case_pk": s.case.pk, "pk": s.attachment.pk},
    "cases_api:search": lambda s: {},
    "cases_api:agency-list": lambda s: {},
    "cases_api:member-list": lambda s: {},
    "cases_api:invitation-create": lambda s: {},
    "cases_api:deadline-list": lambda s: {"case_pk": s.case.pk},
    "cases_api:deadline-detail": lambda s: {"case_pk": s.case.pk, "pk": rr.a_deadline(s).pk},
    "cases_api:deadline-meet": lambda s: {"case_pk": s.case.pk, "pk": rr.a_deadline(s).pk},
    "cases_api:deadline-waive": lambda s: {"case_pk": s.case.pk, "pk": rr.a_deadline(s).pk},
    "cases_api:workflow-settings": lambda s: {},
    "cases_api:schedule-preview": lambda s: {},
    "cases_api:closure-day-list": lambda s: {},
    "cases_api:closure-day-detail": lambda s: {"pk": rr.a_closure_day(s).pk},
    "cases_api:deputy": lambda s: {},
    "cases_api:notification-list": lambda s: {},
    "cases_api:notification-read": lambda s: {"pk": rr.a_notification(s).pk},
    "cases_api:signoff-list": lambda s: {},
    **{
        f"cases_api:signoff-{name}": (lambda s: {"pk": so.a_sign_off(s).pk})
        for name in ("detail", "approve", "return", "resubmit", "withdraw")
    },
    # LCSPRs (lcspr/urls.py, lcspr/api/urls.py); tests/lcspr/records.py.
    "lcspr:list": lambda s: {},
    "lcspr:detail": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:target": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:publish": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:withdraw": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr_api:lcspr-withdraw": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:learning_detail": lambda s: {"pk": lr.a_learning_review(s).pk},
    "lcspr:learning_complete": lambda s: {"pk": lr.a_learning_review(s).pk},
    "lcspr:learning_start": lambda s: {"case_pk": s.case.pk},
    "lcspr_api:learning-review-list": lambda s: {},
    "lcspr_api:learning-review-detail": lambda s: {"pk": lr.a_learning_review(s).pk},
    "lcspr_api:learning-review-complete": lambda s: {"pk": lr.a_learning_review(s).pk},
    # A learning review's terms of reference and family engagement (lcspr/learning_terms_views.py,
    # lcspr/family_views.py with learning=True, lcspr/api/learning.py, lcspr/api/family.py).
    **{
        name: (lambda s: {"pk": lr.a_learning_review(s).pk})
        for name in (
            "lcspr:learning_terms_list",
            "lcspr:learning_terms_revise",
            "lcspr_api:learning-terms-list",
            "lcspr:learning_family",
            "lcspr:learning_family_coordinator",
            "lcspr:learning_family_member_add",
            "lcspr:learning_family_contact_add",
            "lcspr_api:learning-family",
            "lcspr_api:learning-family-coordinator",
            "lcspr_api:learning-family-member-list",
            "lcspr_api:learning-family-contact-list",
        )
    },
    **{
        name: (
            lambda s: {"pk": lr.a_learning_review(s).pk, "version": lr.learning_terms(s).version}
        )
        for name in (
            "lcspr:learning_terms_detail",
            "lcspr:learning_terms_edit",
            "lcspr:learning_terms_approve",
            "lcspr:learning_terms_pdf",
            "lcspr_api:learning-terms-detail",
            "lcspr_api:learning-terms-approve",
        )
    },
    **{
        name: (
            lambda s: {
                "pk": lr.a_learning_review(s).pk,
                "member_pk": lr.a_learning_family_member(s).pk,
            }
        )
        for name in (
            "lcspr:learning_family_member_edit",
            "lcspr:learning_family_letter",
            "lcspr:learning_family_leaflet",
            "lcspr_api:learning-family-member-detail",
            "lcspr_api:learning-family-member-letter",
            "lcspr_api:learning-family-member-leaflet",
        )
    },
    "lcspr_api:lcspr-publish": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:start": lambda s: {"case_pk": s.case.pk},
    "lcspr_api:lcspr-list": lambda s: {},
    "lcspr:briefing_start": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:briefing_start_learning": lambda s: {"pk": lr.a_learning_review(s).pk},
    **{
        f"lcspr:briefing_{name}": (lambda s: {"pk": lr.a_briefing(s).pk})
        for name in ("detail", "edit", "send", "publish", "pdf")
    },
    "lcspr_api:briefing-list": lambda s: {},
    **{
        f"lcspr_api:briefing-{name}": (lambda s: {"pk": lr.a_briefing(s).pk})
        for name in ("detail", "save", "send", "publish", "pdf")
    },
    "lcspr_api:lcspr-detail": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr_api:lcspr-target": lambda s: {"pk": lr.an_lcspr(s).pk},
    # The LCSPR's independent reviewer (lcspr/reviewer_views.py, lcspr/api/reviewers.py).
    "lcspr:reviewer_list": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:reviewer_add": lambda s: {"pk": lr.an_lcspr(s).pk},
    **{
        f"lcspr:reviewer_{name}": (
            lambda s: {"pk": lr.an_lcspr(s).pk, "candidate_pk": lr.a_reviewer_candidate(s).pk}
        )
        for name in ("detail", "edit", "shortlist", "decide", "contract")
    },
    # Practitioner sessions and the comms plan (lcspr/session_views.py, lcspr/api/sessions.py).
    "lcspr:session_schedule": lambda s: {"pk": lr.an_lcspr(s).pk},
    **{
        f"lcspr:session_{name}": (lambda s: {"pk": lr.a_practitioner_session(s).pk})
        for name in ("detail", "texts", "send", "feedback")
    },
    **{
        f"lcspr:{name}": (lambda s: {"pk": lr.an_lcspr(s).pk})
        for name in (
            "comms_plan",
            "comms_item_add",
            "comms_plan_agree",
            "reactive_statement",
            "reactive_statement_agree",
        )
    },
    "lcspr:comms_item_edit": lambda s: {"pk": lr.an_lcspr(s).pk, "item_pk": lr.a_comms_item(s).pk},
    "lcspr_api:session-list": lambda s: {"pk": lr.an_lcspr(s).pk},
    **{
        f"lcspr_api:session-{name}": (lambda s: {"pk": lr.a_practitioner_session(s).pk})
        for name in ("detail", "texts", "send", "feedback")
    },
    **{
        f"lcspr_api:{name}": (lambda s: {"pk": lr.an_lcspr(s).pk})
        for name in (
            "comms-plan",
            "comms-item-list",
            "comms-plan-agree",
            "comms-statement",
            "comms-statement-agree",
        )
    },
    "lcspr_api:comms-item-detail": lambda s: {
        "pk": lr.an_lcspr(s).pk,
        "item_pk": lr.a_comms_item(s).pk,
    },
    "lcspr_api:reviewer-list": lambda s: {"pk": lr.an_lcspr(s).pk},
    **{
        f"lcspr_api:reviewer-{name}": (
            lambda s: {"pk": lr.an_lcspr(s).pk, "candidate_pk": lr.a_reviewer_candidate(s).pk}
        )
        for name in ("detail", "shortlist", "decide", "contract")
    },
    # Family engagement and parallel processes (lcspr/family_views.py, lcspr/api/family.py).
    **{
        name: (lambda s: {"pk": lr.an_lcspr(s).pk})
        for name in (
            "lcspr:family",
            "lcspr:family_coordinator",
            "lcspr:family_member_add",
            "lcspr:family_contact_add",
            "lcspr:family_copy_add",
            "lcspr:process_list",
            "lcspr:process_add",
            "lcspr_api:family",
            "lcspr_api:family-coordinator",
            "lcspr_api:family-member-list",
            "lcspr_api:family-contact-list",
            "lcspr_api:family-copy-list",
            "lcspr_api:process-list",
        )
    },
    **{
        name: (lambda s: {"pk": lr.an_lcspr(s).pk, "member_pk": lr.a_family_member(s).pk})
        for name in (
            "lcspr:family_member_edit",
            "lcspr:family_letter",
            "lcspr:family_leaflet",
            "lcspr_api:family-member-detail",
            "lcspr_api:family-member-letter",
            "lcspr_api:family-member-leaflet",
        )
    },
    **{
        name: (lambda s: {"pk": lr.an_lcspr(s).pk, "process_pk": lr.a_parallel_process(s).pk})
        for name in (
            "lcspr:process_detail",
            "lcspr:process_edit",
            "lcspr:process_disclosure_add",
            "lcspr_api:process-detail",
            "lcspr_api:process-disclosure",
        )
    },
    **{
        name: (
            lambda s: {
                "pk": lr.an_lcspr(s).pk,
                "process_pk": lr.a_parallel_process(s).pk,
                "disclosure_pk": lr.a_disclosure_request(s).pk,
            }
        )
        for name in ("lcspr:process_disclosure_answer", "lcspr_api:process-disclosure-answer")
    },
    # The LCSPR's review panel and terms of reference (lcspr/panel_views.py, lcspr/api/panel.py).
    "lcspr:panel": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:panel_add": lambda s: {"pk": lr.an_lcspr(s).pk},
    **{
        f"lcspr:panel_{name}": (
            lambda s: {"pk": lr.an_lcspr(s).pk, "member_pk": lr.a_panel_member(s).pk}
        )
        for name in ("member", "declare", "remove")
    },
    "lcspr:terms": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:terms_revise": lambda s: {"pk": lr.an_lcspr(s).pk},
    **{
        f"lcspr:terms_{name}": (
            lambda s: {"pk": lr.an_lcspr(s).pk, "version": lr.panel_terms(s).version}
        )
        for name in ("version", "edit", "sign_off", "approve", "pdf")
    },
    "lcspr_api:panel-list": lambda s: {"pk": lr.an_lcspr(s).pk},
    **{
        f"lcspr_api:panel-{name}": (
            lambda s: {"pk": lr.an_lcspr(s).pk, "member_pk": lr.a_panel_member(s).pk}
        )
        for name in ("detail", "declare", "remove")
    },
    "lcspr_api:terms-list": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr_api:terms-revise": lambda s: {"pk": lr.an_lcspr(s).pk},
    **{
        f"lcspr_api:terms-{name}": (
            lambda s: {"pk": lr.an_lcspr(s).pk, "version": lr.panel_terms(s).version}
        )
        for name in ("detail", "sign-off", "approve")
    },
    # The LCSPR report's drafts (lcspr/draft_views.py, lcspr/api/drafts.py).
    "lcspr:draft_list": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:draft_upload": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr:not_published": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr_api:draft-list": lambda s: {"pk": lr.an_lcspr(s).pk},
    "lcspr_api:lcspr-not-published": lambda s: {"pk": lr.an_lcspr(s).pk},
    **{
        name: (lambda s: {"pk": lr.an_lcspr(s).pk, "version_pk": lr.a_report_version(s).pk})
        for name in (
            "lcspr:draft_detail",
            "lcspr:draft_legal_read",
            "lcspr:draft_check",
            "lcspr:draft_final",
            "lcspr_api:draft-detail",
            "lcspr_api:draft-legal-read",
            "lcspr_api:draft-check",
            "lcspr_api:draft-final",
        )
    },
    **{
        name: (
            lambda s: {
                "pk": lr.an_lcspr(s).pk,
                "version_pk": lr.a_report_version(s).pk,
                "hit_pk": lr.a_finding(s).pk,
            }
        )
        for name in ("lcspr:draft_hit_accept", "lcspr_api:draft-hit-accept")
    },
    # Rapid reviews (rapid_reviews/urls.py); tests/rapid_reviews/records.py.
    "rapid_reviews:list": lambda s: {},
    "rapid_reviews:detail": lambda s: {"pk": rv.a_review(s).pk},
    "rapid_reviews:start": lambda s: {"case_pk": s.case.pk},
    "rapid_reviews:withdraw": lambda s: {"pk": rv.a_review(s).pk},
    **{
        f"rapid_reviews:{name}": (lambda s: {"pk": rv.a_terms(s).rapid_review_id})
        for name in ("terms", "terms_draft", "terms_edit", "terms_send", "terms_approve")
    },
    "rapid_reviews:terms_revise": lambda s: {"pk": rv.a_terms(s).rapid_review_id},
    "rapid_reviews:terms_version": lambda s: {"pk": rv.a_terms(s).rapid_review_id, "version": 1},
    "rapid_reviews:terms_pdf": lambda s: {"pk": rv.a_terms(s).rapid_review_id, "version": 1},
    **{
        f"rapid_reviews_api:rapid-review-terms{name}": (
            lambda s: {"pk": rv.a_terms(s).rapid_review_id}
        )
        for name in ("", "-draft", "-send", "-approve", "-revise", "-versions")
    },
    **{
        f"rapid_reviews_api:rapid-review-terms-{name}": (
            lambda s: {"pk": rv.a_terms(s).rapid_review_id, "version": 1}
        )
        for name in ("version", "pdf")
    },
    "rapid_reviews_api:rapid-review-list": lambda s: {},
    "rapid_reviews_api:rapid-review-detail": lambda s: {"pk": rv.a_review(s).pk},
    "rapid_reviews_api:rapid-review-withdraw": lambda s: {"pk": rv.a_review(s).pk},
    "rapid_reviews:requests": lambda s: {"pk": rv.a_review(s).pk},
    "rapid_reviews:requests_send": lambda s: {"pk": rv.a_review(s).pk},
    **{
        f"rapid_reviews:{name}": (
            lambda s: {"pk": rv.a_review(s).pk, "request_pk": rv.a_request(s).pk}
        )
        for name in (
            "request",
            "return_save",
            "return_quality_assure",
            "return_sign_off",
            "request_chase",
            "request_on_behalf",
            "request_close",
        )
    },
    "rapid_reviews_api:information-request-list": lambda s: {"pk": rv.a_review(s).pk},
    **{
        f"rapid_reviews_api:information-request-{name}": (
            lambda s: {"pk": rv.a_review(s).pk, "request_pk": rv.a_request(s).pk}
        )
        for name in (
            "detail",
            "return",
            "quality-assure",
            "sign-off",
            "chase",
            "on-behalf",
            "close",
        )
    },
    # The rapid review report (issue 13).
    **{
        f"rapid_reviews:{name}": (lambda s: {"pk": rv.a_report(s).rapid_review_id})
        for name in (
            "report",
            "report_draft",
            "report_edit",
            "report_send",
            "report_submit",
            "report_decision",
        )
    },
    "rapid_reviews:report_version": lambda s: {
        "pk": rv.a_report(s).rapid_review_id,
        "number": 1,
    },
    "rapid_reviews:conclude": lambda s: {"pk": rv.a_review(s).pk},
    **{
        f"rapid_reviews_api:rapid-review-{name}": (lambda s: {"pk": rv.a_report(s).rapid_review_id})
        for name in (
            "report",
            "report-save",
            "report-versions",
            "report-send",
            "report-submit",
            "report-decision",
            "conclude",
        )
    },
    # Serious incident notifications (notifications/urls.py); tests/notifications/records.py.
    "notifications:list": lambda s: {},
    "notifications:start_direct": lambda s: {},
    "notifications:start": lambda s: {"case_pk": s.case.pk},
    "notifications:request_add": lambda s: {"case_pk": s.case.pk},
    "notifications:request": lambda s: {"pk": nt.a_request(s).pk},
    **{
        f"notifications:{name}": (lambda s: {"pk": nt.a_notification(s).pk})
        for name in (
            "detail",
            "edit",
            "send",
            "submit",
            "acknowledge",
            "withdraw",
            "cic_notice",
        )
    },
    **{
        f"notifications:{name}": (lambda s: {"pk": nt.a_submitted_notification(s).pk})
        for name in ("copies", "copy_add")
    },
    **{
        f"notifications:{name}": (
            lambda s: {"pk": nt.a_submitted_notification(s).pk, "copy_pk": nt.a_copy(s).pk}
        )
        for name in ("copy_unsent", "copy_remove")
    },
    "notifications_api:copy-list": lambda s: {"pk": nt.a_submitted_notification(s).pk},
    **{
        f"notifications_api:{name}": (
            lambda s: {"pk": nt.a_submitted_notification(s).pk, "copy_pk": nt.a_copy(s).pk}
        )
        for name in ("copy-detail", "copy-sent", "copy-unsent")
    },
    "notifications_api:notification-list": lambda s: {},
    "notifications_api:request-list": lambda s: {},
    **{
        f"notifications_api:{name}": (lambda s: {"pk": nt.a_notification(s).pk})
        for name in (
            "notification-detail",
            "notification-children",
            "notification-send-for-sign-off",
            "notification-submit",
            "notification-acknowledge",
            "notification-withdraw",
            "notification-child-in-care-notice",
        )
    },
    **{
        f"notifications_api:{name}": (lambda s: {"pk": nt.a_request(s).pk})
        for name in ("request-detail", "request-answer", "request-escalate")
    },
    # The National Panel's replies (notifications/panel_urls.py, notifications/api/panel_urls.py).
    "panel_responses:list": lambda s: {},
    "panel_responses:open": lambda s: {"case_pk": s.case.pk},
    **{
        f"panel_responses:{name}": (lambda s: {"pk": nt.a_panel_response(s).pk})
        for name in ("detail", "meeting", "reply", "information")
    },
    "panel_responses:reconsider": lambda s: {"pk": nt.a_contrary_panel_response(s).pk},
    "panel_responses_api:panel-response-list": lambda s: {},
    **{
        f"panel_responses_api:panel-response-{name}": (lambda s: {"pk": nt.a_panel_response(s).pk})
        for name in ("detail", "meeting", "reply", "information")
    },
    "panel_responses_api:panel-response-reconsider": lambda s: {
        "pk": nt.a_contrary_panel_response(s).pk
    },
    # Referral pages (referrals/urls.py); records from tests/referrals/world.py.
    "referrals:list": lambda s: {},
    "referrals:queue": lambda s: {},
    "referrals:start": lambda s: {},
    "referrals:start_external": lambda s: {},
    "referrals:lookups": lambda s: {},
    "referrals:lookup_add": lambda s: {},
    "referrals:lookup_edit": lambda s: {"lookup_pk": rw.lookup(s).pk},
    "referrals:detail": lambda s: {"pk": rw.referral(s).pk},
    "referrals:task_list": lambda s: {"pk": rw.draft(s).pk},
    "referrals:page": lambda s: {"pk": rw.draft(s).pk, "page": "incident"},
    "referrals:items": lambda s: {"pk": rw.draft(s).pk, "collection": "children"},
    "referrals:item_add": lambda s: {"pk": rw.draft(s).pk, "collection": "family"},
    "referrals:item": lambda s: {
        "pk": rw.draft(s).pk,
        "collection": "children",
        "item_pk": rw.draft_child(s).pk,
        "step": "details",
    },
    "referrals:item_remove": lambda s: {
        "pk": rw.draft(s).pk,
        "collection": "children",
        "item_pk": rw.draft_child(s).pk,
    },
    "referrals:check": lambda s: {"pk": rw.draft(s).pk},
    "referrals:send": lambda s: {"pk": rw.draft(s).pk},
    "referrals:authorise": lambda s: {"pk": rw.referral(s).pk},
    "referrals:withdraw": lambda s: {"pk": rw.draft(s).pk},
    "referrals:quality_assure": lambda s: {"pk": rw.referral(s).pk},
    "referrals:request_information": lambda s: {"pk": rw.referral(s).pk},
    "referrals:provide_information": lambda s: {"pk": rw.referral(s).pk},
    "referrals:schedule": lambda s: {"pk": rw.referral(s).pk},
    "referrals:decide": lambda s: {"pk": rw.referral(s).pk},
    "referrals:link_case": lambda s: {"pk": rw.referral(s).pk, "case_pk": s.case.pk},
    "referrals:agency_request_add": lambda s: {"pk": rw.in_triage(s).pk},
    "referrals:agency_request": lambda s: {"request_pk": rw.agency_call(s).pk},
    "referrals:media_update": lambda s: {"pk": rw.monitored(s).pk},
    "referrals:media_monitoring_end": lambda s: {"pk": rw.monitored(s).pk},
    "referrals:recommend": lambda s: {"pk": rw.referral(s).pk},
    "referrals:executive_decision": lambda s: {"pk": rw.referral(s).pk},
    "referrals:notification_agreement": lambda s: {"pk": rw.referral(s).pk},
    "referrals:notification_escalation": lambda s: {"pk": rw.referral(s).pk},
    "referrals:pdf": lambda s: {"pk": rw.referral(s).pk},
    "referrals:recommendation_pdf": lambda s: {"pk": rw.referral(s).pk},
    "referrals:challenge_add": lambda s: {"pk": rw.referral(s).pk},
    "referrals:challenge_detail": lambda s: {
        "pk": rw.referral(s).pk,
        "challenge_pk": rw.challenge(s).pk,
    },
    # Referral API (referrals/api/urls.py).
    "referrals_api:referral-list": lambda s: {},
    "referrals_api:lookup-list": lambda s: {},
    **{
        f"referrals_api:referral-{name}": (lambda s: {"pk": rw.referral(s).pk})
        for name in (
            "detail",
            "submit-for-authorisation",
            "authorise",
            "return",
            "withdraw",
            "quality-assure",
            "request-information",
            "provide-information",
            "schedule-review-group",
            "decide",
            "recommend",
            "executive-decision",
            "notification-agreement",
            "notification-escalation",
            "duplicates",
            "link-case",
            "history",
            "pdf",
            "recommendation-pdf",
        )
    },
    "referrals_api:referral-request-agency-information": lambda s: {"pk": rw.in_triage(s).pk},
    "referrals_api:referral-media-update": lambda s: {"pk": rw.monitored(s).pk},
    "referrals_api:referral-media-monitoring-end": lambda s: {"pk": rw.monitored(s).pk},
    "referrals_api:agency-request-list": lambda s: {},
    "referrals_api:agency-request-detail": lambda s: {"pk": rw.agency_call(s).pk},
    "referrals_api:agency-request-respond": lambda s: {"pk": rw.agency_call(s).pk},
    "referrals_api:child-list": lambda s: {"referral_pk": rw.draft(s).pk},
    "referrals_api:child-detail": lambda s: {
        "referral_pk": rw.draft(s).pk,
        "pk": rw.draft_child(s).pk,
    },
    "referrals_api:person-list": lambda s: {"referral_pk": rw.draft(s).pk},
    "referrals_api:person-detail": lambda s: {
        "referral_pk": rw.draft(s).pk,
        "pk": rw.draft(s) and s.extra["draft_family"].pk,
    },
    "referrals_api:agency-contact-list": lambda s: {"referral_pk": rw.draft(s).pk},
    "referrals_api:agency-contact-detail": lambda s: {
        "referral_pk": rw.draft(s).pk,
        "pk": rw.draft(s) and s.extra["draft_agencies"].pk,
    },
    "referrals_api:challenge-list": lambda s: {"referral_pk": rw.referral(s).pk},
    "referrals_api:challenge-detail": lambda s: {
        "referral_pk": rw.referral(s).pk,
        "pk": rw.challenge(s).pk,
    },
    "referrals_api:challenge-step": lambda s: {
        "referral_pk": rw.referral(s).pk,
        "pk": rw.challenge(s).pk,
    },
}

# --- URLs without a partnership: name -> why they cannot show one partnership to another. ------

GLOBAL_URLS: dict[str, str] = {
    "root": "redirects to sign-in or the partnership chooser",
    "accessibility": "static accessibility statement",
    "account_home": "the signed-in user's own account and memberships",
    "api_token_create": "makes an API token for the signed-in user",
    "api_token_revoke": "revokes one of the signed-in user's own API tokens; another person's "
    "is a 404 (tests/cases/test_api_tokens.py)",
    "api_account_tokens": "lists the signed-in user's own API tokens",
    "api_account_token": "revokes one of the signed-in user's own API tokens; another person's "
    "is a 404 (tests/cases/test_api_tokens.py)",
    "invitation_accept": "public page: the unguessable one-time token is the key",
    "cases:choose_partnership": "lists only the signed-in user's own memberships",
    "api_me": "the signed-in user's own memberships",
    "api_schema": "OpenAPI schema: no records",
    "api_docs": "Swagger UI page: no records",
    "account_email_disabled": "always 404: the sign-in address is not self-service",
    "reminder_preferences": "sets the signed-in user's own reminder preference",
    "calendar_token_reset": "resets the signed-in user's own calendar feed address",
    "session_status": "the signed-in user's own session: seconds left, no records",
    "session_extend": "renews the signed-in user's own session",
    "session_end": "signs the user out, keeping their own typed answers for them alone",
    "calendar_feed": "the unguessable secret in the URL is the key; it lists only the owner's "
    "deadlines in partnerships where they are an active member, for cases they can see",
    **_same_reason(
        "allauth sign-in and account pages: the user's own account, no partnership data",
        "account_login",
        "account_logout",
        "account_inactive",
        "account_signup",
        "account_reauthenticate",
        "account_email",
        "account_email_verification_sent",
        "account_change_password",
        "account_set_password",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key_done",
        "account_confirm_login_code",
        "usersessions_list",
    ),
    **_same_reason(
        "allauth reauthentication by e-mailed code: switched off "
        "(ACCOUNT_REAUTHENTICATION_METHODS), both answer 403 to everyone; "
        "tests/cases/test_auth.py proves a code cannot stand in for the second factor",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
    ),
    **_same_reason(
        "allauth key links: the signed key in the URL is the credential",
        "account_confirm_email",
        "account_reset_password_from_key",
    ),
    **_same_reason(
        "allauth two-factor pages: only the signed-in user's own authenticators "
        "(passkey ids are looked up among the user's own)",
        "mfa_index",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_activate_totp",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_list_webauthn",
        "mfa_add_webauthn",
        "mfa_reauthenticate_webauthn",
        "mfa_remove_webauthn",
        "mfa_edit_webauthn",
    ),
}


# --- The walker (shared by the crawler, the role matrix and the two-factor tests). -------------

TENANT_PARAMETER = "partnership_slug"


@dataclass(frozen=True)
class UrlEntry:
    key: str  # "namespace:name", or the route for an unnamed pattern
    route: str
    params: frozenset[str]
    is_api: bool
    named: bool

    @property
    def is_tenant(self) -> bool:
        return TENANT_PARAMETER in self.params


def _is_api(callback) -> bool:
    from rest_framework.views import APIView

    cls = getattr(callback, "cls", None)
    return isinstance(cls, type) and issubclass(cls, APIView)


def _walk(patterns, route="", namespace=None, params=frozenset()) -> Iterator[UrlEntry]:
    for p in patterns:
        here = params | frozenset(p.pattern.regex.groupindex)
        full_route = route + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p.url_patterns, full_route, ns, here)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            key = name or full_route
            yield UrlEntry(
                key=key,
                route=full_route,
                params=here,
                is_api=_is_api(p.callback),
                named=bool(p.name),
            )


def all_urls() -> list[UrlEntry]:
    """Every URL pattern of the project, once per key (the first, as reverse() would pick)."""
    seen: dict[str, UrlEntry] = {}
    for entry in _walk(get_resolver().url_patterns):
        seen.setdefault(entry.key, entry)
    return list(seen.values())


def tenant_urls() -> list[UrlEntry]:
    return [u for u in all_urls() if u.is_tenant]


def unregistered(entry: UrlEntry) -> str | None:
    """Why this URL fails the crawler, or None when it is registered properly."""
    if entry.is_tenant:
        if entry.key not in TENANT_URLS:
            return (
                f"URL {entry.key!r} ({entry.route}) has a partnership_slug but no filler: "
                f"register it in tests/tenant_registry.py TENANT_URLS, e.g. "
                f'"{entry.key}": lambda s: {{...}}'
            )
        return None
    if entry.key not in GLOBAL_URLS:
        return (
            f"URL {entry.key!r} ({entry.route}) is not scoped by partnership_slug: "
            f"register it in tests/tenant_registry.py GLOBAL_URLS with the reason it cannot "
            f"show one partnership's records to another (or move it under p/<partnership_slug>/)"
        )
    return None
