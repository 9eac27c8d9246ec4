"""What the LCSPR app adds to the case page (cases.extensions)."""

from django.urls import reverse

from cases.models import CaseStage, Membership
from lcspr import permissions, selectors
from lcspr.choices import LIVE_STATUSES
from lcspr.services.start import stage_running

# Where the business manager may start an LCSPR from the case page: once the rapid review has
# gone to the National Panel (its recommendation, or the partners' own decision).
STARTABLE_STAGES = (CaseStage.RAPID_REVIEW, CaseStage.PANEL_RESPONSE, CaseStage.LCSPR)


def lcspr_case_panel(membership: Membership, case, slug: str) -> dict | None:
    reviews = list(selectors.visible_lcsprs(membership).filter(case=case))
    items = []
    for review in reviews:
        target = review.target_publication_date
        items.append(
            {
                "label": "LCSPR: target publication "
                + (target.strftime("%-d %B %Y") if target else "not set yet"),
                "url": reverse("lcspr:detail", args=[slug, review.pk]),
                "tag": review.get_status_display(),
                "tag_colour": "blue" if review.status in LIVE_STATUSES else "grey",
            }
        )
    if (
        not any(r.status in LIVE_STATUSES for r in reviews)
        and case.stage in STARTABLE_STAGES
        and permissions.can_manage_lcspr(membership, case)
        and not stage_running(case)
    ):
        items.append(
            {
                "label": "Start the LCSPR",
                "url": reverse("lcspr:start", args=[slug, case.pk]),
                "tag": "",
                "tag_colour": "",
            }
        )
    return {"title": "Local child safeguarding practice review", "items": items} if items else None


LEARNING_STARTABLE = (
    CaseStage.TRIAGE,
    CaseStage.RAPID_REVIEW,
    CaseStage.PANEL_RESPONSE,
    CaseStage.LEARNING_REVIEW,
)


def learning_review_case_panel(membership: Membership, case, slug: str) -> dict | None:
    from lcspr.choices import LearningReviewStatus
    from lcspr.services.learning import learning_menu

    reviews = list(selectors.visible_learning_reviews(membership).filter(case=case))
    items = [
        {
            "label": r.option_label
            + (f": due {r.due.strftime('%-d %B %Y')}" if r.due and not r.completed_on else ""),
            "url": reverse("lcspr:learning_detail", args=[slug, r.pk]),
            "tag": r.get_status_display(),
            "tag_colour": "blue" if r.status == LearningReviewStatus.IN_PROGRESS else "grey",
        }
        for r in reviews
    ]
    if (
        not any(r.status == LearningReviewStatus.IN_PROGRESS for r in reviews)
        and case.stage in LEARNING_STARTABLE
        and learning_menu(case.partnership)
        and permissions.can_manage_lcspr(membership, case)
    ):
        items.append(
            {
                "label": "Start a learning review",
                "url": reverse("lcspr:learning_start", args=[slug, case.pk]),
                "tag": "",
                "tag_colour": "",
            }
        )
    return {"title": "Learning review", "items": items} if items else None
