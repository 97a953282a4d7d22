"""EmployeeFilter: every filter, the search in any script and apostrophe, age bands at their edges,
a total order, and never anything outside the user's scope."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_employee, make_staff_position, make_staffed_employee, place
from workforce.filters import EmployeeFilter
from workforce.models import Employee, EmployeeStatus, PositionCategory
from workforce.selectors import employee_list


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def names(user, **params) -> list[str]:
    filterset = EmployeeFilter(params, queryset=employee_list(user=user))
    assert filterset.is_valid(), filterset.errors
    return [f"{e.last_name} {e.first_name}" for e in filterset.qs]


@pytest.fixture
def people(tree):
    senior = make_staff_position(tree["A"], rate_units="10", category_code="M-4")
    junior = make_staff_position(tree["A-DIST"], rate_units="10", category_code="S-4")
    return {
        "karimov": make_staffed_employee(tree["A"], staff_position=senior, last_name="Karimov", first_name="Aziz",
                                         middle_name="Anvarovich", last_name_cyrl="Каримов", first_name_cyrl="Азиз",
                                         birth_date=datetime.date(1980, 5, 1), rank_code="R-05",
                                         education_level="phd", passport="AB1234567",
                                         start=datetime.date(2015, 3, 1)),
        "gulomova": make_staffed_employee(tree["A-DIST"], staff_position=junior, last_name="Gʻulomova",
                                          first_name="Malika", middle_name="Rustamovna", last_name_cyrl="Гулямова",
                                          first_name_cyrl="Малика", sex="F", birth_date=datetime.date(1995, 2, 2),
                                          education_level="bachelor", start=datetime.date(2019, 9, 1)),
        "abdukarimova": make_staffed_employee(tree["A"], staff_position=senior, last_name="Abdukarimova",
                                              first_name="Nodira", middle_name="Ilhomovna", sex="F",
                                              birth_date=datetime.date(1988, 7, 7), education_level="master",
                                              start=datetime.date(2021, 1, 10)),
        "yusupov": make_staffed_employee(tree["A-DIST"], staff_position=junior, last_name="Yusupov",
                                         first_name="Kamol", middle_name="Karimovich",
                                         birth_date=datetime.date(1970, 1, 1), education_level="master",
                                         start=datetime.date(2010, 6, 1)),
        "b_karimov": make_staffed_employee(tree["B"], last_name="Karimov", first_name="Bobur",
                                           birth_date=datetime.date(1980, 5, 1)),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Karimov Aziz", "karimov aziz", "КАРИМОВ АЗИЗ", "Каримов Азиз", "Aziz Karimov",
                                   "Каримов Aziz", "karimov anvarovich"])
def test_search_latin_and_cyrillic(people, hr_a, query):
    assert names(hr_a, q=query) == ["Karimov Aziz"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Gʻulomova", "G'ulomova", "G‘ulomova", "G’ulomova", "G`ulomova", "Gulomova",
                                   "Ғуломова", "Гулямова", "gulyamova"])
def test_search_any_apostrophe_and_the_russian_spelling(people, hr_a, query):
    assert names(hr_a, q=query) == ["Gʻulomova Malika"]


@pytest.mark.django_db
def test_a_long_word_matches_inside_names_a_short_one_only_at_the_start(people, hr_a):
    assert names(hr_a, q="karim") == ["Abdukarimova Nodira", "Karimov Aziz", "Yusupov Kamol"]  # Karimovich too
    assert names(hr_a, q="Ka") == ["Karimov Aziz", "Yusupov Kamol"]  # not abdu-KA-rimova
    assert names(hr_a, q="Karimov Az") == ["Karimov Aziz"]  # a name word starting with "az"
    assert names(hr_a, q="Karimov A") == ["Abdukarimova Nodira", "Karimov Aziz"]
    assert names(hr_a, q="Y") == ["Yusupov Kamol"]
    assert names(hr_a, q="Ғ") == ["Gʻulomova Malika"]


@pytest.mark.django_db
def test_search_by_pinfl_and_passport(people, hr_a):
    assert names(hr_a, q=people["karimov"].pinfl) == ["Karimov Aziz"]
    assert names(hr_a, q=" ab1234567 ") == ["Karimov Aziz"]
    assert names(hr_a, q=people["b_karimov"].pinfl) == []  # another organisation's employee


@pytest.mark.django_db
def test_empty_or_punctuation_search_changes_nothing(people, hr_a):
    assert len(names(hr_a, q="")) == 4
    assert len(names(hr_a, q=" ' - ")) == 4


@pytest.mark.django_db
def test_search_never_leaves_the_scope(people, hr_a, admin_user):
    assert names(hr_a, q="Karimov") == ["Abdukarimova Nodira", "Karimov Aziz", "Yusupov Kamol"]
    assert names(admin_user, q="Karimov") == ["Abdukarimova Nodira", "Karimov Aziz", "Karimov Bobur",
                                              "Yusupov Kamol"]


@pytest.mark.django_db
def test_organisation_filter_takes_the_subtree_and_only_inside_the_scope(people, tree, hr_a):
    assert names(hr_a, organization=tree["A-DEPT"].pk) == ["Gʻulomova Malika", "Yusupov Kamol"]
    assert len(names(hr_a, organization=tree["A"].pk)) == 4
    assert names(hr_a, organization=tree["B"].pk) == []
    assert names(hr_a, organization=999_999) == []


@pytest.mark.django_db
def test_region_group_and_category(people, tree, hr_a, admin_user):
    region = tree["A"].region_id
    assert len(names(hr_a, region=region)) == 4
    assert len(names(admin_user, region=region)) == 5  # B is in the same region: the scope still applies to hr_a
    assert names(hr_a, group="management") == ["Abdukarimova Nodira", "Karimov Aziz"]
    specialist = PositionCategory.objects.get(code="S-4").pk
    assert names(hr_a, category=specialist) == ["Gʻulomova Malika", "Yusupov Kamol"]


@pytest.mark.django_db
def test_sex_education_rank_and_status(people, hr_a):
    assert names(hr_a, sex="F") == ["Abdukarimova Nodira", "Gʻulomova Malika"]
    assert names(hr_a, education_level="master") == ["Abdukarimova Nodira", "Yusupov Kamol"]
    rank = people["karimov"].qualification_rank_id
    assert names(hr_a, rank=rank) == ["Karimov Aziz"]
    Employee.objects.filter(pk=people["yusupov"].pk).update(status=EmployeeStatus.ON_LEAVE)
    assert names(hr_a, status="on_leave") == ["Yusupov Kamol"]
    assert len(names(hr_a, status="active")) == 3


@pytest.mark.django_db
def test_hired_between(people, hr_a):
    assert names(hr_a, hired_from="2015-03-01", hired_to="2019-09-01") == ["Gʻulomova Malika", "Karimov Aziz"]
    assert names(hr_a, hired_from="2015-03-02") == ["Abdukarimova Nodira", "Gʻulomova Malika"]
    assert names(hr_a, hired_to="2010-06-01") == ["Yusupov Kamol"]


@pytest.mark.django_db
def test_age_bands_at_their_edges(tree, hr_a):
    today = timezone.localdate()
    position = make_staff_position(tree["A"], rate_units="10")

    def born(years_ago: int, shift_days: int, name: str) -> None:
        birthday = years_before(today, years_ago) + datetime.timedelta(days=shift_days)
        place(make_employee(last_name=name, birth_date=birthday), position)

    born(35, 0, "Ottuzbesh")  # 35 today
    born(35, 1, "Ottuztort")  # turns 35 tomorrow: still 34
    born(25, 0, "Yigirmabesh")
    born(24, 0, "Yigirmatort")
    born(60, 0, "Oltmish")
    born(59, 1, "Ellikto")  # 58 until tomorrow
    assert names(hr_a, age_band="25-34") == ["Ottuztort Aziz", "Yigirmabesh Aziz"]
    assert names(hr_a, age_band="35-44") == ["Ottuzbesh Aziz"]
    assert names(hr_a, age_band="18-24") == ["Yigirmatort Aziz"]
    assert names(hr_a, age_band="55-59") == ["Ellikto Aziz"]
    assert names(hr_a, age_band="60+") == ["Oltmish Aziz"]
    filterset = EmployeeFilter({"age_band": "30-40"}, queryset=employee_list(user=hr_a))
    assert not filterset.is_valid()


@pytest.mark.django_db
def test_sorting_is_total_so_pages_never_overlap(tree, hr_a):
    position = make_staff_position(tree["A"], rate_units="20")
    same = [make_employee(last_name="Aliyev", first_name="Anvar", birth_date=datetime.date(1990, 1, 1))
            for _ in range(4)]
    for employee in same:
        place(employee, position)
    place(make_employee(last_name="Aliyev", first_name="Bahodir", birth_date=datetime.date(1980, 1, 1)), position)
    by_name = EmployeeFilter({}, queryset=employee_list(user=hr_a)).qs
    assert [e.pk for e in by_name][:4] == sorted(e.pk for e in same)
    assert list(by_name.query.order_by) == ["last_name", "first_name", "id"]
    reverse = EmployeeFilter({"ordering": "-name"}, queryset=employee_list(user=hr_a)).qs
    assert list(reverse.query.order_by) == ["-last_name", "-first_name", "-id"]
    assert [e.pk for e in reverse][1:] == sorted((e.pk for e in same), reverse=True)
    by_birth = EmployeeFilter({"ordering": "birth_date"}, queryset=employee_list(user=hr_a)).qs
    assert list(by_birth.query.order_by) == ["birth_date", "id"]
    assert by_birth.first().first_name == "Bahodir"
    by_service = EmployeeFilter({"ordering": "-service_start"}, queryset=employee_list(user=hr_a)).qs
    assert list(by_service.query.order_by) == ["-civil_service_start", "-id"]
