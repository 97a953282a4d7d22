"""Roles are extensible: an app registers its own and scoping works for it as for HR roles."""

import pytest
from django.test import RequestFactory

from core.access import scope_queryset, user_roles
from core.exceptions import ApplicationError
from core.mixins import RoleRequiredMixin
from core.roles import register_role, role_choices, role_label, unregister_role
from tests.factories import UserFactory
from workforce.models import Organization, Role
from workforce.services import role_grant_create


@pytest.fixture
def trip_approver():
    register_role("trip_approver", "Trip approver", app="tests")
    yield "trip_approver"
    unregister_role("trip_approver")


def test_workforce_registers_its_roles():
    keys = [key for key, _label in role_choices()]
    assert {Role.ADMIN, Role.HR_OFFICER, Role.LEADERSHIP, Role.COMMISSION} <= set(keys)
    assert str(role_label(Role.HR_OFFICER)) == str(Role.HR_OFFICER.label)


def test_a_key_taken_by_another_app_is_refused(trip_approver):
    with pytest.raises(ValueError):
        register_role("trip_approver", "Someone else's", app="other")
    with pytest.raises(ValueError):
        register_role("Bad Key", "x", app="tests")


@pytest.mark.django_db
def test_an_app_role_is_granted_and_scoped_like_hr_roles(tree, admin_user, trip_approver):
    approver = UserFactory()
    role_grant_create(user=approver, role=trip_approver, organization=tree["A"], granted_by=admin_user)
    assert user_roles(approver) == {trip_approver}
    visible = scope_queryset(Organization.objects.all(), user=approver, roles=[trip_approver], org_field="pk")
    assert set(visible.values_list("code", flat=True)) == {"A", "A-DEPT", "A-DIST"}
    # The same user has no HR scope at all.
    assert not scope_queryset(Organization.objects.all(), user=approver, roles=[Role.HR_OFFICER], org_field="pk")


@pytest.mark.django_db
def test_an_unregistered_role_cannot_be_granted(tree, admin_user):
    with pytest.raises(ApplicationError) as error:
        role_grant_create(user=UserFactory(), role="emperor", organization=tree["A"], granted_by=admin_user)
    assert error.value.field == "role"


@pytest.mark.django_db
def test_role_required_mixin_admits_only_holders(tree, admin_user, trip_approver):
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse
    from django.views import View

    class ApproverPage(RoleRequiredMixin, View):
        required_roles = (trip_approver,)

        def get(self, request):
            return HttpResponse("ok")

    approver, stranger = UserFactory(), UserFactory()
    role_grant_create(user=approver, role=trip_approver, organization=tree["B"], granted_by=admin_user)
    request = RequestFactory().get("/")
    request.user = approver
    assert ApproverPage.as_view()(request).status_code == 200
    request.user = stranger
    with pytest.raises(PermissionDenied):
        ApproverPage.as_view()(request)
