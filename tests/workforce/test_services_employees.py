import datetime
from decimal import Decimal

import pytest
from django.db.models import QuerySet

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import UserFactory, make_employee, make_position, place
from workforce.errors import WorkforceErrorCode
from workforce.models import (
    CircumstanceKind,
    EducationLevel,
    Employee,
    PolicyKey,
    PolicyParameter,
    QualificationRank,
)
from workforce.services import (
    circumstance_add,
    circumstance_end,
    education_add,
    education_remove,
    employee_create,
    employee_link_user,
    employee_update,
    rotation_exemptions,
)
from workforce.validators import make_pinfl

BORN = datetime.date(1996, 12, 7)
PINFL = "40712966350029"  # DOMAIN.md: a woman born 07.12.1996


def create(actor=None, **overrides):
    values = {"pinfl": PINFL, "last_name": "Gʻulomova", "first_name": "Dilnoza", "birth_date": BORN, "sex": "F",
              "actor": actor}
    if actor is not None and "organization" not in overrides:
        # An HR officer keeps a new record in one of their organisations (the first they hold a role on).
        from workforce.access import organizations_for

        values["organization"] = organizations_for(actor).order_by("path").first()
    return employee_create(**{**values, **overrides})


# --- employee_create --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_create_normalises_names_and_keeps_search_text_and_audit(hr_a):
    employee = create(actor=hr_a, last_name="  G'ulomova ", first_name="Dil  noza", middle_name="Anvar‘ovna",
                      last_name_cyrl="Гуломова", passport="aa 1234567", languages=["uz", " RU ", "uz"])
    employee.refresh_from_db()
    assert employee.last_name == "Gʻulomova"
    assert employee.first_name == "Dil noza"
    assert employee.middle_name == "Anvarʼovna"
    assert employee.passport == "AA1234567"
    assert employee.languages == ["uz", "ru"]
    assert employee.search_text.startswith("gulomova dil noza")
    assert AuditEvent.objects.filter(action="workforce.employee.created", actor=hr_a,
                                     target_id=str(employee.pk)).exists()
    assert employee.history.get().history_user == hr_a


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "code"), [
    ({"birth_date": datetime.date(1996, 12, 8)}, "pinfl_birth_mismatch"),
    ({"sex": "M"}, "pinfl_sex_mismatch"),
    ({"pinfl": "40712966350028"}, "pinfl_check_digit"),
    ({"pinfl": "4071296635"}, "pinfl_format"),
])
def test_create_refuses_a_pinfl_that_does_not_fit_the_person(overrides, code):
    with pytest.raises(ApplicationError) as error:
        create(**overrides)
    assert error.value.code == code
    assert error.value.field == "pinfl"
    assert not Employee.objects.exists()


@pytest.mark.django_db
def test_create_refuses_a_duplicate_pinfl():
    create()
    with pytest.raises(ApplicationError) as error:
        create(last_name="Boshqa", first_name="Odam")
    assert error.value.code == WorkforceErrorCode.EMPLOYEE_PINFL_TAKEN
    assert error.value.field == "pinfl"
    assert PINFL in error.value.message
    assert Employee.objects.count() == 1


@pytest.mark.django_db
def test_duplicate_pinfl_that_slips_past_the_check_is_caught_from_the_database(monkeypatch):
    create()
    # A parallel request inserted the same person after our check: the unique index answers.
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    with pytest.raises(ApplicationError) as error:
        create(last_name="Boshqa")
    assert error.value.code == WorkforceErrorCode.EMPLOYEE_PINFL_TAKEN
    monkeypatch.undo()
    assert Employee.objects.count() == 1


@pytest.mark.django_db
def test_create_needs_an_hr_role(tree):
    servant = UserFactory(username="servant")
    with pytest.raises(ApplicationError) as error:
        create(actor=servant)
    assert error.value.code == WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE


@pytest.mark.django_db
def test_create_by_hr_officer_needs_an_organisation_in_scope(tree, hr_a):
    with pytest.raises(ApplicationError) as error:
        create(actor=hr_a, organization=None)
    assert error.value.code == WorkforceErrorCode.ORGANIZATION_REQUIRED
    with pytest.raises(ApplicationError) as error:
        create(actor=hr_a, organization=tree["B"])
    assert error.value.code == WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE
    employee = create(actor=hr_a, organization=tree["A-DEPT"])
    assert employee.organization == tree["A-DEPT"]


