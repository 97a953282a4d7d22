"""Two dated policy parameters of the rule book: the minimum age for entering the civil service and
the minimum time in a qualification rank before the next one."""

import datetime
from decimal import Decimal

from django.db import migrations, models

POLICY = [
    ("minimum_hire_age", Decimal(18), "Minimum age for entering the civil service"),
    ("rank_minimum_months", Decimal(12), "Minimum time in a qualification rank before the next step"),
]


def create(apps, schema_editor):
    Policy = apps.get_model("workforce", "PolicyParameter")
    for key, value, note in POLICY:
        Policy.objects.get_or_create(key=key, effective_from=datetime.date(2022, 11, 8),
                                     defaults={"value": value, "note": note})


class Migration(migrations.Migration):

    dependencies = [
        ('workforce', '0011_import_warnings'),
    ]

    operations = [
        migrations.AlterField(
            model_name='policyparameter',
            name='key',
            field=models.CharField(choices=[('pension_age_male', 'Pension age, men (years)'), ('pension_age_female', 'Pension age, women (years)'), ('rotation_pension_window', 'No rotation within this many years of pension age'), ('first_contract_months', 'First-time entrant contract (months)'), ('reserve_term_months', 'Personnel reserve term (months)'), ('sanction_term_months', 'Disciplinary sanction in force (months)'), ('minimum_hire_age', 'Minimum age for entering the civil service (years)'), ('rank_minimum_months', 'Minimum time in a qualification rank before the next (months)')], max_length=40, verbose_name='parameter'),
        ),
        migrations.RunPython(create, migrations.RunPython.noop),
    ]
