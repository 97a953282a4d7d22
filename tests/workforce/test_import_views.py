import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from core.documents import document_store
from tests.workforce.import_factories import employee_row, positions, table, upload, xlsx_bytes
from tests.workforce.test_import_upload_checks import BILLION_LAUGHS, good_xlsx, replace_part
from workforce.models import Employee, ImportJob, ImportStatus
from workforce.services.imports import JobProgress

__all__ = ["positions"]


def employees_file(rows, language="uz", keys=None):
    headers, values = table("employees", rows, language, keys)
    return xlsx_bytes(headers, values)


def post_file(client, content, *, name="people.xlsx", kind="employees", skip_invalid=False, capture=None):
    data = {"kind": kind, "file": upload(content, name)}
    if skip_invalid:
        data["skip_invalid"] = "on"
    with capture(execute=True):
        return client.post(reverse("workforce:import_upload"), data)


@pytest.mark.django_db
def test_upload_preview_with_errors_then_fixed_file_then_import(client, positions, hr_a,
                                                                django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    client.cookies["hr_language"] = "en"  # the assertions below read the English messages
    assert client.get(reverse("workforce:import_upload")).status_code == 200

    rows = [employee_row(position="P1"), employee_row(org="B", position="Q1")]
    response = post_file(client, employees_file(rows), capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("workforce:import_job", args=[job.pk])
    assert job.status == ImportStatus.INVALID and job.error_count == 1 and job.created_by == hr_a

    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="error-table"' in page
    assert '<td class="num">3</td>' in page and "<td>Tashkilot kodi</td>" in page and ">B</td>" in page
    assert "No organisation with code “B” among the organisations you manage." in page
    assert 'data-testid="import-confirm"' not in page
    assert Employee.objects.count() == 0

    fixed = employees_file([rows[0], employee_row(position="P2")])
    response = post_file(client, fixed, capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.VALIDATED and job.summary["to_create"] == 2
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-confirm"' in page and 'data-testid="count-to-create">2<' in page
    assert Employee.objects.count() == 0  # checked, not written

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workforce:import_job_start", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.created_count == 2 and job.finished_at
    assert Employee.objects.count() == 2
    assert Employee.history.filter(history_change_reason=f"import #{job.pk}", history_user=hr_a).count() == 2
    page = client.get(reverse("workforce:import_job", args=[job.pk])).content.decode()
    assert 'data-testid="count-created">2<' in page

    with django_capture_on_commit_callbacks(execute=True):  # a second click does not import twice
        client.post(reverse("workforce:import_job_start", args=[job.pk]))
    assert Employee.objects.count() == 2 and Employee.history.count() == 2


@pytest.mark.django_db
def test_skip_invalid_from_the_page(client, positions, hr_a, django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    rows = [employee_row(position="P1"), employee_row(org="B", position="Q1")]
    post_file(client, employees_file(rows), skip_invalid=True, capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.VALIDATED and job.skip_invalid and job.error_count == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workforce:import_job_start", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Employee.objects.count() == 1 and len(job.errors) == 1


@pytest.mark.django_db
def test_another_users_job_is_404_and_an_admin_sees_it(client, positions, hr_a, hr_b, admin_user,
                                                       django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    post_file(client, employees_file([employee_row()]), capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    client.force_login(hr_b)
    for name in ("import_job", "import_job_progress", "import_job_errors"):
        assert client.get(reverse(f"workforce:{name}", args=[job.pk])).status_code == 404
    assert client.post(reverse("workforce:import_job_start", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportStatus.VALIDATED and Employee.objects.count() == 0
    client.force_login(admin_user)
    assert client.get(reverse("workforce:import_job", args=[job.pk])).status_code == 200


@pytest.mark.django_db
def test_reasons_are_shown_in_the_viewers_language(client, positions, hr_a, django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    rows = [employee_row(email="not-an-address"), employee_row(last_name=None)]
    keys = ["pinfl", "last_name", "first_name", "email", "organization_code", "staff_position_code",
            "assignment_start"]
    post_file(client, employees_file(rows, language="ru", keys=keys), capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    url = reverse("workforce:import_job", args=[job.pk])

    client.cookies["hr_language"] = "ru"
    page = client.get(url).content.decode()
    assert "Введите правильный адрес электронной почты." in page
    assert "Обязательное поле." in page
    assert "Enter a valid email address." not in page
    errors_csv = client.get(reverse("workforce:import_job_errors", args=[job.pk])).content.decode("utf-8-sig")
    assert "Обязательное поле." in errors_csv

    client.cookies["hr_language"] = "en"
    page = client.get(url).content.decode()
    assert "Enter a valid email address." in page and "This field is required." in page


@pytest.mark.django_db
def test_the_progress_fragment_polls_until_finished(client, hr_a):
    client.force_login(hr_a)
    job = ImportJob.objects.create(kind="employees", original_name="big.xlsx", created_by=hr_a,
                                   status=ImportStatus.VALIDATING, total_rows=1000)
    job.document = document_store(use="workforce.import_file", file=ContentFile(good_xlsx(), name="big.xlsx"),
                                  uploaded_by=hr_a, owner=job)
    job.save(update_fields=["document"])
    JobProgress(job, ImportStatus.VALIDATING)(0.42, force=True)
    fragment = client.get(reverse("workforce:import_job_progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert '<progress class="progress" max="100" value="42"' in fragment and "420" in fragment

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.VALIDATED, summary={"to_create": 1000})
    fragment = client.get(reverse("workforce:import_job_progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in fragment and 'data-testid="import-confirm"' in fragment


@pytest.mark.django_db
def test_a_refused_upload_is_shown_on_the_form(client, hr_a):
    client.force_login(hr_a)
    bomb = replace_part(good_xlsx(), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    response = client.post(reverse("workforce:import_upload"), {"kind": "employees", "file": upload(bomb, "b.xlsx")})
    assert response.status_code == 400
    assert "DTD" in response.content.decode()
    assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_only_hr_roles_may_import(client, tree):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("workforce:import_upload")).status_code == 403


@pytest.mark.django_db
def test_a_file_damaged_past_the_checked_bytes_is_reported_not_crashed(client, hr_a,
                                                                       django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    client.cookies["hr_language"] = "en"
    sheet = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b"<sheetData>" + b" " * 100_000 + b"<row><c><v>1</v></c></broken>")
    damaged = replace_part(good_xlsx(), "xl/worksheets/sheet1.xml", sheet)
    response = post_file(client, damaged, capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID
    assert [e["code"] for e in job.errors] == ["upload_corrupt"]
    assert "damaged" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_a_file_damaged_in_the_checked_bytes_is_refused_at_upload(client, hr_a):
    client.force_login(hr_a)
    corrupt = replace_part(good_xlsx(), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c>")
    response = client.post(reverse("workforce:import_upload"), {"kind": "employees", "file": upload(corrupt)})
    assert response.status_code == 400 and ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_a_refused_file_says_what_is_wrong_and_shows_no_row_counts(client, positions, hr_a,
                                                                   django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    client.cookies["hr_language"] = "en"
    content = xlsx_bytes(["Familiya", "Ism", "Izoh"], [["Karimova", "Dilnoza", ""]])
    response = post_file(client, content, capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID and job.error_count == 0
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="file-errors"' in page and "The required column “PINFL” is missing." in page
    assert 'data-testid="count-errors"' not in page and "rows have errors" not in page
    assert 'data-testid="error-table"' not in page  # the file's problems are the message itself
    assert "The column “Izoh” is not one the import knows; it was ignored." in page
