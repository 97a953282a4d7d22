"""Test blueprints: create, change, publish. A blueprint change affects only attempts started after it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.access import can_access_organization
from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.services import model_update

from ..errors import AssessmentError, AssessmentErrorCode
from ..models import Section, Test, TestSection, TestStatus
from ..roles import BANK_ROLES
from ..selectors.bank import question_pool

__all__ = [
    "TEST_FIELDS",
    "SectionLine",
    "requirements_key_of",
    "test_archive",
    "test_create",
    "test_publish",
    "test_sections_set",
    "test_update",
]

TEST_FIELDS = (
    "name_uz", "name_ru", "name_uz_cyrl", "name_en", "description_uz", "description_ru", "time_limit_minutes",
    "pass_mark", "shuffle_questions", "shuffle_options", "attempts_allowed", "available_from", "available_until",
    "results_shown", "answers_shown", "banking_group",
)


@dataclass(frozen=True)
class SectionLine:
    section: Section
    question_count: int
    difficulty: int | None = None


def requirements_key_of(test: Test, lines: list[SectionLine] | None = None) -> str:
    """Tests with equal keys accept each other's banked scores: the banking group when set, otherwise
    the composition (section codes, question counts and difficulties, in any order)."""
    if test.banking_group:
        return f"group:{test.banking_group}"
    if lines is None:
        lines = [SectionLine(line.section, line.question_count, line.difficulty)
                 for line in test.sections.select_related("section")]
    if not lines:
        return ""
    composition = sorted([line.section.code, line.question_count, line.difficulty or 0] for line in lines)
    return "composition:" + hashlib.sha256(json.dumps(composition).encode()).hexdigest()[:40]


def _require_scope(actor: Any, organization: Any) -> None:
    if actor is not None and not can_access_organization(actor, organization, roles=BANK_ROLES):
        raise AssessmentError(
            _("You do not keep the tests of %(organization)s.")
            % {"organization": organization.name if organization else _("the whole civil service")},
            code=AssessmentErrorCode.TEST_OUT_OF_SCOPE, field="owner_organization")


def _save(test: Test, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            test.save(**kwargs)
    except IntegrityError as exc:
        raise AssessmentError(_("A test with the code %(code)s already exists.") % {"code": test.code},
                              code=AssessmentErrorCode.TEST_CODE_TAKEN, field="code") from exc


@transaction.atomic
def test_create(*, code: str, owner_organization: Any, actor: Any, **fields: Any) -> Test:
    """A new blueprint (a draft until published). ``fields`` are any of ``TEST_FIELDS``."""
    _require_scope(actor, owner_organization)
    unknown = set(fields) - set(TEST_FIELDS)
    if unknown:
        raise ValueError(f"unknown test fields {sorted(unknown)}")
    if Test.objects.filter(code=code).exists():
        raise AssessmentError(_("A test with the code %(code)s already exists.") % {"code": code},
                              code=AssessmentErrorCode.TEST_CODE_TAKEN, field="code")
    test = Test(code=code, owner_organization=owner_organization, created_by=actor, **fields)
    clean_or_raise(test, exclude=["owner_organization", "created_by"])
    test.requirements_key = requirements_key_of(test, [])
    _save(test)
    audit_log("assessment.test.created", actor=actor, target=test)
    return test


@transaction.atomic
def test_update(*, test: Test, actor: Any, **fields: Any) -> Test:
    test = Test.objects.select_for_update().get(pk=test.pk)
    _require_scope(actor, test.owner_organization)
    changes = model_update(instance=test, data=fields, allowed=TEST_FIELDS)
    if changes:
        clean_or_raise(test, exclude=["owner_organization", "created_by"])
        test.requirements_key = requirements_key_of(test)
        _save(test, update_fields=[*changes, "requirements_key", "updated_at"])
        audit_log("assessment.test.updated", actor=actor, target=test, data={"fields": sorted(changes)})
    return test


@transaction.atomic
def test_sections_set(*, test: Test, lines: list[SectionLine], actor: Any) -> Test:
    """Replace the blueprint's lines (in the given order)."""
    test = Test.objects.select_for_update().get(pk=test.pk)
    _require_scope(actor, test.owner_organization)
    seen: set[tuple[int, int | None]] = set()
    for line in lines:
        key = (line.section.pk, line.difficulty or None)
        if key in seen:
            raise AssessmentError(
                _("The section %(section)s is listed twice with the same difficulty.") % {"section": line.section.name},
                code=AssessmentErrorCode.TEST_SECTION_DUPLICATE, field="sections")
        seen.add(key)
        if line.question_count < 1:
            raise AssessmentError(_("Each section needs at least one question."), code="invalid", field="sections")
    test.sections.all().delete()
    TestSection.objects.bulk_create([
        TestSection(test=test, section=line.section, question_count=line.question_count,
                    difficulty=line.difficulty or None, ordering=number)
        for number, line in enumerate(lines, start=1)
    ])
    test.requirements_key = requirements_key_of(test, lines)
    test.save(update_fields=["requirements_key", "updated_at"])
    audit_log("assessment.test.sections_set", actor=actor, target=test,
              data={"sections": [[line.section.code, line.question_count, line.difficulty] for line in lines]})
    return test


@transaction.atomic
def test_publish(*, test: Test, actor: Any) -> Test:
    """Make the test available to assignments. Refused while a line has fewer questions in its pool
    than it draws (the message names the section and both numbers)."""
    test = Test.objects.select_for_update().get(pk=test.pk)
    _require_scope(actor, test.owner_organization)
    lines = list(test.sections.select_related("section"))
    if not lines:
        raise AssessmentError(_("Add at least one section before publishing."),
                              code=AssessmentErrorCode.TEST_NO_SECTIONS, field="sections")
    for line in lines:
        available = question_pool(test=test, line=line).count()
        if available < line.question_count:
            raise AssessmentError(
                _("The section %(section)s draws %(count)s questions but only %(available)s active questions "
                  "are available to it.") % {"section": line.section.name, "count": line.question_count,
                                             "available": available},
                code=AssessmentErrorCode.TEST_NOT_ENOUGH_QUESTIONS, field="sections")
    if test.status != TestStatus.PUBLISHED:
        test.status = TestStatus.PUBLISHED
        test.save(update_fields=["status", "updated_at"])
        audit_log("assessment.test.published", actor=actor, target=test)
    return test


@transaction.atomic
def test_archive(*, test: Test, actor: Any) -> Test:
    """No new assignments or attempts; attempts already open may still be finished."""
    test = Test.objects.select_for_update().get(pk=test.pk)
    _require_scope(actor, test.owner_organization)
    if test.status != TestStatus.ARCHIVED:
        test.status = TestStatus.ARCHIVED
        test.save(update_fields=["status", "updated_at"])
        audit_log("assessment.test.archived", actor=actor, target=test)
    return test


# The names say what they do to a *test* (the domain's word); they are not pytest tests.
for _service in (test_create, test_update, test_sections_set, test_publish, test_archive):
    _service.__test__ = False
