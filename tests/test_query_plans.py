"""The main lists' orders come from an index, not from sorting every visible row.

Each query is explained on the test database with sequential scans and sorts priced out
(`enable_seqscan`, `enable_sort` off for the transaction): if an index serves the query's
filter and order the plan uses it and has no Sort node; without one PostgreSQL must still sort,
and the test fails. A list that gains a new order needs an index in a migration, named here.
"""

import pytest
from django.db import connection

from cases import selectors as case_selectors
from cases.models import Deadline, DeadlineStatus, Role
from cases.reminders import selectors as reminder_selectors
from cases.tenancy import partnership_scope
from referrals import selectors as referral_selectors

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    try:
        return queryset.explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")


def _lists(side):
    bm = side.members[Role.BUSINESS_MANAGER]
    slo = side.members[Role.SLO]
    return {
        "cases list (business manager)": (
            case_selectors.case_list(membership=bm)[:25],
            "case_list_recent",
        ),
        "cases list (agency SLO)": (
            case_selectors.case_list(membership=slo)[:25],
            "case_list_recent",
        ),
        "cases list by title (sorted by its column)": (
            case_selectors.case_list(membership=bm, sort="title", descending=False)[:25],
            "case_list_title",
        ),
        "cases list by reference, last first": (
            case_selectors.case_list(membership=bm, sort="reference", descending=True)[:25],
            "case_unique_ref",
        ),
        "cases list, oldest first": (
            case_selectors.case_list(membership=slo, descending=False)[:25],
            "case_list_recent",
        ),
        "referral list by reference": (
            referral_selectors.referral_list(membership=bm, sort="reference", order="oldest")[:25],
            "referral_list_reference",
        ),
        "referral list by the day it was started": (
            referral_selectors.referral_list(membership=bm, sort="started")[:25],
            "referral_list_started",
        ),
        "referral list, newest first": (
            referral_selectors.referral_list(membership=bm)[:25],
            "referral_list_recent",
        ),
        "triage queue, oldest first": (
            referral_selectors.triage_referrals(membership=bm, order="oldest")[:25],
            "referral_list_recent",
        ),
        "reminders page (a deep page)": (
            reminder_selectors.notifications_for(membership=bm)[4000:4025],
            "notification_user_recent_id",
        ),
        "triage queue's next step per case": (
            Deadline.objects.filter(
                case__in=[side.case.pk], stage="triage", status=DeadlineStatus.OPEN
            ).order_by("case_id", "due", "key"),
            "deadline_open_case_stage",
        ),
        "a member's open deadlines, soonest first": (
            Deadline.objects.filter(
                partnership=side.partnership.pk, status=DeadlineStatus.OPEN
            ).order_by("due", "pk"),
            "deadline_open_partnership",
        ),
    }


def test_main_lists_are_served_by_their_index(world):
    side = world.alpha
    failures = []
    with partnership_scope(side.partnership):
        for name, (queryset, index) in _lists(side).items():
            plan = _plan(queryset)
            if index not in plan or "Sort" in plan:
                failures.append(f"{name}: expected {index} and no sort\n{plan}")
    assert not failures, "\n\n".join(failures)


def test_a_name_search_reads_only_the_partnerships_people(world):
    """A name search (plain and near spellings) reads the partnership's people through the
    partnership's index, never every person in the database. (Not trigram indexes: under
    row-level security PostgreSQL does not use an index for a non-leakproof operator such as
    pg_trgm's % or ILIKE; ADR 0012.)"""
    from cases import search
    from cases.models import Subject
    from cases.permissions import visible_cases

    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    with partnership_scope(side.partnership):
        query = search.parse_query("Thornten")
        people = (
            Subject.objects.filter(
                partnership=side.partnership.pk,
                archived_at__isnull=True,
                case__in=visible_cases(bm).values("pk"),
            )
            .filter(search.people_filter(query, ("first_name", "last_name", "aliases")))
            .order_by("-id")
        )
        plan = _plan(people)
    assert "Seq Scan on cases_subject" not in plan, plan
    assert f"partnership_id = {side.partnership.pk}" in plan, plan
