"""The LCSPR's clock: its `lcspr` stage counted from day zero, and its `publication` stage
counted back from the target publication date once that is set (cases.timeline)."""

from cases.timeline import stage_timeline
from lcspr.services.start import STAGE
from lcspr.services.target import PUBLICATION


def lcspr_clock(review, today=None) -> dict:
    clock = stage_timeline(review.case, STAGE, review.day_zero, today)
    target = review.target_publication_date
    publication = stage_timeline(review.case, PUBLICATION, target, today) if target else None
    return {**clock, "publication_rows": publication["rows"] if publication else []}
