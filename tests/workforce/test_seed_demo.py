import datetime
import io
import itertools
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.test import override_settings

from workforce.access import user_roles
from workforce.demo.organizations import ORGANIZATIONS
from workforce.models import (
    EDUCATION_RANK,
    Assignment,
    Education,
    Employee,
    EmployeeCircumstance,
    EmployeeStatus,
    Organization,
    OrganizationLevel,
    ReserveEntry,
    Role,
    StaffPosition,
)
from workforce.search import employee_search_text
from workforce.validators import pinfl_problems

WORKFORCE_ONLY = override_settings(DEMO_SEEDERS=["workforce.demo.seed"])
"""These tests are about workforce's seeder; other apps' seeders (vacancies appoints a winner, adding an
employee) have their own tests."""


def seed(employees: int, seed: int = 7) -> None:
    with WORKFORCE_ONLY:
        call_command("seed_demo", "--employees", str(employees), "--seed", str(seed), stdout=io.StringIO())


def snapshot() -> dict:
    """Everything the demo employees are, independent of primary keys."""
    people = list(Employee.objects.order_by("pinfl").values_list(
        "pinfl", "last_name", "first_name", "middle_name", "last_name_cyrl", "birth_date", "sex", "status",
        "organization__code", "staff_position__code", "hired_on", "civil_service_start", "education_level",
        "qualification_rank__code", "languages", "passport", "search_text", "user__username"))
    careers = sorted(Assignment.objects.values_list(
        "employee__pinfl", "organization__code", "staff_position__code", "start_date", "end_date", "rate",
        "start_kind", "end_kind", "end_reason", "contract_type"))
    positions = sorted(StaffPosition.objects.values_list("organization__code", "code", "name_uz", "rate_units",
                                                         "salary_grade"))
    educations = sorted(Education.objects.values_list("employee__pinfl", "level", "institution", "graduation_year"))
    reserve = sorted(ReserveEntry.objects.values_list("employee__pinfl", "organization__code", "category__code",
                                                      "included_on"))
    return {"people": people, "careers": careers, "positions": positions, "educations": educations,
            "reserve": reserve}


def delete_demo_people() -> None:
    ReserveEntry.objects.all().delete()
    EmployeeCircumstance.objects.all().delete()
    Education.objects.all().delete()
    Assignment.objects.all().delete()
    Employee.objects.all().delete()
    StaffPosition.objects.all().delete()


@pytest.mark.django_db
@WORKFORCE_ONLY
def test_seed_demo_builds_tree_and_users_and_is_repeatable():
    call_command("seed_demo", "--employees", "0", "--seed", "7")
    first = sorted(Organization.objects.values_list("code", "path", "level"))
    assert len(first) >= 40
    assert {lvl for _, _, lvl in first} == set(OrganizationLevel.values)
    User = get_user_model()
    roles = {u.username: user_roles(u) for u in User.objects.all()}
    for role in Role.values:
        assert any(role in r for r in roles.values()), role
    assert {"servant", "candidate"} <= set(roles)
    call_command("seed_demo", "--employees", "0", "--seed", "7")
    assert sorted(Organization.objects.values_list("code", "path", "level")) == first
    assert User.objects.count() == len(roles)
    assert not Employee.objects.exists()


@pytest.mark.django_db
def test_same_seed_gives_the_same_people_and_another_seed_others():
    seed(300, seed=7)
    first = snapshot()
    assert len(first["people"]) == 300
    delete_demo_people()
    seed(300, seed=7)
    assert snapshot() == first
    delete_demo_people()
    seed(300, seed=8)
    assert snapshot()["people"] != first["people"]


@pytest.mark.django_db
def test_running_again_adds_nobody():
    seed(200)
    before = snapshot()
    seed(200)
    seed(500)
    assert snapshot() == before


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One seeding of 1,500 employees for the read-only checks below, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed(1500, seed=2026)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return Employee.objects.select_related("organization", "staff_position__category", "qualification_rank")


@pytest.mark.django_db
def test_pinfls_are_valid_unique_and_match_birth_date_and_sex(demo):
    rows = list(demo.values_list("pinfl", "birth_date", "sex"))
    assert len(rows) == 1500 and len({p for p, _, _ in rows}) == 1500
    assert [p for p, born, sex in rows if pinfl_problems(p, birth_date=born, sex=sex)] == []


@pytest.mark.django_db
def test_every_demo_organisation_has_a_staffing_table_and_people(demo):
    codes = {code for code, *_ in ORGANIZATIONS}
    assert set(StaffPosition.objects.values_list("organization__code", flat=True)) == codes
    assert set(demo.values_list("organization__code", flat=True)) == codes
    titles = set(StaffPosition.objects.values_list("name_uz", "name_ru", "name_en"))
    assert ("Bosh mutaxassis", "Главный специалист", "Chief specialist") in titles
    assert all(ru and en for _, ru, en in titles)
    assert StaffPosition.objects.exclude(salary_grade=None).count() == StaffPosition.objects.count()


