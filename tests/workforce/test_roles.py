import pytest

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import UserFactory, grant
from workforce.access import user_roles
from workforce.errors import WorkforceErrorCode
from workforce.models import Role
from workforce.services import role_grant_create, role_grant_revoke


@pytest.mark.django_db
def test_admin_of_a_grants_within_a(tree):
    admin_a = UserFactory()
    grant(admin_a, Role.ADMIN, tree["A"])
    officer = UserFactory()
    created = role_grant_create(user=officer, role=Role.HR_OFFICER, organization=tree["A-DEPT"], granted_by=admin_a)
    assert user_roles(officer) == {Role.HR_OFFICER}
    assert created.granted_by == admin_a
    event = AuditEvent.objects.get(action="workforce.role.granted")
    assert event.data["organization"] == "A-DEPT"


@pytest.mark.django_db
def test_admin_of_a_cannot_grant_on_b_or_globally(tree):
    admin_a = UserFactory()
    grant(admin_a, Role.ADMIN, tree["A"])
    officer = UserFactory()
    for organization in (tree["B"], None):
        with pytest.raises(ApplicationError) as error:
            role_grant_create(user=officer, role=Role.HR_OFFICER, organization=organization, granted_by=admin_a)
        assert error.value.code == WorkforceErrorCode.ROLE_GRANT_FORBIDDEN


@pytest.mark.django_db
def test_hr_officer_cannot_grant(tree, hr_a):
    with pytest.raises(ApplicationError):
        role_grant_create(user=UserFactory(), role=Role.HR_OFFICER, organization=tree["A"], granted_by=hr_a)


@pytest.mark.django_db
def test_duplicate_grant_is_a_clear_error(tree, admin_user):
    officer = UserFactory()
    role_grant_create(user=officer, role=Role.HR_OFFICER, organization=tree["A"], granted_by=admin_user)
    with pytest.raises(ApplicationError) as error:
        role_grant_create(user=officer, role=Role.HR_OFFICER, organization=tree["A"], granted_by=admin_user)
    assert error.value.code == WorkforceErrorCode.ROLE_GRANT_EXISTS


@pytest.mark.django_db
def test_duplicate_global_grant_is_refused(admin_user):
    leader = UserFactory()
    role_grant_create(user=leader, role=Role.LEADERSHIP, organization=None, granted_by=admin_user)
    with pytest.raises(ApplicationError):
        role_grant_create(user=leader, role=Role.LEADERSHIP, organization=None, granted_by=admin_user)


@pytest.mark.django_db
def test_revoke_removes_access_and_is_audited(tree, admin_user):
    officer = UserFactory()
    created = role_grant_create(user=officer, role=Role.HR_OFFICER, organization=tree["A"], granted_by=admin_user)
    role_grant_revoke(grant=created, revoked_by=admin_user)
    assert user_roles(officer) == set()
    assert AuditEvent.objects.filter(action="workforce.role.revoked").exists()
