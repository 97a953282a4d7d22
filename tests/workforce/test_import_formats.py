"""Excel 97-2003 (.xls) and LibreOffice (.ods) workbooks are read like .xlsx, behind the same
guards; what their names claim is checked against their bytes."""

import io
import zipfile
from pathlib import Path

import pytest

from tests.workforce.import_factories import ods_bytes, positions, upload, xlsx_bytes
from tests.workforce.test_import_upload_checks import BILLION_LAUGHS, code_of
from workforce.importing.errors import ImportErrorCode
from workforce.importing.upload import inspect_upload
from workforce.models import Employee, ImportJob, ImportStatus
from workforce.services.imports import import_job_create, import_path

__all__ = ["positions"]
XLS_FIXTURE = Path(__file__).parent / "fixtures" / "office-list.xls"  # made by fixtures/make_office_xls.py
ODS_LAYOUT = [["Kod", "Nomi (oʻzbekcha)"], ["C", "Vazirlik C"]]


def test_an_xls_and_an_ods_pass_by_their_content():
    assert inspect_upload(io.BytesIO(XLS_FIXTURE.read_bytes()), "list.xls").format == "xls"
    assert inspect_upload(io.BytesIO(ods_bytes(ODS_LAYOUT)), "list.ods").format == "ods"


def test_a_workbook_under_another_spreadsheet_name_is_read_as_what_it_is():
    content = xlsx_bytes(["PINFL"], [["40712966350029"]])
    assert inspect_upload(io.BytesIO(content), "list.xls").format == "xlsx"
    assert inspect_upload(io.BytesIO(XLS_FIXTURE.read_bytes()), "list.xlsx").format == "xls"


def _zip(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def _ole2(stream_name: str) -> bytes:
    """A minimal OLE2 compound file whose first directory sector lists one stream."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[30:32] = (9).to_bytes(2, "little")  # 512-byte sectors
    header[48:52] = (0).to_bytes(4, "little")  # the directory starts at sector 0
    directory = bytearray(512)
    for slot, name in enumerate(("Root Entry", stream_name)):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        directory[slot * 128:slot * 128 + len(encoded)] = encoded
        directory[slot * 128 + 64:slot * 128 + 66] = len(encoded).to_bytes(2, "little")
    return bytes(header + directory)


@pytest.mark.parametrize(("content", "name", "code"), [
    (_ole2("WordDocument"), "list.xls", ImportErrorCode.UPLOAD_NOT_SPREADSHEET),  # a Word file renamed
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "list.xls", ImportErrorCode.UPLOAD_CORRUPT),  # cut short
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 600, "list.xls", ImportErrorCode.UPLOAD_NOT_SPREADSHEET),  # a program
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 600, "list.ods", ImportErrorCode.UPLOAD_NOT_SPREADSHEET),
    (b"<html><body><table><tr><td>PINFL</td></tr></table></body></html>", "list.xls",
     ImportErrorCode.UPLOAD_HTML_AS_EXCEL),  # what some accounting systems save as "xls"
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a/>"}), "letter.ods",
     ImportErrorCode.UPLOAD_NOT_SPREADSHEET),  # a text document
    (_zip({"word/document.xml": b"<a/>"}), "letter.xls", ImportErrorCode.UPLOAD_NOT_SPREADSHEET),
])
def test_what_is_not_a_workbook_is_refused(content, name, code):
    assert code_of(content, name) == code


def test_an_ods_is_checked_for_zip_and_xml_bombs(settings):
    good = ods_bytes(ODS_LAYOUT)
    source = zipfile.ZipFile(io.BytesIO(good))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, BILLION_LAUGHS if item.filename == "content.xml" else source.read(item.filename))
    assert code_of(output.getvalue(), "bomb.ods") == ImportErrorCode.UPLOAD_XML_FORBIDDEN
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 100
    assert code_of(good, "big.ods") == ImportErrorCode.UPLOAD_ZIP_BOMB


def test_an_html_page_saved_as_xls_is_told_how_to_fix_it():
    from django.utils import translation

    from workforce.importing.errors import error_message

    with translation.override("en"):
        message = error_message({"code": ImportErrorCode.UPLOAD_HTML_AS_EXCEL})
    assert "web page" in message and ".xlsx" in message


@pytest.mark.django_db
def test_an_excel_97_workbook_imports(tmp_path, positions):
    path = tmp_path / "office-list.xls"
    path.write_bytes(XLS_FIXTURE.read_bytes())
    result = import_path(path, kind="employees", dry_run=False)
    assert result.errors == [] and result.written, result.errors
    assert {w["code"] for w in result.warnings} == {"title_rows_skipped", "header_ignored"}
    karimova = Employee.objects.get(pinfl="40712966350029")
    assert (karimova.last_name, karimova.sex, str(karimova.birth_date)) == ("Karimova", "F", "1996-12-07")
    assert Employee.objects.get(pinfl="32103881230456").staff_position.code == "P2"


@pytest.mark.django_db
def test_a_job_keeps_the_format_the_content_has(hr_a, positions, django_capture_on_commit_callbacks):
    from tests.workforce.import_factories import employee_row, table

    headers, rows = table("employees", [employee_row()])
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(kind="employees", uploaded_file=upload(xlsx_bytes(headers, rows), "list.xls"),
                                actor=hr_a)
    job.refresh_from_db()
    assert (job.document.file_type, job.document.original_name, job.original_name) == ("xlsx", "list.xlsx", "list.xls")
    assert job.status == ImportStatus.VALIDATED, job.errors
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(kind="employees", uploaded_file=upload(XLS_FIXTURE.read_bytes(), "office.xls"),
                                actor=hr_a)
    job = ImportJob.objects.get(pk=job.pk)
    assert job.document.file_type == "xls" and job.status == ImportStatus.VALIDATED, job.errors
