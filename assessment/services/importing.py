"""Importing question files into the bank: all or nothing. The file is parsed, every question's
section resolved and checked with the bank's own rules (``question_validate``); when anything is
invalid nothing is written and every problem is reported with the question it belongs to. Questions
already in the bank (same content) are skipped, so importing a file twice adds nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from core.text import search_key

from ..errors import AssessmentError, AssessmentErrorCode
from ..interchange import FORMAT_NAMES, ParsedQuestion, detect_format, parse
from ..models import Question, Section
from .bank import question_fingerprint, question_validate, questions_create_bulk, require_bank_scope

__all__ = ["ImportReport", "questions_import", "resolve_section"]

IGNORED_CATEGORY_PARTS = {"", "$course$", "$system$", "$module$", "$cat1$", "top", "default", "default for"}


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    duplicates: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (question, its type)
    errors: list[dict[str, str]] = field(default_factory=list)  # {"question", "field", "message", "code"}
    dry_run: bool = False
    written: bool = False

    @property
    def importable(self) -> bool:
        return not self.errors

    @property
    def valid(self) -> int:
        return self.total - len({e["question"] for e in self.errors})


def resolve_section(category: str, idnumber: str = "", *, sections: list[Section] | None = None) -> Section | None:
    """The section a file's category names: its idnumber or any part of its path equal to a section's
    code or name in any language (ignoring case, script and apostrophes), the last part first."""
    sections = sections if sections is not None else list(Section.objects.all())
    keys: dict[str, Section] = {}
    for section in sections:
        for value in (section.code, section.name_uz, section.name_uz_cyrl, section.name_ru, section.name_en):
            if value:
                keys.setdefault(search_key(value.replace("_", " ")), section)
    for candidate in [idnumber, *reversed(category.replace("\\", "/").split("/"))]:
        key = search_key(candidate.replace("_", " "))
        if key and key not in IGNORED_CATEGORY_PARTS and key in keys:
            return keys[key]
    return None


def questions_import(*, content: bytes, filename: str = "", format: str | None = None, owner_organization: Any,
                     actor: Any, section: Section | None = None, dry_run: bool = False,
                     language: str = "uz") -> ImportReport:
    """Check ``content`` and, unless ``dry_run`` or anything is invalid, add its questions to the bank of
    ``owner_organization`` (None: the national bank). ``section`` puts every question there instead of
    the file's categories."""
    require_bank_scope(actor, owner_organization)
    if len(content) > settings.ASSESSMENT_IMPORT_MAX_BYTES:
        raise AssessmentError(_("The file is larger than %(size)s MB.")
                              % {"size": settings.ASSESSMENT_IMPORT_MAX_BYTES // (1024 * 1024)},
                              code=AssessmentErrorCode.IMPORT_TOO_LARGE, field="file")
    format = format or detect_format(filename)
    if format not in FORMAT_NAMES:
        raise AssessmentError(_("Choose the file's format: Moodle XML, GIFT or Excel."),
                              code=AssessmentErrorCode.IMPORT_FORMAT_UNKNOWN, field="format")
    parsed = parse(content, format=format, language=language)
    report = ImportReport(total=len(parsed.items), dry_run=dry_run,
                          skipped=[(s.ref, s.kind) for s in parsed.skipped])
    report.errors = [{"question": ref, "field": fld, "message": message, "code": code}
                     for ref, fld, message, code in parsed.errors]
    sections = list(Section.objects.all())
    existing = set(Question.objects.filter(owner_organization=owner_organization).values_list("fingerprint", flat=True))
    seen: set[str] = set()
    ready: list[ParsedQuestion] = []
    for item in parsed.items:
        _check(item, section, sections, report)
        if any(e["question"] == item.ref for e in report.errors):
            continue
        fingerprint = question_fingerprint(item.data)
        if fingerprint in existing or fingerprint in seen:
            report.duplicates.append(item.ref)
            continue
        seen.add(fingerprint)
        ready.append(item)
    if report.errors or dry_run or not ready:
        return report
    with transaction.atomic():
        questions_create_bulk(items=[item.data for item in ready], owner_organization=owner_organization, actor=actor)
    report.created, report.written = len(ready), True
    return report


def _check(item: ParsedQuestion, section: Section | None, sections: list[Section], report: ImportReport) -> None:
    for fld, message, code in item.errors:
        report.errors.append({"question": item.ref, "field": fld, "message": message, "code": code})
    item.data.section = section or resolve_section(item.category, item.category_idnumber, sections=sections)
    if item.data.section is None:
        report.errors.append({
            "question": item.ref, "field": "section", "code": AssessmentErrorCode.SECTION_UNKNOWN,
            "message": _("The category “%(category)s” matches no section (%(known)s); choose the section for the "
                         "whole file.") % {"category": item.category or "—",
                                           "known": ", ".join(s.code for s in sections)},
        })
        return
    for error in question_validate(item.data):
        report.errors.append({"question": item.ref, "field": error.field or "", "message": error.message,
                              "code": error.code})
