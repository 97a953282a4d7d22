import pytest
from django.urls import reverse

from tests.factories import UserFactory, grant, hire, make_employee, make_position
from workforce.models import Role


@pytest.mark.django_db
def test_admin_pages_open_for_superuser(client, admin_user, tree):
    hire(make_employee(), make_position(tree["A"]))
    client.force_login(admin_user)
    for model in ("employee", "staffposition", "assignment", "hrorder", "reserveentry", "importjob",
                  "positioncategory", "qualificationrank", "registerposition", "policyparameter", "organization",
                  "rolegrant"):
        assert client.get(reverse(f"admin:workforce_{model}_changelist")).status_code == 200, model


@pytest.mark.django_db
def test_admin_employee_list_is_scoped_and_read_only(client, tree):
    a_person = make_employee(last_name="Avvalov")
    b_person = make_employee(last_name="Begonayev")
    hire(a_person, make_position(tree["A"]))
    hire(b_person, make_position(tree["B"]))
    staff = UserFactory(is_staff=True)
    grant(staff, Role.ADMIN, tree["A"])
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_employee"]))
    client.force_login(staff)
    page = client.get(reverse("admin:workforce_employee_changelist")).content.decode()
    assert "Avvalov" in page and "Begonayev" not in page
    assert client.get(reverse("admin:workforce_employee_change", args=[b_person.pk])).status_code in (302, 404)
    assert client.get(reverse("admin:workforce_employee_add")).status_code == 403
