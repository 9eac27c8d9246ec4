"""A rapid review on each side of the world (tests/world.py), started through the service on
first use, for the tenant crawler and the row-level security world."""

import datetime

from rapid_reviews.choices import ReviewSource
from rapid_reviews.models import RapidReview
from rapid_reviews.services.start import rapid_review_start


def a_review(side) -> RapidReview:
    if "rapid_review" not in side.extra:
        from cases.models import CaseStage, Role
        from cases.services import cases as case_services

        bm = side.members[Role.BUSINESS_MANAGER]
        case = case_services.case_create(
            actor=bm.user,
            membership=bm,
            title="Child R",
            incident_date=datetime.date(2026, 2, 2),
            awareness_date=datetime.date(2026, 2, 3),
            agencies=[side.agencies["police"]],
            stage=CaseStage.AWAITING_NOTIFICATION,
        )
        side.extra["rapid_review"] = rapid_review_start(
            actor=bm.user,
            membership=bm,
            case=case,
            source=ReviewSource.EXECUTIVE_DECISION,
            day_zero=datetime.date(2026, 2, 3),
        )
    return side.extra["rapid_review"]


def a_terms(side):
    """The review's terms of reference, drafted and then naming the world's child (the access
    log's canary) among the people in scope."""
    if "terms" not in side.extra:
        from cases.models import Role
        from rapid_reviews.services.terms import terms_draft, terms_update

        bm = side.members[Role.BUSINESS_MANAGER]
        terms = terms_draft(actor=bm.user, membership=bm, review=a_review(side))
        child = side.subject
        side.extra["terms"] = terms_update(
            actor=bm.user,
            membership=bm,
            terms=terms,
            people_in_scope=f"{child}, the child, NHS number {child.nhs_number}",
        )
    return side.extra["terms"]


def an_approval(side):
    """The police's approval of the world's terms of reference, sent for approval first (for the
    row-level security world; the pages that edit the draft do not ask for it)."""
    if "terms_approval" not in side.extra:
        from cases.models import Role
        from rapid_reviews.services.terms import (
            terms_approve,
            terms_send_for_approval,
            terms_update,
        )

        bm, slo = side.members[Role.BUSINESS_MANAGER], side.members[Role.SLO]
        terms = a_terms(side)
        terms_update(
            actor=bm.user,
            membership=bm,
            terms=terms,
            background="Background",
            chronology_due=datetime.date(2026, 3, 1),
        )
        terms_send_for_approval(actor=bm.user, membership=bm, terms=terms)
        side.extra["terms_approval"] = terms_approve(actor=slo.user, membership=slo, terms=terms)
    return side.extra["terms_approval"]


def a_request(side):
    """The world's review's information requests to the police (the world's agency members'
    agency) and the local authority; returns the police's."""
    if "information_request" not in side.extra:
        from cases.models import Role
        from rapid_reviews.services.requests import requests_send

        bm = side.members[Role.BUSINESS_MANAGER]
        police, la = requests_send(
            actor=bm.user,
            membership=bm,
            review=a_review(side),
            agencies=[side.agencies["police"], side.agencies["la"]],
            due_date=datetime.date(2099, 1, 4),
        )
        assert police.agency == side.agencies["police"]
        side.extra["information_request"] = police
        side.extra["information_request_la"] = la
    return side.extra["information_request"]


def a_report(side):
    """The review's report, drafted and then naming the world's child (the access log's canary)
    in its family composition, with one row of learning and actions."""
    if "report" not in side.extra:
        from cases.models import Role
        from rapid_reviews.services.report import report_create, report_save

        bm = side.members[Role.BUSINESS_MANAGER]
        report = report_create(actor=bm.user, membership=bm, review=a_review(side))
        child = side.subject
        side.extra["report"] = report_save(
            actor=bm.user,
            membership=bm,
            report=report,
            base_version=1,
            sections={
                "family_composition": f"{child}, the child, NHS number {child.nhs_number}",
                "learning_actions": [
                    {"agency": side.agencies["police"].name, "action": "Brief the officers"}
                ],
            },
        )
    return side.extra["report"]


def an_action_item(side):
    """The report's action item (made as at submission, without the sign-off the world's
    partnership has no chain for)."""
    if "action_item" not in side.extra:
        from cases.models import Role
        from rapid_reviews.services.report import report_action_items

        bm = side.members[Role.BUSINESS_MANAGER]
        side.extra["action_item"] = report_action_items(actor=bm.user, report=a_report(side))[0]
    return side.extra["action_item"]


def an_outcome(side):
    """An outcome row, for the row-level security world only (written directly: the world's
    review is not submitted)."""
    if "outcome" not in side.extra:
        from cases.models import Role
        from rapid_reviews.choices import ReviewDecision
        from rapid_reviews.models import RapidReviewOutcome

        review = a_review(side)
        side.extra["outcome"] = RapidReviewOutcome.objects.create(
            partnership_id=review.partnership_id,
            rapid_review=review,
            decision=ReviewDecision.CLOSURE,
            decided_on=datetime.date(2026, 3, 1),
            rationale="The National Panel agreed.",
            decided_by=side.members[Role.BUSINESS_MANAGER].user,
        )
    return side.extra["outcome"]
