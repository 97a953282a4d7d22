"""Pagination that stays fast on tables of millions of rows.

Django's ``Paginator`` and DRF's ``PageNumberPagination`` run ``SELECT count(*)`` over the whole
filtered queryset on every page: over a million employees that alone costs more than the page.
Here the count stops at a cap (``SELECT count(*) FROM (SELECT id ... LIMIT cap + 1)``): up to the
cap it is exact, beyond it the list says "10 000+" (and, for an unfiltered PostgreSQL table, shows
the planner's estimate of the table size, which costs one catalogue lookup).

HTML pages (``CappedCountPaginator``, a drop-in ``django.core.paginator.Paginator``)::

    paginator = CappedCountPaginator(queryset, 50)          # cap=10_000 by default
    page = paginator.get_page(request.GET.get("page"))      # never raises; bad numbers -> a valid page
    page.object_list                                         # the rows of this page
    paginator.count            # exact when ``paginator.count_is_exact``; otherwise the cap (a lower bound)
    paginator.count_is_exact   # False when there are more than ``cap`` rows
    paginator.count_estimate   # planner estimate (int) for an unfiltered PostgreSQL table beyond the cap, else None
    paginator.count_display    # ready to show: "1 234", "10 000+" or "≈ 1 000 000" (localised digits)
    paginator.num_pages        # exact when count_is_exact; otherwise the pages known to exist (cap / per_page)
    page.number, page.has_next(), page.next_page_number(), page.has_previous(), page.previous_page_number()
    page.start_index(), page.end_index()

In a template (``qs`` = the query string without ``page``, e.g. ``querystring_without(request, "page")``)::

    {{ page_obj.paginator.count_display }}
    {% if page_obj.has_previous %}<a href="?{{ qs }}page={{ page_obj.previous_page_number }}">‹</a>{% endif %}
    {{ page_obj.number }}{% if page_obj.paginator.count_is_exact %} / {{ page_obj.paginator.num_pages }}{% endif %}
    {% if page_obj.has_next %}<a href="?{{ qs }}page={{ page_obj.next_page_number }}">›</a>{% endif %}

Beyond the cap a page past ``num_pages`` is still served when it has rows: ``page(n)`` fetches one
row more than a page to know whether another page follows, so "Next" links keep working to the end
of the list. Build page links from ``has_next``/``has_previous`` (and ``num_pages`` only when
``count_is_exact``). ``orphans`` apply only when the count is exact. A queryset marked with
``prefer_sorting_matches`` (the employee name search) whose count is exact has its page found by
sorting the matches, never by walking an index in sort order: its pages cost at most ``cap`` rows.

A page of a queryset is read in two queries: the primary keys of the page (sorted and filtered, which
PostgreSQL can often answer from an index alone), then those rows with ``select_related`` and
``prefetch_related`` applied (pass ``deferred_rows=False`` for one plain sliced query). ``page.object_list``
is a list.

API (``CappedPageNumberPagination``): ``?page=N&page_size=M`` (``page_size`` up to 500); the body is
``{"count", "count_is_exact", "count_estimate", "next", "previous", "results"}`` with the meanings above.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import Any

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import DatabaseError, connections
from django.db.models import ExpressionWrapper, F, IntegerField, QuerySet, Value
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

logger = logging.getLogger(__name__)

DEFAULT_COUNT_CAP = 10_000


class CappedPage(Page):
    """A page that knows whether another page follows even when the total is not known."""

    def __init__(self, object_list, number: int, paginator: CappedCountPaginator, *, has_more: bool | None = None):
        super().__init__(object_list, number, paginator)
        self._has_more = has_more

    def has_next(self) -> bool:
        if self._has_more is not None:
            return self._has_more
        return super().has_next()

    def end_index(self) -> int:
        if self._has_more is not None:
            return self.start_index() + len(self.object_list) - 1 if len(self.object_list) else 0
        return super().end_index()


class CappedCountPaginator(Paginator):
    """A ``Paginator`` whose ``count`` never scans more than ``cap + 1`` rows (see the module docstring)."""

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, error_messages=None, *,
                 cap: int = DEFAULT_COUNT_CAP, deferred_rows: bool = True):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page, error_messages)
        self.cap = int(cap)
        self.deferred_rows = deferred_rows
        self._keys: list | None = None  # every key in order, when counting found them all (keys_of_few)

    @cached_property
    def _capped(self) -> tuple[int, bool]:
        """(rows counted, whether that is the exact total)."""
        object_list = self.object_list
        if isinstance(object_list, QuerySet):
            if object_list.query.is_empty():
                return 0, True
            if self.deferred_rows and SORT_MATCHES in object_list.query.annotations:
                keys = keys_of_few(object_list, self.cap)
                if keys is not UNSUPPORTED:
                    if keys is None:
                        return self.cap, False
                    self._keys = keys
                    return len(keys), True
            # Ordering, selected columns and joins pulled in only by select_related are dropped, and
            # the rows are counted as constants: PostgreSQL may then answer from any index that
            # covers the filters (an index-only scan), reading at most cap + 1 entries.
            base = object_list.order_by()
            query = base.query
            if query.distinct or query.combinator or query.group_by is not None:
                counted = base[: self.cap + 1].count()
            else:
                counted = count_rows(base.annotate(_counted=Value(1)).values("_counted")[: self.cap + 1])
        else:
            counted = len(object_list)
        if counted > self.cap:
            return self.cap, False
        return counted, True

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        return self._capped[0]

    @property
    def count_is_exact(self) -> bool:
        return self._capped[1]

    @cached_property
    def count_estimate(self) -> int | None:
        """The planner's estimate of the table size when the queryset is the whole (PostgreSQL) table
        and it holds more than ``cap`` rows; ``None`` otherwise."""
        if self.count_is_exact or not isinstance(self.object_list, QuerySet):
            return None
        return table_size_estimate(self.object_list)

    @property
    def count_display(self) -> str:
        if self.count_is_exact:
            return number_format(self.count, force_grouping=True)
        if self.count_estimate:
            return _("≈ %(count)s") % {"count": number_format(self.count_estimate, force_grouping=True)}
        return _("%(count)s+") % {"count": number_format(self.cap, force_grouping=True)}

    def validate_number(self, number) -> int:
        if self.count_is_exact:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number  # past the known pages: page() finds out whether it has rows

    def page(self, number) -> CappedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if self.count_is_exact:
            top = bottom + self.per_page
            if top + self.orphans >= self.count:
                top = self.count
            return CappedPage(self.rows(bottom, top), number, self)
        rows = self.rows(bottom, bottom + self.per_page + 1)
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)

    def rows(self, bottom: int, top: int) -> list:
        """``object_list[bottom:top]`` as a list. A queryset is read in two steps ("deferred join"):
        first the primary keys of the page, sorted and filtered (a narrow query PostgreSQL can often
        answer from an index alone, however deep the page), then those rows with their joins and
        prefetches."""
        object_list = self.object_list
        if not self.deferred_rows or not isinstance(object_list, QuerySet) or object_list.query.distinct \
                or object_list.query.combinator or top <= bottom:
            return list(object_list[bottom:top])
        if self.count_is_exact and self._keys is not None:
            keys = self._keys[bottom:top]  # every match was found and sorted while counting
        else:
            if self.count_is_exact and SORT_MATCHES in object_list.query.annotations:
                object_list = sort_matches_first(object_list)
            keys = list(object_list.values_list("pk", flat=True)[bottom:top])
        if not keys:
            return []
        found = {row.pk: row for row in object_list.order_by().filter(pk__in=keys)}
        return [found[key] for key in keys if key in found]

    def get_page(self, number) -> CappedPage:
        try:
            return super().get_page(number)  # type: ignore[return-value]
        except EmptyPage:  # a page past the end of an uncounted list: show the last page known to exist
            return self.page(self.num_pages)

    def _get_page(self, *args, **kwargs) -> CappedPage:
        return CappedPage(*args, **kwargs)


_INTEGER_KEYS = ("AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField")
SORT_MATCHES = "_paginator_sort_matches"


def prefer_sorting_matches(queryset: QuerySet) -> QuerySet:
    """Mark ``queryset`` as one whose matches cluster in its sort order (a name search: the people
    called Toshmatov sit together in the alphabet). When at most ``cap`` rows match, the paginator
    then sorts them (``sort_matches_first``) instead of letting PostgreSQL walk an index in sort order
    from the start. The mark (an unselected alias) survives ``filter()`` and ``order_by()``."""
    return queryset.alias(**{SORT_MATCHES: Value(True)})


def sort_matches_first(queryset: QuerySet) -> QuerySet:
    """The same rows in the same order, but sorted after filtering rather than found by walking an
    index in sort order (PostgreSQL).

    For ``ORDER BY last_name LIMIT 50`` PostgreSQL may walk the name index from "A" and test every
    row, expecting matches to be spread evenly. Matches of a surname search sit together in one place
    of the alphabet, so the walk can read most of a million rows to fill a page (0.2 s even when the
    index alone answers). When the paginator knows there are at most ``cap`` matches, sorting them
    costs at most ``cap`` rows: a constant first sort key (``pk * 0``) takes the walk off the table
    without changing the order. Where matches are spread evenly (filters by sex, age, status...) the
    walk is the better plan, so this applies only to querysets marked by ``prefer_sorting_matches``."""
    connection = connections[queryset.db]
    ordering = list(queryset.query.order_by)
    if not ordering and queryset.query.default_ordering:
        ordering = list(queryset.model._meta.ordering)
    if connection.vendor != "postgresql" or not ordering \
            or queryset.model._meta.pk.get_internal_type() not in _INTEGER_KEYS:
        return queryset
    return queryset.order_by(ExpressionWrapper(F("pk") * 0, output_field=IntegerField()), *ordering)


UNSUPPORTED = object()


def keys_of_few(queryset: QuerySet, cap: int):
    """PostgreSQL: the primary keys of all rows of ``queryset`` in its order, or ``None`` when more
    than ``cap`` rows match; ``UNSUPPORTED`` for other databases and orderings other than plain
    columns of the model.

    One query does the count and finds every page: the inner part reads at most ``cap + 1`` matching
    rows in whatever order is cheapest (like the capped count), the outer part sorts those few by the
    queryset's ordering. For a name search, whose matches must be read from the table one by one,
    this halves the work of counting and then sorting them again."""
    connection = connections[queryset.db]
    ordering = list(queryset.query.order_by)
    if not ordering and queryset.query.default_ordering:
        ordering = list(queryset.model._meta.ordering)
    if connection.vendor != "postgresql" or not ordering or queryset.query.distinct:
        return UNSUPPORTED
    columns: list[tuple[str, bool]] = []
    for term in ordering:
        if not isinstance(term, str) or term == "?":
            return UNSUPPORTED
        name = term.lstrip("-")
        try:
            field = queryset.model._meta.pk if name == "pk" else queryset.model._meta.get_field(name)
        except FieldDoesNotExist:
            return UNSUPPORTED
        if not field.concrete or field.is_relation:
            return UNSUPPORTED
        columns.append((field.attname, term.startswith("-")))
    inner = queryset.order_by().values_list("pk", *(attname for attname, _ in columns))[: cap + 1]
    try:
        sql, params = inner.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return []
    aliases = ", ".join(["k", *(f"c{i}" for i in range(len(columns)))])
    order = ", ".join(f"c{i} {'DESC' if descending else 'ASC'}" for i, (_, descending) in enumerate(columns))
    # One row back: the sorted keys, or NULL when there are more than cap (nothing to transfer). The
    # matches are read once (the CTE); the sort sits in the THEN branch, an InitPlan PostgreSQL runs
    # only when the count is within the cap, so a broad search does not sort rows it then discards.
    sql = (f"WITH few ({aliases}) AS MATERIALIZED ({sql}) "  # noqa: S608 - SQL compiled by Django
           f"SELECT CASE WHEN (SELECT count(*) FROM few) <= %s "
           f"THEN (SELECT COALESCE(array_agg(k ORDER BY {order}), '{{}}') FROM few) END")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, cap])
        keys = cursor.fetchone()[0]
    return list(keys) if keys is not None else None


def count_rows(queryset: QuerySet) -> int:
    """``SELECT count(*) FROM (<queryset>)``, the queryset's own select list kept as it is."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # e.g. a filter on an empty list of ids
        return 0
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)  # noqa: S608 - SQL compiled by Django
        return cursor.fetchone()[0]


