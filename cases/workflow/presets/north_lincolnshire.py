"""North Lincolnshire (Children's MARS).

Seed 004 (Child Safeguarding Practice Reviews and Local Learning Reviews): decision making by the
CSPR Group, rapid review process (agency reports in five working days, 15 working days), the
Panel's 15 working days, local CSPR in six months, copies seven working days before publication,
action plan signed off at the Children's MARS Board.
"""

from __future__ import annotations

from cases.workflow.presets._build import (
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
from cases.workflow.presets.common import awareness_backstop, notify_panel, online_minimum

NORTH_LINCOLNSHIRE = settings(
    # Final report (004): "send a copy of the report to the Panel, Secretary of State and Ofsted
    # no later than seven working days before the date of publication".
    notice_recipients={
        "prepublication_copies": recipients("national_panel", "secretary_of_state", "ofsted"),
    },
    panel_disagreement=reconsidered_by(
        "the safeguarding partners",
        source=(
            "004 Rapid review process: safeguarding partners confirm or challenge the "
            "recommendation and share their decision with the Panel"
        ),
    ),
    # Rapid review process cont. (004): "CSPRG makes a recommendation to the safeguarding
    # partners ... safeguarding partners confirm or challenge the recommendation". The
    # executive role is the safeguarding partners' (their outcomes also executive_confirms).
    notification_decision=decided_by(
        "executive",
        source="004 Rapid review process: CSPRG makes a recommendation to the safeguarding"
        " partners; safeguarding partners confirm or challenge the recommendation",
    ),
    # The agency's return: 004 "Rapid review process", agencies, schools and colleges provide
    # "a written report about the facts of the case and the potential for identifying
    # improvements" within five working days.
    rapid_review_return=[
        return_field(
            "facts",
            "The facts of the case as your agency knows them",
            required=True,
        ),
        return_field(
            "improvements",
            "The potential for identifying improvements to safeguard and promote the welfare"
            " of children",
        ),
        return_field("further_comments", "Any further comments"),
    ],
    review_group_name="Child Safeguarding Practice Review Group (CSPRG)",
    executive_board_name="Children's MARS Board",
    # The CSPRG's core members are the three safeguarding partners' delegated representatives.
    quorum=one_of_each_statutory_partner(),
    sign_off_chains={
        # Rapid review process cont.
        "rapid_review_report": [
            step(
                "csprg_recommendation",
                "CSPRG makes a recommendation to the safeguarding partners",
                who("review_group_member"),
            ),
            step(
                "partners_confirm",
                "Safeguarding partners confirm or challenge the recommendation",
                who("executive"),
            ),
            step(
                "send_to_panel",
                "Safeguarding partners send a copy of rapid review to the Panel and share their"
                " decision",
                who("business_manager", "executive"),
            ),
        ],
        # Actions in response to local and national reviews.
        "action_plan": [
            step(
                "oversight",
                "CSPRG or SPLIG oversight of the action plan",
                who("review_group_member"),
            ),
            step(
                "board",
                "Action plan signed off by the safeguarding partners at the Children's MARS Board",
                who("executive"),
            ),
        ],
    },
    # Process of notification: professionals discuss the case with their agency's designated
    # safeguarding lead officer/senior manager first.
    referral_authoriser_role="slo",
    # "Make a recommendation to the safeguarding partners about whether to undertake a LLR, a
    # local CSPR (if criteria met) or neither"; "safeguarding partners confirm or challenge the
    # recommendation" (seed 004): the CSPR Group's outcomes are recommendations.
    triage_outcomes=[
        outcome("recommend_rapid_review", "Serious child safeguarding case: rapid review"),
        outcome(
            "learning_review", "Multi agency local learning review (LLR)", executive_confirms=True
        ),
        outcome("no_further_action", "Neither", executive_confirms=True),
    ],
    learning_options=[
        learning_option(
            "local_learning_review",
            "Multi agency local learning review (LLR)",
            None,
            "Not set in the procedure; CSPRG determines a proportionate process",
        ),
    ],
    stages={
        "triage": stage(
            "triage",
            "referral_received",
            [],
            day_zero="the date of notification to the Multi Agency Innovation Hub",
        ),
        "notification": stage(
            "notification",
            "awareness",
            [
                notify_panel(
                    "Safeguarding partners, via the local authority, notify the Panel",
                    "004 Responsibilities of local safeguarding partners: within 5 working days"
                    " of becoming aware",
                ),
            ],
        ),
        "rapid_review": stage(
            "rapid_review",
            "awareness",
            [
                milestone(
                    "agency_returns",
                    "Agencies, schools and colleges complete a written report about the facts of"
                    " the case",
                    working_days(5),
                    who("slo"),
                    source="004 Rapid review process cont.: five working days",
                ),
                milestone(
                    "submit_to_panel",
                    "Rapid review completed; safeguarding partners send a copy to the Panel and"
                    " share their decision",
                    working_days(15),
                    who("business_manager", "executive"),
                    statutory=True,
                    source="004 Rapid review process: within 15 working days of the safeguarding"
                    " partners becoming aware of the incident",
                ),
                awareness_backstop(
                    "004 Rapid review process: within 15 working days of the safeguarding partners "
                    "becoming aware of the incident"
                ),
            ],
            day_zero="the date the safeguarding partners became aware of the incident",
        ),
        "panel_response": stage(
            "panel_response",
            "rapid_review_submitted",
            [
                milestone(
                    "panel_response",
                    "The Panel responds to the safeguarding partners with a decision",
                    working_days(15),
                    who("business_manager"),
                    source="004 Rapid review process and the Panel: within 15 working days of a"
                    " rapid review being received",
                ),
            ],
        ),
        "lcspr": stage(
            "lcspr",
            "review_decision",
            [
                milestone(
                    "lcspr_complete",
                    "Local CSPR completed",
                    months(6),
                    who("lead_reviewer", "business_manager"),
                    statutory=True,
                    source="004 Key points when completing a local CSPR: no later than six"
                    " months from the date of the decision to initiate one",
                ),
            ],
        ),
        "publication": stage(
            "publication",
            "publication_date",
            [
                milestone(
                    "publish",
                    "Publish the report (or information about improvements required) for at"
                    " least one year",
                    working_days(0),
                    who("business_manager"),
                    source="004 Final report",
                ),
                milestone(
                    "copies_to_panel",
                    "Send a copy of the report to the Panel, Secretary of State and Ofsted",
                    working_days(-7, relative_to="publish"),
                    who("business_manager"),
                    statutory=True,
                    source="004 Final report: no later than seven working days before the date"
                    " of publication",
                ),
                online_minimum(
                    '004 Final report: "publish the report (or information about'
                    ' improvements required) for at least one year"'
                ),
            ],
        ),
        "learning_review": stage("learning_review", "learning_review_decision", []),
        "action_plan": stage("action_plan", "action_plan_agreed", []),
    },
)
