"""HR officer pages: list, profile, orders, staffing table, my profile, reserve — scoped."""

import datetime

import pytest
from django.urls import reverse

from core.models import AuditEvent
from tests.factories import UserFactory, grant, hire, make_employee, make_position
from workforce.models import Assignment, Employee, HROrder, ReserveEntry, Role

D = datetime.date


@pytest.fixture
def staff(tree):
    """Employees in A (two) and B (one), each hired into a position of their organisation."""
    a_pos = make_position(tree["A"], code="A-1", rate_units="3")
    a_dept_pos = make_position(tree["A-DEPT"], code="AD-1", rate_units="2")
    b_pos = make_position(tree["B"], code="B-1")
    gulomov = make_employee(last_name="Gʻulomov", first_name="Sardor", last_name_cyrl="Ғуломов")
    toshkentov = make_employee(last_name="Toshkentov", first_name="Bobur", birth_date=D(1990, 1, 5))
    stranger = make_employee(last_name="Begonayev", first_name="Olim", sex="M", birth_date=D(1979, 6, 1))
    hire(gulomov, a_pos)
    hire(toshkentov, a_dept_pos)
    hire(stranger, b_pos)
    return {"gulomov": gulomov, "toshkentov": toshkentov, "stranger": stranger, "a_pos": a_pos,
            "a_dept_pos": a_dept_pos, "b_pos": b_pos}


@pytest.mark.django_db
def test_list_shows_only_own_subtree(client, hr_a, staff):
    client.force_login(hr_a)
    page = client.get(reverse("workforce:employee_list")).content.decode()
    assert "Gʻulomov" in page and "Toshkentov" in page
    assert "Begonayev" not in page
    assert AuditEvent.objects.filter(action="workforce.employee.list_viewed", actor=hr_a).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Тошкентов", "toshkentov", "G'ulomov", "G‘ulomov", "Гуломов"])
def test_search_ignores_script_and_apostrophes(client, hr_a, staff, query):
    client.force_login(hr_a)
    response = client.get(reverse("workforce:employee_list"), {"q": query})
    rows = response.context["employees"]
    assert len(rows) == 1
    assert rows[0].pk in (staff["toshkentov"].pk, staff["gulomov"].pk)


@pytest.mark.django_db
def test_filters_and_sorting(client, hr_a, staff, tree):
    client.force_login(hr_a)
    url = reverse("workforce:employee_list")
    response = client.get(url, {"organization": tree["A-DEPT"].pk})
    assert [e.pk for e in response.context["employees"]] == [staff["toshkentov"].pk]
    response = client.get(url, {"ordering": "-birth_date"})
    assert [e.pk for e in response.context["employees"]] == [staff["toshkentov"].pk, staff["gulomov"].pk]
    # An organisation outside the scope filters to nothing instead of leaking its employees.
    response = client.get(url, {"organization": tree["B"].pk})
    assert list(response.context["employees"]) == []


@pytest.mark.django_db
def test_profile_of_another_organisation_is_404(client, hr_a, staff):
    client.force_login(hr_a)
    stranger = staff["stranger"]
    for name in ("employee_detail", "employee_edit", "education_add", "circumstance_add"):
        assert client.get(reverse(f"workforce:{name}", args=[stranger.pk])).status_code == 404
    assert client.get(reverse("workforce:employee_order", args=[stranger.pk, "transfer"])).status_code == 404
    response = client.post(reverse("workforce:employee_order", args=[stranger.pk, "dismissal"]),
                           {"effective_date": "2026-01-10", "reason_code": "own_request"})
    assert response.status_code == 404
    assert Employee.objects.get(pk=stranger.pk).status == "active"


