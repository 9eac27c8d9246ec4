from django.urls import path

from rapid_reviews.api import report_views, views

app_name = "rapid_reviews_api"

V = views.RapidReviewViewSet
R = report_views.RapidReviewReportViewSet

# Mounted under api/p/<slug:partnership_slug>/rapid-reviews/.
urlpatterns = [
    path("", V.as_view({"get": "list", "post": "create"}), name="rapid-review-list"),
    path("<int:pk>/", V.as_view({"get": "retrieve"}), name="rapid-review-detail"),
    path("<int:pk>/withdraw/", V.as_view({"post": "withdraw"}), name="rapid-review-withdraw"),
    path(
        "<int:pk>/report/",
        R.as_view({"get": "retrieve", "post": "create"}),
        name="rapid-review-report",
    ),
    path("<int:pk>/report/save/", R.as_view({"post": "save"}), name="rapid-review-report-save"),
    path(
        "<int:pk>/report/versions/",
        R.as_view({"get": "versions"}),
        name="rapid-review-report-versions",
    ),
    path("<int:pk>/report/send/", R.as_view({"post": "send"}), name="rapid-review-report-send"),
    path(
        "<int:pk>/report/submit/", R.as_view({"post": "submit"}), name="rapid-review-report-submit"
    ),
    path("<int:pk>/conclude/", R.as_view({"post": "conclude"}), name="rapid-review-conclude"),
]
