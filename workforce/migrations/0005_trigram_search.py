"""Substring search over a million names needs trigram GIN indexes on PostgreSQL. Other
databases (the embedded SQLite default) skip this migration's SQL and scan instead."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS wf_emp_search_trgm ON workforce_employee USING gin (search_text gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS wf_org_search_trgm ON workforce_organization USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS wf_emp_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS wf_org_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("workforce", "0004_reference_data")]
    operations = [migrations.RunPython(forwards, backwards)]
