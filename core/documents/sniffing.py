"""What a file really is, told by its bytes, never by its name.

``sniff_type(head, file)`` returns one of our type names (``pdf``, ``png``, ``jpeg``, ``gif``,
``docx``, ``xlsx``, ``pptx``, ``odt``, ``ods``, ``zip``, ``xls``, ``doc``, ``ppt``, ``csv``, ``txt``,
and, so that a refusal can say what was sent, ``exe``, ``html``, ``svg``, ``xml``, ``rtf``, ``gzip``,
``rar``, ``7z``, ``ole``) or ``None`` for bytes we cannot place.

- Magic numbers first (PDF, PNG, JPEG, GIF, executables, archives).
- ZIP containers are told apart by their members: ``[Content_Types].xml`` with ``word/`` is docx,
  with ``xl/`` xlsx, with ``ppt/`` pptx; a ``mimetype`` member names an OpenDocument (ods/odt).
- OLE2 compound files (old Office) by the streams in their directory: ``Workbook``/``Book`` is xls,
  ``WordDocument`` doc, ``PowerPoint Document`` ppt.
- Text: decodes (UTF-8, UTF-16 with a BOM, or Windows Cyrillic) without NUL bytes or many control
  characters. Markup (HTML, SVG, XML) is named as such, never passed as text; text whose lines
  share a delimiter is ``csv``, other text ``txt``.

Zip-bomb and XML-bomb guards belong to whoever parses the file (the importer keeps its own).
"""

from __future__ import annotations

import codecs
import re
import struct
import zipfile
from typing import IO, Any

HEAD_BYTES = 8192

# (type, mime type, file extensions); the first extension is used when a download needs one.
TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "gif": ("image/gif", (".gif",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)),
    "odt": ("application/vnd.oasis.opendocument.text", (".odt",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
    "zip": ("application/zip", (".zip",)),
    "xls": ("application/vnd.ms-excel", (".xls",)),
    "doc": ("application/msword", (".doc",)),
    "ppt": ("application/vnd.ms-powerpoint", (".ppt",)),
    "csv": ("text/csv", (".csv",)),
    "txt": ("text/plain", (".txt",)),
}
TEXT_TYPES = frozenset({"csv", "txt"})
INLINE_TYPES = frozenset({"pdf", "png", "jpeg", "gif"})

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"MZ", "exe"),           # Windows programs and libraries (.exe, .dll, .scr...)
    (b"\x7fELF", "exe"),      # Linux programs
    (b"\xcf\xfa\xed\xfe", "exe"), (b"\xfe\xed\xfa\xcf", "exe"), (b"\xca\xfe\xba\xbe", "exe"),  # macOS
    (b"#!", "exe"),           # scripts
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"{\\rtf", "rtf"),
)
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF = {
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.text": "odt",
}
_MARKUP = re.compile(rb"^\s*<(\?xml|!doctype\s+html|html|svg|head|body|script|!--)", re.IGNORECASE)


def mime_type(type_name: str) -> str:
    return TYPES.get(type_name, ("application/octet-stream", ()))[0]


def extensions(type_name: str) -> tuple[str, ...]:
    return TYPES.get(type_name, ("", ()))[1]


def sniff_type(head: bytes, file: IO[bytes] | Any = None) -> str | None:
    """The type of a file whose first bytes are ``head`` (at least a few kilobytes, if it has them).

    ``file`` (seekable, binary) is needed to look inside ZIP and OLE2 containers; without it they are
    ``zip``/``ole``. The file's position is restored."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(_ZIP_MAGICS):
        return _zip_type(file) if file is not None else "zip"
    if head.startswith(_OLE_MAGIC):
        return _ole_type(file) if file is not None else "ole"
    return _text_type(head)


def sniff_file(file: IO[bytes] | Any) -> str | None:
    """``sniff_type`` reading the head from ``file`` itself."""
    position = file.tell()
    try:
        file.seek(0)
        head = file.read(HEAD_BYTES)
    finally:
        file.seek(position)
    return sniff_type(head, file)


# --- ZIP containers ---------------------------------------------------------------------------------

def _zip_type(file: IO[bytes]) -> str | None:
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 200:
                    declared = archive.read("mimetype").decode("ascii", "replace").strip()
                    if declared in _ODF:
                        return _ODF[declared]
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return "docx"
                if any(name.startswith("xl/") for name in names):
                    return "xlsx"
                if any(name.startswith("ppt/") for name in names):
                    return "pptx"
            return "zip"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    finally:
        file.seek(position)


# --- OLE2 compound files (xls, doc, ppt) -----------------------------------------------------------

_OLE_STREAMS = {"workbook": "xls", "book": "xls", "worddocument": "doc", "powerpoint document": "ppt"}
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_DIRECTORY_SECTORS = 64


def _ole_type(file: IO[bytes]) -> str:
    """Read the compound file's directory (following its sector chain through the FAT) and name the
    document by its main stream. Damaged or unusual files are ``ole`` (refused by every use)."""
    position = file.tell()
    try:
        file.seek(0)
        header = file.read(512)
        if len(header) < 512:
            return "ole"
        sector_shift = struct.unpack_from("<H", header, 30)[0]
        if sector_shift not in (9, 12):
            return "ole"
        size = 1 << sector_shift
        first_directory = struct.unpack_from("<I", header, 48)[0]
        fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < 0xFFFFFFFA]

        def read_sector(number: int) -> bytes:
            file.seek((number + 1) * size)
            return file.read(size)

        fat: list[int] = []
        for sector in fat_sectors[:_MAX_DIRECTORY_SECTORS]:
            data = read_sector(sector)
            fat.extend(struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4]))
        sector, seen = first_directory, 0
        while sector < 0xFFFFFFFA and seen < _MAX_DIRECTORY_SECTORS:
            data = read_sector(sector)
            for offset in range(0, len(data) - 127, 128):
                length = struct.unpack_from("<H", data, offset + 64)[0]
                if 2 <= length <= 64:
                    name = data[offset: offset + length - 2].decode("utf-16-le", "replace").lower()
                    if name in _OLE_STREAMS:
                        return _OLE_STREAMS[name]
            seen += 1
            sector = fat[sector] if sector < len(fat) else _END_OF_CHAIN
        return "ole"
    except (OSError, struct.error, ValueError):
        return "ole"
    finally:
        file.seek(position)


# --- Text -------------------------------------------------------------------------------------------

def text_encoding(sample: bytes) -> str | None:
    """utf-16 (with a BOM), else utf-8 (with or without BOM), else cp1251; None when binary."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        return None
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _text_type(head: bytes) -> str | None:
    if not head:
        return None
    encoding = text_encoding(head)
    if encoding is None:
        return None
    text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    if "\x00" in text:
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\x0c")
    if controls > max(2, len(text) // 100):
        return None
    if _MARKUP.match(text.lstrip("\ufeff").encode("utf-8", "replace")):
        lowered = text[:2000].lower()
        if "<svg" in lowered:
            return "svg"
        if "<html" in lowered or "<!doctype html" in lowered or "<script" in lowered or "<body" in lowered:
            return "html"
        return "xml"
    return "csv" if _looks_delimited(text) else "txt"


def _looks_delimited(text: str) -> bool:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if len(text) >= HEAD_BYTES // 2 and len(lines) > 1:
        lines = lines[:-1]  # the last line of a sample may be cut
    if not lines:
        return False
    for delimiter in (";", ",", "\t", "|"):
        counts = {line.count(delimiter) for line in lines}
        if len(counts) == 1 and counts.pop() > 0:
            return True
    return False
