"""The admin escalation probe (issue 6 §1), through the real Django admin views: an administrator
scoped to one organisation, holding every admin permission, cannot widen a grant, grant beyond
their own, reach another subtree, or bypass the staffing rules; every change goes through the
services and is audited."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import UserFactory, grant, hire, make_employee, make_position
from workforce.errors import WorkforceErrorCode
from workforce.models import Organization, PolicyParameter, Role, RoleGrant, StaffPosition
from workforce.services import role_grant_create


@pytest.fixture
def scoped_admin(tree):
    """An administrator of A with every permission of the admin site (the worst case)."""
    user = UserFactory(username="admin_a", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=["workforce", "core"]))
    grant(user, Role.ADMIN, tree["A"])
    return user


def grant_form(grant_obj=None, **values):
    data = {"role": grant_obj.role if grant_obj else Role.HR_OFFICER,
            "organization": grant_obj.organization_id if grant_obj else "",
            "valid_until": ""}
    data.update(values)
    return data


@pytest.mark.django_db
def test_a_grant_cannot_be_widened_to_the_whole_civil_service(client, scoped_admin, tree):
    officer = UserFactory(username="officer")
    existing = grant(officer, Role.HR_OFFICER, tree["A-DEPT"])
    client.force_login(scoped_admin)
    url = reverse("admin:workforce_rolegrant_change", args=[existing.pk])
    assert client.get(url).status_code == 200
    for organization in ("", tree["B"].pk):
        response = client.post(url, grant_form(existing, organization=organization))
        assert response.status_code == 200  # the form again, with the reason
        assert response.context["adminform"].form.errors
    existing.refresh_from_db()
    assert existing.organization == tree["A-DEPT"]
    assert not AuditEvent.objects.filter(action__startswith="workforce.role.").exists()
    # Their own grant cannot be widened either.
    own = RoleGrant.objects.get(user=scoped_admin)
    client.post(reverse("admin:workforce_rolegrant_change", args=[own.pk]), grant_form(own, organization=""))
    own.refresh_from_db()
    assert own.organization == tree["A"]


@pytest.mark.django_db
def test_a_change_within_the_subtree_goes_through_the_service_and_is_audited(client, scoped_admin, tree):
    officer = UserFactory(username="officer")
    existing = grant(officer, Role.HR_OFFICER, tree["A-DEPT"])
    client.force_login(scoped_admin)
    response = client.post(reverse("admin:workforce_rolegrant_change", args=[existing.pk]),
                           grant_form(existing, organization=tree["A-DIST"].pk, valid_until="31.12.2027"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    existing.refresh_from_db()
    assert (existing.organization, existing.valid_until) == (tree["A-DIST"], datetime.date(2027, 12, 31))
    event = AuditEvent.objects.get(action="workforce.role.changed")
    assert event.actor == scoped_admin and event.data["to"]["organization"] == "A-DIST"


@pytest.mark.django_db
def test_adding_a_grant_goes_through_the_service(client, scoped_admin, tree):
    officer = UserFactory(username="officer")
    client.force_login(scoped_admin)
    url = reverse("admin:workforce_rolegrant_add")
    for organization in ("", tree["B"].pk):
        response = client.post(url, {"user": officer.pk, **grant_form(organization=organization, role=Role.ADMIN)})
        assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not RoleGrant.objects.filter(user=officer).exists()
    response = client.post(url, {"user": officer.pk, **grant_form(organization=tree["A-DEPT"].pk)})
    assert response.status_code == 302
    created = RoleGrant.objects.get(user=officer)
    assert (created.organization, created.granted_by) == (tree["A-DEPT"], scoped_admin)
    assert AuditEvent.objects.get(action="workforce.role.granted").actor == scoped_admin


@pytest.mark.django_db
def test_the_changelist_and_deletes_are_scoped_and_audited(client, scoped_admin, tree):
    in_a = grant(UserFactory(username="in_a"), Role.HR_OFFICER, tree["A-DEPT"])
    in_b = grant(UserFactory(username="in_b"), Role.HR_OFFICER, tree["B"])
    national = grant(UserFactory(username="leader"), Role.LEADERSHIP, None)
    client.force_login(scoped_admin)
    listed = client.get(reverse("admin:workforce_rolegrant_changelist")).context["cl"].result_list
    assert {g.pk for g in listed} == {in_a.pk, RoleGrant.objects.get(user=scoped_admin).pk}
    for other in (in_b, national):
        assert client.get(reverse("admin:workforce_rolegrant_change", args=[other.pk])).status_code in (302, 404)
        client.post(reverse("admin:workforce_rolegrant_delete", args=[other.pk]), {"post": "yes"})
        assert RoleGrant.objects.filter(pk=other.pk).exists()
    client.post(reverse("admin:workforce_rolegrant_delete", args=[in_a.pk]), {"post": "yes"})
    assert not RoleGrant.objects.filter(pk=in_a.pk).exists()
    assert AuditEvent.objects.get(action="workforce.role.revoked").actor == scoped_admin


@pytest.mark.django_db
def test_nobody_grants_longer_than_their_own_role_lasts(tree):
    temporary = UserFactory(username="temp_admin")
    RoleGrant.objects.create(user=temporary, role=Role.ADMIN, organization=tree["A"],
                             valid_until=datetime.date(2027, 6, 30))
    officer = UserFactory(username="officer")
    for valid_until in (None, datetime.date(2027, 7, 1)):
        with pytest.raises(ApplicationError) as error:
            role_grant_create(user=officer, role=Role.HR_OFFICER, organization=tree["A"], granted_by=temporary,
                              valid_until=valid_until)
        assert error.value.code == WorkforceErrorCode.ROLE_GRANT_BEYOND_OWN
    assert role_grant_create(user=officer, role=Role.HR_OFFICER, organization=tree["A-DEPT"], granted_by=temporary,
                             valid_until=datetime.date(2027, 6, 30)).pk


@pytest.mark.django_db
def test_organisations_change_only_inside_the_subtree(client, scoped_admin, tree):
    client.force_login(scoped_admin)
    add = reverse("admin:workforce_organization_add")
    base = {"code": "A-NEW", "name_uz": "Yangi boʻlim", "name_uz_cyrl": "", "name_ru": "", "name_en": "",
            "level": "district", "region": "", "is_active": "on"}
    for parent in ("", tree["B"].pk):
        response = client.post(add, {**base, "parent": parent})
        assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not Organization.objects.filter(code="A-NEW").exists()
    assert client.post(add, {**base, "parent": tree["A-DEPT"].pk}).status_code == 302
    created = Organization.objects.get(code="A-NEW")
    assert created.path == f"{tree['A-DEPT'].path}{created.pk}/"
    assert AuditEvent.objects.get(action="workforce.organization.created").actor == scoped_admin
    # Moving A's department under B is refused; B itself cannot be opened.
    dept = tree["A-DEPT"]
    change = reverse("admin:workforce_organization_change", args=[dept.pk])
    response = client.post(change, {**base, "code": dept.code, "name_uz": dept.name_uz, "level": dept.level,
                                    "parent": tree["B"].pk})
    assert response.status_code == 200 and response.context["adminform"].form.errors
    dept.refresh_from_db()
    assert dept.parent == tree["A"]
    assert client.get(reverse("admin:workforce_organization_change", args=[tree["B"].pk])).status_code in (302, 404)


@pytest.mark.django_db
def test_staff_positions_keep_the_staffing_rules_in_the_admin(client, scoped_admin, tree):
    position = make_position(tree["A"], code="P1", rate_units="2")
    hire(make_employee(organization=tree["A"]), position)
    hire(make_employee(organization=tree["A"]), position)
    client.force_login(scoped_admin)
    url = reverse("admin:workforce_staffposition_change", args=[position.pk])
    form = {"code": "P1", "name_uz": position.name_uz, "name_uz_cyrl": "", "name_ru": "", "name_en": "",
            "group": position.group, "category": position.category_id, "register_position": "",
            "rate_units": "1.00", "salary_grade": "", "is_active": "on"}
    response = client.post(url, form)
    assert response.status_code == 200
    assert "rate_units" in response.context["adminform"].form.errors
    response = client.post(url, {**form, "rate_units": "2.00", "is_active": ""})  # closing a held position
    assert response.status_code == 200 and response.context["adminform"].form.errors
    position.refresh_from_db()
    assert (position.rate_units, position.is_active) == (Decimal("2.00"), True)
    assert client.post(url, {**form, "rate_units": "3.00"}).status_code == 302
    position.refresh_from_db()
    assert position.rate_units == Decimal("3.00")
    assert AuditEvent.objects.get(action="workforce.staff_position.updated").actor == scoped_admin
    add = client.post(reverse("admin:workforce_staffposition_add"),
                      {**form, "organization": tree["B"].pk, "code": "IN-B"})
    assert add.status_code == 200 and not StaffPosition.objects.filter(code="IN-B").exists()


@pytest.mark.django_db
def test_reference_data_and_policy_are_for_national_administrators(client, scoped_admin, admin_user):
    parameter = PolicyParameter.objects.get(key="minimum_hire_age")
    client.force_login(scoped_admin)
    url = reverse("admin:workforce_policyparameter_change", args=[parameter.pk])
    assert client.get(url).status_code == 200  # readable
    client.post(url, {"key": parameter.key, "value": "16", "effective_from": "01.01.2026", "note": ""})
    parameter.refresh_from_db()
    assert parameter.value == 18
    assert client.get(reverse("admin:workforce_policyparameter_add")).status_code == 403
    assert client.get(reverse("admin:workforce_qualificationrank_add")).status_code == 403


@pytest.mark.django_db
def test_a_scoped_administrator_cannot_make_anyone_a_superuser(client, scoped_admin):
    client.force_login(scoped_admin)
    url = reverse("admin:core_user_change", args=[scoped_admin.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(username=scoped_admin.username, is_superuser="on", is_staff="on", is_active="on",
                preferred_language="uz", first_name="Ali", date_joined_0="01.01.2026", date_joined_1="10:00:00")
    data.pop("password", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors  # saved...
    scoped_admin.refresh_from_db()
    assert scoped_admin.first_name == "Ali"  # ...but without the superuser flag
    assert not scoped_admin.is_superuser
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert client.get(reverse("admin:core_user_change", args=[root.pk])).status_code in (302, 404)
