from django.urls import path

from rapid_reviews.api import report_views, requests, terms_views, views

app_name = "rapid_reviews_api"

V = views.RapidReviewViewSet
Q = requests.InformationRequestViewSet
R = report_views.RapidReviewReportViewSet
T = terms_views.TermsOfReferenceViewSet

# Mounted under api/p/<slug:partnership_slug>/rapid-reviews/.
urlpatterns = [
    path("", V.as_view({"get": "list", "post": "create"}), name="rapid-review-list"),
    path("<int:pk>/", V.as_view({"get": "retrieve"}), name="rapid-review-detail"),
    path("<int:pk>/withdraw/", V.as_view({"post": "withdraw"}), name="rapid-review-withdraw"),
    path(
        "<int:pk>/requests/",
        Q.as_view({"get": "list", "post": "create"}),
        name="information-request-list",
    ),
    path(
        "<int:pk>/requests/<int:request_pk>/",
        Q.as_view({"get": "retrieve"}),
        name="information-request-detail",
    ),
    *[
        path(
            f"<int:pk>/requests/<int:request_pk>/{segment}/",
            Q.as_view({"post": action}),
            name=f"information-request-{segment}",
        )
        for segment, action in (
            ("return", "save_return"),
            ("quality-assure", "quality_assure"),
            ("sign-off", "sign_off"),
            ("chase", "chase"),
            ("on-behalf", "on_behalf"),
            ("close", "close"),
        )
    ],
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
    path(
        "<int:pk>/report/decision/",
        R.as_view({"post": "decision"}),
        name="rapid-review-report-decision",
    ),
    path("<int:pk>/conclude/", R.as_view({"post": "conclude"}), name="rapid-review-conclude"),
    path(
        "<int:pk>/terms/",
        T.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="rapid-review-terms",
    ),
    *[
        path(
            f"<int:pk>/terms/{action}/",
            T.as_view({"post": action}),
            name=f"rapid-review-terms-{action}",
        )
        for action in ("draft", "send", "approve", "revise")
    ],
    path(
        "<int:pk>/terms/versions/",
        T.as_view({"get": "versions"}),
        name="rapid-review-terms-versions",
    ),
    path(
        "<int:pk>/terms/versions/<int:version>/",
        T.as_view({"get": "version"}),
        name="rapid-review-terms-version",
    ),
    path(
        "<int:pk>/terms/versions/<int:version>/pdf/",
        T.as_view({"get": "pdf", "post": "pdf"}),
        name="rapid-review-terms-pdf",
    ),
]
