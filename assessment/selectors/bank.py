"""The question bank and blueprints, scoped to the authors who keep them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from core.access import scope_queryset
from core.text import search_key

from ..models import Choice, Question, Section, Test, TestSection
from ..roles import BANK_ROLES

__all__ = [
    "organization_lineage_q",
    "question_list",
    "question_pool",
    "section_list",
    "test_list",
    "test_pool_sizes",
]


def section_list() -> QuerySet[Section]:
    return Section.objects.filter(is_active=True)


def _scoped(queryset: QuerySet, user: Any, org_field: str = "owner_organization") -> QuerySet:
    """Rows of the user's subtrees; rows of the national bank (no organisation) only for authors of
    the whole civil service (``scope_queryset`` returns everything to them)."""
    return scope_queryset(queryset, user=user, roles=BANK_ROLES, org_field=org_field)


def question_list(*, user: Any, search: str = "") -> QuerySet[Question]:
    """Questions the user keeps, with section and owner; ``search`` matches the texts in any script
    and apostrophe (a few words, each must appear)."""
    queryset = _scoped(Question.objects.select_related("section", "owner_organization"), user)
    for word in search_key(search).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset.prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("ordering", "id")))


def test_list(*, user: Any) -> QuerySet[Test]:
    queryset = Test.objects.select_related("owner_organization").prefetch_related(
        Prefetch("sections", queryset=TestSection.objects.select_related("section").order_by("ordering", "id")))
    return _scoped(queryset, user).annotate(attempt_count=Count("attempts", distinct=True)).order_by("code")


def organization_lineage_q(organization: Any, field: str = "owner_organization") -> Q:
    """Rows owned by ``organization``, by an organisation above it, or by nobody (the national bank)."""
    q = Q(**{f"{field}__isnull": True})
    if organization is not None:
        ids = [int(part) for part in organization.path.strip("/").split("/") if part]
        q |= Q(**{f"{field}__in": ids})
    return q


def question_pool(*, test: Test, line: TestSection) -> QuerySet[Question]:
    """The active questions a blueprint line may draw: its section (and difficulty), from the test
    organisation's bank, the banks above it and the national bank."""
    queryset = Question.objects.filter(organization_lineage_q(test.owner_organization), section_id=line.section_id,
                                       is_active=True)
    if line.difficulty:
        queryset = queryset.filter(difficulty=line.difficulty)
    return queryset


def test_pool_sizes(test: Test) -> dict[int, int]:
    """Questions available to each line of ``test`` ({line id: count})."""
    return {line.pk: question_pool(test=test, line=line).count() for line in test.sections.all()}
