from django.urls import path

from rapid_reviews import report_views, terms_views, views
from rapid_reviews import request_views as rv

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
    path(
        "<int:pk>/terms/versions/<int:version>/terms-of-reference.pdf",
        terms_views.terms_pdf,
        name="terms_pdf",
    ),
    path("<int:pk>/terms/draft/", terms_views.terms_draft, name="terms_draft"),
    path("<int:pk>/terms/edit/", terms_views.terms_edit, name="terms_edit"),
    path("<int:pk>/terms/send/", terms_views.terms_send, name="terms_send"),
    path("<int:pk>/terms/approve/", terms_views.terms_approve, name="terms_approve"),
    path("<int:pk>/terms/revise/", terms_views.terms_revise, name="terms_revise"),
    path("<int:pk>/requests/", rv.request_list, name="requests"),
    path("<int:pk>/requests/send/", rv.request_send, name="requests_send"),
    path("<int:pk>/requests/<int:request_pk>/", rv.request_detail, name="request"),
    path("<int:pk>/requests/<int:request_pk>/return/", rv.return_save, name="return_save"),
    path(
        "<int:pk>/requests/<int:request_pk>/quality-assure/",
        rv.return_quality_assure,
        name="return_quality_assure",
    ),
    path(
        "<int:pk>/requests/<int:request_pk>/sign-off/", rv.return_sign_off, name="return_sign_off"
    ),
    path("<int:pk>/requests/<int:request_pk>/chase/", rv.request_chase, name="request_chase"),
    path(
        "<int:pk>/requests/<int:request_pk>/on-behalf/",
        rv.request_on_behalf,
        name="request_on_behalf",
    ),
    path("<int:pk>/requests/<int:request_pk>/close/", rv.request_close, name="request_close"),
    path("<int:pk>/report/", report_views.report_detail, name="report"),
    path("<int:pk>/report/draft/", report_views.report_create, name="report_draft"),
    path("<int:pk>/report/edit/", report_views.report_edit, name="report_edit"),
    path("<int:pk>/report/send/", report_views.report_send, name="report_send"),
    path("<int:pk>/report/submit/", report_views.report_submit, name="report_submit"),
    path("<int:pk>/report/decision/", report_views.report_decision, name="report_decision"),
    path(
        "<int:pk>/report/versions/<int:number>/",
        report_views.report_version,
        name="report_version",
    ),
    path("<int:pk>/conclude/", report_views.review_conclude, name="conclude"),
]
