from django.urls import path

from lcspr import (
    briefing_views,
    draft_views,
    family_views,
    learning_terms_views,
    learning_views,
    panel_views,
    reviewer_views,
    session_views,
    views,
)

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
    # A learning review's terms of reference (lcspr/learning_terms_views.py).
    path(
        "learning/<int:pk>/terms/",
        learning_terms_views.learning_terms_list,
        name="learning_terms_list",
    ),
    path(
        "learning/<int:pk>/terms/new/",
        learning_terms_views.learning_terms_revise,
        name="learning_terms_revise",
    ),
    path(
        "learning/<int:pk>/terms/<int:version>/",
        learning_terms_views.learning_terms_detail,
        name="learning_terms_detail",
    ),
    path(
        "learning/<int:pk>/terms/<int:version>/edit/",
        learning_terms_views.learning_terms_edit,
        name="learning_terms_edit",
    ),
    path(
        "learning/<int:pk>/terms/<int:version>/approve/",
        learning_terms_views.learning_terms_approve,
        name="learning_terms_approve",
    ),
    path(
        "learning/<int:pk>/terms/<int:version>/pdf/",
        learning_terms_views.learning_terms_pdf,
        name="learning_terms_pdf",
    ),
    # A learning review's family engagement: the LCSPR's pages (lcspr/family_views.py).
    path(
        "learning/<int:pk>/family/",
        family_views.family,
        {"learning": True},
        name="learning_family",
    ),
    path(
        "learning/<int:pk>/family/coordinator/",
        family_views.family_coordinator,
        {"learning": True},
        name="learning_family_coordinator",
    ),
    path(
        "learning/<int:pk>/family/members/add/",
        family_views.family_member_add,
        {"learning": True},
        name="learning_family_member_add",
    ),
    path(
        "learning/<int:pk>/family/members/<int:member_pk>/edit/",
        family_views.family_member_edit,
        {"learning": True},
        name="learning_family_member_edit",
    ),
    path(
        "learning/<int:pk>/family/members/<int:member_pk>/letter/",
        family_views.family_letter,
        {"learning": True},
        name="learning_family_letter",
    ),
    path(
        "learning/<int:pk>/family/members/<int:member_pk>/leaflet/",
        family_views.family_leaflet,
        {"learning": True},
        name="learning_family_leaflet",
    ),
    path(
        "learning/<int:pk>/family/contacts/add/",
        family_views.family_contact_add,
        {"learning": True},
        name="learning_family_contact_add",
    ),
    # The independent reviewer (BCP 003 s10).
    path("<int:pk>/reviewers/", reviewer_views.reviewer_list, name="reviewer_list"),
    path("<int:pk>/reviewers/add/", reviewer_views.reviewer_add, name="reviewer_add"),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/",
        reviewer_views.reviewer_detail,
        name="reviewer_detail",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/edit/",
        reviewer_views.reviewer_edit,
        name="reviewer_edit",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/shortlist/",
        reviewer_views.reviewer_shortlist,
        name="reviewer_shortlist",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/decide/",
        reviewer_views.reviewer_decide,
        name="reviewer_decide",
    ),
    path(
        "<int:pk>/reviewers/<int:candidate_pk>/contract/",
        reviewer_views.reviewer_contract,
        name="reviewer_contract",
    ),
    path("<int:pk>/briefing/", briefing_views.briefing_start_lcspr, name="briefing_start"),
    path(
        "learning/<int:pk>/briefing/",
        briefing_views.briefing_start_learning,
        name="briefing_start_learning",
    ),
    # The report's drafts, legal read, anonymisation check, final sign-off (issue 14).
    path("<int:pk>/drafts/", draft_views.draft_list, name="draft_list"),
    path("<int:pk>/drafts/upload/", draft_views.draft_upload, name="draft_upload"),
    path("<int:pk>/drafts/<int:version_pk>/", draft_views.draft_detail, name="draft_detail"),
    path(
        "<int:pk>/drafts/<int:version_pk>/legal-read/",
        draft_views.legal_read,
        name="draft_legal_read",
    ),
    path(
        "<int:pk>/drafts/<int:version_pk>/check/",
        draft_views.anonymisation_check,
        name="draft_check",
    ),
    path(
        "<int:pk>/drafts/<int:version_pk>/findings/<int:hit_pk>/accept/",
        draft_views.hit_accept,
        name="draft_hit_accept",
    ),
    path("<int:pk>/drafts/<int:version_pk>/final/", draft_views.final_send, name="draft_final"),
    path("<int:pk>/not-published/", draft_views.not_published, name="not_published"),
    path("briefings/<int:pk>/", briefing_views.briefing_detail, name="briefing_detail"),
    path("briefings/<int:pk>/edit/", briefing_views.briefing_edit, name="briefing_edit"),
    path("briefings/<int:pk>/send/", briefing_views.briefing_send, name="briefing_send"),
    path("briefings/<int:pk>/publish/", briefing_views.briefing_publish, name="briefing_publish"),
    path("briefings/<int:pk>/pdf/", briefing_views.briefing_pdf, name="briefing_pdf"),
    # Family engagement and parallel processes (lcspr/family_views.py).
    path("<int:pk>/family/", family_views.family, name="family"),
    path(
        "<int:pk>/family/coordinator/",
        family_views.family_coordinator,
        name="family_coordinator",
    ),
    path("<int:pk>/family/members/add/", family_views.family_member_add, name="family_member_add"),
    path(
        "<int:pk>/family/members/<int:member_pk>/edit/",
        family_views.family_member_edit,
        name="family_member_edit",
    ),
    path(
        "<int:pk>/family/members/<int:member_pk>/letter/",
        family_views.family_letter,
        name="family_letter",
    ),
    path(
        "<int:pk>/family/members/<int:member_pk>/leaflet/",
        family_views.family_leaflet,
        name="family_leaflet",
    ),
    path(
        "<int:pk>/family/contacts/add/", family_views.family_contact_add, name="family_contact_add"
    ),
    path("<int:pk>/family/copies/add/", family_views.family_copy_add, name="family_copy_add"),
    path("<int:pk>/processes/", family_views.process_list, name="process_list"),
    path("<int:pk>/processes/add/", family_views.process_add, name="process_add"),
    path(
        "<int:pk>/processes/<int:process_pk>/",
        family_views.process_detail,
        name="process_detail",
    ),
    path(
        "<int:pk>/processes/<int:process_pk>/edit/",
        family_views.process_edit,
        name="process_edit",
    ),
    path(
        "<int:pk>/processes/<int:process_pk>/disclosures/add/",
        family_views.disclosure_add,
        name="process_disclosure_add",
    ),
    path(
        "<int:pk>/processes/<int:process_pk>/disclosures/<int:disclosure_pk>/answer/",
        family_views.disclosure_answer,
        name="process_disclosure_answer",
    ),
]

