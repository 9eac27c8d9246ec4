from django.urls import path

from rapid_reviews.api import views

app_name = "rapid_reviews_api"

V = views.RapidReviewViewSet

# Mounted under api/p/<slug:partnership_slug>/rapid-reviews/.
urlpatterns = [
    path("", V.as_view({"get": "list", "post": "create"}), name="rapid-review-list"),
    path("<int:pk>/", V.as_view({"get": "retrieve"}), name="rapid-review-detail"),
    path("<int:pk>/withdraw/", V.as_view({"post": "withdraw"}), name="rapid-review-withdraw"),
]
