"""Content sniffing: the type comes from the bytes, never from the name."""

import io
import struct
import zipfile

import pytest
from openpyxl import Workbook

from core.documents import sniff_file, sniff_type

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def zip_with(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def xlsx_bytes() -> io.BytesIO:
    workbook = Workbook()
    workbook.active.append(["PINFL", "Familiya"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def ole_file(stream_name: str, sector_shift: int = 9) -> io.BytesIO:
    """A minimal compound file: header, one FAT sector, one directory sector with Root Entry and
    ``stream_name``."""
    size = 1 << sector_shift
    header = bytearray(size)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<H", header, 30, sector_shift)
    struct.pack_into("<I", header, 44, 1)      # one FAT sector
    struct.pack_into("<I", header, 48, 1)      # directory starts at sector 1
    difat = [0] + [0xFFFFFFFF] * 108           # FAT in sector 0
    struct.pack_into("<109I", header, 76, *difat)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [0xFFFFFFFF] * (size // 4 - 2)
    fat_sector = struct.pack(f"<{size // 4}I", *fat)
    directory = bytearray(size)
    for index, name in enumerate(("Root Entry", stream_name)):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        directory[index * 128: index * 128 + len(encoded)] = encoded
        struct.pack_into("<H", directory, index * 128 + 64, len(encoded))
    return io.BytesIO(bytes(header) + fat_sector + bytes(directory))


@pytest.mark.parametrize(("data", "expected"), [
    (PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg"), (b"GIF89a" + b"\x00" * 20, "gif"), (EXE, "exe"),
    (b"\x7fELF\x02\x01\x01", "exe"), (b"#!/bin/sh\nrm -rf /\n", "exe"), (b"\x1f\x8b\x08\x00", "gzip"),
    (b"{\\rtf1\\ansi hello}", "rtf"),
])
def test_magic_numbers(data, expected):
    assert sniff_type(data, io.BytesIO(data)) == expected


def test_zip_containers_are_told_apart_by_their_members():
    assert sniff_file(xlsx_bytes()) == "xlsx"
    assert sniff_file(zip_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})) == "docx"
    assert sniff_file(zip_with({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})) == "pptx"
    assert sniff_file(zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                "content.xml": b"<x/>"})) == "ods"
    assert sniff_file(zip_with({"mimetype": b"application/vnd.oasis.opendocument.text",
                                "content.xml": b"<x/>"})) == "odt"
    assert sniff_file(zip_with({"readme.txt": b"hello"})) == "zip"
    # A damaged zip is nothing we know.
    assert sniff_file(io.BytesIO(b"PK\x03\x04" + b"\x00" * 40)) is None


@pytest.mark.parametrize(("stream", "expected"), [
    ("Workbook", "xls"), ("Book", "xls"), ("WordDocument", "doc"), ("PowerPoint Document", "ppt"), ("Other", "ole"),
])
def test_old_office_files_by_their_streams(stream, expected):
    assert sniff_file(ole_file(stream)) == expected


def test_ole_with_4096_byte_sectors():
    assert sniff_file(ole_file("Workbook", sector_shift=12)) == "xls"


@pytest.mark.parametrize(("text", "expected"), [
    ("JShShIR;Familiya;Ism\n30101851234567;Gʻulomov;Sardor\n", "csv"),
    ("a,b,c\n1,2,3\n4,5,6\n", "csv"),
    ("Hurmatli hamkasblar!\nErtaga yigʻilish boʻladi.\n", "txt"),
])
def test_text(text, expected):
    assert sniff_type(text.encode("utf-8"), None) == expected


def test_windows_cyrillic_and_utf16_text_are_text():
    assert sniff_type("Фамилия;Имя\nИванов;Иван\n".encode("cp1251"), None) == "csv"
    assert sniff_type("Фамилия;Имя\r\nИванов;Иван\r\n".encode("utf-16"), None) == "csv"


@pytest.mark.parametrize(("data", "expected"), [
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "svg"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    (b"<?xml version='1.0'?><root/>", "xml"),
])
def test_markup_is_never_plain_text(data, expected):
    assert sniff_type(data, None) == expected


def test_binary_junk_is_unknown():
    assert sniff_type(b"\x00\x01\x02\x03" * 100, None) is None
    assert sniff_type(b"", None) is None


def test_sniffing_restores_the_position():
    buffer = xlsx_bytes()
    buffer.seek(5)
    assert sniff_file(buffer) == "xlsx"
    assert buffer.tell() == 5
