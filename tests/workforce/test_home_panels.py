"""The leadership and commission home pages say what these roles find, with figures of their own
scope only (counts, no personal data)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from tests.factories import UserFactory, grant, make_staff_position, make_staffed_employee
from workforce.models import Role
from workforce.selectors import scope_overview


@pytest.fixture(autouse=True)
def _no_cached_figures():
    cache.clear()


@pytest.fixture
def staffed(tree):
    a_position = make_staff_position(tree["A-DEPT"], rate_units="3.00")
    make_staffed_employee(tree["A-DEPT"], staff_position=a_position, last_name="Valiyev")
    make_staffed_employee(tree["A"], last_name="Karimov")
    make_staffed_employee(tree["B"], last_name="Boboyev")
    return a_position


def figure(html: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}">([^<]+)<', html).group(1)


@pytest.mark.django_db
def test_leadership_home_shows_its_scope_figures_and_where_to_go(client, tree, staffed):
    leader = UserFactory(username="leader_a")
    grant(leader, Role.LEADERSHIP, tree["A"])
    client.force_login(leader)
    html = client.get("/").content.decode()
    assert 'data-testid="panel-leadership"' in html
    assert figure(html, "figure-orgs") == "3"  # A, its department and district; not B
    assert figure(html, "figure-employees") == "2"
    assert "/workforce/organizations/" in html and f"/workforce/organizations/{tree['A'].pk}/staffing/" in html
    assert "Valiyev" not in html and "Boboyev" not in html  # figures only, never names
    assert 'data-testid="panel-commission"' not in html


@pytest.mark.django_db
def test_scope_overview_counts_only_the_subtree(tree, staffed):
    leader = UserFactory(username="leader_dept")
    grant(leader, Role.LEADERSHIP, tree["A-DEPT"])
    overview = scope_overview(user=leader)
    assert overview.organizations == 2 and overview.employees_in_service == 1
    assert overview.planned_units == 3 and overview.filled_units == 1 and overview.vacant_units == 2


@pytest.mark.django_db
def test_scope_overview_takes_five_queries_and_is_cached(tree, staffed, django_assert_max_num_queries):
    leader = UserFactory(username="leader_all")
    grant(leader, Role.LEADERSHIP, None)
    with django_assert_max_num_queries(6):
        first = scope_overview(user=leader)
    with django_assert_max_num_queries(0):
        assert scope_overview(user=leader) == first


@pytest.mark.django_db
def test_commission_home_names_its_commission_and_what_comes(client, tree):
    member = UserFactory(username="commission_b")
    grant(member, Role.COMMISSION, tree["B"])
    client.force_login(member)
    client.cookies["hr_language"] = "ru"
    html = client.get("/").content.decode()
    assert 'data-testid="panel-commission"' in html
    assert "Конкурсная комиссия" in html and str(tree["B"].name_ru) in html
    assert 'data-testid="panel-leadership"' not in html


@pytest.mark.django_db
def test_hr_officer_home_has_neither_panel(client, hr_a):
    client.force_login(hr_a)
    html = client.get("/").content.decode()
    assert 'data-testid="panel-leadership"' not in html and 'data-testid="panel-commission"' not in html
    assert 'data-testid="access-panel"' in html
