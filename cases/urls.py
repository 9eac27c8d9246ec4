from django.urls import include, path

from cases.views import (
    actions,
    cases,
    chronologies,
    closure_days,
    deadlines,
    deputies,
    document_templates,
    documents,
    history,
    home,
    meetings,
    notices,
    notifications,
    people,
    search,
    signoff,
    subjects,
    workflow_settings,
)

app_name = "cases"

# Mounted under p/<slug:partnership_slug>/ (see config/urls.py), except choose_partnership.
tenant_patterns = [
    path("", home.my_work, name="home"),
    path("cases/", cases.case_list, name="case_list"),
    path("search/", search.search, name="search"),
    path("cases/new/", cases.case_create, name="case_create"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", cases.case_edit, name="case_edit"),
    path("cases/<int:pk>/access/", cases.case_access, name="case_access"),
    path(
        "cases/<int:pk>/access/<int:user_id>/remove/",
        cases.case_access_revoke,
        name="case_access_revoke",
    ),
    path("cases/<int:pk>/people/new/", subjects.subject_add, name="subject_add"),
    path("cases/<int:pk>/people/<int:subject_pk>/", subjects.subject_edit, name="subject_edit"),
    path("cases/<int:pk>/notes/new/", documents.note_add, name="note_add"),
    path("cases/<int:pk>/documents/new/", documents.attachment_add, name="attachment_add"),
    path(
        "cases/<int:pk>/documents/<int:attachment_pk>/download/",
        documents.attachment_download,
        name="attachment_download",
    ),
    path(
        "cases/<int:pk>/documents/<int:attachment_pk>/remove/",
        documents.attachment_archive,
        name="attachment_archive",
    ),
    # Action plans (issue 14): cases/views/actions.py.
    path("actions/annual-report/", actions.annual_report, name="action_annual_report"),
    path("cases/<int:pk>/actions/", actions.action_plan, name="action_plan"),
    path("cases/<int:pk>/actions/new/", actions.action_add, name="action_add"),
    path(
        "cases/<int:pk>/actions/sign-off/", actions.action_plan_signoff, name="action_plan_signoff"
    ),
    path("cases/<int:pk>/actions/impact/", actions.impact_statement, name="impact_statement"),
    path("cases/<int:pk>/actions/tracker.xlsx", actions.action_plan_xlsx, name="action_plan_xlsx"),
    path("cases/<int:pk>/actions/<int:action_pk>/", actions.action_detail, name="action_detail"),
    *(
        path(
            f"cases/<int:pk>/actions/<int:action_pk>/{step.replace('_', '-')}/",
            getattr(actions, f"action_{step}"),
            name=f"action_{step}",
        )
        for step in ("progress", "status", "move_due", "close", "cancel")
    ),
    path("cases/<int:pk>/notices/", notices.notice_list, name="notice_list"),
    path("cases/<int:pk>/notices/new/", notices.notice_add, name="notice_add"),
    path("cases/<int:pk>/notices/<int:notice_pk>/", notices.notice_detail, name="notice_detail"),
    path(
        "cases/<int:pk>/notices/<int:notice_pk>/cancel/",
        notices.notice_cancel,
        name="notice_cancel",
    ),
    path("cases/<int:pk>/meetings/", meetings.meeting_list, name="meeting_list"),
    path("cases/<int:pk>/meetings/new/", meetings.meeting_schedule, name="meeting_schedule"),
    *(
        path(f"cases/<int:pk>/meetings/<int:meeting_pk>/{route}", view, name=name)
        for route, view, name in (
            ("", meetings.meeting_detail, "meeting_detail"),
            ("change/", meetings.meeting_edit, "meeting_edit"),
            ("cancel/", meetings.meeting_cancel, "meeting_cancel"),
            ("attendance/", meetings.meeting_attendance, "meeting_attendance"),
            ("invite/", meetings.meeting_invitee_add, "meeting_invitee_add"),
            (
                "invitees/<int:invitee_pk>/remove/",
                meetings.meeting_invitee_remove,
                "meeting_invitee_remove",
            ),
            ("papers/new/", meetings.meeting_document_add, "meeting_document_add"),
            (
                "papers/<int:attachment_pk>/download/",
                meetings.meeting_document_download,
                "meeting_document_download",
            ),
            ("papers/send/", meetings.meeting_papers_send, "meeting_papers_send"),
        )
    ),
    path("cases/<int:pk>/chronologies/", chronologies.chronology_list, name="chronology_list"),
    path("cases/<int:pk>/chronologies/new/", chronologies.chronology_open, name="chronology_open"),
    path(
        "cases/<int:pk>/chronologies/integrated/",
        chronologies.chronology_integrated,
        name="chronology_integrated",
    ),
    path(
        "cases/<int:pk>/chronologies/integrated.xlsx",
        chronologies.chronology_integrated_xlsx,
        name="chronology_integrated_xlsx",
    ),
    path(
        "cases/<int:pk>/chronologies/integrated/<slug:purpose>/<slug:kind>.pdf",
        chronologies.chronology_integrated_pdf,
        name="chronology_integrated_pdf",
    ),
    *(
        path(f"cases/<int:pk>/chronologies/<int:chronology_pk>/{route}", view, name=name)
        for route, view, name in (
            ("", chronologies.chronology_detail, "chronology_detail"),
            ("entries/new/", chronologies.entry_add, "chronology_entry_add"),
            ("entries/<int:entry_pk>/", chronologies.entry_edit, "chronology_entry_edit"),
            (
                "entries/<int:entry_pk>/remove/",
                chronologies.entry_remove,
                "chronology_entry_remove",
            ),
            ("import/", chronologies.chronology_import, "chronology_import"),
            ("template.xlsx", chronologies.chronology_template, "chronology_template"),
            ("submit/", chronologies.chronology_submit, "chronology_submit"),
            ("return/", chronologies.chronology_return, "chronology_return"),
        )
    ),
    path("cases/<int:pk>/history/", history.case_history, name="case_history"),
    path("cases/<int:pk>/history.csv", history.case_history_csv, name="case_history_csv"),
    path("cases/<int:pk>/access-log.csv", history.case_access_log_csv, name="case_access_log_csv"),
    path(
        "cases/<int:pk>/stages/<slug:stage>/recompute/",
        deadlines.stage_recompute,
        name="stage_recompute",
    ),
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/read-all/",
        notifications.notifications_read_all,
        name="notifications_read_all",
    ),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
    path("settings/workflow/", workflow_settings.workflow_settings, name="workflow_settings"),
    path(
        "settings/workflow/change/",
        workflow_settings.workflow_settings_edit,
        name="workflow_settings_edit",
    ),
    path(
        "settings/workflow/json/",
        workflow_settings.workflow_settings_json,
        name="workflow_settings_json",
    ),
    path(
        "settings/workflow/preset/",
        workflow_settings.workflow_settings_preset,
        name="workflow_settings_preset",
    ),
    path(
        "settings/workflow/preview/",
        workflow_settings.workflow_schedule_preview,
        name="workflow_schedule_preview",
    ),
    path("settings/closure-days/", closure_days.closure_days, name="closure_days"),
    path(
        "settings/closure-days/<int:pk>/remove/",
        closure_days.closure_day_remove,
        name="closure_day_remove",
    ),
    # Letters and templates (cases.document_templates). The template is chosen by its key in
    # the query (?key=) or the form: a key names a registered template, not a tenant record.
    path(
        "settings/templates/",
        document_templates.document_template_list,
        name="document_template_list",
    ),
    path(
        "settings/templates/change/",
        document_templates.document_template_edit,
        name="document_template_edit",
    ),
    path(
        "settings/templates/reset/",
        document_templates.document_template_reset_view,
        name="document_template_reset",
    ),
    path("sign-offs/<int:pk>/", signoff.signoff, name="signoff"),
    path("sign-offs/<int:pk>/withdraw/", signoff.signoff_withdraw, name="signoff_withdraw"),
    path("account/deputy/", deputies.deputy, name="deputy"),
    path("people/", people.people, name="people"),
    path("people/invite/", people.invite, name="invite"),
    path("people/<int:member_pk>/", people.member_edit, name="member_edit"),
    path(
        "people/invitations/<int:invitation_pk>/revoke/",
        people.invitation_revoke,
        name="invitation_revoke",
    ),
]

urlpatterns = [
    path("partnerships/", home.choose_partnership, name="choose_partnership"),
    path("p/<slug:partnership_slug>/", include(tenant_patterns)),
]
