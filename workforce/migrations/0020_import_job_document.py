"""Import files move into ``core.documents`` (step 1 of 3): the job's link to its stored document.
The old file column may be empty from now on (so it can come back on the way back)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_platform"),
        ("workforce", "0019_remove_hrorder_verification_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="importjob",
            name="document",
            field=models.ForeignKey(blank=True, editable=False, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                    to="core.storeddocument", verbose_name="file"),
        ),
        migrations.AlterField(
            model_name="importjob",
            name="file",
            field=models.FileField(blank=True, upload_to="imports/%Y/%m/", verbose_name="file"),
        ),
    ]
