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
