"""Factories for the tests: real rows in the real database, built through the services where
the services keep derived state (the organisation tree path)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from workforce.models import (
    Assignment,
    Employee,
    EmployeeStatus,
    Organization,
    OrganizationLevel,
    PositionCategory,
    QualificationRank,
    Region,
    RoleGrant,
    StaffPosition,
)
from workforce.search import employee_search_text
from workforce.services import organization_create
from workforce.validators import make_pinfl

PASSWORD = "Correct-Horse-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.uz")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


_org_counter = iter(range(1, 10**9))


def make_organization(
    *, code: str | None = None, parent: Organization | None = None, level: str = OrganizationLevel.REPUBLICAN,
    name: str | None = None, region: Region | None = None,
) -> Organization:
    n = next(_org_counter)
    code = code or f"ORG{n}"
    return organization_create(
        code=code, name_uz=name or f"Tashkilot {code}", name_ru=f"Организация {code}", name_en=f"Organisation {code}",
        level=level, parent=parent, region=region or Region.objects.order_by("soato").first(),
    )


def grant(user, role: str, organization: Organization | None) -> RoleGrant:
    return RoleGrant.objects.create(user=user, role=role, organization=organization)


# --- Employee record ---------------------------------------------------------------------------
_serial = iter(range(1, 10**9))


def make_staff_position(
    organization: Organization, *, code: str | None = None, rate_units: str | Decimal = "1.00",
    category_code: str = "S-3", name: str | None = None,
) -> StaffPosition:
    category = PositionCategory.objects.get(code=category_code)
    n = next(_serial)
    return StaffPosition.objects.create(
        organization=organization, code=code or f"SP{n}", name_uz=name or f"Lavozim {n}",
        name_ru=f"Должность {n}", name_en=f"Position {n}", group=category.group, category=category,
        rate_units=Decimal(str(rate_units)),
    )


def make_employee(
    *, last_name: str = "Karimov", first_name: str = "Aziz", middle_name: str = "Anvarovich",
    birth_date: datetime.date = datetime.date(1985, 4, 12), sex: str = "M", last_name_cyrl: str = "",
    first_name_cyrl: str = "", rank_code: str | None = None, **fields,
) -> Employee:
    """An employee row (not yet assigned anywhere) with a valid PINFL matching birth date and sex."""
    n = next(_serial)
    employee = Employee.objects.create(
        pinfl=fields.pop("pinfl", None) or make_pinfl(birth_date, sex, 300 + n % 600, n),
        last_name=last_name, first_name=first_name, middle_name=middle_name, birth_date=birth_date, sex=sex,
        last_name_cyrl=last_name_cyrl, first_name_cyrl=first_name_cyrl,
        qualification_rank=QualificationRank.objects.get(code=rank_code) if rank_code else None,
        search_text=employee_search_text(last_name=last_name, first_name=first_name, middle_name=middle_name,
                                         last_name_cyrl=last_name_cyrl, first_name_cyrl=first_name_cyrl),
        **fields,
    )
    return employee


def place(employee: Employee, staff_position: StaffPosition, *, start: datetime.date = datetime.date(2020, 1, 1),
          rate: str = "1.00") -> Assignment:
    """Put ``employee`` on ``staff_position`` directly (for tests that are not about the HR services)."""
    assignment = Assignment.objects.create(
        employee=employee, staff_position=staff_position, organization=staff_position.organization,
        rate=Decimal(rate), start_date=start,
    )
    Employee.objects.filter(pk=employee.pk).update(
        organization=staff_position.organization, staff_position=staff_position, hired_on=start,
        status=EmployeeStatus.ACTIVE, civil_service_start=employee.civil_service_start or start,
    )
    employee.refresh_from_db()
    return assignment


# --- HR orders (the services' tests) -----------------------------------------------------------
def make_position(
    organization: Organization, *, category_code: str = "S-3", rate_units: str | Decimal = "1.00",
    salary_grade: int | None = None, code: str | None = None, name: str | None = None,
) -> StaffPosition:
    """A staff position with an optional salary grade (seniority within a category)."""
    staff_position = make_staff_position(organization, code=code, rate_units=rate_units,
                                         category_code=category_code, name=name)
    if salary_grade is not None:
        StaffPosition.objects.filter(pk=staff_position.pk).update(salary_grade=salary_grade)
        staff_position.refresh_from_db()
    return staff_position


def make_register_position(*, category_code: str = "M-4", code: str | None = None):
    from workforce.models import RegisterPosition

    category = PositionCategory.objects.get(code=category_code)
    n = next(_serial)
    return RegisterPosition.objects.create(
        code=code or f"RP{n}", level=OrganizationLevel.REPUBLICAN, group=category.group, category=category,
        name_uz=f"Reyestr lavozimi {n}",
    )


def hire(employee: Employee, staff_position: StaffPosition, *, start: datetime.date = datetime.date(2024, 1, 1),
         rate: str = "1.00", actor=None) -> Assignment:
    """Hire through the HR service (order, number, denormalised fields) and return the new assignment."""
    from workforce.services import employee_hire

    order = employee_hire(employee=employee, staff_position=staff_position, start_date=start, rate=Decimal(rate),
                          actor=actor)
    return order.started_assignments.get()


# --- Employee lists, API and demo data (appended) ----------------------------------------------
def make_staffed_employee(
    organization: Organization, *, staff_position: StaffPosition | None = None, start: datetime.date | None = None,
    education_level: str = "", **fields,
) -> Employee:
    """An employee placed on a (new, roomy) staff position of ``organization``."""
    staff_position = staff_position or make_staff_position(organization, rate_units="50.00")
    employee = make_employee(education_level=education_level, **fields)
    place(employee, staff_position, start=start or datetime.date(2020, 1, 1))
    return employee


# --- Vacancies (appended by the vacancies app) -------------------------------------------------
def make_candidate(*, user=None, last_name: str = "Saidova", first_name: str = "Nilufar", sex: str = "F",
                   birth_date: datetime.date = datetime.date(1994, 3, 15), employee: Employee | None = None,
                   education: str | None = "master", specialty: str = "Huquqshunoslik", experience_years: int = 6,
                   languages: tuple[str, ...] = ("uz", "ru"), username: str | None = None):
    """A candidate with an account, an education entry and ``experience_years`` of declared work."""
    from vacancies.models import Candidate, CandidateEducation, CandidateExperience

    n = next(_serial)
    if employee is not None:
        birth_date, sex, pinfl = employee.birth_date, employee.sex, employee.pinfl
        last_name, first_name = employee.last_name, employee.first_name
    else:
        pinfl = make_pinfl(birth_date, sex, 400 + n % 500, n)
    user = user or UserFactory(username=username or f"cand{n}", first_name=first_name, last_name=last_name)
    candidate = Candidate.objects.create(
        user=user, employee=employee, pinfl=pinfl, passport=f"AB{n % 10_000_000:07d}", last_name=last_name,
        first_name=first_name, birth_date=birth_date, sex=sex, languages=list(languages),
    )
    if education:
        CandidateEducation.objects.create(candidate=candidate, level=education, specialty=specialty,
                                          institution="Toshkent davlat yuridik universiteti", graduation_year=2016)
    if experience_years:
        today = datetime.date.today()
        CandidateExperience.objects.create(candidate=candidate, employer="“Ishonch” MChJ", position="Yurist",
                                           start_date=today.replace(year=today.year - experience_years) -
                                           datetime.timedelta(days=3))
    return candidate


def make_vacancy(organization: Organization, *, status: str = "published", category_code: str = "S-2",
                 staff_position: StaffPosition | None = None, title: str | None = None, salary_min: int = 6_000_000,
                 salary_max: int | None = 8_000_000, opens_on: datetime.date | None = None,
                 closes_on: datetime.date | None = None, actor=None, **fields):
    """A vacancy through the services (draft → published [→ closed → in competition])."""
    from vacancies.services import vacancy_close, vacancy_create, vacancy_publish, vacancy_start_competition

    today = datetime.date.today()
    staff_position = staff_position or make_position(organization, category_code=category_code)
    vacancy = vacancy_create(
        staff_position=staff_position, opens_on=opens_on or today - datetime.timedelta(days=5),
        closes_on=closes_on or today + datetime.timedelta(days=20), salary_min=salary_min, salary_max=salary_max,
        title_uz=title or staff_position.name_uz, actor=actor, **fields,
    )
    if status == "draft":
        return vacancy
    vacancy = vacancy_publish(vacancy=vacancy, actor=actor)
    if status in ("closed", "in_competition"):
        vacancy = vacancy_close(vacancy=vacancy, actor=actor)
    if status == "in_competition":
        vacancy = vacancy_start_competition(vacancy=vacancy, actor=actor)
    return vacancy
