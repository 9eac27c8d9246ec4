from django.urls import path

from lcspr.api import briefing, drafts, family, learning, panel, reviewers, sessions, views

app_name = "lcspr_api"

V = views.LcsprViewSet
L = learning.LearningReviewViewSet
LT = learning.LearningTermsViewSet
R = reviewers.ReviewerCandidateViewSet
BR = briefing.BriefingViewSet
DR = drafts.ReportVersionViewSet
FE = family.FamilyEngagementViewSet
FM = family.FamilyMemberViewSet
FC = family.FamilyContactViewSet
FX = family.EmbargoedCopyViewSet
PP = family.ParallelProcessViewSet

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
    path(
        "learning/<int:pk>/terms/",
        LT.as_view({"get": "list", "post": "revise"}),
        name="learning-terms-list",
    ),
    path(
        "learning/<int:pk>/terms/<int:version>/",
        LT.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="learning-terms-detail",
    ),
    path(
        "learning/<int:pk>/terms/<int:version>/approve/",
        LT.as_view({"post": "approve"}),
        name="learning-terms-approve",
    ),
    # A learning review's family engagement: the LCSPR's endpoints (lcspr/api/family.py).
    path(
        "learning/<int:pk>/family/",
        FE.as_view({"get": "retrieve"}, learning=True),
        name="learning-family",
    ),
    path(
        "learning/<int:pk>/family/coordinator/",
        FE.as_view({"post": "coordinator"}, learning=True),
        name="learning-family-coordinator",
    ),
    path(
        "learning/<int:pk>/family/members/",
        FM.as_view({"get": "list", "post": "create"}, learning=True),
        name="learning-family-member-list",
    ),
    path(
        "learning/<int:pk>/family/members/<int:member_pk>/",
        FM.as_view({"get": "retrieve", "patch": "partial_update"}, learning=True),
        name="learning-family-member-detail",
    ),
    path(
        "learning/<int:pk>/family/members/<int:member_pk>/letter/",
        FM.as_view({"get": "letter", "post": "letter"}, learning=True),
        name="learning-family-member-letter",
    ),
    path(
        "learning/<int:pk>/family/members/<int:member_pk>/leaflet/",
        FM.as_view({"get": "leaflet", "post": "leaflet"}, learning=True),
        name="learning-family-member-leaflet",
    ),
    path(
        "learning/<int:pk>/family/contacts/",
        FC.as_view({"get": "list", "post": "create"}, learning=True),
        name="learning-family-contact-list",
    ),
    path(
        "<int:pk>/reviewers/",
        R.as_view({"get": "list", "post": "create"}),
        name="reviewer-list",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/",
        R.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="reviewer-detail",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/shortlist/",
        R.as_view({"post": "shortlist"}),
        name="reviewer-shortlist",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/decide/",
        R.as_view({"post": "decide"}),
        name="reviewer-decide",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/contract/",
        R.as_view({"post": "contract"}),
        name="reviewer-contract",
    ),
    # The report's drafts (issue 14).
    path("<int:pk>/drafts/", DR.as_view({"get": "list", "post": "create"}), name="draft-list"),
    path(
        "<int:pk>/drafts/<int:version_pk>/",
        DR.as_view({"get": "retrieve"}),
        name="draft-detail",
    ),
    path(
        "<int:pk>/drafts/<int:version_pk>/legal-read/",
        DR.as_view({"post": "legal_read"}),
        name="draft-legal-read",
    ),
    path(
        "<int:pk>/drafts/<int:version_pk>/check/",
        DR.as_view({"post": "run_check"}),
        name="draft-check",
    ),
    path(
        "<int:pk>/drafts/<int:version_pk>/findings/<int:hit_pk>/accept/",
        DR.as_view({"post": "accept"}),
        name="draft-hit-accept",
    ),
    path(
        "<int:pk>/drafts/<int:version_pk>/final/",
        DR.as_view({"post": "final"}),
        name="draft-final",
    ),
    path(
        "<int:pk>/not-published/",
        DR.as_view({"post": "not_published"}),
        name="lcspr-not-published",
    ),
    path("briefings/", BR.as_view({"get": "list", "post": "create"}), name="briefing-list"),
    path("briefings/<int:pk>/", BR.as_view({"get": "retrieve"}), name="briefing-detail"),
    path("briefings/<int:pk>/save/", BR.as_view({"post": "save"}), name="briefing-save"),
    path("briefings/<int:pk>/send/", BR.as_view({"post": "send"}), name="briefing-send"),
    path("briefings/<int:pk>/publish/", BR.as_view({"post": "publish"}), name="briefing-publish"),
    # Family engagement and parallel processes (lcspr/api/family.py).
    path("<int:pk>/family/", FE.as_view({"get": "retrieve"}), name="family"),
    path(
        "<int:pk>/family/coordinator/",
        FE.as_view({"post": "coordinator"}),
        name="family-coordinator",
    ),
    path(
        "<int:pk>/family/members/",
        FM.as_view({"get": "list", "post": "create"}),
        name="family-member-list",
    ),
    path(
        "<int:pk>/family/members/<int:member_pk>/",
        FM.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="family-member-detail",
    ),
    path(
        "<int:pk>/family/members/<int:member_pk>/letter/",
        FM.as_view({"get": "letter", "post": "letter"}),
        name="family-member-letter",
    ),
    path(
        "<int:pk>/family/members/<int:member_pk>/leaflet/",
        FM.as_view({"get": "leaflet", "post": "leaflet"}),
        name="family-member-leaflet",
    ),
    path(
        "<int:pk>/family/contacts/",
        FC.as_view({"get": "list", "post": "create"}),
        name="family-contact-list",
    ),
    path(
        "<int:pk>/family/copies/",
        FX.as_view({"get": "list", "post": "create"}),
        name="family-copy-list",
    ),
    path(
        "<int:pk>/processes/",
        PP.as_view({"get": "list", "post": "create"}),
        name="process-list",
    ),
    path(
        "<int:pk>/processes/<int:process_pk>/",
        PP.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="process-detail",
    ),
    path(
        "<int:pk>/processes/<int:process_pk>/disclosures/",
        PP.as_view({"post": "disclosure"}),
        name="process-disclosure",
    ),
    path(
        "<int:pk>/processes/<int:process_pk>/disclosures/<int:disclosure_pk>/answer/",
        PP.as_view({"post": "answer"}),
        name="process-disclosure-answer",
    ),
    path(
        "briefings/<int:pk>/pdf/",
        BR.as_view({"get": "pdf", "post": "pdf"}),
        name="briefing-pdf",
    ),
]

