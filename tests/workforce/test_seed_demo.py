import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from workforce.access import user_roles
from workforce.models import Organization, OrganizationLevel, Role


@pytest.mark.django_db
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
