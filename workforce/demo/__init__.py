"""Demo data of the workforce app (called by ``manage.py seed_demo``)."""

from __future__ import annotations

import random
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from ..models import Organization, Region, Role, RoleGrant
from ..services import organization_create, organization_update
from .employees import seed_employees
from .organizations import DEMO_USERS, ORGANIZATIONS
from .templates import seed_template_line


def seed_organizations() -> dict[str, Organization]:
    regions = Region.objects.in_bulk()
    existing = Organization.objects.in_bulk(field_name="code")
    for code, parent_code, level, soato, uz, ru, en in ORGANIZATIONS:
        region = regions.get(soato) if soato else None
        if code in existing:
            organization_update(organization=existing[code], name_uz=uz, name_ru=ru, name_en=en, level=level,
                                region=region)
            continue
        existing[code] = organization_create(
            code=code, name_uz=uz, name_ru=ru, name_en=en, level=level, region=region,
            parent=existing[parent_code] if parent_code else None,
        )
    return existing


def seed_users(organizations: dict[str, Organization]) -> list[str]:
    User = get_user_model()
    usernames = []
    for username, first, last, role, org_code, is_staff in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.hr.uz"
        user.is_staff = is_staff
        user.is_superuser = username == "admin"
        if created or not user.has_usable_password():
            user.set_password(settings.DEMO_PASSWORD)
        user.save()
        if role:
            RoleGrant.objects.get_or_create(
                user=user, role=role, organization=organizations[org_code] if org_code else None
            )
        usernames.append(username)
    return usernames


@transaction.atomic
def seed(*, rng: random.Random, employees: int, stdout: TextIO) -> str:
    organizations = seed_organizations()
    users = seed_users(organizations)
    demo = {code: organizations[code] for code, *_ in ORGANIZATIONS}
    people = seed_employees(rng=rng, organizations=demo, employees=employees)
    template_line = seed_template_line(demo)  # after the employees: their lines keep the codes they are given
    return (f"{len(organizations)} organisations, {len(users)} demo users ({', '.join(Role.values)} and more); "
            f"{people}{template_line}")
