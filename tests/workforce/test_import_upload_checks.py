import codecs
import io
import zipfile

import pytest

from tests.workforce.import_factories import csv_bytes, upload, xlsx_bytes
from workforce.importing.errors import ImportErrorCode, UploadRejected
from workforce.importing.upload import inspect_upload
from workforce.models import ImportJob
from workforce.services.imports import import_job_create

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&xxe;</Types>"""


def code_of(content: bytes, name: str) -> str:
    with pytest.raises(UploadRejected) as info:
        inspect_upload(io.BytesIO(content), name)
    return info.value.code


def good_xlsx() -> bytes:
    return xlsx_bytes(["PINFL", "Familiya", "Ism"], [["40712966350029", "Karimova", "Dilnoza"]])


def replace_part(content: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, data if item.filename == name else source.read(item.filename))
    return output.getvalue()


def test_a_real_xlsx_and_csv_pass():
    assert inspect_upload(io.BytesIO(good_xlsx()), "people.xlsx").format == "xlsx"
    info = inspect_upload(io.BytesIO(csv_bytes(["PINFL"], [["40712966350029"]])), "people.csv")
    assert (info.format, info.encoding) == ("csv", "utf-8-sig")


@pytest.mark.parametrize(("encoding", "expected"), [("cp1251", "cp1251"), ("utf-16", "utf-16")])
def test_csv_in_windows_cyrillic_or_utf16(encoding, expected):
    content = csv_bytes(["ПИНФЛ", "Фамилия"], [["40712966350029", "Каримова"]], encoding=encoding)
    assert inspect_upload(io.BytesIO(content), "people.csv").encoding == expected


def test_too_large(settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UploadRejected) as info:
        inspect_upload(io.BytesIO(good_xlsx()), "people.xlsx")
    assert info.value.code == ImportErrorCode.UPLOAD_TOO_LARGE
    assert info.value.params["limit_mb"] == "0"


def test_empty():
    assert code_of(b"", "people.xlsx") == ImportErrorCode.UPLOAD_EMPTY


@pytest.mark.parametrize(("content", "name"), [
    (b"PINFL;Familiya\n40712966350029;Karimova\n", "people.xlsx"),  # text renamed .xlsx
    (b"%PDF-1.7 ...", "people.xlsx"),
    (b"%PDF-1.7 ...", "people.pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "people.doc"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "people.csv"),
    (b"MZ\x90\x00\x03", "people.csv"),
    (b"a,b\n\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12", "people.csv"),
    (b"PK\x03\x04garbage-not-a-zip", "people.xlsx"),
])
def test_not_a_spreadsheet(content, name):
    assert code_of(content, name) == ImportErrorCode.UPLOAD_NOT_SPREADSHEET


def test_an_xlsx_renamed_csv_or_a_zip_without_a_workbook():
    assert code_of(good_xlsx(), "people.csv") == ImportErrorCode.UPLOAD_NOT_SPREADSHEET
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert code_of(output.getvalue(), "letter.xlsx") == ImportErrorCode.UPLOAD_NOT_SPREADSHEET


def test_zip_bomb_by_ratio():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (30 * 1024 * 1024) + b"</a>")
    content = output.getvalue()
    assert len(content) < 100_000
    assert code_of(content, "bomb.xlsx") == ImportErrorCode.UPLOAD_ZIP_BOMB


def test_zip_bomb_by_total_size(settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1000
    assert code_of(good_xlsx(), "people.xlsx") == ImportErrorCode.UPLOAD_ZIP_BOMB


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "[Content_Types].xml", "xl/workbook.xml"])
def test_xml_bomb_with_dtd_entities_is_rejected_cleanly(part):
    content = replace_part(good_xlsx(), part, BILLION_LAUGHS)
    assert code_of(content, "bomb.xlsx") == ImportErrorCode.UPLOAD_XML_FORBIDDEN


def test_external_entity_is_rejected():
    content = replace_part(good_xlsx(), "[Content_Types].xml", EXTERNAL_ENTITY)
    assert code_of(content, "xxe.xlsx") == ImportErrorCode.UPLOAD_XML_FORBIDDEN


def test_dtd_after_a_long_harmless_prefix_of_a_big_part_is_caught_at_its_start_only():
    """Only the first KBs of big parts are read; a DOCTYPE can only come first in XML anyway."""
    big_sheet = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<worksheet>' + b" " * 200_000 + b"</worksheet>"
    content = replace_part(good_xlsx(), "xl/worksheets/sheet1.xml", big_sheet)
    assert code_of(content, "bomb.xlsx") == ImportErrorCode.UPLOAD_XML_FORBIDDEN


def test_broken_xml_in_a_small_part_is_corrupt():
    content = replace_part(good_xlsx(), "xl/workbook.xml", b"<workbook><sheets>")
    assert code_of(content, "broken.xlsx") == ImportErrorCode.UPLOAD_CORRUPT


def test_undecodable_csv():
    # 0x98 is the one byte cp1251 does not define; it is not valid UTF-8 either.
    content = codecs.BOM_UTF8[:0] + b"PINFL;Familiya\n1;\x98\x98\x98\n"
    assert code_of(content, "people.csv") == ImportErrorCode.UPLOAD_ENCODING


@pytest.mark.django_db
def test_a_rejected_upload_creates_no_job(hr_a):
    bomb = replace_part(good_xlsx(), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    with pytest.raises(UploadRejected) as info:
        import_job_create(kind="employees", uploaded_file=upload(bomb, "bomb.xlsx"), actor=hr_a)
    assert info.value.code == ImportErrorCode.UPLOAD_XML_FORBIDDEN
    assert ImportJob.objects.count() == 0
