from django.urls import path

from lcspr.api import learning, views

app_name = "lcspr_api"

V = views.LcsprViewSet
L = learning.LearningReviewViewSet

# Mounted under api/p/<slug:partnership_slug>/lcsprs/.
urlpatterns = [
    path("", V.as_view({"get": "list", "post": "create"}), name="lcspr-list"),
    path("<int:pk>/", V.as_view({"get": "retrieve"}), name="lcspr-detail"),
    path("<int:pk>/target/", V.as_view({"post": "target"}), name="lcspr-target"),
    path("<int:pk>/publish/", V.as_view({"post": "publish"}), name="lcspr-publish"),
    path("<int:pk>/withdraw/", V.as_view({"post": "withdraw"}), name="lcspr-withdraw"),
    path("learning/", L.as_view({"get": "list", "post": "create"}), name="learning-review-list"),
    path("learning/<int:pk>/", L.as_view({"get": "retrieve"}), name="learning-review-detail"),
    path(
        "learning/<int:pk>/complete/",
        L.as_view({"post": "complete"}),
        name="learning-review-complete",
    ),
]
