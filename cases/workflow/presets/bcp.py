"""Bournemouth, Christchurch and Poole (BCP) within the Pan-Dorset partnership.

Seed 003 (Guidance for Identifying Serious Child Safeguarding Incidents and Undertaking Rapid
Reviews and LCSPRs): section 5 (notification in 5 working days), section 7 (templates within 13
days, meeting within 15 working days of the SIN, Executive Team), section 12 (four-step sign-off,
copies five working days before publication), sections 13 to 15 (action plan, impact statement
six months later), Appendix A (menu of learning options with timescales).
"""

from __future__ import annotations

from cases.workflow.presets._build import (
    calendar_days,
    copy_to,
    decided_by,
    learning_option,
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
    national_panel_response,
    notify_panel,
    online_minimum,
)

BM = who("business_manager")

BCP = settings(
    notice_recipients={
        # Section 12 (003): "a copy of the full report to the Panel and to the Secretary of
        # State no later than five working days before the date of publication" (not Ofsted);
        # information about improvements "to the National Panel, the Secretary of State and
        # Ofsted within the same timescale".
        "prepublication_copies": recipients("national_panel", "secretary_of_state"),
        "not_published_improvements": recipients("national_panel", "secretary_of_state", "ofsted"),
        # Section 5 c (003): "BCP Council also notifies the Secretary of State and Ofsted if a
        # Child in Care dies".
        "child_in_care_death": recipients("secretary_of_state", "ofsted"),
    },
    panel_disagreement=reconsidered_by(
        "PDSCP Executive Team",
        source=(
            "003 section 7: if the national Panel disagree with the decision of the "
            "Executive Team the PDSCP Business Manager takes the challenge back to them for "
            "review"
        ),
    ),
    # Section 5 (003): "The decision to submit a child Serious Incident Notification (SIN) ...
    # sits with BCP Council"; section 6: "If both parties cannot agree upon a decision the
    # partner agency must follow the PDSCP escalation process."
    notification_decision=decided_by(
        "local_authority",
        escalate_to="the PDSCP escalation process",
        source="003 section 5: the decision to submit a SIN sits with BCP Council; section 6:"
        " the partner agency must follow the PDSCP escalation process",
    ),
    # Section 5 (003): "BCP Council lead officer immediately notifies the PDSCP ... Business Unit
    # so that a Rapid Review is triggered and notifies the BCP SCP and the PDSCP Business Manager
    # within 5 working days of becoming aware" (partnerships outside the area where appropriate:
    # added on the notification).
    notification_copies=[
        copy_to(
            "pdscp_business_unit",
            "PDSCP Business Unit (so that a rapid review is triggered)",
            source="003 section 5: BCP Council lead officer immediately notifies the PDSCP"
            " Business Unit",
        ),
        copy_to(
            "bcp_scp",
            "BCP Safeguarding Children Partnership (BCP SCP)",
            within_working_days=5,
            source="003 section 5: notifies the BCP SCP ... within 5 working days of becoming"
            " aware",
        ),
        copy_to(
            "pdscp_business_manager",
            "PDSCP Business Manager",
            within_working_days=5,
            source="003 section 5: notifies ... the PDSCP Business Manager within 5 working days"
            " of becoming aware",
        ),
    ],
    # The agency's return: 003 section 7, "a Rapid Review report template (Appendix B)" within
    # 13 days. The seed names Appendix B ("Draft Rapid Review & CSPR template") without its
    # questions: these follow what section 7 says the Rapid Review decides from them.
    rapid_review_return=[
        return_field(
            "facts",
            "The facts of your agency's involvement with the child and family",
            required=True,
        ),
        return_field("immediate_actions", "Immediate safeguarding actions taken or needed"),
        return_field("good_practice", "Good practice identified"),
        return_field(
            "improvements",
            "Potential for identifying improvements to safeguard and promote the welfare of"
            " children",
        ),
        return_field("further_comments", "Any further comments"),
    ],
    review_group_name="BCP CSPR Group",
    executive_board_name="BCP Safeguarding Children Partnership (BCP SCP)",
    # Section 2: statutory partners accountable for decision making sit on the BCP SCP and its
    # CSPR subgroup; the seed names no other quorum.
    quorum=one_of_each_statutory_partner(),
    sign_off_chains={
        # Section 7.
        "rapid_review_report": [
            step(
                "integrated_report",
                "Integrated multi-agency Rapid Review report presented to the PDSCP Executive Team",
                BM,
            ),
            step(
                "executive_team",
                "Executive Team scrutinises the report and approves its sign off to be sent to"
                " the national Panel",
                who("executive"),
            ),
        ],
        # Section 12: "Sign off and publication of the local CSPR final report involves four
        # steps".
        "lcspr_report": [
            step(
                "cspr_panel",
                "CSPR Panel agrees the report is complete and reflects Panel discussions and"
                " amendments",
                who("review_group_member", "lead_reviewer"),
            ),
            step("cspr_group", "CSPR Group approve the final version", who("review_group_member")),
            step(
                "bcp_scp",
                "BCP SCP signs off the final report for publication",
                who("executive"),
            ),
            step(
                "publication_date",
                "BCP SCP agrees a publication date and advises the PDSCP",
                who("executive"),
            ),
        ],
        # Section 13.
        "action_plan": [
            step(
                "cspr_group",
                "Completed review action approved by the CSPR Group",
                who("review_group_member"),
            ),
            step("bcp_scp", "Signed off by the BCP SCP", who("executive")),
        ],
        # Section 14.
        "synopsis_of_learning": [
            step(
                "draft",
                "PDSCP Business Manager formulates the Synopsis of Learning (7-minute briefing)",
                BM,
            ),
            step(
                "sub_group",
                "Synopsis of Learning presented to the CSPR sub-group for sign-off",
                who("review_group_member"),
            ),
        ],
    },
    # Section 6: incidents are brought to the BCP Council lead officer; partners discuss with
    # that officer before notification.
    referral_authoriser_role="slo",
    triage_outcomes=[
        outcome("recommend_rapid_review", "Serious Incident Notification; Rapid Review triggered"),
        outcome("learning_review", "Learning option from the menu of learning options"),
        outcome("single_agency_review", "Single agency review or audit"),
        outcome("no_further_action", "Criteria not met: no notification"),
    ],
    # Appendix A, Menu of learning options.
    learning_options=[
        learning_option(
            "lcspr",
            "Local Child Safeguarding Practice Review",
            months(6),
            "Six months",
            lead="Independent Lead Reviewer; BCP PDSCP Business Manager (supporting)",
            governance="PRG & BCP PDSCP Board",
        ),
        learning_option(
            "practitioner_learning_brief",
            "Practitioner learning brief",
            months(1),
            "1 month",
            lead="PDSCP (BCP) Co-ordinator",
            governance="PDSCP",
            methodology="7-minute briefing on a page",
        ),
        learning_option(
            "multi_agency_learning_event",
            "Multi-agency learning event",
            months(3),
            "Three months",
            lead="To be agreed: senior manager in partnership, LSCG Chair or independent"
            " facilitator",
            governance="CSPRG & BCP PDSCP",
            methodology="One day event with TOR and lines of enquiry set by CSPRG, with Summary"
            " of Learning report produced at completion",
        ),
        learning_option(
            "focussed_case_review",
            "Focussed Multi-Agency Case Review",
            months(6, window_from=3),
            "3 – 6 months",
            lead="To be agreed: senior manager in partnership, independent facilitator or LSCG"
            " Chair",
            governance="CSPRG & BCP PDSCP",
        ),
        learning_option(
            "joint_supervision",
            "Joint supervision",
            weeks(6, window_from=4),
            "4 – 6 weeks",
            lead="Independent supervisor identified in line with Joint Supervision agreement",
            governance="CSPRG",
            methodology="One session",
        ),
        learning_option(
            "single_agency_review",
            "Single agency review or audit",
            None,
            "To be identified by agency",
            lead="As identified by relevant agency",
            governance="Governance is with Single Agency Lead",
        ),
    ],
    stages={
        "triage": stage("triage", "awareness", []),
        # Section 5.
        "notification": stage(
            "notification",
            "awareness",
            [
                notify_panel(
                    "BCP Council notifies the Panel of the incident",
                    "003 section 5: within 5 working days of becoming aware that the incident"
                    " has occurred",
                ),
                milestone(
                    "inform_partners",
                    "BCP Council lead officer notifies the BCP SCP and the PDSCP Business Manager",
                    working_days(5),
                    LA_SAFEGUARDING_LEAD,
                    statutory=True,
                    source="003 section 5: within 5 working days of becoming aware of the incident",
                ),
            ],
        ),
        # Section 7. "Within 13 days" is read as calendar days, the earlier reading, and
        # brought forward when it falls on a non-working day.
        "rapid_review": stage(
            "rapid_review",
            "notification",
            [
                milestone(
                    "business_unit_notified",
                    "BCP Council lead officer immediately notifies the PDSCP Business Unit so that"
                    " a Rapid Review is triggered",
                    working_days(0),
                    who("slo", agencies=("local_authority",)),
                    source="003 section 5: BCP Council lead officer immediately notifies the PDSCP"
                    " Business Unit",
                ),
                milestone(
                    "agency_returns",
                    "Relevant partners complete the Rapid Review report template and submit it"
                    " to the PDSCP Business Unit",
                    calendar_days(13),
                    who("slo"),
                    source="003 section 7: within 13 days, to allow time for collating responses"
                    " prior to Rapid Review meeting",
                ),
                milestone(
                    "rapid_review_meeting",
                    "CSPR Group holds the Rapid Review meeting",
                    working_days(15),
                    who("business_manager", "review_group_member"),
                    source="003 section 7: within 15 working days of the SIN",
                ),
                milestone(
                    "executive_sign_off",
                    "Executive Team scrutinises the integrated report and approves its sign off to"
                    " be sent to the national Panel",
                    working_days(15),
                    who("executive"),
                    source="003 section 7: the role of the Executive Team is to scrutinise the"
                    " report and approve its sign off to be sent to the national Panel",
                ),
                milestone(
                    "submit_to_panel",
                    "Rapid Review report sent to the National Panel",
                    working_days(15),
                    who("business_manager"),
                    statutory=True,
                    source="003 section 7 (approved to be sent to the national Panel) and section"
                    " 5 (within 15 working days); Working Together: rapid review to the Panel by"
                    " day 15",
                ),
                awareness_backstop(
                    "003 section 7 counts from the SIN; the outer limit from awareness is Working "
                    "Together's 15 working days (004 Rapid review process)"
                ),
            ],
            day_zero="the date of the SIN",
        ),
        "panel_response": national_panel_response("Response from the national Panel"),
        # Appendix A: "Local Child Safeguarding Practice Review ... Six months".
        "lcspr": stage(
            "lcspr",
            "review_decision",
            [
                milestone(
                    "lcspr_complete",
                    "Local Child Safeguarding Practice Review completed",
                    months(6),
                    who("lead_reviewer", "business_manager"),
                    statutory=True,
                    source="003 Appendix A: timescale for completion six months",
                ),
            ],
        ),
        # Section 12.
        "publication": stage(
            "publication",
            "publication_date",
            [
                milestone(
                    "publish",
                    "Report published on the PDSCP website (publicly available for at least one"
                    " year)",
                    working_days(0),
                    BM,
                    source="003 section 12",
                ),
                milestone(
                    "copies_to_panel",
                    "PDSCP Business Manager sends a copy of the full report to the Panel and to"
                    " the Secretary of State",
                    working_days(-5, relative_to="publish"),
                    BM,
                    statutory=True,
                    source="003 section 12: no later than five working days before the date of"
                    " publication",
                ),
                online_minimum(
                    '003: "publicly available for at least one year on the PDSCP website"'
                ),
            ],
        ),
        # Appendix A: the timescale is the chosen learning option's (learning_options).
        "learning_review": stage("learning_review", "learning_review_decision", []),
        # Section 15, Impact on Outcomes.
        "action_plan": stage(
            "action_plan",
            "action_plan_completed",
            [
                milestone(
                    "impact_statement",
                    "BCP Quality Assurance Group follow-up across agencies: impact statement",
                    months(6),
                    who("review_group_member", "business_manager"),
                    source="003 section 15: six months later",
                ),
            ],
            day_zero="the date the completed action plan is remitted into the BCP Quality"
            " Assurance Group",
        ),
    },
)
