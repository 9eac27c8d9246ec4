from django.urls import path

from notifications import copy_views, views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("new/", views.notification_start_direct, name="start_direct"),
    path("cases/<int:case_pk>/new/", views.notification_start, name="start"),
    path("cases/<int:case_pk>/request/", views.request_add, name="request_add"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("<int:pk>/", views.notification_detail, name="detail"),
    path("<int:pk>/edit/", views.notification_edit, name="edit"),
    path("<int:pk>/send/", views.notification_send, name="send"),
    path("<int:pk>/submit/", views.notification_submit, name="submit"),
    path("<int:pk>/acknowledge/", views.notification_acknowledge, name="acknowledge"),
    path("<int:pk>/withdraw/", views.notification_withdraw, name="withdraw"),
    path("<int:pk>/child-in-care-notice/", views.child_in_care_notice, name="cic_notice"),
    path("<int:pk>/copies/", copy_views.copies_sent, name="copies"),
    path("<int:pk>/copies/add/", copy_views.copy_add, name="copy_add"),
    path("<int:pk>/copies/<int:copy_pk>/unsent/", copy_views.copy_unsent, name="copy_unsent"),
    path("<int:pk>/copies/<int:copy_pk>/remove/", copy_views.copy_remove, name="copy_remove"),
]
