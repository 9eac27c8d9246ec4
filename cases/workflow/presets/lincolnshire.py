"""Lincolnshire Safeguarding Children Partnership (LSCP).

Seed 000 (Serious Incident Review Guidance): Process 1 and 2, Chapter 2 Rapid Review and "The
Rapid Review Report", Appendix B (Referral Process Chart), Appendix C (Rapid Review Process Map,
day 1 to day 15), Chapter 3 (local CSPR in 6 months, final overview report), Communication
Publication Strategy.
"""

from __future__ import annotations

from cases.workflow.presets._build import (
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

STATUTORY_PARTNERS = ("local_authority", "police", "health")
NOT_SET = "Not set in the procedure; SIRG monitors that the review is timely"

LINCOLNSHIRE = settings(
    # Communication Publication Strategy: "The report will be shared with the National Panel
    # seven days prior to publication" (000): the Panel only. The other kinds use the usual
    # bodies (cases.models.notices.DEFAULT_RECIPIENTS).
    notice_recipients={"prepublication_copies": recipients("national_panel")},
    panel_disagreement=reconsidered_by(
        "Assurance Executive",
        source=(
            "000 chapter 4: if the National Panel's view is contrary to the decision of the "
            "Assurance Executive on whether or not to undertake a local CSPR, the Assurance "
            "Executive would consider this formal feedback"
        ),
    ),
    # Section 1 (000): "ultimate authority and decision making for commencing rapid reviews will
    # rest with the Assurance Executive"; SIRG's recommendation goes to it on Appendix D.
    notification_decision=decided_by(
        "executive",
        source="000 section 1 and Appendix D: ultimate authority and decision making for"
        " commencing rapid reviews will rest with the Assurance Executive",
    ),
    # Local Authority Notifications, Process 1 (000): "The local authority should also report
    # the event to the safeguarding partners in their area (and in other areas if appropriate)
    # within five working days"; Appendix E: "report to the ... (LSCP) Business Manager".
    notification_copies=[
        copy_to(
            "lscp_business_manager",
            "LSCP Business Manager",
            within_working_days=5,
            source="000 Appendix E: the local authority should report to the LSCP Business"
            " Manager ... within five working days of becoming aware",
        ),
        copy_to(
            "safeguarding_partners",
            "The safeguarding partners in Lincolnshire",
            within_working_days=5,
            source="000 Local Authority Notifications, Process 1: report the event to the"
            " safeguarding partners in their area ... within five working days",
        ),
    ],
    # The agency's return: 000 chapter 2 and Appendix E (Methodology): partners return their
    # chronology (Appendix F, asked for separately) with a summary of their involvement and
    # analysis, "submitted to the LSCP by 9am".
    rapid_review_return=[
        return_field(
            "involvement_summary",
            "Summary of your agency's involvement within the scope period",
            required=True,
        ),
        return_field(
            "earlier_information",
            "Summary of key information from before the scope period",
        ),
        return_field("analysis", "Analysis of practice, including good practice"),
        return_field("learning", "Learning and immediate actions for your agency"),
    ],
    review_group_name="Serious Incident Review Group (SIRG)",
    executive_board_name="Assurance Executive",
    # Rapid Review Panel core membership: the three representatives for the statutory partners.
    quorum=one_of_each_statutory_partner(),
    sign_off_chains={
        # Appendix B and D: SIRG's recommendation, the Assurance Executive decides.
        "notification": [
            step(
                "sirg_recommendation",
                "Recommendation from SIRG to the Assurance Executive (Recommendation to Review"
                " Form)",
                who("review_group_member"),
            ),
            step(
                "assurance_executive_decision",
                "AE decision on Rapid Review",
                who("executive"),
            ),
        ],
        # "The Rapid Review Report".
        "rapid_review_report": [
            step(
                "statutory_partners_agree",
                "The three representatives for the key statutory partners agree the Rapid Review"
                " report",
                who("review_group_member", agencies=STATUTORY_PARTNERS),
            ),
            step(
                "assurance_executive_sign_off",
                "Final copy of the report submitted to Assurance Executive for sign off",
                who("executive"),
            ),
            # Appendix G: "The Senior Strategic Leads (below) and Independent Chair of the LSCP
            # have signed off the final report".
            step(
                "independent_chair_sign_off",
                "Independent Chair of the LSCP signs off the final report",
                who("executive"),
            ),
            step(
                "submit_to_panel",
                "LSCP Business Manager to submit the final report to the National Panel",
                who("business_manager"),
            ),
        ],
        # Chapter 3, "The final overview report".
        "lcspr_report": [
            step(
                "review_sub_group",
                "The local CSPR overview report presented to the review sub group",
                who("lead_reviewer", "review_group_member"),
            ),
            step(
                "assurance_executive_sign_off",
                "Author/Chair presents the report to the Assurance Executive for final sign off",
                who("executive"),
            ),
            step(
                "strategic_management_group",
                "Report presented to the next Strategic Management Group meeting for information",
                who("business_manager"),
            ),
        ],
    },
    # Process 2: "each Safeguarding Lead Officer (SLO) authorises its own individual agency
    # referrals before they are submitted".
    referral_authoriser_role="slo",
    # Appendix B, Referral Process Chart.
    triage_outcomes=[
        outcome("no_further_action", "NFA"),
        outcome("more_information", "Requires more information"),
        outcome("learning_review", "Learning Review"),
        outcome("single_agency_review", "Single Agency Review"),
        outcome("media_interest", "Media Interest"),
        outcome("recommend_rapid_review", "Recommendation to AE for Rapid Review"),
    ],
    # Appendix B, "Learning Reviews"; the seed sets no timescales for them.
    learning_options=[
        learning_option(
            "lscp_facilitated", "LSCP directly facilitate learning review", None, NOT_SET
        ),
        learning_option(
            "agency_facilitated",
            "Agency facilitated learning review with SIRG receiving the learning",
            None,
            NOT_SET,
        ),
        learning_option("single_agency_review", "Single agency review", None, NOT_SET),
    ],
    stages={
        # Process 2 and Appendix B: Business Manager triage, next appropriate SIRG; no timescale.
        "triage": stage(
            "triage",
            "referral_received",
            [],
            day_zero="the date the referral form is received by the LSCP Business Manager",
        ),
        # Process 1 (Working Together 2018, chapter 4, paragraphs 12-13).
        "notification": stage(
            "notification",
            "awareness",
            [
                notify_panel(
                    "Local Authority submit a notification to the National Panel",
                    "000 Process 1: within five working days of becoming aware that the"
                    " incident has occurred",
                ),
                milestone(
                    "inform_partners",
                    "LA to inform safeguarding partners via the LSCP Business Manager",
                    working_days(5),
                    LA_SAFEGUARDING_LEAD,
                    statutory=True,
                    source="000 Process 1: report the event to the safeguarding partners in"
                    " their area within five working days",
                ),
            ],
        ),
        # Appendix C, Rapid Review Process Map; Chapter 2 ("within 24 hours", "with 48 hours",
        # "on the fifteenth day after the notification").
        "rapid_review": stage(
            "rapid_review",
            "notification",
            [
                milestone(
                    "commissioning_email",
                    "Rapid Review commissioning email sent to AE and SIRG by LSCP Business Manager",
                    working_days(1),
                    who("business_manager"),
                    source="000 Appendix C, Day 1; Chapter 2: within 24 hours of being notified of"
                    " the decision to commence a Rapid Review, the LSCP Business Manager will"
                    " communicate to the members of SIRG that a Rapid Review has been triggered",
                ),
                milestone(
                    "tor_meeting",
                    "TOR meeting held to confirm scope of review, membership of panel, including"
                    " critical friend and dates for panel meetings",
                    working_days(2),
                    who("business_manager"),
                    source="000 Appendix C, Days 2-7; Chapter 2: within 48 hours a Terms of"
                    " Reference meeting will be convened",
                ),
                milestone(
                    "tor_agreed",
                    "Initial TOR agreed by the 3 Key Statutory Partners",
                    working_days(0, relative_to="tor_meeting"),
                    who("review_group_member", "slo", agencies=STATUTORY_PARTNERS),
                    source="000 Appendix E, Approval: Initial TOR Agreed, by 3 Key Statutory"
                    " Partners",
                ),
                milestone(
                    "tor_sent",
                    "Agreed TOR and chronology template sent to SIRG partners, and co-opted"
                    " others for call for information",
                    working_days(0, relative_to="tor_meeting"),
                    who("business_manager"),
                    source="000 Appendix C, Days 2-7; Chapter 2: the Terms of Reference template"
                    " (Appendix E) will then be distributed to SIRG members along with the"
                    " chronology template (Appendix F). The earlier reading: the day of the TOR"
                    " meeting",
                ),
                milestone(
                    "agency_returns",
                    "Partners to return completed chronologies for collation by the LSCP",
                    working_days(7),
                    who("slo"),
                    source="000 Appendix C, Days 2-7; Appendix E, Methodology: submitted to the"
                    " LSCP by 9am",
                    time="09:00",
                ),
                milestone(
                    "collated_chronology",
                    "Collated chronology distributed to review panel members",
                    working_days(7),
                    who("business_manager"),
                    source="000 Appendix C, Days 2-7",
                ),
                milestone(
                    "rapid_review_meeting",
                    "The Rapid Review Panel meets across a minimum of two days",
                    working_days(13, window_from=8),
                    who("review_group_member", "business_manager"),
                    source="000 Chapter 2: the Rapid Review Panel meeting will meet across a"
                    " minimum of two days, and Appendix E, Methodology: held across two days"
                    " (chosen over Appendix C, Day 8-13: two half day sessions, the shorter)",
                ),
                milestone(
                    "ratification_meeting",
                    "Ratification meeting by panel members to agree the final report",
                    working_days(13),
                    who("review_group_member"),
                    source="000 Appendix C, Day 8-13",
                ),
                milestone(
                    "executive_sign_off",
                    "Final copy of the report submitted to Assurance Executive for sign off",
                    working_days(14),
                    who("business_manager", "executive"),
                    source="000 Appendix C, Day 14",
                ),
                milestone(
                    "submit_to_panel",
                    "LSCP Business Manager to submit the final report to the National Panel",
                    working_days(15),
                    who("business_manager"),
                    statutory=True,
                    source="000 Appendix C, Day 15; The Rapid Review Report: on the fifteenth"
                    " day after the notification",
                ),
                awareness_backstop(
                    "000 Appendix E, Background: the local authority reports within five working "
                    "days of becoming aware; Working Together: rapid review within 15 working days "
                    "of becoming aware"
                ),
            ],
            day_zero="the date of the notification",
        ),
        # Appendix C, Post Submission; timescale from the National Panel (seed 004).
        "panel_response": national_panel_response(
            "LSCP Business Manager to circulate response from the National Panel to Assurance"
            " Executive, review panel members and SIRG"
        ),
        # Chapter 3: "no later than 6 months after the decision to initiate a review is made".
        "lcspr": stage(
            "lcspr",
            "review_decision",
            [
                milestone(
                    "lcspr_complete",
                    "Report and learning available (concluded review)",
                    months(6),
                    who("lead_reviewer", "business_manager"),
                    statutory=True,
                    source="000 Chapter 3: this report and learning is available no later than 6"
                    " months after the decision to initiate a review is made",
                ),
            ],
        ),
        # Communication Publication Strategy. The seed says "seven days prior to publication";
        # Working Together requires seven working days, the earlier of the two readings.
        "publication": stage(
            "publication",
            "publication_date",
            [
                milestone(
                    "publish",
                    "Upload the report onto the LSCP web site and release a statement informing"
                    " partners and the National Panel",
                    working_days(0),
                    who("business_manager"),
                    source="000 Communication Publication Strategy",
                ),
                milestone(
                    "copies_to_panel",
                    "The report will be shared with the National Panel",
                    working_days(-7, relative_to="publish"),
                    who("business_manager"),
                    statutory=True,
                    source="000 Communication Publication Strategy: seven days prior to"
                    " publication (Working Together: seven working days)",
                ),
                online_minimum(
                    "000 chapter 3 (Working Together 2018 and the National Panel Guidance): LCSPR"
                    " reports are published; Working Together asks for at least one year"
                ),
            ],
        ),
        # Chapter 1, A Learning Review: proportionate, monitored by SIRG; no timescale.
        "learning_review": stage("learning_review", "learning_review_decision", []),
        # Appendix C, Post Submission: draft Action Plan agreed at SIRG; no timescale.
        "action_plan": stage("action_plan", "action_plan_agreed", []),
    },
)