# --- employee_update --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_update_writes_changed_fields_only_and_keeps_search_text(hr_a):
    employee = create(actor=hr_a)
    employee_update(employee=employee, actor=hr_a, first_name="Dilnoza", phone="")
    assert employee.history.count() == 1
    assert not AuditEvent.objects.filter(action="workforce.employee.updated").exists()

    employee_update(employee=employee, actor=hr_a, last_name="Karimova", phone="+998 90 123 45 67", pinfl=PINFL)
    employee.refresh_from_db()
    assert employee.last_name == "Karimova"
    assert employee.search_text.startswith("karimova dilnoza")
    event = AuditEvent.objects.get(action="workforce.employee.updated")
    assert event.data == {"fields": ["last_name", "phone"]}
    assert employee.history.count() == 2
    assert employee.history.first().history_user == hr_a


@pytest.mark.django_db
def test_pinfl_never_changes():
    employee = create()
    other = make_pinfl(BORN, "F", 351, 7)
    with pytest.raises(ApplicationError) as error:
        employee_update(employee=employee, actor=None, pinfl=other)
    assert error.value.code == WorkforceErrorCode.EMPLOYEE_PINFL_IMMUTABLE
    assert Employee.objects.get().pinfl == PINFL


@pytest.mark.django_db
def test_update_keeps_birth_date_consistent_with_pinfl():
    employee = create()
    with pytest.raises(ApplicationError) as error:
        employee_update(employee=employee, actor=None, birth_date=datetime.date(1990, 1, 1))
    assert error.value.code == "pinfl_birth_mismatch"
    assert Employee.objects.get().birth_date == BORN


@pytest.mark.django_db
def test_update_refuses_placement_fields():
    employee = create()
    with pytest.raises(ValueError):
        employee_update(employee=employee, actor=None, status="active")


@pytest.mark.django_db
def test_rank_changes_by_order_not_by_editing():
    employee = create(qualification_rank=QualificationRank.objects.get(code="R-03"))
    employee_update(employee=employee, actor=None, qualification_rank=employee.qualification_rank, phone="+998 90")
    with pytest.raises(ApplicationError) as error:
        employee_update(employee=employee, actor=None, qualification_rank=QualificationRank.objects.get(code="R-04"))
    assert error.value.code == WorkforceErrorCode.RANK_CHANGE_NEEDS_ORDER
    assert Employee.objects.get().qualification_rank.code == "R-03"


@pytest.mark.django_db
def test_update_is_scoped(tree, hr_a, hr_b):
    employee = make_employee()
    place(employee, make_position(tree["A-DEPT"]))
    with pytest.raises(ApplicationError) as error:
        employee_update(employee=employee, actor=hr_b, phone="+998901234567")
    assert error.value.code == WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE
    employee_update(employee=employee, actor=hr_a, phone="+998901234567")
    assert Employee.objects.get().phone == "+998901234567"


# --- education ----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_education_level_follows_the_highest_entry():
    employee = make_employee()
    bachelor = education_add(employee=employee, level=EducationLevel.BACHELOR, institution="TDIU", actor=None)
    master = education_add(employee=employee, level=EducationLevel.MASTER, institution="TDIU", graduation_year=2010,
                           actor=None)
    education_add(employee=employee, level=EducationLevel.VOCATIONAL, institution="Kollej", actor=None)
    assert Employee.objects.get().education_level == EducationLevel.MASTER
    education_remove(education=master, actor=None)
    assert Employee.objects.get().education_level == EducationLevel.BACHELOR
    education_remove(education=bachelor, actor=None)
    assert Employee.objects.get().education_level == EducationLevel.VOCATIONAL


@pytest.mark.django_db
def test_education_checks_level_and_year():
    employee = make_employee()
    with pytest.raises(ApplicationError) as error:
        education_add(employee=employee, level="kindergarten", institution="X", actor=None)
    assert error.value.field == "level"
    with pytest.raises(ApplicationError) as error:
        education_add(employee=employee, level=EducationLevel.BACHELOR, institution="X", graduation_year=1980,
                      actor=None)
    assert error.value.code == WorkforceErrorCode.EDUCATION_YEAR_BEFORE_BIRTH
    assert Employee.objects.get().education_level == ""


# --- circumstances and rotation exemptions ----------------------------------------------------

@pytest.mark.django_db
def test_childcare_needs_the_child_birth_date():
    employee = make_employee(sex="F", birth_date=datetime.date(1990, 3, 1))
    with pytest.raises(ApplicationError) as error:
        circumstance_add(employee=employee, kind=CircumstanceKind.CHILDCARE, start_date=datetime.date(2025, 1, 1),
                         actor=None)
    assert error.value.code == WorkforceErrorCode.CIRCUMSTANCE_CHILD_BIRTH_DATE_REQUIRED
    assert error.value.field == "child_birth_date"


