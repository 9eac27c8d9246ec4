from django.urls import path

from rapid_reviews import views

app_name = "rapid_reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/withdraw/", views.review_withdraw, name="withdraw"),
    path("cases/<int:case_pk>/start/", views.review_start, name="start"),
]
