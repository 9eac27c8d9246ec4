"""The demo's rapid review report (issue 13): Swindon's review (rapid_reviews/demo.py) gets a
draft report, prefilled from its case and then added to by the business manager, so the report
page, its versions and the "send for sign-off" checks have something to show."""

from cases.models import Role
from rapid_reviews.choices import ReviewStatus
from rapid_reviews.models import RapidReview
from rapid_reviews.services.report import report_create, report_save


def load_demo_rapid_review_report(index: int, code: str, partnership, members: dict) -> None:
    bm = members.get(Role.BUSINESS_MANAGER)
    if bm is None or partnership.slug != "swindon":
        return
    review = (
        RapidReview.objects.filter(
            partnership=partnership,
            status=ReviewStatus.IN_PROGRESS,
            case__title__contains="demo: rapid review",
        )
        .order_by("pk")
        .first()
    )
    if review is None:
        return
    report = report_create(actor=bm.user, membership=bm, review=review)
    report_save(
        actor=bm.user,
        membership=bm,
        report=report,
        base_version=report.version,
        sections={
            "worked_well": "Fictitious: the strategy discussion was held the same day.",
            "worried_about": "Fictitious: information was not shared with the school.",
            "good_practice": [
                {
                    "agency": agency.name,
                    "evidence": "Fictitious: a timely referral to children's social care.",
                }
                for agency in partnership.agencies.filter(is_statutory_partner=True)[:1]
            ],
        },
        comment="Demo: what worked well and what we are worried about",
    )
