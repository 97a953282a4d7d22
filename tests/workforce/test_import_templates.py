"""A demo HR officer downloads a template and imports it as it is: its example rows name codes of
the demo data (``workforce.resources`` examples, ``workforce.demo.templates``)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from tests.workforce.import_factories import upload
from workforce.models import Employee, ImportJob, ImportStatus, Organization, StaffPosition
from workforce.resources import TEMPLATE_ORGANIZATION, TEMPLATE_STAFF_POSITION


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_every_template_imports_into_the_demo_data_as_downloaded(client, language,
                                                                 django_capture_on_commit_callbacks):
    call_command("seed_demo", "--employees", "300", "--seed", "7", stdout=io.StringIO())
    assert StaffPosition.objects.filter(organization__code=TEMPLATE_ORGANIZATION,
                                        code=TEMPLATE_STAFF_POSITION).exists()
    client.force_login(get_user_model().objects.get(username="hr.minfin"))
    client.cookies["hr_language"] = language
    for kind in ("organizations", "staff_positions", "employees"):
        response = client.get(reverse("workforce:import_template", args=[kind]))
        content = b"".join(response.streaming_content)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("workforce:import_upload"),
                        {"kind": kind, "file": upload(content, f"{kind}-template.xlsx")})
        job = ImportJob.objects.latest("pk")
        assert job.status == ImportStatus.VALIDATED, (kind, job.errors)
        assert job.warnings == [], (kind, job.warnings)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("workforce:import_job_start", args=[job.pk]))
        job.refresh_from_db()
        assert job.status == ImportStatus.DONE and job.created_count == 1, (kind, job.errors)
    employee = Employee.objects.get(pinfl="40712966350029")
    assert (employee.organization.code, employee.staff_position.code) == (TEMPLATE_ORGANIZATION,
                                                                          TEMPLATE_STAFF_POSITION)
    assert Organization.objects.get(code=f"{TEMPLATE_ORGANIZATION}-AT").parent.code == TEMPLATE_ORGANIZATION


@pytest.mark.django_db
def test_the_template_line_is_seeded_once(django_capture_on_commit_callbacks):
    for _ in range(2):
        call_command("seed_demo", "--employees", "50", "--seed", "7", stdout=io.StringIO())
    assert StaffPosition.objects.filter(code=TEMPLATE_STAFF_POSITION).count() == 1