@pytest.mark.django_db
def test_profile_shows_assignments_and_history(client, hr_a, staff):
    client.force_login(hr_a)
    response = client.get(reverse("workforce:employee_detail", args=[staff["gulomov"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert staff["a_pos"].name in page
    assert response.context["current"].staff_position == staff["a_pos"]
    assert response.context["history"], "creation and hire must show in the change history"


@pytest.mark.django_db
def test_transfer_through_the_order_form(client, hr_a, staff, tree):
    client.force_login(hr_a)
    employee = staff["gulomov"]
    url = reverse("workforce:employee_order", args=[employee.pk, "transfer"])
    # The position list follows the chosen organisation.
    form_page = client.get(url, {"organization": tree["A-DEPT"].pk})
    assert staff["a_dept_pos"] in form_page.context["form"].fields["staff_position"].queryset
    assert staff["b_pos"] not in form_page.context["form"].fields["staff_position"].queryset
    response = client.post(url, {"organization": tree["A-DEPT"].pk, "staff_position": staff["a_dept_pos"].pk,
                                 "effective_date": "2026-02-01", "reason": "Xizmat zaruriyati"})
    assert response.status_code == 302, response.context["form"].errors
    employee.refresh_from_db()
    assert employee.staff_position == staff["a_dept_pos"]
    assert Assignment.objects.filter(employee=employee).count() == 2
    assert HROrder.objects.filter(employee=employee, kind="transfer").exists()


@pytest.mark.django_db
def test_order_form_refuses_position_of_another_organisation(client, hr_a, staff, tree):
    client.force_login(hr_a)
    employee = staff["gulomov"]
    response = client.post(reverse("workforce:employee_order", args=[employee.pk, "transfer"]),
                           {"organization": tree["B"].pk, "staff_position": staff["b_pos"].pk,
                            "effective_date": "2026-02-01"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Assignment.objects.filter(employee=employee).count() == 1


@pytest.mark.django_db
def test_service_error_is_shown_on_the_form(client, hr_a, staff, tree):
    """A full position: the service's message reaches the user, nothing is written."""
    full = make_position(tree["A"], code="FULL", rate_units="1")
    hire(make_employee(last_name="Band"), full)
    client.force_login(hr_a)
    employee = staff["gulomov"]
    response = client.post(reverse("workforce:employee_order", args=[employee.pk, "transfer"]),
                           {"organization": tree["A"].pk, "staff_position": full.pk, "effective_date": "2026-02-01"})
    assert response.status_code == 200
    errors = " ".join(str(e) for e in response.context["form"].non_field_errors()) + str(
        response.context["form"].errors)
    assert "FULL" in errors
    assert Assignment.objects.filter(employee=employee).count() == 1


@pytest.mark.django_db
def test_create_and_edit_employee(client, hr_a, tree):
    client.force_login(hr_a)
    data = {"organization": tree["A-DEPT"].pk, "pinfl": "40712966350029", "last_name": "Rahimova", "first_name": "Dilnoza", "birth_date": "1996-12-07",
            "sex": "F", "citizenship": "UZ", "passport": "aa 5265040", "languages": "uz, ru"}
    response = client.post(reverse("workforce:employee_create"), data)
    assert response.status_code == 302
    employee = Employee.objects.get(pinfl="40712966350029")
    assert employee.passport == "AA5265040"
    assert employee.languages == ["uz", "ru"]
    assert employee.organization == tree["A-DEPT"], "the record is kept by the chosen organisation"
    edit = client.post(reverse("workforce:employee_edit", args=[employee.pk]),
                       {**data, "phone": "+998901234567", "pinfl": "40712966350037"})
    assert edit.status_code == 302
    employee.refresh_from_db()
    assert employee.pinfl == "40712966350029", "the PINFL never changes"
    assert employee.phone == "+998901234567"


@pytest.mark.django_db
def test_create_refuses_inconsistent_pinfl(client, hr_a, tree):
    client.force_login(hr_a)
    response = client.post(reverse("workforce:employee_create"), {
        "organization": tree["A"].pk, "pinfl": "40712966350029", "last_name": "Rahimova", "first_name": "Dilnoza", "birth_date": "1996-12-08",
        "sex": "F", "citizenship": "UZ"})
    assert response.status_code == 200
    assert "pinfl" in response.context["form"].errors
    assert not Employee.objects.exists()


@pytest.mark.django_db
def test_create_cannot_place_record_outside_scope(client, hr_a, tree):
    client.force_login(hr_a)
    response = client.post(reverse("workforce:employee_create"), {
        "organization": tree["B"].pk, "pinfl": "40712966350029", "last_name": "Rahimova", "first_name": "Dilnoza",
        "birth_date": "1996-12-07", "sex": "F", "citizenship": "UZ"})
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not Employee.objects.exists()


@pytest.mark.django_db
def test_staffing_table_planned_vs_filled(client, hr_a, staff, tree):
    client.force_login(hr_a)
    response = client.get(reverse("workforce:staffing_table", args=[tree["A"].pk]))
    assert response.status_code == 200
    totals = response.context["totals"]
    assert totals["planned"] == 3 and totals["filled"] == 1 and totals["vacant"] == 2
    assert client.get(reverse("workforce:staffing_table", args=[tree["B"].pk])).status_code == 404


@pytest.mark.django_db
def test_add_staff_position_through_the_form(client, hr_a, tree):
    from workforce.models import PositionCategory, StaffPosition

    client.force_login(hr_a)
    category = PositionCategory.objects.get(code="S-2")
    response = client.post(reverse("workforce:staff_position_create", args=[tree["A"].pk]), {
        "code": "NEW-1", "name_uz": "Yetakchi mutaxassis", "group": "specialist", "category": category.pk,
        "rate_units": "2.00", "is_active": "on"})
    assert response.status_code == 302
    assert StaffPosition.objects.get(code="NEW-1").organization == tree["A"]
    assert client.get(reverse("workforce:staff_position_create", args=[tree["B"].pk])).status_code == 404


@pytest.mark.django_db
def test_my_profile_is_own_record_only(client, staff):
    servant = UserFactory(username="sardor")
    Employee.objects.filter(pk=staff["gulomov"].pk).update(user=servant)
    client.force_login(servant)
    response = client.get(reverse("workforce:my_profile"))
    assert response.status_code == 200
    assert response.context["employee"].pk == staff["gulomov"].pk
    # A civil servant is not an HR officer: other records stay closed.
    assert client.get(reverse("workforce:employee_detail", args=[staff["gulomov"].pk])).status_code == 403
    assert client.get(reverse("workforce:employee_list")).status_code == 403


@pytest.mark.django_db
def test_my_profile_without_record_is_404(client):
    client.force_login(UserFactory())
    assert client.get(reverse("workforce:my_profile")).status_code == 404


@pytest.mark.django_db
def test_reserve_add_and_scope(client, hr_a, hr_b, staff, tree):
    from workforce.models import PositionCategory

    client.force_login(hr_a)
    category = PositionCategory.objects.get(code="M-4")
    response = client.post(reverse("workforce:reserve_add"), {
        "organization": tree["A"].pk, "category": category.pk, "source": "nomination", "included_on": "2026-01-15",
        "employee_pinfl": staff["gulomov"].pinfl})
    assert response.status_code == 302, response.context["form"].errors
    entry = ReserveEntry.objects.get()
    # B's HR officer neither sees nor withdraws it, nor can they reserve A's employee.
    client.force_login(hr_b)
    assert entry.person_name not in client.get(reverse("workforce:reserve_list")).content.decode()
    assert client.post(reverse("workforce:reserve_withdraw", args=[entry.pk]), {"reason": "x"}).status_code == 404
    response = client.post(reverse("workforce:reserve_add"), {
        "organization": tree["B"].pk, "category": category.pk, "source": "nomination", "included_on": "2026-01-15",
        "employee_pinfl": staff["gulomov"].pinfl})
    assert response.status_code == 200 and "employee_pinfl" in response.context["form"].errors


@pytest.mark.django_db
def test_pages_render_in_three_languages(client, hr_a, staff, tree):
    client.force_login(hr_a)
    pages = [reverse("workforce:employee_list"), reverse("workforce:employee_detail", args=[staff["gulomov"].pk]),
             reverse("workforce:employee_order", args=[staff["gulomov"].pk, "dismissal"]),
             reverse("workforce:staffing_table", args=[tree["A"].pk]), reverse("workforce:reserve_list")]
    for language in ("uz", "ru", "en"):
        client.cookies["hr_language"] = language
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (language, url)
            assert f'lang="{language}"' in response.content.decode()


@pytest.mark.django_db
def test_list_page_queries_do_not_grow_with_rows(client, hr_a, tree, django_assert_max_num_queries):
    position = make_position(tree["A-DEPT"], code="MANY", rate_units="80")
    for i in range(60):
        hire(make_employee(last_name=f"Xodim{i:02d}"), position)
    client.force_login(hr_a)
    client.get(reverse("workforce:employee_list"))  # warm the organisation choices cache
    # session, user, grants, scope ids, tree state, count, page ids, rows, audit, own record, 3 filter choices
    with django_assert_max_num_queries(13):
        response = client.get(reverse("workforce:employee_list"), {"sex": "M"})
    assert len(response.context["employees"]) == 50
    assert response.context["page_obj"].has_next()


@pytest.mark.django_db
def test_change_history_shows_names_and_translated_reasons(client, hr_a, staff, tree):
    from workforce.services import employee_transfer

    employee_transfer(employee=staff["gulomov"], staff_position=staff["a_dept_pos"],
                      effective_date=D(2026, 2, 1), actor=hr_a)
    client.force_login(hr_a)
    client.cookies["hr_language"] = "en"
    history = client.get(reverse("workforce:employee_detail", args=[staff["gulomov"].pk])).context["history"]
    transfer = next(h for h in history if h.reason.startswith("Transfer"))
    changes = {label: (old, new) for label, old, new in transfer.changes}
    assert changes["organisation"] == (tree["A"].name_en, tree["A-DEPT"].name_en)
    assert changes["position"] == (str(staff["a_pos"]), str(staff["a_dept_pos"]))


@pytest.mark.django_db
def test_graduation_year_is_not_a_localised_number(client, hr_a, staff):
    from workforce.services import education_add

    education_add(employee=staff["gulomov"], level="master", institution="TDIU", graduation_year=2023, actor=hr_a)
    client.force_login(hr_a)
    page = client.get(reverse("workforce:employee_detail", args=[staff["gulomov"].pk])).content.decode()
    assert "<td>2023</td>" in page


@pytest.mark.django_db
def test_links_carry_raw_ids_even_above_a_thousand(client, hr_a, tree):
    """Numbers are localised in templates ("3 338"); ids in links must not be."""
    employee = make_employee(id=123456, last_name="Minginchi")
    hire(employee, make_position(tree["A"], code="BIG"))
    client.force_login(hr_a)
    for language in ("uz", "ru", "en"):
        client.cookies["hr_language"] = language
        page = client.get(reverse("workforce:employee_list")).content.decode()
        assert f'href="{reverse("workforce:employee_detail", args=[123456])}"' in page
    from workforce.models import Organization

    big = Organization.objects.create(id=5555, code="BIGORG", name_uz="Katta", level="republican", path="/5555/")
    grant(hr_a, Role.HR_OFFICER, big)
    page = client.get(reverse("workforce:organization_detail", args=[big.pk])).content.decode()
    assert '?organization=5555"' in page