# The review panel and the terms of reference.
PM = panel.PanelMemberViewSet
PT = panel.PanelTermsViewSet
urlpatterns += [
    path("<int:pk>/panel/", PM.as_view({"get": "list", "post": "create"}), name="panel-list"),
    path("<int:pk>/panel/<int:member_pk>/", PM.as_view({"get": "retrieve"}), name="panel-detail"),
    path(
        "<int:pk>/panel/<int:member_pk>/declaration/",
        PM.as_view({"post": "declare"}),
        name="panel-declare",
    ),
    path(
        "<int:pk>/panel/<int:member_pk>/remove/",
        PM.as_view({"post": "remove"}),
        name="panel-remove",
    ),
    path("<int:pk>/terms/", PT.as_view({"get": "list", "post": "create"}), name="terms-list"),
    path("<int:pk>/terms/revise/", PT.as_view({"post": "revise"}), name="terms-revise"),
    path(
        "<int:pk>/terms/<int:version>/",
        PT.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="terms-detail",
    ),
    path(
        "<int:pk>/terms/<int:version>/sign-off/",
        PT.as_view({"post": "sign_off"}),
        name="terms-sign-off",
    ),
    path(
        "<int:pk>/terms/<int:version>/approve/",
        PT.as_view({"post": "approve"}),
        name="terms-approve",
    ),
]

# Reflective practitioner sessions and the comms plan (lcspr.api.sessions).
S = sessions.SessionViewSet
CP = sessions.CommsPlanViewSet
urlpatterns += [
    path("<int:pk>/sessions/", S.as_view({"get": "list", "post": "create"}), name="session-list"),
    path("sessions/<int:pk>/", S.as_view({"get": "retrieve"}), name="session-detail"),
    path("sessions/<int:pk>/texts/", S.as_view({"post": "texts"}), name="session-texts"),
    path("sessions/<int:pk>/send/", S.as_view({"post": "send"}), name="session-send"),
    path(
        "sessions/<int:pk>/feedback/",
        S.as_view({"get": "feedback", "post": "give_feedback"}),
        name="session-feedback",
    ),
    path("<int:pk>/comms/", CP.as_view({"get": "retrieve"}), name="comms-plan"),
    path("<int:pk>/comms/items/", CP.as_view({"post": "add_item"}), name="comms-item-list"),
    path(
        "<int:pk>/comms/items/<int:item_pk>/",
        CP.as_view({"post": "update_item"}),
        name="comms-item-detail",
    ),
    path("<int:pk>/comms/agree/", CP.as_view({"post": "agree"}), name="comms-plan-agree"),
    path("<int:pk>/comms/statement/", CP.as_view({"post": "statement"}), name="comms-statement"),
    path(
        "<int:pk>/comms/statement/agree/",
        CP.as_view({"post": "agree_statement"}),
        name="comms-statement-agree",
    ),
]
