"""How the LCSPR app's audit events read in the case history (cases.history_display),
registered from LcsprConfig.ready()."""

from cases.history_display import ActionLabel, register_actions
from lcspr.choices import AnonymisationHitKind, LcsprSource, LegalReadOutcome, ReviewerDecision

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
        labels={"target_publication_date": "Target publication date"},
    ),
    "lcspr.withdraw": ActionLabel("withdrew the LCSPR"),
    "lcspr.publish": ActionLabel(
        "recorded the LCSPR's publication",
        labels={"published_on": "Published on", "web_address": "Web address"},
    ),
    "learning_review.start": ActionLabel(
        "started a learning review", labels={"option": "Type", "due": "Due"}
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
}


def register() -> None:
    register_actions(LABELS)
