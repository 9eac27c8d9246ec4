from django.urls import path

from notifications import panel_views as views

app_name = "panel_responses"

# Mounted under p/<slug:partnership_slug>/panel-responses/.
urlpatterns = [
    path("", views.panel_response_list, name="list"),
    path("cases/<int:case_pk>/new/", views.panel_response_open, name="open"),
    path("<int:pk>/", views.panel_response_detail, name="detail"),
    path("<int:pk>/meeting/", views.panel_response_meeting, name="meeting"),
    path("<int:pk>/reply/", views.panel_response_reply, name="reply"),
    path("<int:pk>/information/", views.panel_response_information, name="information"),
    path("<int:pk>/reconsider/", views.panel_response_reconsider, name="reconsider"),
]
