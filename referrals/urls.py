from django.urls import path

from referrals.views import (
    agency_information,
    agreements,
    authorisation,
    challenges,
    detail,
    documents,
    draft,
    executive,
    lists,
    lookups,
    triage,
)

app_name = "referrals"

# Mounted under p/<slug:partnership_slug>/referrals/ (config/urls.py).
urlpatterns = [
    path("", lists.referral_list, name="list"),
    path("triage/", lists.triage_queue, name="queue"),
    path("new/", lists.start, name="start"),
    path("new/external/", lists.start_external, name="start_external"),
    path("settings/", lookups.lookup_list, name="lookups"),
    path("settings/add/", lookups.lookup_add, name="lookup_add"),
    path("settings/<int:lookup_pk>/", lookups.lookup_edit, name="lookup_edit"),
    path("<int:pk>/", detail.referral_detail, name="detail"),
    # Writing the referral.
    path("<int:pk>/draft/", draft.task_list, name="task_list"),
    path("<int:pk>/draft/questions/<slug:page>/", draft.page, name="page"),
    path("<int:pk>/draft/lists/<slug:collection>/", draft.items, name="items"),
    path("<int:pk>/draft/lists/<slug:collection>/add/", draft.item_add, name="item_add"),
    path(
        "<int:pk>/draft/lists/<slug:collection>/<int:item_pk>/remove/",
        draft.item_remove,
        name="item_remove",
    ),
    path(
        "<int:pk>/draft/lists/<slug:collection>/<int:item_pk>/<slug:step>/",
        draft.item_step,
        name="item",
    ),
    path("<int:pk>/draft/check/", draft.check, name="check"),
    path("<int:pk>/send/", authorisation.send, name="send"),
    path("<int:pk>/authorise/", authorisation.authorise, name="authorise"),
    path("<int:pk>/withdraw/", authorisation.withdraw, name="withdraw"),
    # Triage.
    path("<int:pk>/quality-assure/", triage.quality_assure, name="quality_assure"),
    path("<int:pk>/information/request/", triage.request_information, name="request_information"),
    path("<int:pk>/information/respond/", triage.provide_information, name="provide_information"),
    path(
        "<int:pk>/information/agency/",
        agency_information.agency_request_add,
        name="agency_request_add",
    ),
    path(
        "information-requests/<int:request_pk>/",
        agency_information.agency_request,
        name="agency_request",
    ),
    path("<int:pk>/review-group/", triage.schedule, name="schedule"),
    path("<int:pk>/decision/", triage.decide, name="decide"),
    path("<int:pk>/media/update/", triage.media_update, name="media_update"),
    path("<int:pk>/media/end/", triage.media_monitoring_end, name="media_monitoring_end"),
    path("<int:pk>/link/<int:case_pk>/", triage.link_case, name="link_case"),
    # The executive.
    path("<int:pk>/recommendation/", executive.recommend, name="recommend"),
    path(
        "<int:pk>/recommendation/decision/",
        executive.executive_decision,
        name="executive_decision",
    ),
    # Who decides to notify (issue 12).
    path(
        "<int:pk>/notification-agreement/",
        agreements.notification_agreement,
        name="notification_agreement",
    ),
    path(
        "<int:pk>/notification-escalation/",
        agreements.notification_escalation,
        name="notification_escalation",
    ),
    # Documents.
    path("<int:pk>/referral.pdf", documents.referral_pdf, name="pdf"),
    path("<int:pk>/recommendation.pdf", documents.recommendation_pdf, name="recommendation_pdf"),
    # Challenges and complaints.
    path("<int:pk>/challenges/new/", challenges.challenge_add, name="challenge_add"),
    path(
        "<int:pk>/challenges/<int:challenge_pk>/",
        challenges.challenge_detail,
        name="challenge_detail",
    ),
]
