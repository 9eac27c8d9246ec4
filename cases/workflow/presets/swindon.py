"""Swindon Safeguarding Partnership (SSP).

Seed 001: section 3 (timescales), section 4 (referral, triage within three working days),
Rapid Review (Information Gathering Form out within 2 and back within 5 working days, meeting
by day ten, quorum, sign-off, day 15), section 8 (the report), section 9 (publication), Appendix 4
(recommendations A to I).
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
    awareness_backstop,
    national_panel_response,
    notify_panel,
    online_minimum,
)

NOT_SET = "Not set in the procedure; agreed by the Practice Review Group"

SWINDON = settings(
    notice_recipients={
        # Strategic Leadership and Governance (001): "All decisions related to the commissioning
        # and publication of Local Child Safeguarding Practice Reviews will be notified to the
        # National Panel, the Department for Education and Ofsted."
        "lcspr_decision": recipients("national_panel", "secretary_of_state", "ofsted"),
        # Section 3, Timescale for Completion of the Review: "the National Panel and Secretary
        # of State should be informed and provided with the reason for the delay".
        "lcspr_delay": recipients("national_panel", "secretary_of_state"),
        # Formal Publication (001): "a copy of the full report to the National Panel, Ofsted and
        # to the Secretary of State no later than seven working days before".
        "prepublication_copies": recipients("national_panel", "ofsted", "secretary_of_state"),
    },
    panel_disagreement=reconsidered_by(
        "Delegated Safeguarding Partners",
        source=(
            "001 Strategic Leadership and Governance: the decision to proceed to a Local Child"
            " Safeguarding Practice Review is always a local decision for which local"
            " Safeguarding Partners are accountable"
        ),
    ),
    # Duty on local authorities to notify (001): "it is for all three safeguarding partners to
    # agree which incidents should be notified in their local area. Where there is disagreement,
    # the safeguarding partners should follow the local resolution processes."
    notification_decision=decided_by(
        "statutory_partners",
        agreements_needed=3,
        source="001 Duty on local authorities to notify incidents: it is for all three"
        " safeguarding partners to agree which incidents should be notified",
    ),
    # Strategic Leadership and Governance, footnote 2 (001): the local authority's requirement
    # to notify "the relevant local safeguarding partners". The seed gives no timescale: the
    # 5 working days are the application's default, not the seed's.
    notification_copies=[
        copy_to(
            "safeguarding_partners",
            "The relevant local safeguarding partners",
            within_working_days=5,
            source="001 Strategic Leadership and Governance, footnote 2: notify the relevant"
            " local safeguarding partners (no timescale in the seed: 5 working days is the"
            " default)",
        )
    ],
    # The agency's return: 001 Appendix 3, "CSPR Rapid Review Information Gathering Form -
    # Part 2" (Organisational involvement, then its "Analysis & Reflections" questions).
    rapid_review_return=[
        return_field(
            "organisational_involvement",
            "Organisational involvement",
            "Any relevant background information on your organisation's involvement with the"
            " child or family, and anything before that date you feel is relevant.",
            required=True,
        ),
        return_field(
            "strengths", "Areas of strength shown by your agency when working with this family"
        ),
        return_field(
            "areas_for_improvement",
            "Areas for improvement or potential learning for your agency when working to keep"
            " the children safe",
        ),
        return_field(
            "learning_for_agency",
            "Any key areas of learning and actions that you would now recommend for your agency",
        ),
        return_field(
            "learning_for_partners",
            "Any key areas of learning and actions that you would recommend for partner agencies",
        ),
        return_field(
            "childs_voice", "Child's voice: is it recorded; if so, what does it tell you?"
        ),
        return_field(
            "professional_curiosity",
            "Were colleagues curious about the family's past history and current circumstances"
            " in a way that was beyond reliance on self-reported information?",
        ),
        return_field("information_sharing", "Information sharing: was it timely and effective?"),
        return_field("culture_race_ethnicity", "The impact of culture, race and ethnicity"),
        return_field("further_comments", "Any further comments?"),
    ],
    review_group_name="Practice Review Group",
    executive_board_name="Delegated Safeguarding Partners",
    # "quorate if at least one representative is present from each of the statutory Safeguarding
    # Partners".
    quorum=one_of_each_statutory_partner(),
    sign_off_chains={
        # Section 4, Referral.
        "referral": [
            step(
                "executive_sign_off",
                "The single point of contact ensures the referral has executive level sign off",
                who("executive"),
            ),
            step(
                "quality_assurance",
                "The Strategic Support Unit receives the referral and quality assures it",
                who("business_manager"),
            ),
        ],
        # Rapid Review meeting and "Sharing the Outcome of the Rapid Review".
        "rapid_review_report": [
            step(
                "meeting_agrees",
                "Rapid Review Template shared and agreed by those attending the Rapid Review"
                " meeting",
                who("review_group_member"),
            ),
            step(
                "practice_review_group",
                "Partnership Practice Review Group signs off the outcome of the review",
                who("review_group_member"),
            ),
            step(
                "delegated_safeguarding_partners",
                "Delegated Safeguarding Partners endorse the review",
                who("executive"),
            ),
            step(
                "submit_to_panel",
                "Completed Rapid Review report sent to the National Panel with a covering letter",
                who("business_manager"),
            ),
        ],
        # Section 8, The Report.
        "lcspr_report": [
            step(
                "review_panel",
                "The Review Panel ensures the draft report has met the agreed terms of reference",
                who("lead_reviewer", "review_group_member"),
            ),
            step(
                "practice_review_group",
                "Final report formally signed off at Practice Review Group",
                who("review_group_member"),
            ),
            step(
                "executive_group",
                "Final report endorsed at Executive Group",
                who("executive"),
            ),
        ],
        # Chronology guidance.
        "chronology": [
            step(
                "agency_sign_off",
                "A senior member of staff within the agency quality assures and signs off the"
                " chronology",
                who("slo"),
            ),
        ],
    },
    # Section 4 ("Deciding whether to convene ... Referral"): "The single point of contact
    # should ensure that referral has executive level sign off": an executive-level manager of
    # the referring agency, not the partnership's executive who decides (Role.AGENCY_EXECUTIVE).
    referral_authoriser_role="agency_executive",
    # Section 4 and Appendix 2, Part 1.
    triage_outcomes=[
        outcome(
            "recommend_rapid_review",
            "Serious incident notification to the National Panel, triggering the Rapid Review",
        ),
        outcome(
            "learning_review",
            "Local review or learning review without a notification (good practice, poor"
            " practice or near-miss)",
        ),
        outcome(
            "alternative_statutory_review", "Warrants consideration of DHR, SAR, MAPPA SFO or other"
        ),
        outcome("no_further_action", "Needs no Further Action"),
    ],
    # Appendix 4, recommendations C, E, F and G; the seed sets no timescales for them.
    learning_options=[
        learning_option(
            "alternative_learning_review", "Alternative Learning Review", None, NOT_SET
        ),
        learning_option("single_agency_review", "Single-Agency Review", None, NOT_SET),
        learning_option("multi_agency_audit", "Multi-Agency Audit", None, NOT_SET),
        learning_option("single_agency_audit", "Single Agency Audit", None, NOT_SET),
    ],
    stages={
        # Section 4: "a three statutory partner meeting will be arranged within three working
        # days to triage the referral".
        "triage": stage(
            "triage",
            "referral_received",
            [
                milestone(
                    "triage_meeting",
                    "Three statutory partner meeting to triage the referral",
                    working_days(3),
                    who("business_manager"),
                    source="001 section 4, Referral: within three working days",
                ),
                milestone(
                    "triage_decision",
                    "Decision on the referral made and recorded",
                    working_days(15),
                    who("business_manager", "executive"),
                    source="001 section 3, Timescale for Completion of the Review: a decision on"
                    " all referrals within 15 working days",
                ),
            ],
            day_zero="the date the Strategic Support Unit receives the referral",
        ),
        # Section 4 (local authorities' duty) and Working Together.
        "notification": stage(
            "notification",
            "awareness",
            [
                notify_panel(
                    "Local authority notifies the National Panel via the Child Safeguarding"
                    " Online Notification System",
                    "001 section 2: within five working days of becoming aware it has occurred",
                ),
            ],
        ),
        # Rapid Review: "within 15 working days of becoming aware of the incident".
        "rapid_review": stage(
            "rapid_review",
            "awareness",
            [
                milestone(
                    "information_requests",
                    "CSPR Rapid Review Information Gathering Form sent out to all relevant"
                    " agencies",
                    working_days(2, from_event="referral_received"),
                    who("business_manager"),
                    source="001 Initial Scoping: within 2 working days of receiving the referral",
                ),
                milestone(
                    "agency_returns",
                    "Agencies return the completed Information Gathering Form",
                    working_days(5, relative_to="information_requests"),
                    who("slo"),
                    source="001 Initial Scoping: return it within 5 working days",
                ),
                milestone(
                    "rapid_review_meeting",
                    "The Strategic Support Unit will convene a Rapid Review meeting (quorate"
                    " only with a representative of each statutory Safeguarding Partner)",
                    working_days(10),
                    who("business_manager", "review_group_member"),
                    source="001 Setting the Date of the Rapid Review Meeting: by day ten",
                ),
                milestone(
                    "submit_to_panel",
                    "Safeguarding Partners send the completed Rapid Review report to the National"
                    " Panel together with a covering letter",
                    working_days(15),
                    who("business_manager", "executive"),
                    statutory=True,
                    source="001 Sharing the Outcome of the Rapid Review: by day 15",
                ),
                awareness_backstop(
                    "001 Rapid Review: within 15 working days of becoming aware of the incident"
                ),
            ],
        ),
        "panel_response": national_panel_response("Response from the National Panel"),
        # Section 3: "no later than six months from the date of the decision to initiate a
        # review".
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
                    source="001 section 3: no later than six months from the date of the"
                    " decision to initiate a review",
                ),
            ],
        ),
        # Section 9, Formal Publication.
        "publication": stage(
            "publication",
            "publication_date",
            [
                milestone(
                    "publish",
                    "Report published on the Swindon Safeguarding Partnership Website (publicly"
                    " available for at least one year)",
                    working_days(0),
                    who("business_manager"),
                    source="001 section 9, Formal Publication",
                ),
                milestone(
                    "copies_to_panel",
                    "Safeguarding Partners send a copy of the full report to the National Panel,"
                    " Ofsted and to the Secretary of State",
                    working_days(-7, relative_to="publish"),
                    who("business_manager", "executive"),
                    statutory=True,
                    source="001 section 9: no later than seven working days before the date of"
                    " publication",
                ),
                online_minimum(
                    '001 section 9, Formal Publication: "publically available for at least'
                    ' one year"'
                ),
            ],
        ),
        "learning_review": stage("learning_review", "learning_review_decision", []),
        # Section 10, Monitoring Progress: regular updates to the Practice Review Group.
        "action_plan": stage("action_plan", "action_plan_agreed", []),
    },
)
