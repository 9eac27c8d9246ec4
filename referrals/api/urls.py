from django.urls import path

from referrals.api import views

app_name = "referrals_api"

R = views.ReferralViewSet


def _post(action):
    return R.as_view({"post": action})


def _items(collection, noun):
    return [
        path(
            f"<int:referral_pk>/{collection}/",
            views.ReferralItemViewSet.as_view(
                {"get": "list", "post": "create"}, collection=collection
            ),
            name=f"{noun}-list",
        ),
        path(
            f"<int:referral_pk>/{collection}/<int:pk>/",
            views.ReferralItemViewSet.as_view(
                {"get": "retrieve", "patch": "partial_update", "delete": "destroy"},
                collection=collection,
            ),
            name=f"{noun}-detail",
        ),
    ]


# Mounted under api/p/<slug:partnership_slug>/referrals/.
urlpatterns = [
    path("", R.as_view({"get": "list", "post": "create"}), name="referral-list"),
    path("lookups/", views.LookupViewSet.as_view({"get": "list"}), name="lookup-list"),
    path(
        "<int:pk>/",
        R.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="referral-detail",
    ),
    path(
        "<int:pk>/submit-for-authorisation/",
        _post("submit_for_authorisation"),
        name="referral-submit-for-authorisation",
    ),
    path("<int:pk>/authorise/", _post("authorise"), name="referral-authorise"),
    path("<int:pk>/return/", _post("return_to_referrer"), name="referral-return"),
    path("<int:pk>/withdraw/", _post("withdraw"), name="referral-withdraw"),
    path("<int:pk>/quality-assure/", _post("quality_assure"), name="referral-quality-assure"),
    path("<int:pk>/media-update/", _post("media_update"), name="referral-media-update"),
    path(
        "<int:pk>/request-agency-information/",
        _post("request_agency_information"),
        name="referral-request-agency-information",
    ),
    path(
        "information-requests/",
        views.AgencyRequestViewSet.as_view({"get": "list"}),
        name="agency-request-list",
    ),
    path(
        "information-requests/<int:pk>/",
        views.AgencyRequestViewSet.as_view({"get": "retrieve"}),
        name="agency-request-detail",
    ),
    path(
        "information-requests/<int:pk>/respond/",
        views.AgencyRequestViewSet.as_view({"post": "respond"}),
        name="agency-request-respond",
    ),
    path(
        "<int:pk>/media-monitoring-end/",
        _post("media_monitoring_end"),
        name="referral-media-monitoring-end",
    ),
    path(
        "<int:pk>/request-information/",
        _post("request_information"),
        name="referral-request-information",
    ),
    path(
        "<int:pk>/provide-information/",
        _post("provide_information"),
        name="referral-provide-information",
    ),
    path(
        "<int:pk>/schedule-review-group/",
        _post("schedule_review_group"),
        name="referral-schedule-review-group",
    ),
    path("<int:pk>/decide/", _post("decide"), name="referral-decide"),
    path(
        "<int:pk>/recommendation/",
        R.as_view({"get": "recommendation_draft", "post": "recommend"}),
        name="referral-recommend",
    ),
    path(
        "<int:pk>/executive-decision/",
        _post("executive_decision"),
        name="referral-executive-decision",
    ),
    path(
        "<int:pk>/notification-agreement/",
        _post("notification_agreement"),
        name="referral-notification-agreement",
    ),
    path(
        "<int:pk>/notification-escalation/",
        _post("notification_escalation"),
        name="referral-notification-escalation",
    ),
    path(
        "<int:pk>/duplicates/",
        R.as_view({"get": "duplicates"}, pagination_class=None),  # a short list, whole
        name="referral-duplicates",
    ),
    path("<int:pk>/link-case/", _post("link_case"), name="referral-link-case"),
    path("<int:pk>/history/", R.as_view({"get": "history"}), name="referral-history"),
    path("<int:pk>/pdf/", R.as_view({"get": "pdf", "post": "pdf"}), name="referral-pdf"),
    path(
        "<int:pk>/recommendation/pdf/",
        R.as_view({"get": "recommendation_pdf", "post": "recommendation_pdf"}),
        name="referral-recommendation-pdf",
    ),
    *_items("children", "child"),
    *_items("family", "person"),
    *_items("agencies", "agency-contact"),
    path(
        "<int:referral_pk>/challenges/",
        views.ChallengeViewSet.as_view({"get": "list", "post": "create"}),
        name="challenge-list",
    ),
    path(
        "<int:referral_pk>/challenges/<int:pk>/",
        views.ChallengeViewSet.as_view({"get": "retrieve"}),
        name="challenge-detail",
    ),
    path(
        "<int:referral_pk>/challenges/<int:pk>/steps/",
        views.ChallengeViewSet.as_view({"post": "record_step"}),
        name="challenge-step",
    ),
]
