import pytest
from django.urls import reverse

from core.notifications import notify


@pytest.mark.django_db
def test_platform_records_are_read_only_in_the_admin(client, admin_user):
    notify([admin_user], "core.export_ready", {"rows": 3, "export": "workforce.employees", "job_id": 1})
    client.force_login(admin_user)
    for model in ("notification", "notificationpreference", "storeddocument", "verifiabledocument", "exportjob"):
        assert client.get(reverse(f"admin:core_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:core_{model}_add")).status_code == 403, model
