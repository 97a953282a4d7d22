import datetime

import pytest

from tests.factories import UserFactory, grant
from workforce.access import ANALYTICS_ROLES, HR_ROLES, org_scope, organizations_for, scope_queryset, user_roles
from workforce.models import Organization, Role, RoleGrant


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


@pytest.mark.django_db
def test_hr_officer_sees_own_subtree_only(tree, hr_a):
    assert codes(organizations_for(hr_a)) == ["A", "A-DEPT", "A-DIST"]


@pytest.mark.django_db
def test_grant_on_a_unit_does_not_reach_up_or_sideways(tree):
    user = UserFactory()
    grant(user, Role.HR_OFFICER, tree["A-DEPT"])
    assert codes(organizations_for(user)) == ["A-DEPT", "A-DIST"]


@pytest.mark.django_db
def test_role_filter_matters(tree):
    user = UserFactory()
    grant(user, Role.LEADERSHIP, tree["B"])
    assert codes(organizations_for(user, roles=HR_ROLES)) == []
    assert codes(organizations_for(user, roles=ANALYTICS_ROLES)) == ["B", "B-DEPT"]


@pytest.mark.django_db
def test_global_grant_and_superuser_see_everything(tree):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, None)
    assert org_scope(leader, ANALYTICS_ROLES).everything
    superuser = UserFactory(is_superuser=True)
    assert organizations_for(superuser).count() == Organization.objects.count()
    assert Role.ADMIN in user_roles(superuser)


@pytest.mark.django_db
def test_expired_grant_gives_nothing(tree):
    user = UserFactory()
    RoleGrant.objects.create(user=user, role=Role.HR_OFFICER, organization=tree["A"],
                             valid_until=datetime.date(2020, 1, 1))
    assert codes(organizations_for(user)) == []
    assert user_roles(user) == set()


@pytest.mark.django_db
def test_inactive_and_anonymous_users_see_nothing(tree, hr_a):
    from django.contrib.auth.models import AnonymousUser

    assert organizations_for(AnonymousUser()).count() == 0
    hr_a.is_active = False
    assert organizations_for(hr_a).count() == 0


@pytest.mark.django_db
def test_scope_queryset_filters_by_any_org_field(tree, hr_a, hr_b):
    grants = RoleGrant.objects.all()
    assert set(scope_queryset(grants, user=hr_a).values_list("user__username", flat=True)) == {"hr_a"}
    assert set(scope_queryset(grants, user=hr_b).values_list("user__username", flat=True)) == {"hr_b"}


@pytest.mark.django_db
def test_nested_grants_collapse_to_the_widest(tree):
    user = UserFactory()
    grant(user, Role.HR_OFFICER, tree["A"])
    grant(user, Role.HR_OFFICER, tree["A-DIST"])
    assert org_scope(user).paths == (tree["A"].path,)
