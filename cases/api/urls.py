from django.urls import path

from cases.api import (
    actions,
    chronologies,
    deadlines,
    deputies,
    impact,
    meetings,
    notices,
    notifications,
    search,
    signoff,
    views,
    workflow,
)

app_name = "cases_api"


def _routes(viewset, list_actions, detail_actions=None):
    routes = [viewset.as_view(list_actions)]
    if detail_actions:
        routes.append(viewset.as_view(detail_actions))
    return routes


_case_list, _case_detail = _routes(
    views.CaseViewSet,
    {"get": "list", "post": "create"},
    {"get": "retrieve", "patch": "partial_update"},
)
_subject_list, _subject_detail = _routes(
    views.SubjectViewSet,
    {"get": "list", "post": "create"},
    {"get": "retrieve", "patch": "partial_update"},
)
_attachment_list, _attachment_detail = _routes(
    views.AttachmentViewSet,
    {"get": "list", "post": "create"},
    {"get": "retrieve"},
)

# Mounted under api/p/<slug:partnership_slug>/.
urlpatterns = [
    path("cases/", _case_list, name="case-list"),
    path("cases/<int:pk>/", _case_detail, name="case-detail"),
    path(
        "cases/<int:pk>/history/",
        views.CaseViewSet.as_view({"get": "history"}),
        name="case-history",
    ),
    path("cases/<int:case_pk>/subjects/", _subject_list, name="subject-list"),
    path("cases/<int:case_pk>/subjects/<int:pk>/", _subject_detail, name="subject-detail"),
    path(
        "cases/<int:case_pk>/notes/",
        views.CaseNoteViewSet.as_view({"get": "list", "post": "create"}),
        name="note-list",
    ),
    path("cases/<int:case_pk>/attachments/", _attachment_list, name="attachment-list"),
    path("cases/<int:case_pk>/attachments/<int:pk>/", _attachment_detail, name="attachment-detail"),
    path(
        "cases/<int:case_pk>/attachments/<int:pk>/download/",
        views.AttachmentViewSet.as_view({"get": "download"}),
        name="attachment-download",
    ),
    path(
        "cases/<int:case_pk>/deadlines/",
        deadlines.DeadlineViewSet.as_view({"get": "list"}),
        name="deadline-list",
    ),
    path(
        "cases/<int:case_pk>/deadlines/<int:pk>/",
        deadlines.DeadlineViewSet.as_view({"get": "retrieve"}),
        name="deadline-detail",
    ),
    path(
        "cases/<int:case_pk>/deadlines/<int:pk>/meet/",
        deadlines.DeadlineViewSet.as_view({"post": "meet"}),
        name="deadline-meet",
    ),
    path(
        "cases/<int:case_pk>/deadlines/<int:pk>/waive/",
        deadlines.DeadlineViewSet.as_view({"post": "waive"}),
        name="deadline-waive",
    ),
    # Action plans (issue 14): cases/api/actions.py, cases/api/impact.py.
    path(
        "cases/<int:case_pk>/actions/impact-statement/",
        impact.ImpactStatementViewSet.as_view({"get": "retrieve", "put": "update"}),
        name="impact-statement",
    ),
    path(
        "cases/<int:case_pk>/actions/",
        actions.ActionViewSet.as_view({"get": "list", "post": "create"}),
        name="action-list",
    ),
    path(
        "cases/<int:case_pk>/actions/sign-off/",
        actions.ActionPlanSignOffViewSet.as_view({"post": "create"}),
        name="action-plan-sign-off",
    ),
    path(
        "cases/<int:case_pk>/actions/<int:pk>/",
        actions.ActionViewSet.as_view({"get": "retrieve"}),
        name="action-detail",
    ),
    *(
        path(
            f"cases/<int:case_pk>/actions/<int:pk>/{route}/",
            actions.ActionViewSet.as_view({"post": method}),
            name=f"action-{route}",
        )
        for route, method in (
            ("progress", "progress"),
            ("status", "set_status"),
            ("move-due", "move_due"),
            ("close", "close"),
            ("cancel", "cancel"),
        )
    ),
    path(
        "cases/<int:case_pk>/notices/",
        notices.NoticeViewSet.as_view({"get": "list", "post": "create"}),
        name="notice-list",
    ),
    path(
        "cases/<int:case_pk>/notices/<int:pk>/",
        notices.NoticeViewSet.as_view({"get": "retrieve"}),
        name="notice-detail",
    ),
    path(
        "cases/<int:case_pk>/notices/<int:pk>/sent/",
        notices.NoticeViewSet.as_view({"post": "sent"}),
        name="notice-sent",
    ),
    path(
        "cases/<int:case_pk>/notices/<int:pk>/cancel/",
        notices.NoticeViewSet.as_view({"post": "cancel"}),
        name="notice-cancel",
    ),
    path(
        "cases/<int:case_pk>/meetings/",
        meetings.MeetingViewSet.as_view({"get": "list", "post": "create"}),
        name="meeting-list",
    ),
    path(
        "cases/<int:case_pk>/meetings/<int:pk>/",
        meetings.MeetingViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="meeting-detail",
    ),
    *(
        path(
            f"cases/<int:case_pk>/meetings/<int:pk>/{route}/",
            meetings.MeetingViewSet.as_view({"post": action}),
            name=f"meeting-{name}",
        )
        for route, action, name in (
            ("cancel", "cancel", "cancel"),
            ("invitees", "invite", "invitees"),
            ("invitees/<int:invitee_pk>/remove", "uninvite", "invitee-remove"),
            ("attendance", "attendance", "attendance"),
            ("documents", "documents", "documents"),
            ("papers/send", "papers", "papers-send"),
        )
    ),
    path(
        "cases/<int:case_pk>/chronologies/",
        chronologies.ChronologyViewSet.as_view({"get": "list", "post": "create"}),
        name="chronology-list",
    ),
    path(
        "cases/<int:case_pk>/chronologies/integrated/",
        chronologies.ChronologyViewSet.as_view({"get": "integrated"}),
        name="chronology-integrated",
    ),
    path(
        "cases/<int:case_pk>/chronologies/integrated/xlsx/",
        chronologies.ChronologyViewSet.as_view({"get": "integrated_xlsx"}),
        name="chronology-integrated-xlsx",
    ),
    path(
        "cases/<int:case_pk>/chronologies/<int:pk>/",
        chronologies.ChronologyViewSet.as_view({"get": "retrieve"}),
        name="chronology-detail",
    ),
    *(
        path(
            f"cases/<int:case_pk>/chronologies/<int:pk>/{route}/",
            chronologies.ChronologyViewSet.as_view({"post": action}),
            name=f"chronology-{route}",
        )
        for route, action in (
            ("submit", "submit"),
            ("return", "return_for_changes"),
            ("import", "import_entries"),
        )
    ),
    path(
        "cases/<int:case_pk>/chronologies/<int:chronology_pk>/entries/",
        chronologies.ChronologyEntryViewSet.as_view({"get": "list", "post": "create"}),
        name="chronology-entry-list",
    ),
    path(
        "cases/<int:case_pk>/chronologies/<int:chronology_pk>/entries/<int:pk>/",
        chronologies.ChronologyEntryViewSet.as_view(
            {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
        ),
        name="chronology-entry-detail",
    ),
    path(
        "settings/workflow/",
        workflow.WorkflowSettingsViewSet.as_view(
            {"get": "retrieve", "put": "update", "patch": "partial_update"}
        ),
        name="workflow-settings",
    ),
    path(
        "settings/workflow/preview/",
        workflow.SchedulePreviewViewSet.as_view({"get": "list"}),
        name="schedule-preview",
    ),
    path(
        "settings/closure-days/",
        workflow.ClosureDayViewSet.as_view({"get": "list", "post": "create"}),
        name="closure-day-list",
    ),
    path(
        "settings/closure-days/<int:pk>/",
        workflow.ClosureDayViewSet.as_view({"delete": "destroy"}),
        name="closure-day-detail",
    ),
    path(
        "notifications/",
        notifications.NotificationViewSet.as_view({"get": "list"}),
        name="notification-list",
    ),
    path(
        "notifications/<int:pk>/read/",
        notifications.NotificationViewSet.as_view({"post": "read"}),
        name="notification-read",
    ),
    path("search/", search.SearchViewSet.as_view({"get": "search"}), name="search"),
    path("sign-offs/", signoff.SignOffViewSet.as_view({"get": "list"}), name="signoff-list"),
    path(
        "sign-offs/<int:pk>/",
        signoff.SignOffViewSet.as_view({"get": "retrieve"}),
        name="signoff-detail",
    ),
    *(
        path(
            f"sign-offs/<int:pk>/{route}/",
            signoff.SignOffViewSet.as_view({"post": action}),
            name=f"signoff-{route}",
        )
        for route, action in (
            ("approve", "approve"),
            ("return", "return_for_changes"),
            ("resubmit", "resubmit"),
            ("withdraw", "withdraw"),
        )
    ),
    path(
        "account/deputy/",
        deputies.DeputyViewSet.as_view({"get": "retrieve", "put": "update", "delete": "destroy"}),
        name="deputy",
    ),
    path("agencies/", views.AgencyViewSet.as_view({"get": "list"}), name="agency-list"),
    path("members/", views.MemberViewSet.as_view({"get": "list"}), name="member-list"),
    path(
        "invitations/",
        views.InvitationViewSet.as_view({"post": "create"}),
        name="invitation-create",
    ),
]
