"""Restricted-case grants carry their case's partnership, and their row-level security policy
tests that column instead of re-reading the partnership's cases (ADR 0009).

The policy of 0006 (`content_object_id IN (SELECT id FROM cases_case)`) ran cases_case's own
policy over all the partnership's cases for every visible-cases subquery (2-3 ms each at
national scale, several per page), and under it the planner expected 3 visible cases instead of
thousands. The column is kept equal to the case's partnership by a trigger on every insert and
update, whatever the write path (guardian's assign_perm, bulk_assign_perm, bulk_create): it fills
a missing value from the case and refuses a different one. The trigger reads cases_case as the
writing role, so under row-level security a grant on a case outside the scope is refused too.

Policy and trigger texts are written out here, not imported, so that this migration never
changes.
"""

import django.db.models.deletion
from django.db import migrations, models

from cases.rls import PostgresOnlySQL

# Portable (SQLite, the embedded demo, has no trigger): run by the owner, who bypasses RLS.
BACKFILL = """
UPDATE cases_caseuserobjectpermission SET partnership_id = (
    SELECT c.partnership_id FROM cases_case c
    WHERE c.id = cases_caseuserobjectpermission.content_object_id
)
"""

# The backfill's deferred foreign-key checks must run before the ALTER TABLE that follows.
IMMEDIATE = "SET CONSTRAINTS ALL IMMEDIATE"

TRIGGER = """
CREATE FUNCTION prm_case_grant_partnership() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    case_partnership bigint;
BEGIN
    SELECT c.partnership_id INTO case_partnership FROM cases_case c
    WHERE c.id = NEW.content_object_id;
    IF case_partnership IS NULL THEN
        RAISE EXCEPTION 'A grant''s case % does not exist in this partnership',
            NEW.content_object_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF NEW.partnership_id IS NULL THEN
        NEW.partnership_id := case_partnership;
    ELSIF NEW.partnership_id <> case_partnership THEN
        RAISE EXCEPTION 'A grant''s partnership (%) must be its case''s (%)',
            NEW.partnership_id, case_partnership USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER case_grant_partnership
    BEFORE INSERT OR UPDATE OF content_object_id, partnership_id
    ON cases_caseuserobjectpermission
    FOR EACH ROW EXECUTE FUNCTION prm_case_grant_partnership();
"""
TRIGGER_REVERSE = """
DROP TRIGGER case_grant_partnership ON cases_caseuserobjectpermission;
DROP FUNCTION prm_case_grant_partnership();
"""

POLICY = """
DROP POLICY tenant_isolation ON cases_caseuserobjectpermission;
CREATE POLICY tenant_isolation ON cases_caseuserobjectpermission
    USING (partnership_id = prm_partnership_id())
    WITH CHECK (partnership_id = prm_partnership_id());
"""
POLICY_REVERSE = """
DROP POLICY tenant_isolation ON cases_caseuserobjectpermission;
CREATE POLICY tenant_isolation ON cases_caseuserobjectpermission
    USING (content_object_id IN (SELECT id FROM cases_case))
    WITH CHECK (content_object_id IN (SELECT id FROM cases_case));
"""


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("cases", "0022_action_plan_sign_off"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseuserobjectpermission",
            name="partnership",
            field=models.ForeignKey(
                null=True,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.partnership",
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        PostgresOnlySQL(IMMEDIATE, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="caseuserobjectpermission",
            name="partnership",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.partnership",
            ),
        ),
        migrations.AddIndex(
            model_name="caseuserobjectpermission",
            index=models.Index(
                fields=["partnership", "user", "permission"], name="case_grant_partnership_user"
            ),
        ),
        PostgresOnlySQL(TRIGGER, TRIGGER_REVERSE),
        PostgresOnlySQL(POLICY, POLICY_REVERSE),
    ]
