"""The letter to a family member (Swindon 001 Appendix 7, marked OFFICIAL-SENSITIVE) and the
leaflet enclosed with it (Appendix 8), rendered by cases/rendered from the partnership's wording
of the `family_letter` and `family_leaflet` templates (cases.document_templates). A learning
review's family member gets `learning_family_letter` and `learning_family_leaflet`. Registered
in LcsprConfig.ready()."""

from cases.document_templates import blocks, render_document_template
from cases.rendered.kinds import DocumentKind
from lcspr.models import FamilyMember


def member_for_print(pk: int) -> FamilyMember:
    return FamilyMember.objects.select_related(
        "review__case__partnership", "learning_review__case__partnership"
    ).get(pk=pk)


def _context(key: str, official: bool):
    def context(member: FamilyMember) -> dict:
        from lcspr.services.family import letter_values

        case = member.owner.case
        # A learning review's family get its own wording (BCP 003 s11).
        wording = f"learning_{key}" if member.learning_review_id else key
        title, body = render_document_template(case.partnership, wording, letter_values(member))
        return {
            "title": title,
            "blocks": blocks(body),
            "member": member,
            "case": case,
            "partnership": case.partnership,
            "official_sensitive": official,
        }

    return context


FAMILY_LETTER_PDF = DocumentKind(
    name="lcspr_family_letter",
    title="letter-to-family-member",
    template="lcspr/pdf/family_document.html",
    load=member_for_print,
    context=_context("family_letter", True),
    case=lambda member: member.owner.case,
)
FAMILY_LEAFLET_PDF = DocumentKind(
    name="lcspr_family_leaflet",
    title="leaflet-for-families",
    template="lcspr/pdf/family_document.html",
    load=member_for_print,
    context=_context("family_leaflet", False),
    case=lambda member: member.owner.case,
)
KINDS = {"letter": FAMILY_LETTER_PDF, "leaflet": FAMILY_LEAFLET_PDF}


def register_pdf_kinds() -> None:
    from cases.rendered.kinds import register

    register(FAMILY_LETTER_PDF)
    register(FAMILY_LEAFLET_PDF)
