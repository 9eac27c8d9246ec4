"""The database's line of isolation (ADR 0009): row-level security on every tenant table.

These tests talk SQL to PostgreSQL directly, below django-scopes and the ORM, as the application
role the whole suite connects as. Drop one policy (``DROP POLICY tenant_isolation ON cases_case``)
and the per-table tests of that table fail.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from cases.models import Role
from cases.tenancy import partnership_scope, user_scope
from tests.cases import chronology_records as cr
from tests.cases import meeting_records as mr
from tests.cases import notice_records as nr
from tests.cases import reminder_records as rr
from tests.cases import signoff_records as so
from tests.database import BYPASS_GUC
from tests.referrals import world as rw

# Tables without a partnership, and why they cannot hold one partnership's data.
GLOBAL_TABLES = {
    "cases_partnership": "the tenants themselves: names, codes and workflow settings, no people",
    "cases_user": "people's accounts; what they may see is decided by their memberships",
    "cases_user_groups": "Django groups (unused)",
    "cases_user_user_permissions": "Django model permissions (unused)",
    "cases_sweepheartbeat": "when the reminder sweep last ran, with counts only",
    "auth_group": "Django groups (unused)",
    "auth_group_permissions": "Django groups (unused)",
    "auth_permission": "Django's list of model permissions",
    "django_content_type": "Django's list of models",
    "django_migrations": "the schema's history (the application role may only read it)",
    "django_session": "sessions, keyed by an unguessable id; the partnership is in the URL",
    "cases_apitoken": "a user's own API tokens: names, dates and the SHA-256 of each secret, "
    "no partnership data. A token is looked up by that hash before any user or partnership is "
    "known (authentication comes first), so a policy keyed on the user would hide it",
    "guardian_userobjectpermission": "unused: restricted-case grants are in "
    "cases_caseuserobjectpermission, which has a policy",
    "guardian_groupobjectpermission": "unused: grants go to users, not groups",
    "axes_accessattempt": "sign-in throttling by account and address",
    "axes_accessattemptexpiration": "sign-in throttling by account and address",
    "axes_accessfailurelog": "sign-in throttling by account and address",
    "axes_accesslog": "sign-in throttling by account and address",
    "account_emailaddress": "a user's own sign-in address",
    "account_emailconfirmation": "a user's own sign-in address",
    "mfa_authenticator": "a user's own second factors (secrets encrypted at rest)",
    "usersessions_usersession": "a user's own sessions",
}

# Tables that reach their partnership through a parent: how to find a row's partnership.
THROUGH_PARENT = {
    "cases_membershiprole": "(SELECT m.partnership_id FROM cases_membership m "
    "WHERE m.id = t.membership_id)",
    "cases_case_agencies": "(SELECT c.partnership_id FROM cases_case c WHERE c.id = t.case_id)",
}
# cases_caseuserobjectpermission has its own partnership_id (always its case's: the trigger of
# cases/migrations/0021, tests/cases/test_case_grants.py), so it is tested by that column.


def _tables_with_partnership_column() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND column_name = 'partnership_id' ORDER BY table_name"
        )
        return [row[0] for row in cursor.fetchall()]


def _all_tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        return [row[0] for row in cursor.fetchall()]


def _tenant_tables() -> dict[str, str]:
    """Every tenant table -> the SQL for a row's partnership (t is the table's alias)."""
    tables = dict.fromkeys(_tables_with_partnership_column(), "t.partnership_id")
    return {**tables, **THROUGH_PARENT}


# --- Coverage by construction: every table is a tenant table with a policy, or global ----------


@pytest.mark.django_db
def test_every_tenant_table_has_an_enabled_and_forced_policy():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
            "EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid "
            "AND p.polname = 'tenant_isolation') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r'"
        )
        state = {name: (enabled, forced, policy) for name, enabled, forced, policy in cursor}
    tenant = _tenant_tables()
    missing = [t for t in tenant if state.get(t) != (True, True, True)]
    assert not missing, (
        f"tenant tables without an enabled, forced tenant_isolation policy: {missing}. "
        "Add cases.rls.enable_rls(...) to the migration that creates them."
    )
    unclassified = sorted(set(_all_tables()) - set(tenant) - set(GLOBAL_TABLES))
    assert not unclassified, (
        f"tables that are neither tenant tables nor listed in GLOBAL_TABLES: {unclassified}. "
        "Give them a partnership_id and a policy, or say here why they are global."
    )


@pytest.mark.django_db
def test_the_application_role_cannot_bypass_or_alter_the_policies():
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
            "AND tableowner = current_user"
        )
        assert cursor.fetchone() == (0,)
    for statement in (
        "ALTER TABLE cases_case DISABLE ROW LEVEL SECURITY",
        "DROP POLICY tenant_isolation ON cases_case",
        "ALTER TABLE cases_case NO FORCE ROW LEVEL SECURITY",
        "SET ROLE prm_owner",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)


# --- Each table, row by row ----------------------------------------------------------------------


@pytest.fixture
def rich_world(world):
    """Both sides with rows in every tenant table, made through the services."""
    for side in (world.alpha, world.beta):
        _fill(side)
    return world


def _fill(side) -> None:
    import datetime

    from cases.audit import access_record
    from cases.models import AccessKind
    from cases.rendered.services import document_request
    from cases.services import cases as case_services
    from referrals.documents import REFERRAL_PDF
    from referrals.selectors import referral_for_print
    from referrals.services import challenges, executive, triage
    from tests.referrals import helpers

    bm, rg, exe = (
        side.members[r] for r in (Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.EXECUTIVE)
    )
    today = helpers.TODAY
    challenge = rw.challenge(side)
    challenges.challenge_step_record(
        actor=bm.user,
        membership=bm,
        challenge=challenge,
        outcome="not_upheld",  # allowed at any step, even a partnership's only one
        notes="Resolved at the first step.",
        held_on=today,
    )
    executive.executive_decision_record(
        actor=exe.user,
        membership=exe,
        referral=helpers.awaiting_executive(side),
        verdict="agree",
        rationale="Criteria met.",
        meeting_date=today,
        attendees="Executives",
    )
    triage.referral_request_information(
        actor=bm.user, membership=bm, referral=helpers.submitted(side), question="Which school?"
    )
    triage.referral_schedule_review_group(
        actor=rg.user,
        membership=rg,
        referral=helpers.submitted(side),
        meeting_date=today + datetime.timedelta(days=7),
    )
    rw.draft(side)
    rw.lookup(side)
    rw.notification_agreement(side)
    rr.a_notification(side)
    rr.a_closure_day(side)
    nr.a_notice(side)  # cases_notice and, with its document, cases_noticedocument
    mr.a_meeting(side)  # cases_meeting, its invitees and its papers
    cr.an_entry(side)  # cases_chronology, its entry and the entry's subject
    so.an_approved_step(side)
    from tests.cases import action_records as ar

    ar.an_update(side)  # cases_actionupdate (and an action with its step on the clock)
    ar.a_plan(side)  # cases_actionplan, in sign-off
    ar.an_impact_statement(side)  # cases_impactstatement
    from tests.notifications import records as nt

    nt.a_notification(side)  # with its child
    nt.a_copy(side)  # a submitted notification and its copies
    nt.a_request(side)
    nt.a_panel_response(side)
    from tests.rapid_reviews import records as rv

    rv.a_review(side)
    rv.a_terms(side)  # the terms of reference and their membership rows
    rv.an_approval(side)
    rv.a_request(side)  # the information requests to the police and the local authority
    rv.an_action_item(side)  # the report, its versions and its action item
    rv.an_outcome(side)
    from tests.lcspr import records as lr

    lr.an_lcspr(side)  # with its target publication date
    lr.a_learning_review(side)
    lr.learning_terms(side)  # lcspr_learningterms, versions 1 and 2
    lr.a_learning_family_member(side)  # a learning review's family engagement rows
    lr.a_briefing(side)
    lr.a_practitioner_session(side)
    lr.a_comms_item(side)
    lr.a_reviewer_candidate(side)  # lcspr_reviewercandidate
    lr.a_report_version(side)  # its legal read, anonymisation check and finding
    lr.a_non_publication(side)
    lr.a_panel_member(side)  # lcspr_panelmember
    lr.panel_terms(side)  # lcspr_panelterms
    lr.a_family_member(side)  # engagement, member, contact log entry, embargoed copy
    lr.a_disclosure_request(side)  # lcspr_parallelprocess and lcspr_disclosurerequest
    from cases.services.document_templates import document_template_save

    document_template_save(  # cases_documenttemplate
        actor=bm.user, membership=bm, key="family_letter", title="Letter", body="Dear $date"
    )
    case_services.case_set_restricted(
        actor=bm.user, membership=bm, case=side.case, is_restricted=True
    )
    access_record(
        user=bm.user,
        case=side.case,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr="the case page",
    )
    document_request(REFERRAL_PDF, referral_for_print(helpers.submitted(side).pk))


def _rows(table: str, partnership_sql: str) -> list[tuple[int, int | None]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT t.id, {partnership_sql} FROM {table} t")  # noqa: S608
        return cursor.fetchall()


def _without_test_bypass():
    return connection.cursor().execute(f"SET LOCAL {BYPASS_GUC} = 'off'")


@pytest.mark.django_db
def test_the_world_has_rows_of_both_partnerships_in_every_tenant_table(rich_world):
    """Guards the per-table tests below against passing on empty tables."""
    ids = {rich_world.alpha.partnership.pk, rich_world.beta.partnership.pk}
    empty = [
        table
        for table, expr in _tenant_tables().items()
        if {p for _, p in _rows(table, expr)} & ids != ids
    ]
    assert not empty, f"tables with no row of one side: {empty}"


@pytest.mark.django_db
def test_inside_a_scope_a_raw_select_returns_only_that_partnership(rich_world):
    alpha, beta = rich_world.alpha.partnership.pk, rich_world.beta.partnership.pk
    wrong = []
    for table, expr in _tenant_tables().items():
        everything = _rows(table, expr)  # the test's own view: every partnership
        for mine in (alpha, beta):
            with partnership_scope(mine):
                seen = _rows(table, expr)
            if sorted(seen) != sorted(r for r in everything if r[1] == mine):
                wrong.append(table)
                break
    assert not wrong, f"a partnership's scope showed other rows (or not its own) in: {wrong}"


@pytest.mark.django_db
def test_with_no_scope_a_raw_select_returns_no_partnerships_rows(rich_world):
    _without_test_bypass()
    wrong = [
        table
        for table, expr in _tenant_tables().items()
        if [r for r in _rows(table, expr) if r[1] is not None]
    ]
    assert not wrong, f"rows of a partnership shown without a scope in: {wrong}"


@pytest.mark.django_db
def test_a_scope_cannot_write_another_partnerships_rows(rich_world):
    alpha, beta = rich_world.alpha, rich_world.beta
    with partnership_scope(alpha.partnership), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_case SET title = 'changed' WHERE partnership_id = %s",
            [beta.partnership.pk],
        )
        assert cursor.rowcount == 0
        cursor.execute(
            "DELETE FROM cases_casenote WHERE partnership_id = %s", [beta.partnership.pk]
        )
        assert cursor.rowcount == 0
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            cursor.execute(
                "UPDATE cases_case SET partnership_id = %s WHERE id = %s",
                [beta.partnership.pk, alpha.case.pk],
            )
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            cursor.execute(
                "INSERT INTO cases_casereferencecounter (partnership_id, year, last_number) "
                "VALUES (%s, 2099, 1)",
                [beta.partnership.pk],
            )


@pytest.fixture
def member_of_both(world):
    """Alpha's SLO, also a member of Beta (through Beta's police)."""
    from tests.factories import make_member

    alpha = world.alpha.members[Role.SLO]
    beta = make_member(
        world.beta.partnership, Role.SLO, agency=world.beta.agencies["police"], user=alpha.user
    )
    return alpha, beta


@pytest.mark.django_db
def test_a_user_sees_their_own_memberships_outside_any_partnership_and_no_one_elses(
    world, member_of_both
):
    from cases.models import Membership
    from cases.tenancy import memberships_of

    alpha, beta = member_of_both
    _without_test_bypass()
    with partnership_scope(world.alpha.partnership):
        # The header inside Alpha still lists both of the user's partnerships...
        assert sorted(m.pk for m in memberships_of(alpha.user)) == sorted([alpha.pk, beta.pk])
        # ...but Alpha's own pages see only Alpha's memberships, whoever is signed in.
        seen = set(Membership.objects.values_list("partnership_id", flat=True))
        assert seen == {world.alpha.partnership.pk}
    with user_scope(alpha.user), connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT partnership_id FROM cases_membership ORDER BY 1")
        assert [r[0] for r in cursor.fetchall()] == sorted(
            [world.alpha.partnership.pk, world.beta.partnership.pk]
        )
        cursor.execute("SELECT id FROM cases_agency ORDER BY id")
        assert [r[0] for r in cursor.fetchall()] == sorted(
            [world.alpha.agencies["police"].pk, world.beta.agencies["police"].pk]
        )  # the agencies of their own memberships, no other


@pytest.mark.django_db
def test_a_user_cannot_change_their_memberships_elsewhere_from_a_partnerships_scope(
    world, member_of_both
):
    alpha, beta = member_of_both
    with user_scope(alpha.user), connection.cursor() as cursor:
        # Visible, from no partnership, but not writable: writes need the partnership's scope.
        cursor.execute("DELETE FROM cases_membership WHERE id = %s", [beta.pk])
        assert cursor.rowcount == 0
        cursor.execute("DELETE FROM cases_membershiprole WHERE membership_id = %s", [beta.pk])
        assert cursor.rowcount == 0
    with partnership_scope(world.alpha.partnership), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_membership SET is_active = false WHERE id = %s", [beta.pk])
        assert cursor.rowcount == 0
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            cursor.execute(
                "INSERT INTO cases_membershiprole (membership_id, role) "
                "VALUES (%s, 'business_manager')",
                [beta.pk],
            )
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            cursor.execute(
                "INSERT INTO cases_case_agencies (case_id, agency_id) VALUES (%s, %s)",
                [world.alpha.case.pk, world.beta.agencies["la"].pk],
            )


@pytest.mark.django_db
def test_account_emails_are_visible_to_the_email_path_only(world):
    """Outbox rows of no partnership carry account e-mails, password-reset links among them."""
    from django.utils import timezone

    from cases.emails import email_enqueue
    from cases.tenancy import outbox_scope

    _without_test_bypass()
    queued = email_enqueue(
        key="account:test",
        to="someone@example.test",
        template="reminder_digest",
        context={"partnership_name": "-", "today": timezone.localdate(), "items": []},
    )
    assert queued is not None

    def visible() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM cases_outboundemail WHERE partnership_id IS NULL")
            return cursor.fetchone()[0]

    assert visible() == 0  # no scope: an account page, the invitation look-up
    with user_scope(world.alpha.user(Role.BUSINESS_MANAGER)):
        assert visible() == 0
    with partnership_scope(world.alpha.partnership):
        assert visible() == 0
    with outbox_scope():
        assert visible() == 1


# --- Audit rows: insert and read only -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("table", ["cases_auditevent", "cases_accesslogentry"])
@pytest.mark.parametrize(
    "statement",
    ["UPDATE {t} SET created_at = now()", "DELETE FROM {t}", "TRUNCATE {t} CASCADE"],
)
def test_audit_rows_cannot_be_changed_or_removed(world, table, statement):
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
        connection.cursor().execute(statement.format(t=table))


# --- The scope never outlives its block -----------------------------------------------------------


def _settings() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('app.partnership_id', true), "
            "current_setting('app.user_id', true), current_setting('app.invitation', true)"
        )
        return tuple(v or "" for v in cursor.fetchone())


@pytest.mark.django_db
def test_a_scope_is_reset_after_its_block_even_when_it_fails(world):
    assert _settings() == ("", "", "")
    with pytest.raises(RuntimeError), partnership_scope(world.alpha.partnership):
        assert _settings()[0] == str(world.alpha.partnership.pk)
        raise RuntimeError
    assert _settings() == ("", "", "")
    with partnership_scope(world.alpha.partnership):
        with partnership_scope(world.beta.partnership):
            assert _settings()[0] == str(world.beta.partnership.pk)
        assert _settings()[0] == str(world.alpha.partnership.pk)
    assert _settings() == ("", "", "")


@pytest.mark.django_db
def test_two_requests_of_two_partnerships_on_one_persistent_connection(world, client_for, settings):
    from django.urls import reverse

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 600
    connection.ensure_connection()
    raw = connection.connection
    for side, other in ((world.alpha, world.beta), (world.beta, world.alpha)):
        client = client_for(side.user(Role.BUSINESS_MANAGER))
        response = client.get(reverse("cases:case_list", args=[side.partnership.slug]))
        assert response.status_code == 200
        assert side.case.reference in response.content.decode()
        assert other.case.reference not in response.content.decode()
        assert connection.connection is raw  # the same connection served both
        assert _settings() == ("", "", "")
