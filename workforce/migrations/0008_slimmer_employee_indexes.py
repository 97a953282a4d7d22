"""Fewer indexes on the employee table: every one costs each imported row.

The two list indexes of 0006 supersede (organisation, name) and (name); the organisation FK index
is their prefix; PINFL and passport are matched exactly, so the LIKE twins Django adds for
unique/db_index CharFields go; nothing lists records by creation time."""

import django.db.models.deletion
import workforce.validators
from django.conf import settings
from django.db import migrations, models


LIST_COLUMNS = ("sex", "birth_date", "status", "education_level", "hired_on", "civil_service_start", "staff_position",
                "qualification_rank", "search_text")
LIST_INDEXES = [
    models.Index(fields=["organization", "last_name", "first_name", "id"], include=LIST_COLUMNS,
                 name="wf_emp_org_list_idx"),
    models.Index(fields=["last_name", "first_name", "id"], include=("organization", *LIST_COLUMNS),
                 name="wf_emp_name_list_idx"),
    models.Index(fields=["status", "organization"], name="wf_emp_status_idx"),
    models.Index(fields=["education_level", "organization"], name="wf_emp_education_idx"),
    models.Index(fields=["civil_service_start"], name="wf_emp_service_start_idx"),
]


def create_missing_indexes(apps, schema_editor):
    Employee = apps.get_model("workforce", "Employee")
    with schema_editor.connection.cursor() as cursor:
        existing = schema_editor.connection.introspection.get_constraints(cursor, Employee._meta.db_table)
    for index in LIST_INDEXES:
        if index.name not in existing:
            schema_editor.add_index(Employee, index)


class Migration(migrations.Migration):

    dependencies = [
        ('workforce', '0007_order_number_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='employee',
            name='wf_emp_org_name_idx',
        ),
        migrations.RemoveIndex(
            model_name='employee',
            name='wf_emp_name_idx',
        ),
        migrations.AlterField(
            model_name='assignment',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='education',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='employee',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='employee',
            name='organization',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='employees', to='workforce.organization', verbose_name='organisation'),
        ),
        migrations.AlterField(
            model_name='employee',
            name='passport',
            field=models.CharField(blank=True, default='', help_text='2 letters and 7 digits, e.g. AA1234567.', max_length=9, validators=[workforce.validators.validate_passport], verbose_name='passport'),
        ),
        migrations.AlterField(
            model_name='employee',
            name='pinfl',
            field=models.CharField(help_text='14 digits (JShShIR); never changes.', max_length=14, validators=[workforce.validators.validate_pinfl], verbose_name='PINFL'),
        ),
        migrations.AlterField(
            model_name='employeecircumstance',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicalassignment',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicaleducation',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicalemployee',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicalemployee',
            name='passport',
            field=models.CharField(blank=True, default='', help_text='2 letters and 7 digits, e.g. AA1234567.', max_length=9, validators=[workforce.validators.validate_passport], verbose_name='passport'),
        ),
        migrations.AlterField(
            model_name='historicalemployee',
            name='pinfl',
            field=models.CharField(help_text='14 digits (JShShIR); never changes.', max_length=14, validators=[workforce.validators.validate_pinfl], verbose_name='PINFL'),
        ),
        migrations.AlterField(
            model_name='historicalemployeecircumstance',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicalorganization',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicalregisterposition',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicalreserveentry',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicalrolegrant',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicalsanction',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='historicalstaffposition',
            name='created_at',
            field=models.DateTimeField(blank=True, editable=False, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='hrorder',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='registerposition',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='reserveentry',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='rolegrant',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='sanction',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='staffposition',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created at'),
        ),
        # 0006 created these with raw SQL on PostgreSQL (the service-start one everywhere); the model
        # now declares them, so only the missing ones are created (on SQLite, without INCLUDE).
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="employee", index=index) for index in LIST_INDEXES],
            database_operations=[migrations.RunPython(create_missing_indexes, migrations.RunPython.noop)],
        ),
        migrations.AddIndex(
            model_name='employee',
            index=models.Index(fields=['passport'], name='wf_emp_passport_idx'),
        ),
        migrations.AddConstraint(
            model_name='employee',
            constraint=models.UniqueConstraint(fields=('pinfl',), name='wf_emp_pinfl_uniq'),
        ),
    ]
