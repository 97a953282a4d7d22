"""HR orders move onto ``core.VerifiableDocument`` (step 3 of 3): the codes now live on the
documents, so the order's own column goes (it comes back, nullable, on the way back)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workforce", "0018_orders_onto_verifiable_documents")]
    operations = [migrations.RemoveField(model_name="hrorder", name="verification_code")]
