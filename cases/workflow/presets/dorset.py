"""Dorset Council Children's Services within the Pan-Dorset Safeguarding Children Partnership.

Seed 002 (SIN, Rapid Review and LCSPR process for internal use in Dorset): section 2 (day zero,
five working days), section 3 (SIN sign-off chain, Day 5), sections 5 and 6 (Rapid Review duties
on days 0, 1, 2, 5, 6, 8, 9, 11, 12, 14 and 15; National Panel reply in 10 working days),
section 7 (LCSPR: six months from the Panel's recommendation, first panel within 3 weeks, final
meeting 5 weeks and comms meeting 4 weeks before target publication, copies seven working days
before publication), section 8 (action tracker, 7-minute briefing).
"""

from __future__ import annotations

from cases.workflow.presets._build import (
    copy_to,
    decided_by,
    milestone,
    months,
    one_of_each_statutory_partner,
    outcome,
    recipients,
    reconsidered_by,
    return_field,
    settings,
    stage,
    step,
    weeks,
    who,
    working_days,
)
from cases.workflow.presets.common import (
    LA_SAFEGUARDING_LEAD,
    awareness_backstop,
    notify_panel,
    online_minimum,
)

LA = ("local_authority",)
HOQA = LA_SAFEGUARDING_LEAD  # Head of QA and Partnerships, Dorset Council
LA_EXECUTIVE = who("executive", agencies=LA)
LA_STAFF = who("agency_staff", agencies=LA)
BM = who("business_manager")


def _rr(key: str, label: str, day: int, responsible: dict, paragraph: str, **kw: bool) -> dict:
    return milestone(
        key, label, working_days(day), responsible, source=f"002 paragraph {paragraph}", **kw
    )


