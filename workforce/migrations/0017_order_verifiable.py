"""HR orders move onto ``core.VerifiableDocument`` (step 1 of 3): the link, and the old code column
made nullable so that it can be dropped, and restored on the way back."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_platform"),
        ("workforce", "0016_hrorder_basis"),
    ]

    operations = [
        migrations.AddField(
            model_name="hrorder",
            name="verifiable",
            field=models.OneToOneField(blank=True, editable=False, null=True,
                                       on_delete=django.db.models.deletion.PROTECT, related_name="hr_order",
                                       to="core.verifiabledocument", verbose_name="verifiable document"),
        ),
        migrations.AlterField(
            model_name="hrorder",
            name="verification_code",
            field=models.CharField(blank=True, editable=False, max_length=32, null=True, unique=True),
        ),
    ]
