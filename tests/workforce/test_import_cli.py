import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.workforce.import_factories import employee_row, positions, write_file, xlsx_bytes
from workforce.models import Employee, Organization, StaffPosition

__all__ = ["positions"]
ROOT = Path(__file__).resolve().parents[2]


def command(name, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_exit_0_when_imported(tmp_path, positions):
    path = write_file(tmp_path, "employees", [employee_row(), employee_row(position="P2")])
    code, out, err = command("import_employees", path, "--language", "en")
    assert code == 0, err
    assert "Imported 2 rows." in out and "new: 2" in out
    assert Employee.objects.count() == 2


@pytest.mark.django_db
def test_exit_1_with_the_report_on_stderr_and_nothing_written(tmp_path, positions):
    bad = employee_row(email="not-an-address")
    path = write_file(tmp_path, "employees", [employee_row(), bad], language="ru")
    code, _out, err = command("import_employees", path, "--language", "en")
    assert code == 1
    assert "row 3, column «Электронная почта», value «not-an-address»: Enter a valid email address. [email_invalid]" in err
    assert "nothing was written" in err
    assert Employee.objects.count() == 0


@pytest.mark.django_db
def test_dry_run(tmp_path, positions):
    path = write_file(tmp_path, "employees", [employee_row()])
    code, out, _err = command("import_employees", path, "--dry-run", "--language", "en")
    assert code == 0 and "Would import" in out and "new: 1" in out
    assert Employee.objects.count() == 0
    bad = write_file(tmp_path, "employees", [employee_row(org="NOWHERE")], name="bad.xlsx")
    code, _out, err = command("import_employees", bad, "--dry-run")
    assert code == 1 and "organization_out_of_scope" in err


@pytest.mark.django_db
def test_skip_invalid(tmp_path, positions):
    path = write_file(tmp_path, "employees", [employee_row(), employee_row(org="NOWHERE")])
    code, out, err = command("import_employees", path, "--skip-invalid", "--language", "en")
    assert code == 0 and "1 invalid rows skipped" in out
    assert "row 3" in err
    assert Employee.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_upload_exits_1(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("not a spreadsheet")
    code, _out, err = command("import_employees", path, "--language", "en")
    assert code == 1 and "This is not a spreadsheet the import reads" in err


@pytest.mark.django_db
def test_organizations_and_staff_positions_commands(tmp_path, tree):
    orgs = write_file(tmp_path, "organizations", [
        {"code": "C", "name_uz": "Vazirlik C", "level": "Galaktika", "region": "1726"},
        {"code": "C-1", "name_uz": "C boshqarmasi", "level": "Hududiy", "parent_code": "C"},
    ])
    code, _out, err = command("import_organizations", orgs)
    assert code == 1 and "choice_invalid" in err
    orgs = write_file(tmp_path, "organizations", [
        {"code": "C", "name_uz": "Vazirlik C", "level": "republican", "region": "Toshkent shahri"},
        {"code": "C-1", "name_uz": "C boshqarmasi", "level": "Территориальный", "parent_code": "C"},
    ], name="orgs2.xlsx")
    code, out, err = command("import_organizations", orgs)
    assert code == 0, err
    child = Organization.objects.get(code="C-1")
    assert child.parent.code == "C" and child.path == f"{child.parent.path}{child.pk}/" and child.depth == 1
    assert child.history.get().path == child.path

    staff = write_file(tmp_path, "staff_positions", [
        {"organization_code": "C-1", "code": "S1", "name_uz": "Bosh mutaxassis", "category": "S-1",
         "rate_units": "2"},
    ])
    code, out, err = command("import_staff_positions", staff, "--language", "en")
    assert code == 0, err
    assert "new: 1" in out
    position = StaffPosition.objects.get(code="S1")
    assert (position.organization, position.group, position.rate_units) == (child, "specialist", 2)


def test_the_real_process_exit_codes(tmp_path):
    """``manage.py import_employees`` as a shell runs it: exit status and stderr."""
    database = tmp_path / "cli.sqlite3"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    env.update(SQLITE_PATH=str(database), DJANGO_SETTINGS_MODULE="config.settings.test")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, capture_output=True)

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx_bytes(["Familiya", "Ism"], [["Karimov", "Aziz"]]))
    done = subprocess.run([*manage, "import_employees", str(bad)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "1-qator" in done.stderr and "header_missing" in done.stderr  # the report is in Uzbek by default

    organizations = tmp_path / "orgs.xlsx"
    organizations.write_bytes(xlsx_bytes(["Kod", "Nomi (oʻzbekcha)", "Darajasi"],
                                         [["Z", "Vazirlik Z", "national"]]))
    done = subprocess.run([*manage, "import_organizations", str(organizations)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 ta qator import qilindi" in done.stdout  # Uzbek unless --language says otherwise
    done = subprocess.run([*manage, "import_organizations", str(organizations), "--dry-run", "--language", "en"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and "unchanged: 1" in done.stdout


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [
    ("uz", ["qator", "xato", "yangi"]), ("ru", ["строк", "ошибк", "новых"]), ("en", ["rows", "errors", "new"])])
def test_the_summary_speaks_the_chosen_language(tmp_path, positions, language, expected):
    path = write_file(tmp_path, "employees", [employee_row(), employee_row(org="NOWHERE")])
    code, _out, err = command("import_employees", path, "--language", language)
    assert code == 1
    for word in expected:
        assert word in err.lower(), (word, err)