@pytest.mark.django_db
def test_circumstance_dates_must_be_ordered():
    employee = make_employee()
    with pytest.raises(ApplicationError) as error:
        circumstance_add(employee=employee, kind=CircumstanceKind.TRAINING, start_date=datetime.date(2025, 5, 1),
                         end_date=datetime.date(2025, 4, 1), actor=None)
    assert error.value.code == WorkforceErrorCode.DATE_RANGE_INVALID
    training = circumstance_add(employee=employee, kind=CircumstanceKind.TRAINING,
                                start_date=datetime.date(2025, 5, 1), actor=None)
    with pytest.raises(ApplicationError) as error:
        circumstance_end(circumstance=training, end_date=datetime.date(2025, 4, 30), actor=None)
    assert error.value.code == WorkforceErrorCode.DATE_RANGE_INVALID


@pytest.mark.django_db
def test_exemptions_follow_circumstance_dates():
    employee = make_employee()
    training = circumstance_add(employee=employee, kind=CircumstanceKind.TRAINING,
                                start_date=datetime.date(2025, 2, 1), actor=None)
    circumstance_add(employee=employee, kind=CircumstanceKind.MEDICAL, start_date=datetime.date(2025, 3, 1),
                     end_date=datetime.date(2025, 3, 31), actor=None)
    assert rotation_exemptions(employee=employee, on=datetime.date(2025, 1, 31)) == []
    codes = [code for code, _message in rotation_exemptions(employee=employee, on=datetime.date(2025, 3, 15))]
    assert codes == ["training", "medical"]
    circumstance_end(circumstance=training, end_date=datetime.date(2025, 6, 30), actor=None)
    assert rotation_exemptions(employee=employee, on=datetime.date(2025, 7, 1)) == []


@pytest.mark.django_db
def test_childcare_exempts_until_the_child_turns_three():
    employee = make_employee(sex="F", birth_date=datetime.date(1990, 3, 1))
    circumstance_add(employee=employee, kind=CircumstanceKind.CHILDCARE, start_date=datetime.date(2024, 5, 10),
                     child_birth_date=datetime.date(2024, 5, 10), actor=None)
    reasons = rotation_exemptions(employee=employee, on=datetime.date(2027, 5, 9))
    assert [code for code, _m in reasons] == ["childcare"]
    assert "10.05.2024" in reasons[0][1]
    assert rotation_exemptions(employee=employee, on=datetime.date(2027, 5, 10)) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("sex", "born", "exempt_from"), [
    ("M", datetime.date(1970, 6, 15), datetime.date(2027, 6, 15)),  # 60 - 3 = 57
    ("F", datetime.date(1975, 2, 20), datetime.date(2027, 2, 20)),  # 55 - 3 = 52
])
def test_pre_pension_window(sex, born, exempt_from):
    employee = make_employee(sex=sex, birth_date=born)
    assert rotation_exemptions(employee=employee, on=exempt_from - datetime.timedelta(days=1)) == []
    assert [code for code, _m in rotation_exemptions(employee=employee, on=exempt_from)] == ["pre_pension"]


@pytest.mark.django_db
def test_pension_age_is_a_dated_policy():
    employee = make_employee(sex="M", birth_date=datetime.date(1970, 6, 15))
    PolicyParameter.objects.create(key=PolicyKey.PENSION_AGE_MALE, value=Decimal(62),
                                   effective_from=datetime.date(2027, 1, 1))
    assert rotation_exemptions(employee=employee, on=datetime.date(2027, 6, 15)) == []
    assert rotation_exemptions(employee=employee, on=datetime.date(2029, 6, 15))[0][0] == "pre_pension"


# --- login link -------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_user_is_linked_to_one_employee_only(hr_a):
    first, second = make_employee(), make_employee(last_name="Aliyev")
    user = UserFactory(username="servant")
    employee_link_user(employee=first, user=user, actor=hr_a)
    employee_link_user(employee=first, user=user, actor=hr_a)  # the same link again changes nothing
    assert Employee.objects.get(pk=first.pk).user == user
    with pytest.raises(ApplicationError) as error:
        employee_link_user(employee=second, user=user, actor=hr_a)
    assert error.value.code == WorkforceErrorCode.EMPLOYEE_USER_TAKEN
    with pytest.raises(ApplicationError) as error:
        employee_link_user(employee=first, user=UserFactory(username="other"), actor=hr_a)
    assert error.value.code == WorkforceErrorCode.EMPLOYEE_USER_ALREADY_LINKED
    assert Employee.objects.get(pk=first.pk).user == user
    assert Employee.objects.get(pk=second.pk).user is None


@pytest.mark.django_db
def test_create_may_set_the_rank_on_record():
    employee = create(qualification_rank=QualificationRank.objects.get(code="R-03"))
    assert Employee.objects.get(pk=employee.pk).qualification_rank.code == "R-03"
