from django.urls import path

from lcspr import learning_views, views

app_name = "lcspr"

# Mounted under p/<slug:partnership_slug>/lcsprs/.
urlpatterns = [
    path("", views.lcspr_list, name="list"),
    path("<int:pk>/", views.lcspr_detail, name="detail"),
    path("<int:pk>/target/", views.lcspr_target, name="target"),
    path("<int:pk>/publish/", views.lcspr_publish_view, name="publish"),
    path("<int:pk>/withdraw/", views.lcspr_withdraw_view, name="withdraw"),
    path("cases/<int:case_pk>/start/", views.lcspr_start_view, name="start"),
    path("learning/<int:pk>/", learning_views.learning_detail, name="learning_detail"),
    path("learning/<int:pk>/complete/", learning_views.learning_complete, name="learning_complete"),
    path(
        "learning/cases/<int:case_pk>/start/",
        learning_views.learning_start,
        name="learning_start",
    ),
]
