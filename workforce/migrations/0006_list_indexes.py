"""Indexes for the employee list over a million rows (see bench/employee_list.py).

PostgreSQL only (covering indexes with INCLUDE columns); other databases skip them, except the plain
index for sorting by the civil-service start date.

- ``wf_emp_org_list_idx``: an HR officer's list. The organisation comes first, so the employees of a
  ministry's subtree are a few ranges of one index; the name follows (sorted pages of one
  organisation), and the filter columns (search text too) are included, so counting and filtering
  read the index alone (an index-only scan) instead of every employee row of the ministry.
- ``wf_emp_name_list_idx``: the national list in name order, with the filter columns included so
  that walking it in name order tests filters without visiting the table.
- No btree on ``search_text`` for prefixes: a one- or two-letter search word matches the start of any
  name word (``LIKE 'ka%' OR LIKE '% ka%'``), which the trigram index of 0005 serves (word starts are
  padded trigrams); a btree would serve only the first word (the last name).
- ``wf_emp_status_idx``, ``wf_emp_education_idx``: the rare values (on leave, dismissed, PhD, DSc) as
  short index ranges, with the organisation for the HR officer's scope, so their counts are
  index-only.
- ``wf_emp_service_start_idx``: sorting by civil-service start date.
"""

from django.db import migrations

FILTER_COLUMNS = "sex, birth_date, status, education_level, hired_on, civil_service_start, staff_position_id, " \
    "qualification_rank_id, search_text"

POSTGRESQL_INDEXES = {
    "wf_emp_org_list_idx":
        f"ON workforce_employee (organization_id, last_name, first_name, id) INCLUDE ({FILTER_COLUMNS})",
    "wf_emp_name_list_idx":
        f"ON workforce_employee (last_name, first_name, id) INCLUDE (organization_id, {FILTER_COLUMNS})",
    "wf_emp_status_idx": "ON workforce_employee (status, organization_id)",
    "wf_emp_education_idx": "ON workforce_employee (education_level, organization_id)",
}
PORTABLE_INDEXES = {
    "wf_emp_service_start_idx": "ON workforce_employee (civil_service_start)",
}


def forwards(apps, schema_editor):
    indexes = dict(PORTABLE_INDEXES)
    if schema_editor.connection.vendor == "postgresql":
        indexes.update(POSTGRESQL_INDEXES)
    for name, definition in indexes.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def backwards(apps, schema_editor):
    names = list(PORTABLE_INDEXES)
    if schema_editor.connection.vendor == "postgresql":
        names += list(POSTGRESQL_INDEXES)
    for name in names:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("workforce", "0005_trigram_search")]
    operations = [migrations.RunPython(forwards, backwards)]
