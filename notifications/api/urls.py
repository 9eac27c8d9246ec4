from django.urls import path

from notifications.api import views

app_name = "notifications_api"

N = views.NotificationViewSet
R = views.RequestViewSet
C = views.CopyViewSet


def _post(action, viewset=N):
    return viewset.as_view({"post": action})


# Mounted under api/p/<slug:partnership_slug>/serious-incident-notifications/ (the pages'
# prefix; /api/p/<slug>/notifications/ is the person's own reminders, cases_api).
urlpatterns = [
    path("", N.as_view({"get": "list", "post": "create"}), name="notification-list"),
    path(
        "<int:pk>/",
        N.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="notification-detail",
    ),
    path(
        "<int:pk>/children/",
        N.as_view({"get": "children", "put": "children_replace"}),
        name="notification-children",
    ),
    path(
        "<int:pk>/send-for-sign-off/",
        _post("send_for_sign_off"),
        name="notification-send-for-sign-off",
    ),
    path("<int:pk>/submit/", _post("submit", views.SubmissionViewSet), name="notification-submit"),
    path("<int:pk>/acknowledge/", _post("acknowledge"), name="notification-acknowledge"),
    path("<int:pk>/withdraw/", _post("withdraw"), name="notification-withdraw"),
    path(
        "<int:pk>/child-in-care-notice/",
        _post("child_in_care_notice"),
        name="notification-child-in-care-notice",
    ),
    path("<int:pk>/copies/", C.as_view({"get": "list", "post": "create"}), name="copy-list"),
    path("<int:pk>/copies/<int:copy_pk>/", C.as_view({"delete": "destroy"}), name="copy-detail"),
    path("<int:pk>/copies/<int:copy_pk>/sent/", _post("sent", C), name="copy-sent"),
    path("<int:pk>/copies/<int:copy_pk>/unsent/", _post("unsent", C), name="copy-unsent"),
    path("requests/", R.as_view({"get": "list", "post": "create"}), name="request-list"),
    path("requests/<int:pk>/", R.as_view({"get": "retrieve"}), name="request-detail"),
    path("requests/<int:pk>/answer/", _post("answer", R), name="request-answer"),
    path("requests/<int:pk>/escalate/", _post("escalate", R), name="request-escalate"),
]
