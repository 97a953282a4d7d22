"""Factories for the tests: real rows in the real database, built through the services where
the services keep derived state (the organisation tree path)."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from workforce.models import Organization, OrganizationLevel, Region, RoleGrant
from workforce.services import organization_create

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
