"""Look at an upload before anything parses it.

Checks, in order: size (``settings.IMPORT_MAX_UPLOAD_BYTES``), what the content is, told by its
bytes (``core.documents.sniffing``, the platform's one sniffer), that the name and the content agree
on a format we read, and then the content itself:

- a spreadsheet name (.xlsx, .xls, .ods) is read as what its bytes are: xlsx, ods (a zip holding
  a workbook) or xls (an OLE2 compound file with a ``Workbook``/``Book`` stream). So a workbook
  saved under the other Excel name still reads, and a renamed program, document or web page does
  not;
- for xlsx and ods, that the zip does not unpack to absurd sizes (zip bomb) and that its XML
  declares no DTD or entities (XML bomb, external entities): the small parts are parsed whole and
  the first bytes of every other XML part are fed to defusedxml, which refuses any
  ``<!DOCTYPE``/``<!ENTITY`` where office programs never write one. These guards stay here, with
  the parser they protect. An xls is not compressed, so its size is bounded by the upload limit;
- a .csv or .txt is text in an encoding we read.

The file is then kept through ``core.documents`` (``workforce.services.imports``).
"""

from __future__ import annotations

import codecs
import os
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from django.conf import settings

from core.documents.sniffing import HEAD_BYTES, TEXT_TYPES, sniff_type

from .errors import ImportErrorCode, UploadRejected

XLSX, XLS, ODS, CSV = "xlsx", "xls", "ods", "csv"
# Uploaded files are kept through core.documents under this use (registered in WorkforceConfig.ready).
IMPORT_FILE_USE = "workforce.import_file"
IMPORT_FILE_TYPES = frozenset({XLSX, XLS, ODS, CSV})
CALAMINE_FORMATS = (XLSX, XLS, ODS)  # read by python-calamine
SPREADSHEET_EXTENSIONS = (".xlsx", ".xls", ".ods")
TEXT_EXTENSIONS = (".csv", ".txt")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
SMALL_XML_PARTS = ("[Content_Types].xml", "xl/workbook.xml", "_rels/.rels", "xl/_rels/workbook.xml.rels",
                   "META-INF/manifest.xml")
HTML_STARTS = (b"<html", b"<!doctype html", b"<table", b"<?xml", b"<meta", b"<head")


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


@dataclass(frozen=True)
class UploadInfo:
    format: str
    size: int
    encoding: str = ""


def file_size(file: IO[bytes] | Any) -> int:
    size = getattr(file, "size", None)
    if size is not None:
        return int(size)
    position = file.tell()
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(position)
    return size


def inspect_upload(file: IO[bytes] | Any, name: str) -> UploadInfo:
    """Raise :class:`UploadRejected` (with a code) unless ``file`` is a spreadsheet we may read;
    the returned format is what the content is (an xlsx saved as ".xls" is an xlsx)."""
    size = file_size(file)
    if size == 0:
        raise UploadRejected(ImportErrorCode.UPLOAD_EMPTY)
    limit = _setting("IMPORT_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
    if size > limit:
        raise UploadRejected(ImportErrorCode.UPLOAD_TOO_LARGE, size_mb=_mb(size), limit_mb=_mb(limit))
    extension = os.path.splitext(name or "")[1].lower()
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    found = sniff_type(head, file)  # what the bytes are, whatever the name says
    try:
        if extension in SPREADSHEET_EXTENSIONS:
            if found in (XLSX, ODS):
                if _inspect_zip(file, size) != found:
                    raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)
                return UploadInfo(found, size)
            if found == XLS:
                return UploadInfo(XLS, size)
            if found == "ole" and len(head) < 512:  # an OLE2 header cut short
                raise UploadRejected(ImportErrorCode.UPLOAD_CORRUPT, detail="OLE2 header")
            if found in ("html", "xml") or head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(HTML_STARTS):
                raise UploadRejected(ImportErrorCode.UPLOAD_HTML_AS_EXCEL)
            raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)
        if extension in TEXT_EXTENSIONS:
            # Not text at all (a program, a workbook, a PDF, markup): refused. Text the sniffer
            # could not place (an unknown encoding, control characters) is told apart below.
            if found is not None and found not in TEXT_TYPES:
                raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)
            return UploadInfo(CSV, size, _inspect_csv(file))
        raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)
    finally:
        file.seek(0)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _inspect_zip(file: IO[bytes], size: int) -> str:
    """xlsx or ods, by what the archive holds; anything else (a Word file, a plain zip) is refused."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET) from None
    with archive:
        members = archive.infolist()
        names = {member.filename for member in members}
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            fmt = XLSX
        elif members and members[0].filename == "mimetype" and "content.xml" in names:
            _check_zip_sizes(members[:1])
            if archive.read(members[0]).strip() != ODS_MIMETYPE:
                raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)  # a text document, a drawing
            fmt = ODS
        else:
            raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)
        _check_zip_sizes(members)
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                _check_xml(archive, member)
    return fmt


def _check_zip_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > _setting("IMPORT_MAX_ZIP_ENTRIES", 2000):
        raise UploadRejected(ImportErrorCode.UPLOAD_ZIP_BOMB)
    max_total = _setting("IMPORT_MAX_UNCOMPRESSED_BYTES", 1024 * 1024 * 1024)
    max_ratio = _setting("IMPORT_MAX_COMPRESSION_RATIO", 200)
    total = 0
    for member in members:
        total += member.file_size
        # Text compresses well (an xlsx sheet 10-30x); hundreds of times is a bomb. Tiny parts are
        # exempt: a 200-byte part of zeros is harmless whatever its ratio.
        if member.file_size > 1024 * 1024 and member.file_size > max_ratio * max(member.compress_size, 1):
            raise UploadRejected(ImportErrorCode.UPLOAD_ZIP_BOMB)
    if total > max_total:
        raise UploadRejected(ImportErrorCode.UPLOAD_ZIP_BOMB)


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    sniff = _setting("IMPORT_XML_SNIFF_BYTES", 64 * 1024)
    whole = member.filename in SMALL_XML_PARTS or member.file_size <= sniff
    parser = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        with archive.open(member) as part:
            data = part.read(sniff if not whole else max(member.file_size, 1))
    except (zipfile.BadZipFile, OSError, NotImplementedError, EOFError) as exc:
        raise UploadRejected(ImportErrorCode.UPLOAD_CORRUPT, detail=member.filename) from exc
    try:
        parser.feed(data)
        if whole:
            parser.close()
    except DefusedXmlException:
        raise UploadRejected(ImportErrorCode.UPLOAD_XML_FORBIDDEN) from None
    except ParseError as exc:
        raise UploadRejected(ImportErrorCode.UPLOAD_CORRUPT, detail=member.filename) from exc


def detect_csv_encoding(sample: bytes) -> str:
    """utf-16 (with a BOM, Excel's "Unicode text"), else utf-8-sig, else cp1251 (Windows Cyrillic)."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            _decode_sample(sample, encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise UploadRejected(ImportErrorCode.UPLOAD_ENCODING)


def _decode_sample(sample: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)()
    # final=False: a character cut at the end of the sample is not an error.
    return decoder.decode(sample, final=False)


def _inspect_csv(file: IO[bytes]) -> str:
    sample = file.read(_setting("IMPORT_XML_SNIFF_BYTES", 64 * 1024))
    encoding = detect_csv_encoding(sample)
    textual = _decode_sample(sample, encoding)
    if encoding != "utf-16" and "\x00" in textual:
        raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)
    controls = sum(1 for ch in textual if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(2, len(textual) // 100):
        raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)
    return encoding
