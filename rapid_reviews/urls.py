from django.urls import path

from rapid_reviews import report_views, terms_views, views

app_name = "rapid_reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/withdraw/", views.review_withdraw, name="withdraw"),
    path("cases/<int:case_pk>/start/", views.review_start, name="start"),
    path("<int:pk>/terms/", terms_views.terms_detail, name="terms"),
    path(
        "<int:pk>/terms/versions/<int:version>/",
        terms_views.terms_detail,
        name="terms_version",
    ),
    path("<int:pk>/terms/draft/", terms_views.terms_draft, name="terms_draft"),
    path("<int:pk>/terms/edit/", terms_views.terms_edit, name="terms_edit"),
    path("<int:pk>/terms/send/", terms_views.terms_send, name="terms_send"),
    path("<int:pk>/terms/approve/", terms_views.terms_approve, name="terms_approve"),
    path("<int:pk>/terms/revise/", terms_views.terms_revise, name="terms_revise"),
    path("<int:pk>/report/", report_views.report_detail, name="report"),
    path("<int:pk>/report/draft/", report_views.report_create, name="report_draft"),
    path("<int:pk>/report/edit/", report_views.report_edit, name="report_edit"),
    path("<int:pk>/report/send/", report_views.report_send, name="report_send"),
    path("<int:pk>/report/submit/", report_views.report_submit, name="report_submit"),
    path(
        "<int:pk>/report/versions/<int:number>/",
        report_views.report_version,
        name="report_version",
    ),
    path("<int:pk>/conclude/", report_views.review_conclude, name="conclude"),
]
