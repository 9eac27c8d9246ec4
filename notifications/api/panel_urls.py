from django.urls import path

from notifications.api import panel_views as views

app_name = "panel_responses_api"

V = views.PanelResponseViewSet


def _post(action):
    return V.as_view({"post": action})


# Mounted under api/p/<slug:partnership_slug>/panel-responses/.
urlpatterns = [
    path("", V.as_view({"get": "list", "post": "create"}), name="panel-response-list"),
    path("<int:pk>/", V.as_view({"get": "retrieve"}), name="panel-response-detail"),
    path("<int:pk>/meeting/", _post("meeting"), name="panel-response-meeting"),
    path("<int:pk>/reply/", _post("reply"), name="panel-response-reply"),
    path("<int:pk>/information/", _post("information"), name="panel-response-information"),
    path("<int:pk>/reconsider/", _post("reconsider"), name="panel-response-reconsider"),
]