# The review panel and the terms of reference (Swindon 001 ss5-8, Appendices 5 and 6).
urlpatterns += [
    path("<int:pk>/panel/", panel_views.panel, name="panel"),
    path("<int:pk>/panel/add/", panel_views.panel_add, name="panel_add"),
    path("<int:pk>/panel/<int:member_pk>/", panel_views.panel_member, name="panel_member"),
    path(
        "<int:pk>/panel/<int:member_pk>/declaration/",
        panel_views.panel_declare,
        name="panel_declare",
    ),
    path("<int:pk>/panel/<int:member_pk>/remove/", panel_views.panel_remove, name="panel_remove"),
    path("<int:pk>/terms/", panel_views.terms_list, name="terms"),
    path("<int:pk>/terms/change/", panel_views.terms_revise, name="terms_revise"),
    path("<int:pk>/terms/<int:version>/", panel_views.terms_version, name="terms_version"),
    path("<int:pk>/terms/<int:version>/edit/", panel_views.terms_edit, name="terms_edit"),
    path(
        "<int:pk>/terms/<int:version>/sign-off/",
        panel_views.terms_sign_off,
        name="terms_sign_off",
    ),
    path("<int:pk>/terms/<int:version>/approve/", panel_views.terms_approve, name="terms_approve"),
    path("<int:pk>/terms/<int:version>/pdf/", panel_views.terms_pdf, name="terms_pdf"),
]

# Reflective practitioner sessions and the comms plan (lcspr.session_views).
urlpatterns += [
    path("<int:pk>/sessions/new/", session_views.session_schedule, name="session_schedule"),
    path("sessions/<int:pk>/", session_views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/texts/", session_views.session_texts, name="session_texts"),
    path("sessions/<int:pk>/send/", session_views.session_send, name="session_send"),
    path("sessions/<int:pk>/feedback/", session_views.session_feedback, name="session_feedback"),
    path("<int:pk>/comms/", session_views.comms_plan, name="comms_plan"),
    path("<int:pk>/comms/items/add/", session_views.comms_item_add, name="comms_item_add"),
    path(
        "<int:pk>/comms/items/<int:item_pk>/",
        session_views.comms_item_edit,
        name="comms_item_edit",
    ),
    path("<int:pk>/comms/agree/", session_views.comms_plan_agree, name="comms_plan_agree"),
    path("<int:pk>/comms/statement/", session_views.reactive_statement, name="reactive_statement"),
    path(
        "<int:pk>/comms/statement/agree/",
        session_views.reactive_statement_agree,
        name="reactive_statement_agree",
    ),
]
