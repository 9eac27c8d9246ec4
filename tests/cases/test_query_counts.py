"""List pages cost the same number of queries for 5 rows and for 500 (tests/query_guard.py)."""

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from cases import selectors
from cases.models import (
    AccessKind,
    AccessLogEntry,
    AuditEvent,
    Case,
    Invitation,
    Membership,
    MembershipRole,
    Role,
    Subject,
    User,
)
from tests.query_guard import assert_constant_queries

_serial = itertools.count(1)


def grow_cases(side):
    """Cases involving two agencies, each with a child, as the list pages show them."""
    bm = side.members[Role.BUSINESS_MANAGER]
    through = Case.agencies.through

    def grow(n):
        cases = Case.objects.bulk_create(
            [
                Case(
                    partnership=side.partnership,
                    reference=f"{side.partnership.code}-BULK-{next(_serial):05d}",
                    title="Bulk case",
                    created_by=bm.user,
                )
                for _ in range(n)
            ]
        )
        through.objects.bulk_create(
            [
                through(case_id=c.pk, agency_id=side.agencies[key].pk)
                for c in cases
                for key in ("police", "la")
            ]
        )
        Subject.objects.bulk_create(
            [
                Subject(partnership=side.partnership, case=c, role="child", first_name="Bulk")
                for c in cases
            ]
        )

    return grow


def grow_people(side):
    """Members with an agency and two roles, and open invitations."""
    bm = side.members[Role.BUSINESS_MANAGER]

    def grow(n):
        start = next(_serial)
        for _ in range(n):
            next(_serial)
        users = User.objects.bulk_create(
            [User(email=f"bulk{start + i}@people.test", full_name=f"Bulk {i}") for i in range(n)]
        )
        members = Membership.objects.bulk_create(
            [
                Membership(user=u, partnership=side.partnership, agency=side.agencies["police"])
                for u in users
            ]
        )
        MembershipRole.objects.bulk_create(
            [
                MembershipRole(membership=m, role=role)
                for m in members
                for role in (Role.SLO, Role.AGENCY_STAFF)
            ]
        )
        Invitation.objects.bulk_create(
            [
                Invitation(
                    partnership=side.partnership,
                    agency=side.agencies["school"],
                    email=f"invite{start + i}@people.test",
                    roles=[Role.AGENCY_STAFF],
                    token_hash=f"bulk-{start + i}",
                    invited_by=bm.user,
                    expires_at=timezone.now() + timezone.timedelta(days=7),
                )
                for i in range(n)
            ]
        )

    return grow


def grow_history(side):
    """Audit events and access-log entries on the side's case, by several people. The events
    name people, the partnership and the case by id: the page shows their names, looked up
    with one query per model for the page, however many rows."""
    case = side.case
    actors = [m.user for m in side.members.values()]
    content_types = [ContentType.objects.get_for_model(m) for m in (Case, Subject)]
    changes = [
        lambda i: {
            "title": ["Before", f"After {i}"],
            "created_by_id": [None, actors[(i + 1) % len(actors)].pk],
        },
        lambda i: {"first_name": ["Before", f"After {i}"], "case_id": [None, case.pk]},
    ]

    def grow(n):
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    partnership=side.partnership,
                    actor=actors[i % len(actors)],
                    action=("case.update", "subject.update")[i % 2],
                    content_type=content_types[i % 2],
                    object_id=str(case.pk),
                    object_repr=str(case),
                    case=case,
                    changes={**changes[i % 2](i), "partnership_id": [None, side.partnership.pk]},
                )
                for i in range(n)
            ]
        )
        AccessLogEntry.objects.bulk_create(
            [
                AccessLogEntry(
                    partnership=side.partnership,
                    user=actors[i % len(actors)],
                    case=case,
                    kind=AccessKind.VIEW_PERSONAL_DETAILS,
                    object_repr="bulk",
                )
                for i in range(n)
            ]
        )

    return grow


@pytest.mark.parametrize(
    ("url_name", "role"),
    [
        ("cases:case_list", Role.BUSINESS_MANAGER),
        ("cases:case_list", Role.SLO),
        ("cases:home", Role.BUSINESS_MANAGER),
        ("cases_api:case-list", Role.BUSINESS_MANAGER),
        ("cases_api:case-list", Role.AGENCY_STAFF),
    ],
)
def test_case_lists(world, client_for, url_name, role):
    side = world.alpha
    client = client_for(side.user(role))
    url = reverse(url_name, args=[side.partnership.slug])
    assert_constant_queries(client, url, grow_cases(side))
    assert Case.objects.filter(partnership=side.partnership).count() == 501


def test_people_page(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    url = reverse("cases:people", args=[side.partnership.slug])
    assert_constant_queries(client, url, grow_people(side))
    response = client.get(url)
    assert response.content.count(b"@people.test") >= 1000  # every member and invitation shown


def test_people_api(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    url = reverse("cases_api:member-list", args=[side.partnership.slug])
    assert_constant_queries(client, url, grow_people(side))


@pytest.mark.parametrize("url_name", ["cases:case_history", "cases_api:case-history"])
def test_case_history(world, client_for, url_name):
    side = world.alpha
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    url = reverse(url_name, args=[side.partnership.slug, side.case.pk])
    assert_constant_queries(client, url, grow_history(side))


def test_guard_catches_a_query_per_row(world, client_for, monkeypatch):
    """The guard itself: a list that forgets its prefetch fails it."""
    side = world.alpha
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    url = reverse("cases:case_list", args=[side.partnership.slug])
    original = selectors.case_list
    monkeypatch.setattr(selectors, "case_list", lambda **kw: original(**kw).prefetch_related(None))
    with pytest.raises(AssertionError, match="a query per row"):
        assert_constant_queries(client, url, grow_cases(side), large=30)


def grow_sign_offs(side):
    """Running sign-off chains, each on a case of its own, waiting for the review group."""
    from cases.models import CaseNote
    from cases.services import signoff as signoff_services

    bm = side.members[Role.BUSINESS_MANAGER]

    def grow(n):
        for _ in range(n):
            case = Case.objects.create(
                partnership=side.partnership,
                reference=f"{side.partnership.code}-SIGN-{next(_serial):05d}",
                title="Signed case",
                created_by=bm.user,
            )
            note = CaseNote.objects.create(
                partnership=side.partnership, case=case, author=bm.user, text="A document"
            )
            signoff_services.signoff_start(
                actor=bm.user,
                membership=bm,
                case=case,
                document_type="notification",
                document=note,
            )

    return grow


def test_my_work_sign_offs_waiting(world, client_for):
    """My work asks once which chains wait for the member, not once per chain whether its
    case is visible (visible_signoffs has already said so)."""
    side = world.alpha
    rg = side.user(Role.REVIEW_GROUP_MEMBER)
    url = reverse("cases:home", args=[side.partnership.slug])
    assert_constant_queries(client_for(rg), url, grow_sign_offs(side), small=2, large=12)
    response = client_for(rg).get(url)
    assert response.content.count(b"SIGN-") >= 12
