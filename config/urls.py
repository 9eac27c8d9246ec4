from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cases.api import account_tokens
from cases.api import views as api_views
from cases.views import account, api_tokens, calendar_feed, home, people, session

api_patterns = [
    path("me/", api_views.me, name="api_me"),
    path(
        "account/tokens/",
        account_tokens.ApiTokenViewSet.as_view({"get": "list"}),
        name="api_account_tokens",
    ),
    path(
        "account/tokens/<int:pk>/",
        account_tokens.ApiTokenViewSet.as_view({"delete": "destroy"}),
        name="api_account_token",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("p/<slug:partnership_slug>/", include("cases.api.urls")),
    path("p/<slug:partnership_slug>/referrals/", include("referrals.api.urls")),
    path(
        "p/<slug:partnership_slug>/serious-incident-notifications/",
        include("notifications.api.urls"),
    ),
    path("p/<slug:partnership_slug>/panel-responses/", include("notifications.api.panel_urls")),
    path("p/<slug:partnership_slug>/rapid-reviews/", include("rapid_reviews.api.urls")),
    path("p/<slug:partnership_slug>/lcsprs/", include("lcspr.api.urls")),
]

urlpatterns = [
    path("", home.root, name="root"),
    path("accessibility/", home.accessibility, name="accessibility"),
    # The sign-in address is the one the invitation went to; no self-service change of it.
    path("accounts/email/", home.not_found, name="account_email_disabled"),
    path("accounts/", include("allauth.urls")),
    path("account/", account.account_home, name="account_home"),
    path("account/api-tokens/new/", api_tokens.api_token_create, name="api_token_create"),
    path(
        "account/api-tokens/<int:pk>/revoke/", api_tokens.api_token_revoke, name="api_token_revoke"
    ),
    path("account/reminders/", account.reminder_preferences, name="reminder_preferences"),
    path("account/calendar/", account.calendar_token_reset, name="calendar_token_reset"),
    path("account/session/status/", session.session_status, name="session_status"),
    path("account/session/extend/", session.session_extend, name="session_extend"),
    path("account/session/end/", session.session_end, name="session_end"),
    path("calendar/<str:token>.ics", calendar_feed.calendar_feed, name="calendar_feed"),
    path("invitations/<str:token>/", people.invitation_accept, name="invitation_accept"),
    path("api/", include(api_patterns)),
    path("", include("cases.urls")),
    path("p/<slug:partnership_slug>/referrals/", include("referrals.urls")),
    path(
        "p/<slug:partnership_slug>/serious-incident-notifications/",
        include("notifications.urls"),
    ),
    path("p/<slug:partnership_slug>/panel-responses/", include("notifications.panel_urls")),
    path("p/<slug:partnership_slug>/rapid-reviews/", include("rapid_reviews.urls")),
    path("p/<slug:partnership_slug>/lcsprs/", include("lcspr.urls")),
]

handler404 = "cases.views.errors.not_found"
