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
"""
FUNCTIONS_REVERSE = """
DROP FUNCTION prm_partnership_id();
DROP FUNCTION prm_user_id();
DROP FUNCTION prm_invitation();
"""
TENANT = "partnership_id = prm_partnership_id()"
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
        enable_rls("cases_outboundemail", TENANT_OR_GLOBAL),
        # A user reads their own memberships, and those memberships' agencies, from any scope
        # (the partnership chooser, the header); writes stay inside the partnership.
        enable_rls("cases_membership", f"{TENANT} OR user_id = prm_user_id()", TENANT),
        enable_rls(
            "cases_agency",
            f"{TENANT} OR id IN (SELECT agency_id FROM cases_membership "
            "WHERE user_id = prm_user_id())",
            TENANT,
        ),
        # Accepting an invitation happens before any partnership is chosen: the token is the key.
        enable_rls("cases_invitation", f"{TENANT} OR token_hash = prm_invitation()", TENANT),
        # Tables that reach their partnership through a parent: the parent's policy decides.
        enable_rls("cases_membershiprole", "membership_id IN (SELECT id FROM cases_membership)"),
        enable_rls("cases_case_agencies", "case_id IN (SELECT id FROM cases_case)"),
        enable_rls(
            "cases_caseuserobjectpermission", "content_object_id IN (SELECT id FROM cases_case)"
        ),
    ]
