from django.urls import path

from lcspr import briefing_views, draft_views, learning_views, reviewer_views, views

app_name = "lcspr"

# Mounted under p/<slug:partnership_slug>/lcsprs/.
urlpatterns = [
    path("", views.lcspr_list, name="list"),
    path("<int:pk>/", views.lcspr_detail, name="detail"),
    path("<int:pk>/target/", views.lcspr_target, name="target"),
    path("<int:pk>/publish/", views.lcspr_publish_view, name="publish"),
    path("<int:pk>/withdraw/", views.lcspr_withdraw_view, name="withdraw"),
    path("cases/<int:case_pk>/start/", views.lcspr_start_view, name="start"),
    path("learning/<int:pk>/", learning_views.learning_detail, name="learning_detail"),
    path("learning/<int:pk>/complete/", learning_views.learning_complete, name="learning_complete"),
    path(
        "learning/cases/<int:case_pk>/start/",
        learning_views.learning_start,
        name="learning_start",
    ),
    # The independent reviewer (BCP 003 s10).
    path("<int:pk>/reviewers/", reviewer_views.reviewer_list, name="reviewer_list"),
    path("<int:pk>/reviewers/add/", reviewer_views.reviewer_add, name="reviewer_add"),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/",
        reviewer_views.reviewer_detail,
        name="reviewer_detail",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/edit/",
        reviewer_views.reviewer_edit,
        name="reviewer_edit",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/shortlist/",
        reviewer_views.reviewer_shortlist,
        name="reviewer_shortlist",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/decide/",
        reviewer_views.reviewer_decide,
        name="reviewer_decide",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/contract/",
        reviewer_views.reviewer_contract,
        name="reviewer_contract",
    ),
    path("<int:pk>/briefing/", briefing_views.briefing_start_lcspr, name="briefing_start"),
    path(
        "learning/<int:pk>/briefing/",
        briefing_views.briefing_start_learning,
        name="briefing_start_learning",
    ),
    path("briefings/<int:pk>/", briefing_views.briefing_detail, name="briefing_detail"),
    path("briefings/<int:pk>/edit/", briefing_views.briefing_edit, name="briefing_edit"),
    path("briefings/<int:pk>/send/", briefing_views.briefing_send, name="briefing_send"),
    path("briefings/<int:pk>/publish/", briefing_views.briefing_publish, name="briefing_publish"),
    path("briefings/<int:pk>/pdf/", briefing_views.briefing_pdf, name="briefing_pdf"),
    # The report's drafts, legal read, anonymisation check, final sign-off (issue 14).
    path("<int:pk>/drafts/", draft_views.draft_list, name="draft_list"),
    path("<int:pk>/drafts/upload/", draft_views.draft_upload, name="draft_upload"),
    path("<int:pk>/drafts/<int:version_pk>/", draft_views.draft_detail, name="draft_detail"),
    path(
        "<int:pk>/drafts/<int:version_pk>/legal-read/",
        draft_views.legal_read,
        name="draft_legal_read",
    ),
    path(
        "<int:pk>/drafts/<int:version_pk>/check/",
        draft_views.anonymisation_check,
        name="draft_check",
    ),
    path(
        "<int:pk>/drafts/<int:version_pk>/findings/<int:hit_pk>/accept/",
        draft_views.hit_accept,
        name="draft_hit_accept",
    ),
    path("<int:pk>/drafts/<int:version_pk>/final/", draft_views.final_send, name="draft_final"),
    path("<int:pk>/not-published/", draft_views.not_published, name="not_published"),
]
