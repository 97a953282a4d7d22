"""Keyword search of the public portal over folded text: a trigram GIN index on PostgreSQL. Other
databases (the embedded SQLite default) skip this migration's SQL and scan instead."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS vac_search_trgm ON vacancies_vacancy USING gin (search_text gin_trgm_ops) "
        "WHERE status = 'published'"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS vac_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
