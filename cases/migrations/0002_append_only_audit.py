"""PostgreSQL refuses UPDATE and DELETE on the audit trail and access log, whatever the app does.

A second line behind AppendOnlyModel: even raw SQL from the application's role cannot rewrite
history. (SQLite, the embedded demo default, relies on the model layer alone.)
"""

from django.db import migrations

TABLES = ("cases_auditevent", "cases_accesslogentry")

FUNCTION = """
CREATE OR REPLACE FUNCTION prm_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION prm_refuse_change();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
