"""core.pagination: the count stops at a cap, pages past it still work, pages are read in two
narrow queries, and the API says whether its count is exact."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.pagination import (
    CappedCountPaginator,
    CappedPageNumberPagination,
    prefer_sorting_matches,
    sort_matches_first,
    table_size_estimate,
)
from tests.factories import make_employee, make_staff_position, place
from workforce.models import Employee


@pytest.fixture
def twelve(tree):
    position = make_staff_position(tree["A"], rate_units="20")
    for i in range(12):
        place(make_employee(last_name=f"Ism{i:02d}"), position)
    return Employee.objects.select_related("organization", "staff_position").order_by("last_name", "id")


@pytest.mark.django_db
def test_exact_count_up_to_the_cap(twelve):
    paginator = CappedCountPaginator(twelve, 5, cap=12)
    assert (paginator.count, paginator.count_is_exact, paginator.num_pages) == (12, True, 3)
    assert paginator.count_estimate is None
    page = paginator.page(3)
    assert [e.last_name for e in page] == ["Ism10", "Ism11"]
    assert not page.has_next() and page.has_previous()
    assert (page.start_index(), page.end_index()) == (11, 12)
    with pytest.raises(EmptyPage):
        paginator.page(4)


@pytest.mark.django_db
def test_beyond_the_cap_the_count_is_a_lower_bound_and_later_pages_still_work(twelve):
    paginator = CappedCountPaginator(twelve.filter(sex="M"), 5, cap=7)  # filtered: no size estimate
    assert (paginator.count, paginator.count_is_exact, paginator.num_pages) == (7, False, 2)
    with translation.override("en"):
        assert paginator.count_display == "7+"
    second = paginator.page(2)
    assert second.has_next()  # known from the one extra row fetched, not from the count
    third = paginator.page(3)  # past num_pages, yet it has rows
    assert [e.last_name for e in third] == ["Ism10", "Ism11"]
    assert not third.has_next()
    assert (third.start_index(), third.end_index()) == (11, 12)
    assert second.next_page_number() == 3
    with pytest.raises(EmptyPage):
        paginator.page(4)
    with pytest.raises(PageNotAnInteger):
        paginator.page("x")
    assert paginator.get_page(99).number == 2  # the last page known to exist
    assert paginator.get_page("x").number == 1


@pytest.mark.django_db
def test_count_reads_at_most_cap_plus_one_rows(twelve):
    with CaptureQueriesContext(connection) as queries:
        CappedCountPaginator(twelve, 5, cap=7).count
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert sql.startswith("SELECT COUNT(*) FROM (SELECT 1")
    assert "LIMIT 8" in sql
    assert "JOIN" not in sql and "ORDER BY" not in sql  # select_related and ordering are dropped


@pytest.mark.django_db
def test_a_page_is_two_narrow_queries_keeping_order_and_related_rows(twelve, django_assert_num_queries):
    paginator = CappedCountPaginator(twelve.order_by("-last_name", "id"), 4)
    paginator.count
    with django_assert_num_queries(2):
        page = paginator.page(2)
        assert [e.last_name for e in page] == ["Ism07", "Ism06", "Ism05", "Ism04"]
        assert {e.organization.code for e in page} == {"A"}  # select_related kept: no query per row
    plain = CappedCountPaginator(twelve.order_by("-last_name", "id"), 4, deferred_rows=False)
    assert [e.pk for e in plain.page(2)] == [e.pk for e in page]


@pytest.mark.django_db
def test_empty_results_and_plain_lists(tree):
    empty = CappedCountPaginator(Employee.objects.none(), 10)
    assert (empty.count, empty.count_is_exact, empty.num_pages) == (0, True, 1)
    assert list(empty.page(1)) == []
    by_ids = CappedCountPaginator(Employee.objects.filter(organization__in=[]).order_by("id"), 10)
    assert by_ids.count == 0
    listed = CappedCountPaginator(list(range(25)), 10, cap=20)
    assert (listed.count, listed.count_is_exact) == (20, False)
    assert list(listed.page(3)) == [20, 21, 22, 23, 24]


@pytest.mark.django_db
def test_api_says_whether_the_count_is_exact(client, twelve, hr_a, monkeypatch):
    monkeypatch.setattr(CappedPageNumberPagination, "count_cap", 10)
    client.force_login(hr_a)
    body = client.get("/api/v1/employees/", {"page_size": 5}).json()
    assert (body["count"], body["count_is_exact"]) == (10, False)
    third = client.get("/api/v1/employees/", {"page_size": 5, "page": 3}).json()
    assert len(third["results"]) == 2 and third["next"] is None and third["previous"]
    monkeypatch.setattr(CappedPageNumberPagination, "count_cap", 100)
    body = client.get("/api/v1/employees/", {"page_size": 5}).json()
    assert (body["count"], body["count_is_exact"]) == (12, True)


@pytest.mark.django_db
def test_sorting_matches_first_keeps_the_order(twelve):
    marked = prefer_sorting_matches(twelve.filter(last_name__startswith="Ism"))
    paginator = CappedCountPaginator(marked.order_by("-last_name", "id"), 5)
    assert [e.last_name for e in paginator.page(1)] == [f"Ism{i:02d}" for i in range(11, 6, -1)]
    sorted_first = sort_matches_first(marked)
    assert [e.pk for e in sorted_first] == [e.pk for e in marked]


@pytest.mark.django_db
def test_no_size_estimate_for_filtered_lists_or_other_databases(twelve):
    assert table_size_estimate(twelve.filter(sex="M")) is None
    if connection.vendor != "postgresql":
        assert table_size_estimate(twelve) is None


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_estimate_of_an_unfiltered_table(twelve):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workforce_employee")
    paginator = CappedCountPaginator(twelve, 5, cap=5)
    assert paginator.count_estimate == 12
    with translation.override("en"):
        assert paginator.count_display == "≈ 12"
    assert CappedCountPaginator(twelve.filter(sex="M"), 5, cap=5).count_estimate is None


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_name_search_counts_and_sorts_its_few_matches_in_one_query(twelve):
    marked = prefer_sorting_matches(twelve.filter(search_text__contains="ism").order_by("-last_name", "id"))
    paginator = CappedCountPaginator(marked, 5)
    with CaptureQueriesContext(connection) as queries:
        assert (paginator.count, paginator.count_is_exact) == (12, True)
        second = [e.last_name for e in paginator.page(2)]
    assert second == [f"Ism{i:02d}" for i in range(6, 1, -1)]
    counting, rows = (q["sql"] for q in queries.captured_queries)
    assert "WITH few (k, c0, c1) AS MATERIALIZED" in counting and "LIMIT 10001" in counting
    assert "ORDER BY c0 DESC, c1 ASC" in counting
    assert "LIMIT" not in rows  # the rows of the page, by primary key
    unmarked = CappedCountPaginator(twelve.filter(search_text__contains="ism"), 5)
    with CaptureQueriesContext(connection) as queries:
        list(unmarked.page(1))
    assert len(queries.captured_queries) == 3  # count, keys of the page, rows


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_name_search_beyond_the_cap_pages_normally(twelve):
    marked = prefer_sorting_matches(twelve.filter(search_text__contains="ism"))
    paginator = CappedCountPaginator(marked, 5, cap=10)
    assert (paginator.count, paginator.count_is_exact) == (10, False)
    assert [e.last_name for e in paginator.page(3)] == ["Ism10", "Ism11"]
    with CaptureQueriesContext(connection) as queries:
        CappedCountPaginator(marked, 5, cap=11).page(1)
    assert "* 0" not in queries.captured_queries[1]["sql"]  # more than the cap: no forced sort


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_sorting_without_the_index_walk_keeps_the_order(twelve):
    marked = prefer_sorting_matches(twelve.filter(last_name__startswith="Ism")).order_by("-last_name", "id")
    resorted = sort_matches_first(marked)
    assert 'ORDER BY ("workforce_employee"."id" * 0)' in str(resorted.query)
    assert [e.pk for e in resorted] == [e.pk for e in marked]
