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
