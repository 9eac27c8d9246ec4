from django.urls import path

from rapid_reviews.api import requests, views

app_name = "rapid_reviews_api"

V = views.RapidReviewViewSet
Q = requests.InformationRequestViewSet

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
]
