"""The database's line of tenant isolation: PostgreSQL row-level security (ADR 0009).

django-scopes (cases.tenancy) makes a query without a partnership scope raise. This module makes
PostgreSQL itself refuse another partnership's rows, whatever the SQL: every tenant table has a
forced policy keyed by settings of the database session, set only by ``db_scope`` below, which
``cases.tenancy.partnership_scope`` and ``user_scope`` call, so the two lines cannot disagree.

- ``app.partnership_id``: the partnership of the request or task (``prm_partnership_id()``).
- ``app.user_id``: the signed-in user, for the one cross-partnership read a user may make: their
  own memberships (and those memberships' partnerships and agencies) for the chooser and header.
- ``app.invitation``: the hash of an invitation token being accepted: the token is the key.
- ``app.outbox``: "on" in the one e-mail path (cases.emails) only: outbox rows of no
  partnership (account e-mails, password-reset links among them) are visible to nothing else.

Unset, each is NULL and the policies match no tenant row. Migrations add a table's policy with
``enable_rls`` (see cases/migrations/0006_row_level_security.py); tests/test_row_level_security.py
fails for a table with a ``partnership_id`` column and no forced policy. On SQLite (the embedded
demo) all of this is skipped.
"""

import contextvars
import logging
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection, migrations
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.dispatch import receiver

log = logging.getLogger(__name__)

GUCS = ("app.partnership_id", "app.user_id", "app.invitation", "app.outbox")
_UNSET = (None, None, None, None)
_current: contextvars.ContextVar[tuple] = contextvars.ContextVar("prm_db_scope", default=_UNSET)
KEEP = object()

POLICY = "tenant_isolation"
READ_POLICY = "tenant_read"
APPEND_ONLY_TABLES = ("cases_auditevent", "cases_accesslogentry")


class PostgresOnlySQL(migrations.RunSQL):
    """RunSQL that does nothing on SQLite (the embedded demo has no row-level security)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def enable_rls(table: str, write: str, read: str | None = None) -> PostgresOnlySQL:
    """The migration operation for one tenant table: RLS enabled and forced (the owner is held
    to it too); ``tenant_isolation`` limits every command, reads and writes, to ``write``;
    ``read``, where given, lets SELECT see more (``tenant_read``: a user's own memberships from
    no scope, an invitation to its token's holder), never INSERT, UPDATE or DELETE."""
    forward = (
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;"
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY;"
        f"CREATE POLICY {POLICY} ON {table} USING ({write}) WITH CHECK ({write});"
    )
    backward = f"DROP POLICY IF EXISTS {POLICY} ON {table};"
    if read:
        forward += f"CREATE POLICY {READ_POLICY} ON {table} FOR SELECT USING ({read});"
        backward += f"DROP POLICY IF EXISTS {READ_POLICY} ON {table};"
    backward += (
        f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;"
        f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;"
    )
    return PostgresOnlySQL(forward, backward)


# --- Setting the scope on the connection --------------------------------------------------------


def _apply(values: tuple, conn=connection) -> None:
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"set_config('{g}', %s, false)" for g in GUCS),
            ["" if v is None else str(v) for v in values],
        )


@contextmanager
def db_scope(*, partnership_id=KEEP, user_id=KEEP, invitation=KEEP, outbox=KEEP):
    """Set the database session's scope for the block, and put the previous one back after.

    Nested scopes keep what they do not name. Session-level settings (not SET LOCAL): a request
    or task may span several transactions. They cannot outlive the block on a pooled or
    persistent connection: the previous values are restored on exit; if the block's own
    transaction failed, its rollback undoes the setting (PostgreSQL reverts SET with the
    transaction it ran in); a connection that cannot be reset is closed.
    """
    previous = _current.get()
    wanted = tuple(
        old if new is KEEP else new
        for old, new in zip(previous, (partnership_id, user_id, invitation, outbox), strict=True)
    )
    if wanted == previous or connection.vendor != "postgresql":
        token = _current.set(wanted)
        try:
            yield
        finally:
            _current.reset(token)
        return
    _apply(wanted)
    token = _current.set(wanted)
    try:
        yield
    finally:
        _current.reset(token)
        _restore(previous)


def _restore(previous: tuple) -> None:
    if connection.connection is None:
        return  # closed inside the block: the next connection starts unset (connection_created)
    if connection.in_atomic_block and connection.needs_rollback:
        return  # the failed transaction's rollback reverts the setting
    try:
        _apply(previous)
    except BaseException as exc:
        # Whatever stopped the reset (a broken connection, a time limit's signal), the
        # connection must not go on with this scope's settings.
        if isinstance(exc, DatabaseError) and connection.in_atomic_block:
            return  # a broken transaction: its rollback reverts the setting
        log.warning("Closing a connection whose tenant scope could not be reset")
        connection.close()
        if not isinstance(exc, DatabaseError):
            raise


@receiver(connection_created)
def _scope_new_connection(sender, connection, **kwargs):
    """A connection opened inside a scope (a reconnect) gets that scope; otherwise none."""
    values = _current.get()
    if connection.vendor == "postgresql" and values != _UNSET and connection.alias == "default":
        _apply(values, connection)


# --- Privileges of the application role (granted by the owner after every migrate) --------------


def grant_application_role(using: str = "default") -> None:
    """The application role may read and write tenant tables (RLS decides which rows), only read
    and insert audit rows, only read the migrations table, and own nothing."""
    from django.db import connections

    role = settings.DATABASE_APP_ROLE
    conn = connections[using]
    if not role or conn.vendor != "postgresql":
        return
    quoted = conn.ops.quote_name(role)
    audit = ", ".join(APPEND_ONLY_TABLES)
    # A quoted role name from settings and fixed table names: no user input.
    statements = (
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {audit} FROM {quoted}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON django_migrations FROM {quoted}",
    )
    with conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@receiver(post_migrate)
def _grant_after_migrate(sender, using="default", **kwargs):
    if sender.label == "cases":
        grant_application_role(using)
