"""Import files move into ``core.documents`` (step 3 of 3): the public-media file column goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workforce", "0021_import_files_into_documents")]
    operations = [migrations.RemoveField(model_name="importjob", name="file")]
