"""The LCSPR's letters and leaflets, registered in the shared template registry
(cases.document_templates) from LcsprConfig.ready(), with the wording of the Swindon procedure
(seed 001, Appendices 7, 8, 11, 12 and 13). Each partnership may rewrite them on the settings
page "Letters and templates".

family_letter and family_leaflet are filled in for a family member of an LCSPR,
learning_family_letter and learning_family_leaflet for one of a learning review
(lcspr.family_pdf). The
practitioner session templates start each reflective practitioner session's own texts (Swindon
001 s7; lcspr.session_wording)."""

from pathlib import Path

from cases.document_templates import register_document_template
from lcspr.session_wording import PLACEHOLDERS

LETTERS = Path(__file__).resolve().parent / "letters"


def _wording(key: str) -> str:
    """The registered wording, kept in lcspr/letters/<key>.txt (plain text, as edited)."""
    return (LETTERS / f"{key}.txt").read_text(encoding="utf-8").strip()


FAMILY_PLACEHOLDERS = {
    "date": "Today's date",
    "family_member_name": "The family member's name",
    "relationship": "The family member's relationship to the child",
    "child_name": "The child's first name",
    "incident": "“the tragic death” or “the serious injury”",
    "what_happened": "“died” or “was seriously injured”",
    "lead_reviewer_name": "The independent lead reviewer's name",
    "coordinator_name": "The family engagement coordinator's name",
    "coordinator_contact": "The coordinator's telephone number or e-mail address",
    "partnership_name": "The partnership's name",
}

LEARNING_FAMILY_PLACEHOLDERS = {
    **{k: v for k, v in FAMILY_PLACEHOLDERS.items() if k != "lead_reviewer_name"},
    "review_type": "The type of learning review (the partnership's menu), in lower case",
    "lead_name": "Who leads the learning review",
}

FAMILY_LETTER = _wording("family_letter")

FAMILY_LEAFLET = _wording("family_leaflet")

# A learning review's (BCP 003 section 11 and Appendix A): told in writing and by telephone,
# notes shared back for accuracy, written evidence given equal weight.
LEARNING_FAMILY_LETTER = _wording("learning_family_letter")

LEARNING_FAMILY_LEAFLET = _wording("learning_family_leaflet")

# The placeholders a session fills in (lcspr.session_wording, lcspr.services.sessions).
PRACTITIONER_PLACEHOLDERS = PLACEHOLDERS

PRACTITIONER_INVITATION = _wording("practitioner_invitation")

PRACTITIONER_BRIEFING = _wording("practitioner_briefing")

PRACTITIONER_AGENDA = _wording("practitioner_agenda")


def register() -> None:
    register_document_template(
        "family_letter",
        name="Letter informing family members of a review",
        title="Local Child Safeguarding Practice Review",
        default_body=FAMILY_LETTER,
        placeholders=FAMILY_PLACEHOLDERS,
        source="Swindon 001 Appendix 7",
        description="Sent to each family member with the leaflet, marked OFFICIAL-SENSITIVE.",
    )
    register_document_template(
        "family_leaflet",
        title="Child Safeguarding Practice Reviews: information for parents and carers",
        default_body=FAMILY_LEAFLET,
        placeholders=FAMILY_PLACEHOLDERS,
        source="Swindon 001 Appendix 8",
        description="The leaflet enclosed with the letter to family members.",
    )
    register_document_template(
        "learning_family_letter",
        name="Letter informing family members of a learning review",
        title="Learning review",
        default_body=LEARNING_FAMILY_LETTER,
        placeholders=LEARNING_FAMILY_PLACEHOLDERS,
        source="BCP 003 section 11 and Appendix A",
        description="Sent to each family member of a learning review with the leaflet, marked"
        " OFFICIAL-SENSITIVE.",
    )
    register_document_template(
        "learning_family_leaflet",
        title="Learning reviews: information for parents and carers",
        default_body=LEARNING_FAMILY_LEAFLET,
        placeholders=LEARNING_FAMILY_PLACEHOLDERS,
        source="BCP 003 section 11 and Appendix A",
        description="The leaflet enclosed with the letter to family members of a learning review.",
    )
    register_document_template(
        "practitioner_invitation",
        title="Invitation to a reflective practitioner session",
        default_body=PRACTITIONER_INVITATION,
        placeholders=PRACTITIONER_PLACEHOLDERS,
        source="Swindon 001 Appendix 11",
    )
    register_document_template(
        "practitioner_briefing",
        title="Briefing on the reflective practitioner session",
        default_body=PRACTITIONER_BRIEFING,
        placeholders=PRACTITIONER_PLACEHOLDERS,
        source="Swindon 001 Appendix 12",
    )
    register_document_template(
        "practitioner_agenda",
        title="Agenda for a reflective practitioner session",
        default_body=PRACTITIONER_AGENDA,
        placeholders=PRACTITIONER_PLACEHOLDERS,
        source="Swindon 001 Appendix 13",
    )
