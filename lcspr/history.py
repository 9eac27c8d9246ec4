"""How the LCSPR app's audit events read in the case history (cases.history_display),
registered from LcsprConfig.ready()."""

import dataclasses

from cases.history_display import ActionLabel, register_actions
from lcspr.choices import (
    AnonymisationHitKind,
    ContactMethod,
    LcsprSource,
    LearningTermsStatus,
    LegalReadOutcome,
    PanelConflicts,
    PanelPartner,
    PanelRole,
    PanelTermsStatus,
    ParallelProcessKind,
    ParallelProcessStatus,
    ReviewerDecision,
)
from lcspr.models.sessions import CommsChannel, CommsItemStatus, FindingsView, SessionFormat

LABELS = {
    "lcspr.start": ActionLabel(
        "started the LCSPR",
        labels={"day_zero_event": "Six months counted from"},
        choices={"source": LcsprSource.choices},
    ),
    "lcspr.day_zero": ActionLabel(
        "moved the LCSPR's day zero", labels={"day_zero": "Six months counted from"}
    ),
    "lcspr.target": ActionLabel(
        "set the LCSPR's target publication date",
        labels={
            "target_publication_date": "Target publication date",
            "delay_reasons": "Reasons for the delay",
        },
    ),
    "lcspr.withdraw": ActionLabel("withdrew the LCSPR"),
    "lcspr.publish": ActionLabel(
        "recorded the LCSPR's publication",
        labels={"published_on": "Published on", "web_address": "Web address"},
    ),
    "learning_review.start": ActionLabel(
        "started a learning review", labels={"option": "Type", "due": "Due"}
    ),
    "learning_terms.draft": ActionLabel(
        "recorded the learning review's terms of reference as a draft"
    ),
    "learning_terms.update": ActionLabel(
        "changed a draft of the learning review's terms of reference",
        labels={"text": "Terms of reference", "change_summary": "What changed"},
    ),
    "learning_terms.approve": ActionLabel(
        "recorded the governance body's approval of the learning review's terms of reference",
        labels={"approved_by": "Approved by", "approved_on": "Approved on"},
        choices={"status": LearningTermsStatus.choices},
    ),
    "learning_terms.revise": ActionLabel(
        "started a new version of the learning review's terms of reference",
        labels={"from_version": "Revised from version"},
    ),
    "learning_review.complete": ActionLabel(
        "completed the learning review", labels={"completed_on": "Completed on"}
    ),
    "lcspr_reviewer.add": ActionLabel("added a candidate for the LCSPR's independent reviewer"),
    "lcspr_reviewer.update": ActionLabel("changed a reviewer candidate's details"),
    "lcspr_reviewer.shortlist": ActionLabel("recorded the shortlisting of a reviewer candidate"),
    "lcspr_reviewer.decide": ActionLabel(
        "recorded the decision on a reviewer candidate",
        labels={"decision_reason": "Reason", "decided_on": "Decided on", "reviewer": "Reviewer"},
        choices={"decision": ReviewerDecision.choices},
    ),
    "lcspr_reviewer.contract": ActionLabel(
        "recorded the contract with the LCSPR's independent reviewer",
        labels={"contract_recorded_on": "Contract agreed on"},
    ),
    "briefing.create": ActionLabel("started the 7-minute briefing", labels={"title": "Title"}),
    "briefing.save": ActionLabel(
        "saved the 7-minute briefing", labels={"sections": "Sections changed"}
    ),
    "briefing.send": ActionLabel("sent the 7-minute briefing for sign-off"),
    "briefing.publish": ActionLabel(
        "recorded the 7-minute briefing's publication",
        labels={
            "published_on": "Published on",
            "web_address": "Web address",
            "contacts_told": "Key contacts told",
        },
    ),
    # Family engagement and parallel processes (lcspr.services.family).
    "family.coordinator": ActionLabel(
        "named the LCSPR's family engagement coordinator",
        refs={"coordinator": "cases.User"},
        labels={"coordinator": "Coordinator", "approach": "Approach"},
    ),
    "family.member_add": ActionLabel(
        "added a family member to the LCSPR's family engagement",
        choices={"preferred_method": ContactMethod.choices},
        labels={"relationship": "Relationship to the child", "to_be_contacted": "To be contacted"},
    ),
    "family.member_update": ActionLabel(
        "changed a family member's details",
        choices={"preferred_method": ContactMethod.choices},
        labels={"relationship": "Relationship to the child", "to_be_contacted": "To be contacted"},
    ),
    "family.contact": ActionLabel(
        "recorded a contact with a family member",
        choices={"method": ContactMethod.choices},
        labels={
            "member": "With",
            "contacted_on": "Date",
            "made_by": "Made by",
            "notes_shared_on": "Notes shared back",
            "despite_hold": "While contact was held back",
        },
    ),
    "family.embargoed_copy": ActionLabel(
        "recorded the embargoed copy of the report given to the family",
        labels={
            "given_to": "Given to",
            "given_on": "Given on",
            "version": "Version",
            "embargo_until": "Embargo until",
        },
    ),
    "parallel_process.add": ActionLabel(
        "recorded a parallel process",
        choices={"kind": ParallelProcessKind.choices, "status": ParallelProcessStatus.choices},
        labels={"holds_family_contact": "Holds family contact back"},
    ),
    "parallel_process.update": ActionLabel(
        "changed a parallel process",
        choices={"kind": ParallelProcessKind.choices, "status": ParallelProcessStatus.choices},
        labels={"holds_family_contact": "Holds family contact back"},
    ),
    "parallel_process.disclosure_request": ActionLabel(
        "recorded a disclosure request of a parallel process",
        labels={"requested_on": "Requested on", "what": "What", "answered_on": "Answered on"},
    ),
    "parallel_process.disclosure_answer": ActionLabel(
        "recorded the answer to a disclosure request",
        labels={"answered_on": "Answered on", "answer": "Answer"},
    ),
    "lcspr_panel.add": ActionLabel(
        "added someone to the LCSPR's review panel",
        labels={"panel_member": "Panel member", "panel_role": "Role on the panel"},
        choices={"panel_role": PanelRole.choices, "statutory_partner": PanelPartner.choices},
    ),
    "lcspr_panel.declare": ActionLabel(
        "recorded a panel member's declaration of interests and confidentiality agreement",
        labels={
            "panel_member": "Panel member",
            "conflicts_details": "Details of the conflict of interest",
            "chair_decision": "The chair's decision",
            "declared_on": "Declared on",
            "confidentiality_signed_on": "Confidentiality agreement signed on",
        },
        choices={"conflicts": PanelConflicts.choices},
    ),
    "lcspr_panel.remove": ActionLabel(
        "took someone off the LCSPR's review panel", labels={"panel_member": "Panel member"}
    ),
    "lcspr_terms.draft": ActionLabel("drafted the LCSPR's terms of reference"),
    "lcspr_terms.update": ActionLabel("changed a draft of the LCSPR's terms of reference"),
    "lcspr_terms.sign_off": ActionLabel(
        "recorded the sign-off of the LCSPR's terms of reference at the review panel",
        labels={"meeting": "Panel meeting"},
        choices={"status": PanelTermsStatus.choices},
    ),
    "lcspr_terms.revise": ActionLabel(
        "started a new version of the LCSPR's terms of reference",
        labels={"from_version": "Revised from version"},
    ),
    "lcspr_terms.approve": ActionLabel(
        "recorded the review group's approval of the LCSPR's terms of reference",
        labels={"approved_by": "Approved by", "approved_on": "Approved on"},
        choices={"status": PanelTermsStatus.choices},
    ),
    "lcspr_draft.upload": ActionLabel(
        "uploaded a version of the LCSPR report",
        labels={"number": "Version", "file": "File"},
    ),
    "lcspr_draft.legal_read": ActionLabel(
        "recorded Legal Services' read of a version of the LCSPR report",
        labels={"number": "Version", "adviser_name": "Legal adviser", "read_on": "Read on"},
        choices={"outcome": LegalReadOutcome.choices},
    ),
    "lcspr_draft.anonymisation_check": ActionLabel(
        "ran the anonymisation check on a version of the LCSPR report",
        labels={"number": "Version", "hits": "Findings", "characters": "Characters read"},
    ),
    "lcspr_draft.hit_accept": ActionLabel(
        "accepted an anonymisation finding in the LCSPR report",
        labels={"number": "Version"},
        choices={"kind": AnonymisationHitKind.choices},
    ),
    "lcspr_draft.send": ActionLabel(
        "sent a version of the LCSPR report for final approval", labels={"number": "Version"}
    ),
    "lcspr_draft.final": ActionLabel(
        "made a version the final LCSPR report (signed off)", labels={"number": "Version"}
    ),
    "lcspr.not_published": ActionLabel(
        "recorded the decision not to publish the LCSPR report",
        labels={"decided_on": "Decided on", "notice_due": "Information about improvements due"},
    ),
    "lcspr.complete_not_published": ActionLabel(
        "completed the LCSPR without publishing the report",
        labels={"completed_on": "Completed on"},
    ),
    "practitioner_session.schedule": ActionLabel(
        "arranged a reflective practitioner session",
        labels={"format": "Format", "when": "When", "reply_by": "Reply by"},
        choices={"format": SessionFormat.choices},
    ),
    "practitioner_session.texts": ActionLabel(
        "changed the practitioner session's invitation, briefing or agenda",
        labels={"texts": "Texts changed"},
    ),
    "practitioner_session.invite": ActionLabel(
        "sent the practitioner session's invitations", labels={"sent_to": "Sent to"}
    ),
    "practitioner_session.feedback": ActionLabel(
        "recorded a practitioner's feedback on the draft findings",
        labels={"practitioner": "Practitioner", "view": "View", "given_on": "Given on"},
        choices={"view": FindingsView.choices},
    ),
    "comms_plan.item_add": ActionLabel(
        "added an item to the LCSPR's comms plan",
        labels={"due_on": "Due"},
        choices={"channel": CommsChannel.choices, "status": CommsItemStatus.choices},
    ),
    "comms_plan.item_update": ActionLabel(
        "changed an item of the LCSPR's comms plan",
        labels={"due_on": "Due"},
        choices={"channel": CommsChannel.choices, "status": CommsItemStatus.choices},
    ),
    "comms_plan.agree": ActionLabel(
        "recorded the LCSPR's comms plan as agreed",
        labels={"agreed_on": "Agreed on", "agreed_by": "Agreed by"},
    ),
    "reactive_statement.save": ActionLabel(
        "saved the LCSPR's reactive statement",
        labels={"statement": "Statement", "statement_owner": "Owner"},
    ),
    "reactive_statement.agree": ActionLabel(
        "recorded the LCSPR's reactive statement as agreed",
        labels={"statement_agreed_on": "Agreed on", "statement_agreed_by": "Agreed by"},
    ),
}

# A learning review's family engagement (the same records and services as the LCSPR's,
# lcspr.services.family) reads as the learning review's.
LABELS.update(
    {
        f"learning_{code}": dataclasses.replace(
            label, phrase=label.phrase.replace("the LCSPR's", "the learning review's")
        )
        for code, label in list(LABELS.items())
        if code.startswith("family.") and code != "family.embargoed_copy"
    }
)


def register() -> None:
    register_actions(LABELS)
