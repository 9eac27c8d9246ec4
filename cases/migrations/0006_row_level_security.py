"""Row-level security on every cases table that holds one partnership's data (ADR 0009).

Policy texts are written out here, not imported, so that this migration never changes."""

from django.db import migrations

from cases.rls import PostgresOnlySQL, enable_rls

# The scope of the database session, as cases.rls.db_scope sets it; unset is NULL.
FUNCTIONS = """
CREATE FUNCTION prm_partnership_id() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.partnership_id', true), '')::bigint $$;
CREATE FUNCTION prm_user_id() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '')::bigint $$;
CREATE FUNCTION prm_invitation() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.invitation', true), '') $$;
CREATE FUNCTION prm_outbox() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('app.outbox', true), '') = 'on' $$;
"""
FUNCTIONS_REVERSE = """
DROP FUNCTION prm_partnership_id();
DROP FUNCTION prm_user_id();
DROP FUNCTION prm_invitation();
DROP FUNCTION prm_outbox();
"""
TENANT = "partnership_id = prm_partnership_id()"
NO_PARTNERSHIP = "prm_partnership_id() IS NULL"
TENANT_OR_GLOBAL = (
    "partnership_id = prm_partnership_id() "
    "OR (partnership_id IS NULL AND prm_partnership_id() IS NULL)"
)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_deadline_rule_text_unbounded")]

    operations = [
        PostgresOnlySQL(FUNCTIONS, FUNCTIONS_REVERSE),
        *(
            enable_rls(table, TENANT)
            for table in (
                "cases_closureday",
                "cases_case",
                "cases_casereferencecounter",
                "cases_subject",
                "cases_casenote",
                "cases_attachment",
                "cases_deadline",
                "cases_notification",
            )
        ),
        # Audit rows and the outbox may belong to no partnership (account events and e-mails).
        enable_rls("cases_auditevent", TENANT_OR_GLOBAL),
        enable_rls("cases_accesslogentry", TENANT),
        # Outbox rows of no partnership hold account e-mails (password-reset links among
        # them): only the e-mail path itself (app.outbox) reads or writes them.
        enable_rls("cases_outboundemail", f"({TENANT_OR_GLOBAL}) AND (partnership_id IS NOT NULL OR prm_outbox())"),
        # Outside every partnership scope (the chooser, the header) a user reads their own
        # memberships and those memberships' agencies; writes stay inside the partnership.
        enable_rls(
            "cases_membership", TENANT, f"{NO_PARTNERSHIP} AND user_id = prm_user_id()"
        ),
        enable_rls(
            "cases_agency",
            TENANT,
            f"{NO_PARTNERSHIP} AND id IN (SELECT agency_id FROM cases_membership "
            "WHERE user_id = prm_user_id())",
        ),
        # Accepting an invitation happens before any partnership is chosen: the token is the key.
        enable_rls("cases_invitation", TENANT, f"{NO_PARTNERSHIP} AND token_hash = prm_invitation()"),
        # Tables that reach their partnership through a parent: the parent's policy decides
        # what is read; writes need a parent (and, for links, both ends) in the partnership.
        enable_rls(
            "cases_membershiprole",
            "membership_id IN (SELECT id FROM cases_membership "
            "WHERE partnership_id = prm_partnership_id())",
            "membership_id IN (SELECT id FROM cases_membership)",
        ),
        enable_rls(
            "cases_case_agencies",
            "case_id IN (SELECT id FROM cases_case) AND agency_id IN "
            "(SELECT id FROM cases_agency WHERE partnership_id = prm_partnership_id())",
        ),
        enable_rls(
            "cases_caseuserobjectpermission", "content_object_id IN (SELECT id FROM cases_case)"
        ),
    ]