def table_size_estimate(queryset: QuerySet) -> int | None:
    """``pg_class.reltuples`` of the queryset's table when the queryset has no filter at all."""
    query = queryset.query
    if query.where or query.distinct or query.combinator or query.is_sliced:
        return None
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                           [connection.ops.quote_name(queryset.model._meta.db_table)])
            row = cursor.fetchone()
    except DatabaseError:  # pragma: no cover - catalogue not readable: show "10 000+" instead
        logger.warning("Could not read the size estimate of %s", queryset.model._meta.db_table, exc_info=True)
        return None
    estimate = int(row[0]) if row else -1
    return estimate if estimate > 0 else None  # -1: never analysed


class StandardPagination(PageNumberPagination):
    """The API default (``REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]``)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class CappedPageNumberPagination(PageNumberPagination):
    """DRF page-number pagination over :class:`CappedCountPaginator`."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    count_cap = DEFAULT_COUNT_CAP

    def django_paginator_class(self, queryset, page_size) -> CappedCountPaginator:
        return CappedCountPaginator(queryset, page_size, cap=self.count_cap)

    def get_paginated_response(self, data: Any) -> Response:
        paginator: CappedCountPaginator = self.page.paginator
        return Response({
            "count": paginator.count,
            "count_is_exact": paginator.count_is_exact,
            "count_estimate": paginator.count_estimate,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        })

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "count_is_exact", "results"]
        response["properties"]["count"]["description"] = (
            "Exact number of results when count_is_exact; otherwise a lower bound (the counting cap)."
        )
        response["properties"] = {
            "count": response["properties"]["count"],
            "count_is_exact": {"type": "boolean", "example": True,
                               "description": "False when there are more results than the counting cap."},
            "count_estimate": {"type": "integer", "nullable": True, "example": None,
                               "description": "Planner estimate of the total for an unfiltered list beyond "
                                              "the cap (PostgreSQL only)."},
            **{key: value for key, value in response["properties"].items() if key != "count"},
        }
        return response
