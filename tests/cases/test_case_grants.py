"""Restricted-case grants carry their case's partnership (cases/migrations/0021, ADR 0009): the
row-level security policy tests that column, so it must never differ from the case's, whatever
the write path; and the policy must hide another partnership's grants."""

import pytest
from django.contrib.auth.models import Permission
from django.db import DatabaseError, IntegrityError, connection, transaction
from guardian.shortcuts import assign_perm

from cases.models import Case, CaseUserObjectPermission, Role
from cases.permissions import RESTRICTED_PERMISSION, visible_cases
from cases.services import cases as case_services
from cases.tenancy import partnership_scope
from tests.factories import make_member


def _mismatched() -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT g.id FROM cases_caseuserobjectpermission g "
            "JOIN cases_case c ON c.id = g.content_object_id "
            "WHERE g.partnership_id IS DISTINCT FROM c.partnership_id"
        )
        return cursor.fetchall()


def _restricted(side):
    bm = side.members[Role.BUSINESS_MANAGER]
    return case_services.case_set_restricted(
        actor=bm.user, membership=bm, case=side.case, is_restricted=True
    )


@pytest.mark.django_db
def test_grants_made_by_the_services_and_guardian_carry_the_cases_partnership(world):
    alpha, beta = world.alpha, world.beta
    case = _restricted(alpha)  # the service: guardian's assign_perm -> get_or_create -> save()
    bm = alpha.members[Role.BUSINESS_MANAGER]
    slo = alpha.members[Role.SLO]
    case_services.case_access_grant(actor=bm.user, membership=bm, case=case, member=slo)
    grants = CaseUserObjectPermission.objects.filter(content_object=case)
    assert grants.count() == 2
    assert {g.partnership_id for g in grants} == {alpha.partnership.pk}
    # guardian directly, on a case object loaded without its partnership
    exec_ = alpha.members[Role.EXECUTIVE]
    bare = Case.objects.only("pk").get(pk=beta.case.pk)
    grant = assign_perm(RESTRICTED_PERMISSION, exec_.user, bare)
    grant.refresh_from_db()
    assert grant.partnership_id == beta.partnership.pk
    assert _mismatched() == []


@pytest.mark.django_db
def test_bulk_writes_carry_the_cases_partnership(world):
    """guardian's bulk paths (bulk_create, no save()): the manager fills the column."""
    alpha, beta = world.alpha, world.beta
    # one user, many cases: bulk_assign_perm
    assign_perm(RESTRICTED_PERMISSION, alpha.user(Role.SLO), Case.objects.filter(pk=alpha.case.pk))
    # many users, one case: assign_perm_to_many
    assign_perm(RESTRICTED_PERMISSION, [beta.user(Role.SLO), beta.user(Role.EXECUTIVE)], beta.case)
    rows = CaseUserObjectPermission.objects.values_list("content_object_id", "partnership_id")
    assert sorted(rows) == sorted(
        [(alpha.case.pk, alpha.partnership.pk)] + [(beta.case.pk, beta.partnership.pk)] * 2
    )
    assert all(g.partnership_id for g in CaseUserObjectPermission.objects.all())
    assert _mismatched() == []


@pytest.mark.django_db
def test_the_database_fills_the_partnership_whatever_the_write_path(world):
    """A write that names no partnership at all (raw SQL): the trigger fills it from the case
    (PostgreSQL)."""
    alpha = world.alpha
    permission = Permission.objects.get(codename=RESTRICTED_PERMISSION)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cases_caseuserobjectpermission "
            "(user_id, permission_id, content_object_id) VALUES (%s, %s, %s) RETURNING id",
            [alpha.user(Role.SLO).pk, permission.pk, alpha.case.pk],
        )
        (pk,) = cursor.fetchone()
    assert CaseUserObjectPermission.objects.get(pk=pk).partnership_id == alpha.partnership.pk
    assert _mismatched() == []


@pytest.mark.django_db
def test_a_grant_cannot_name_another_partnership_than_its_cases(world):
    alpha, beta = world.alpha, world.beta
    permission = Permission.objects.get(codename=RESTRICTED_PERMISSION)
    with pytest.raises(IntegrityError, match="must be its case's"), transaction.atomic():
        CaseUserObjectPermission.objects.create(
            user=alpha.user(Role.SLO),
            permission=permission,
            content_object=alpha.case,
            partnership=beta.partnership,
        )
    grant = assign_perm(RESTRICTED_PERMISSION, alpha.user(Role.SLO), alpha.case)
    with pytest.raises(IntegrityError, match="must be its case's"), transaction.atomic():
        CaseUserObjectPermission.objects.filter(pk=grant.pk).update(content_object=beta.case)
    with pytest.raises(IntegrityError, match="must be its case's"), transaction.atomic():
        CaseUserObjectPermission.objects.filter(pk=grant.pk).update(partnership=beta.partnership)
    assert _mismatched() == []


@pytest.mark.django_db
def test_row_level_security_hides_and_refuses_another_partnerships_grants(world):
    alpha, beta = world.alpha, world.beta
    a_grant = assign_perm(RESTRICTED_PERMISSION, alpha.user(Role.SLO), alpha.case)
    b_grant = assign_perm(RESTRICTED_PERMISSION, beta.user(Role.SLO), beta.case)
    with partnership_scope(alpha.partnership), connection.cursor() as cursor:
        cursor.execute("SELECT id, partnership_id FROM cases_caseuserobjectpermission")
        assert cursor.fetchall() == [(a_grant.pk, alpha.partnership.pk)]
        cursor.execute("DELETE FROM cases_caseuserobjectpermission WHERE id = %s", [b_grant.pk])
        assert cursor.rowcount == 0
        # A grant on the other partnership's case: its case is invisible here, so the trigger
        # refuses it before the policy would.
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute(
                "INSERT INTO cases_caseuserobjectpermission "
                "(user_id, permission_id, content_object_id) VALUES (%s, %s, %s)",
                [alpha.user(Role.SLO).pk, a_grant.permission_id, beta.case.pk],
            )
        # Moving one's own grant to the other partnership: refused.
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute(
                "UPDATE cases_caseuserobjectpermission SET partnership_id = %s WHERE id = %s",
                [beta.partnership.pk, a_grant.pk],
            )


@pytest.mark.django_db
def test_a_named_member_still_sees_a_restricted_case_through_the_grant(world):
    alpha = world.alpha
    case = _restricted(alpha)
    lead = alpha.members[Role.LEAD_REVIEWER]
    other = make_member(alpha.partnership, Role.LEAD_REVIEWER, email="other-lead@alpha.test")
    assign_perm(RESTRICTED_PERMISSION, lead.user, case)
    with partnership_scope(alpha.partnership):
        assert list(visible_cases(lead).values_list("pk", flat=True)) == [case.pk]
        assert not visible_cases(other).exists()