@pytest.mark.django_db
def test_distributions_are_plausible(demo):
    today = datetime.date.today()
    ages = [(today - born).days / 365.25 for born in demo.values_list("birth_date", flat=True)]
    assert min(ages) > 21.9 and max(ages) < 64.1
    assert 33 < sum(ages) / len(ages) < 42
    management = demo.filter(staff_position__group__in=["management", "political"])
    specialists = demo.filter(staff_position__group="specialist")
    male_management = management.filter(sex="M").count() / management.count()
    male_specialists = specialists.filter(sex="M").count() / specialists.count()
    assert 0.52 < male_management < 0.8 and male_specialists < male_management
    assert specialists.count() > 3 * management.count()
    education = Counter(demo.values_list("education_level", flat=True))
    assert (education["bachelor"] + education["master"]) / 1500 > 0.8
    assert education["phd"] + education["dsc"] > 0 and education["vocational"] > 0
    status = Counter(demo.values_list("status", flat=True))
    assert status[EmployeeStatus.ACTIVE] / 1500 > 0.85
    assert status[EmployeeStatus.DISMISSED] > 0 and status[EmployeeStatus.ON_LEAVE] > 0
    assert 0.2 < demo.exclude(last_name_cyrl="").count() / 1500 < 0.5
    surnames = Counter(name.rstrip("a") for name in demo.values_list("last_name", flat=True))
    assert len(surnames) > 80 and all(s.endswith(("ov", "ev")) for s in surnames)


@pytest.mark.django_db
def test_rank_grows_with_length_of_service(demo):
    today = datetime.date.today()
    by_service: dict[str, list[int]] = {"short": [], "long": []}
    for started, rank in demo.exclude(qualification_rank=None).values_list("civil_service_start",
                                                                           "qualification_rank__ordering"):
        years = (today - started).days / 365.25
        if years < 5:
            by_service["short"].append(rank)
        elif years > 15:
            by_service["long"].append(rank)
    average = {k: sum(v) / len(v) for k, v in by_service.items()}
    assert average["long"] > average["short"] + 1.5


@pytest.mark.django_db
def test_derived_fields_agree_with_assignments_and_education(demo):
    open_posts = {a.employee_id: a for a in Assignment.objects.filter(end_date=None, is_primary=True)}
    assert Assignment.objects.values("employee").annotate(n=Count("id")).filter(n__gt=3).count() == 0
    for employee in demo.prefetch_related("educations", "assignments"):
        post = open_posts.get(employee.pk)
        careers = sorted(employee.assignments.all(), key=lambda a: a.start_date)
        if employee.status == EmployeeStatus.DISMISSED:
            assert post is None and employee.staff_position_id is None
            assert careers[-1].end_kind == "dismissal" and careers[-1].end_reason
            assert employee.organization_id == careers[-1].organization_id
        else:
            assert (post.staff_position_id, post.organization_id) == (employee.staff_position_id,
                                                                       employee.organization_id)
        assert employee.hired_on == careers[0].start_date >= employee.civil_service_start
        for earlier, later in itertools.pairwise(careers):
            assert earlier.end_date == later.start_date - datetime.timedelta(days=1)
        levels = [e.level for e in employee.educations.all()]
        assert employee.education_level == max(levels, key=EDUCATION_RANK.__getitem__)
        assert employee.search_text == employee_search_text(
            last_name=employee.last_name, first_name=employee.first_name, middle_name=employee.middle_name,
            last_name_cyrl=employee.last_name_cyrl, first_name_cyrl=employee.first_name_cyrl,
            middle_name_cyrl=employee.middle_name_cyrl)


@pytest.mark.django_db
def test_no_staffing_line_is_ever_held_beyond_its_units_and_some_are_vacant(demo):
    units = dict(StaffPosition.objects.values_list("pk", "rate_units"))
    today = datetime.date.today()
    for day in (today, today - datetime.timedelta(days=400), today - datetime.timedelta(days=1500)):
        held = (Assignment.objects.filter(start_date__lte=day).filter(Q(end_date=None) | Q(end_date__gte=day))
                .values("staff_position").annotate(total=Sum("rate")))
        assert [row for row in held if row["total"] > units[row["staff_position"]]] == []
    planned = sum(units.values())
    filled = Assignment.objects.filter(end_date=None).aggregate(total=Sum("rate"))["total"]
    assert Decimal("0.02") < 1 - filled / planned < Decimal("0.3")


@pytest.mark.django_db
def test_every_record_has_a_creation_history_and_some_are_in_the_reserve(demo):
    assert Employee.history.filter(history_type="+").count() == 1500
    assert Assignment.history.count() == Assignment.objects.count()
    assert Education.history.count() == Education.objects.count()
    assert ReserveEntry.objects.filter(employee__isnull=False).exists()
    assert EmployeeCircumstance.objects.count() == demo.filter(status=EmployeeStatus.ON_LEAVE).count()


@pytest.mark.django_db
def test_the_demo_civil_servant_is_an_employee_of_the_ministry_of_finance(demo):
    servant = get_user_model().objects.get(username="servant")
    employee = Employee.objects.get(user=servant)
    assert employee.organization.code == "IMV"
    assert (employee.last_name, employee.first_name) == (servant.last_name, servant.first_name)
    assert employee.status == EmployeeStatus.ACTIVE and employee.sex == "M"
    assert not pinfl_problems(employee.pinfl, birth_date=employee.birth_date, sex=employee.sex)
