"""The LCSPR's chronologies: the case's chronologies with the purpose `lcspr`, asked for and
merged by the one machinery in cases/ (docs/chronologies.md). The LCSPR page lists them and links
to the integrated chronology the lead reviewer reads."""

from cases import permissions
from cases.models import ChronologyPurpose
from lcspr.models import LocalReview


def chronologies_context(membership, review: LocalReview) -> dict:
    case = review.case
    chronologies = list(
        permissions.visible_chronologies(membership, case)
        .filter(purpose=ChronologyPurpose.LCSPR)
        .select_related("agency")
        .order_by("agency__name", "kind", "id")
    )
    return {
        "chronologies": chronologies,
        "chronologies_submitted": sum(c.status == "submitted" for c in chronologies),
        "can_ask_chronologies": permissions.can_manage_chronologies(membership, case),
        "can_read_integrated": permissions.can_view_integrated_chronology(membership, case),
    }