DORSET = settings(
    notice_recipients={
        # Paragraph 7.19 (002): the full report "to the Panel and to the Secretary of State no
        # later than seven working days before the date of publication ... They should also
        # provide the report, or information about improvements, to Ofsted".
        "prepublication_copies": recipients("national_panel", "secretary_of_state", "ofsted"),
        "not_published_improvements": recipients("national_panel", "secretary_of_state", "ofsted"),
        # Paragraph 1.4 (002): a looked-after child's death is notified whether or not abuse or
        # neglect is suspected; the Head of Service Children in Care makes that submission.
        "child_in_care_death": recipients("secretary_of_state", "ofsted"),
    },
    panel_disagreement=reconsidered_by(
        "PDSCP Leadership",
        source=(
            "002 paragraphs 5.11 and 6.2-6.6: the PDSCP Leadership agrees the "
            "recommendation and wording of the response to the Panel"
        ),
    ),
    # 2.1 (002): "It is the responsibility of the Local Authority to make the submission ... In
    # the first instance this will be Head of QA and Partnerships (HoQA) in Dorset Council - if
    # there is no agreement this is to be escalated to the PDSCP Executive."
    notification_decision=decided_by(
        "local_authority",
        escalate_to="the PDSCP Executive",
        source="002 paragraph 2.1: the responsibility of the Local Authority; if there is no"
        " agreement this is to be escalated to the PDSCP Executive",
    ),
    # 3.6 (002): "The Head of QA and Partnerships will also by Day 5 ... send a copy to" these;
    # 2.6: the Business Manager also reports it to other local safeguarding partnerships outside
    # the Dorset Council area "where relevant" (added on the notification when it applies).
    notification_copies=[
        copy_to(key, label, within_working_days=5, source=f"002 paragraph 3.6: {quote}")
        for key, label, quote in (
            ("corporate_directors", "The 4 Corporate Directors", "the 4 Corporate Directors"),
            (
                "head_of_locality",
                "The relevant Head of Locality or Head of Service",
                "the relevant Head of Locality or Head of Service",
            ),
            (
                "leadership_and_chair",
                "PDSCP Leadership team and Independent Chair",
                "The PDSCP Leadership team and Independent Chair",
            ),
            ("business_manager", "PDSCP Business Manager", "The Business Manager for the PDSCP"),
            ("scrutineer", "PDSCP Scrutineer (for information)", "The PDSCP Scrutineer"),
            ("legal", "Senior Solicitor, Legal Services", "Senior Solicitor, Legal Services"),
        )
    ],
    # The agency's return: 002 paragraph 5.7, the "standard template requests for briefing
    # reports" to all agencies involved, returned by day eight. The seed does not print the
    # template: its questions follow what 5.3-5.5 and 6.2 ask the briefing reports to let the
    # Rapid Review meeting consider (involvement, analysis, immediate actions, learning).
    rapid_review_return=[
        return_field(
            "involvement",
            "Your agency's involvement with the child and family",
            "What your records show, with dates, including any adult services' involvement"
            " with the adults of the immediate family (002 paragraph 5.6).",
            required=True,
        ),
        return_field("analysis", "Analysis of your agency's practice"),
        return_field(
            "immediate_actions", "Immediate actions taken or needed to keep children safe"
        ),
        return_field("learning", "Learning identified for your agency and for partners"),
        return_field("further_comments", "Any further comments"),
    ],
    review_group_name="CSPR sub-group",
    executive_board_name="PDSCP Leadership",
    # 6.2: the statutory partners (LA, Police and NHS Dorset) agree the recommendation.
    quorum=one_of_each_statutory_partner(),
    sign_off_chains={
        # 3.2 to 3.4.
        "notification": [
            step(
                "draft",
                "Head of QA and Partnerships completes the draft SIN in consultation with the"
                " relevant Head of Locality or Head of Service",
                HOQA,
            ),
            step(
                "corporate_director",
                "Corporate Director, QA and Safeguarding Families signs off",
                LA_EXECUTIVE,
            ),
            step(
                "corporate_directors",
                "Other Corporate Directors identify immediate learning and actions required, and"
                " approve",
                LA_EXECUTIVE,
            ),
            step("executive_director", "Executive Director signs off", LA_EXECUTIVE),
            step(
                "submit",
                "Head of QA and Partnerships submits the SIN to the National Panel via the Child"
                " Safeguarding Portal",
                HOQA,
            ),
        ],
        # 5.4, 5.5, 5.13.
        "la_briefing_report": [
            step(
                "qa_manager",
                "QA Service Manager completes the Briefing Report and checks its accuracy with"
                " the relevant Head of Service or Locality",
                LA_STAFF,
            ),
            step(
                "head_of_qa",
                "Head of QA and Partnerships reviews it for compliance and quality assures it",
                HOQA,
            ),
            step(
                "corporate_director",
                "Corporate Director, QA and Safeguarding Families signs off",
                LA_EXECUTIVE,
            ),
            step(
                "to_business_manager",
                "Approved briefing report sent to the PDSCP Business Manager",
                HOQA,
            ),
        ],
        # 6.3 to 6.6.
        "rapid_review_report": [
            step(
                "template",
                "PDSCP Business Manager completes the Rapid Review National Panel Notification"
                " template",
                BM,
            ),
            step(
                "head_of_qa",
                "Head of QA and Partnerships quality assures the Rapid Review Recommendations"
                " Notification",
                HOQA,
            ),
            step(
                "leadership",
                "PDSCP Leadership Meeting signs off the Rapid Review Recommendations Notification",
                who("executive"),
            ),
            step(
                "submit_to_panel",
                "PDSCP Business Manager sends it to the National Panel",
                BM,
            ),
        ],
        # 7.10 and 7.11.
        "la_chronology": [
            step(
                "qa_manager",
                "QA Service Manager completes the Children's Services chronology",
                LA_STAFF,
            ),
            step(
                "accuracy_check",
                "Accuracy check by the relevant Head of Locality/Service",
                LA_STAFF,
            ),
            step("head_of_qa", "Head of QA and Partnerships quality assures it", HOQA),
            step(
                "corporate_director",
                "Corporate Director, QA and Safeguarding Families signs off",
                LA_EXECUTIVE,
            ),
        ],
        # 7.15 and 7.16.
        "lcspr_report": [
            step(
                "review_panel",
                "Review Panel agrees the final draft",
                who("review_group_member", "lead_reviewer"),
            ),
            step(
                "legal",
                "Legal Services approve the report and have sight of the final copy",
                LA_STAFF,
            ),
            step(
                "leadership",
                "PDSCP Leadership Meeting formally approves the report",
                who("executive"),
            ),
        ],
        # 8.7 and 8.8.
        "synopsis_of_learning": [
            step(
                "draft",
                "PDSCP Business Manager formulates the Synopsis of Learning (7-minute briefing)",
                BM,
            ),
            step(
                "sub_group",
                "Synopsis of Learning presented to the Dorset CSPR sub-group for sign-off",
                who("review_group_member"),
            ),
        ],
    },
    # 2.1: another agency discusses the incident with the Head of QA and Partnerships.
    referral_authoriser_role="slo",
    # Sections 2 and 3: the decision is whether to notify; disagreement goes to the Executive.
    triage_outcomes=[
        outcome("recommend_rapid_review", "Serious Incident Notification to the National Panel"),
        outcome("no_further_action", "No notification"),
        outcome("more_information", "No agreement: escalated to the PDSCP Executive"),
    ],
    learning_options=[],
    stages={
        "triage": stage("triage", "awareness", []),
        # 2.3, 2.6, 3.4, 3.6.
        "notification": stage(
            "notification",
            "awareness",
            [
                notify_panel(
                    "Head of QA and Partnerships submits the SIN to the National Panel via the"
                    " Child Safeguarding Portal and downloads a copy of the notification",
                    "002 paragraphs 2.3 and 3.4: within 5 working days; by Day 5",
                ),
                milestone(
                    "sin_copies",
                    "Head of QA and Partnerships uploads a copy of the SIN onto the child's"
                    " Mosaic record and sends a copy to the Corporate Directors, PDSCP"
                    " Leadership, Business Manager, Scrutineer and Legal Services",
                    working_days(5),
                    HOQA,
                    source="002 paragraph 3.6: by Day 5",
                ),
                milestone(
                    "inform_partners",
                    "PDSCP Business Manager reports the incident to the PDSCP Leadership (and"
                    " other local safeguarding partnerships where relevant)",
                    working_days(5),
                    BM,
                    statutory=True,
                    source="002 paragraph 2.6: within 5 working days of becoming aware",
                ),
            ],
            day_zero="the date of the incident or the date we become aware of the incident",
        ),
        # Sections 5 and 6: "the date of the Serious Incident Notification is day zero".
        "rapid_review": stage(
            "rapid_review",
            "notification",
            [
                _rr(
                    "appoint_qa_manager",
                    "Head of QA and Partnerships appoints a QA Service Manager to complete a"
                    " Briefing Report and genogram",
                    0,
                    HOQA,
                    "5.3",
                ),
                _rr(
                    "identify_agencies",
                    "PDSCP Business Manager identifies the agencies involved",
                    1,
                    BM,
                    "5.6",
                ),
                _rr(
                    "meeting_invite",
                    "PDSCP Business Manager sends a meeting invite to all agencies involved for"
                    " the Rapid Review meeting",
                    1,
                    BM,
                    "5.8",
                ),
                _rr(
                    "information_requests",
                    "PDSCP Business Manager issues standard template requests for briefing"
                    " reports to all agencies involved",
                    2,
                    BM,
                    "5.7",
                ),
                _rr(
                    "panel_confirms_review",
                    "National Panel notifies the PDSCP Business Manager that a Rapid Review is"
                    " required",
                    2,
                    BM,
                    "5.9",
                ),
                _rr(
                    "leadership_invite",
                    "PDSCP Business Manager sends diary invitations to PDSCP Leadership for the"
                    " Leadership Meeting",
                    2,
                    BM,
                    "5.11",
                ),
                _rr(
                    "action_planning_invite",
                    "PDSCP Business Manager sends an invite to a dedicated action planning meeting",
                    2,
                    BM,
                    "5.12",
                ),
                _rr(
                    "la_briefing_report",
                    "QA Manager completes the Briefing Report and sends it, with supporting"
                    " materials, to the Head of QA and Partnerships",
                    5,
                    LA_STAFF,
                    "5.4",
                ),
                milestone(
                    "la_briefing_quality_assured",
                    "Head of QA and Partnerships quality assures the Dorset Children's Services"
                    " briefing report and sends it to the Corporate Director",
                    working_days(0, relative_to="la_briefing_report"),
                    HOQA,
                    source="002 paragraph 5.5: on the same day that they receive the Briefing"
                    " Report (day 5; paragraph 5.13's by day six is the later reading)",
                ),
                _rr(
                    "agency_returns",
                    "Briefing reports returned by all agencies involved",
                    8,
                    who("slo"),
                    "5.7",
                ),
                _rr(
                    "la_briefing_sign_off",
                    "Corporate Director, QA and Safeguarding Families signs off the Dorset"
                    " Children's Services briefing report",
                    8,
                    LA_EXECUTIVE,
                    "5.13",
                ),
                _rr(
                    "briefing_pack",
                    "PDSCP Business Support sends all the completed briefing reports to Rapid"
                    " Review members, together with the agenda",
                    9,
                    BM,
                    "5.14",
                ),
                _rr(
                    "rapid_review_meeting",
                    "Rapid Review Meeting considers all briefing reports and agrees the Action"
                    " Plan; the statutory partners agree the recommendation",
                    11,
                    who("review_group_member"),
                    "6.2",
                ),
                _rr(
                    "notification_template",
                    "PDSCP Business Manager completes the Rapid Review National Panel"
                    " Notification template and sends it to the Head of QA and Partnerships",
                    11,
                    BM,
                    "6.3",
                ),
                _rr(
                    "recommendations_quality_assured",
                    "Head of QA and Partnerships quality assures the Rapid Review"
                    " Recommendations Notification and sends it to the PDSCP Leadership",
                    12,
                    HOQA,
                    "6.4",
                ),
                _rr(
                    "executive_sign_off",
                    "PDSCP Leadership Meeting signs off the Rapid Review Recommendations"
                    " Notification",
                    14,
                    who("executive"),
                    "6.5 and 5.11",
                ),
                _rr(
                    "submit_to_panel",
                    "PDSCP Business Manager sends the Rapid Review Recommendations Notification"
                    " to the National Panel",
                    15,
                    BM,
                    "6.6",
                    statutory=True,
                ),
                awareness_backstop(
                    "002 section 5 counts from the notification; the outer limit from awareness is "
                    "Working Together's 15 working days (004 Rapid review process)"
                ),
            ],
            day_zero="the date of the Serious Incident Notification",
        ),
        # 6.8.
        "panel_response": stage(
            "panel_response",
            "panel_meeting",
            [
                milestone(
                    "panel_response",
                    "Response from the National Panel sent to the PDSCP Business Manager and"
                    " Chair of the Rapid Review Panel",
                    working_days(10),
                    BM,
                    source="002 paragraph 6.8: within 10 working days of being considered at the"
                    " National Panel's meeting",
                ),
            ],
            day_zero="the date the National Panel considered the recommendation at its meeting",
        ),
        # 7.6, 7.8, 7.9.
        "lcspr": stage(
            "lcspr",
            "panel_recommendation",
            [
                milestone(
                    "first_panel_meeting",
                    "First Review Panel Meeting signs off the ToR and confirms the report type"
                    " and chronology required",
                    weeks(3),
                    who("business_manager", "review_group_member"),
                    source="002 paragraph 7.8: within 3 weeks of the National Panel recommending"
                    " an LCSPR",
                ),
                milestone(
                    "report_requests",
                    "PDSCP Business Manager sends out requests for the Reports and chronologies",
                    working_days(1, relative_to="first_panel_meeting"),
                    BM,
                    source="002 paragraph 7.9: immediately following the First Review meeting"
                    " (read as the next working day)",
                ),
                milestone(
                    "lcspr_complete",
                    "The CSPR completed and published: six months from the Panel's recommendation",
                    months(6),
                    who("business_manager", "lead_reviewer"),
                    statutory=True,
                    source="002 paragraph 7.6: within 6 months of the National Panel's"
                    " recommendation",
                ),
            ],
        ),
        # 7.15 to 7.19.
        "publication": stage(
            "publication",
            "publication_date",
            [
                milestone(
                    "publish",
                    "Publication of the LCSPR",
                    working_days(0),
                    BM,
                    source="002 paragraphs 7.17 and 7.19",
                ),
                milestone(
                    "copies_to_panel",
                    "PDSCP Business Manager sends a copy of the full report to the Panel, the"
                    " Secretary of State and Ofsted",
                    working_days(-7, relative_to="publish"),
                    BM,
                    statutory=True,
                    source="002 paragraph 7.19: no later than seven working days before the date"
                    " of publication",
                ),
                milestone(
                    "legal_read",
                    "Legal Services have approved the final copy of the report",
                    working_days(-7, relative_to="publish"),
                    BM,
                    source='002 paragraph 7.15: Legal "have had sight of the final copy of the'
                    ' report prior to publication" (read as: before the copies go out)',
                ),
                # 7.16 and 7.17 count back from the target publication date (this stage's day
                # zero, which the business manager sets and may move), not from six months.
                milestone(
                    "final_review_meeting",
                    "Final Review Meeting agrees final amendments",
                    weeks(-5, relative_to="publish"),
                    who("business_manager", "review_group_member", "lead_reviewer"),
                    source="002 paragraph 7.16: not later than 5 weeks before the target"
                    " publication date",
                ),
                milestone(
                    "comms_meeting",
                    "Comms planning meeting agrees a Comms plan and confirms the publication date",
                    weeks(-4, relative_to="publish"),
                    BM,
                    source="002 paragraph 7.17: no later than 4 weeks before target publication"
                    " date",
                ),
                online_minimum(
                    '002 paragraph 7.19 ("to comply with the requirements of Working Together"):'
                    " published for at least one year"
                ),
            ],
        ),
        # 8.7 to 8.9: Synopsis of Learning signed off by the CSPR sub-group; no timescale.
        "learning_review": stage("learning_review", "learning_review_decision", []),
        # 5.12, 7.21, 8.2 to 8.6: action planning meetings and the action tracker; no timescale.
        "action_plan": stage("action_plan", "action_plan_agreed", []),
    },
)
