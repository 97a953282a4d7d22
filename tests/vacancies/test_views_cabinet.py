"""Sign-up (neutral answers, activation by e-mail, rate limit), the profile, applying and the cabinet."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from tests.factories import UserFactory, make_staffed_employee, make_vacancy
from vacancies.models import Application, Candidate, Stage
from vacancies.services import application_submit
from workforce.services import employee_link_user
from workforce.validators import make_pinfl

pytestmark = pytest.mark.django_db
User = get_user_model()

import datetime  # noqa: E402

PINFL = make_pinfl(datetime.date(1995, 5, 17), "F", 123, 45)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _signup(client, **overrides):
    data = {"pinfl": PINFL, "passport": "AC1234567", "last_name": "Yoʻldosheva", "first_name": "Madina",
            "middle_name": "", "email": "madina@example.uz", "phone": "+998901234567",
            "password1": "Qalam-daftar-77", "password2": "Qalam-daftar-77", **overrides}
    return client.post("/cabinet/signup/", data)


def test_signup_activates_by_email_and_reads_birth_date_from_the_pinfl(client):
    response = _signup(client)
    assert response.status_code == 302 and response["Location"] == "/cabinet/signup/sent/"
    candidate = Candidate.objects.get(pinfl=PINFL)
    assert candidate.birth_date == datetime.date(1995, 5, 17) and candidate.sex == "F"
    assert not candidate.user.is_active
    link = re.search(r"https?://[^/]+(/cabinet/activate/[^\s]+)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 302
    candidate.user.refresh_from_db()
    assert candidate.user.is_active
    assert client.get("/cabinet/").status_code == 200
    assert client.get(link).status_code in (302, 400)  # used once; still no error page


def test_signup_never_tells_whether_a_pinfl_or_address_is_taken(client):
    first = _signup(client)
    mail.outbox.clear()
    again = _signup(client, email="boshqa@example.uz")
    assert again.status_code == first.status_code == 302 and again["Location"] == first["Location"]
    assert Candidate.objects.count() == 1
    # The owner of the existing account is told, not the visitor.
    assert [m.to for m in mail.outbox] == [["madina@example.uz"]]


def test_a_civil_servant_is_sent_to_their_own_account(client, tree):
    user = UserFactory(username="sardor", email="sardor@gov.uz")
    employee = make_staffed_employee(tree["A"], birth_date=datetime.date(1995, 5, 17), sex="F", pinfl=PINFL)
    employee_link_user(employee=employee, user=user, actor=None)
    assert _signup(client)["Location"] == "/cabinet/signup/sent/"
    assert not Candidate.objects.exists()
    assert mail.outbox[0].to == ["sardor@gov.uz"]


def test_signup_input_errors_are_shown_on_the_form(client):
    response = _signup(client, pinfl=PINFL[:-1] + str((int(PINFL[-1]) + 1) % 10))
    assert response.status_code == 200 and "14" in response.content.decode()
    assert not Candidate.objects.exists()


def test_signup_is_rate_limited(client, settings):
    settings.VACANCY_SIGNUP_RATE = 2
    for n in range(2):
        _signup(client, email=f"x{n}@example.uz", pinfl=make_pinfl(datetime.date(1990, 1, 1), "M", 100, n))
    blocked = _signup(client, email="x9@example.uz", pinfl=make_pinfl(datetime.date(1990, 1, 1), "M", 100, 9))
    assert blocked.status_code == 200 and Candidate.objects.count() == 2


def test_the_servant_applies_internally_from_their_record(client, tree):
    user = UserFactory(username="servant")
    employee = make_staffed_employee(tree["A"], education_level="master")
    employee_link_user(employee=employee, user=user, actor=None)
    vacancy = make_vacancy(tree["A"], category_code="M-4")
    client.force_login(User.objects.get(username="servant"))
    page = client.get(f"/vacancies/{vacancy.pk}/apply/")
    assert page.status_code == 200 and employee.last_name in page.content.decode()
    assert client.post(f"/vacancies/{vacancy.pk}/apply/").status_code == 302
    application = Application.objects.get(vacancy=vacancy)
    assert application.candidate.employee == employee
    cabinet = client.get("/cabinet/").content.decode()
    assert str(Stage.SUBMITTED.label) in cabinet or "Yuborilgan" in cabinet


def test_the_cabinet_shows_only_the_candidates_own_applications(client, tree):
    from tests.factories import make_candidate

    mine, other = make_candidate(username="men"), make_candidate(username="boshqa")
    mine_vacancy, other_vacancy = make_vacancy(tree["A"], title="Mening vakansiyam"), make_vacancy(
        tree["A"], title="Begona vakansiya")
    application_submit(vacancy=mine_vacancy, candidate=mine, actor=None)
    foreign = application_submit(vacancy=other_vacancy, candidate=other, actor=None)
    client.force_login(User.objects.get(username="men"))
    html = client.get("/cabinet/").content.decode()
    assert "Mening vakansiyam" in html and "Begona vakansiya" not in html
    assert client.post(f"/cabinet/applications/{foreign.pk}/withdraw/").status_code == 404


def test_profile_adds_education_and_experience(client, tree):
    from tests.factories import make_candidate

    candidate = make_candidate(username="profil", education=None, experience_years=0)
    client.force_login(User.objects.get(username="profil"))
    client.post("/cabinet/profile/", {"form": "education", "education-level": "bachelor",
                                      "education-institution": "Samarqand davlat universiteti",
                                      "education-specialty": "Iqtisodiyot", "education-graduation_year": "2017"})
    client.post("/cabinet/profile/", {"form": "experience", "experience-employer": "Hokimlik",
                                      "experience-position": "Mutaxassis", "experience-start_date": "2018-09-01"})
    assert candidate.educations.get().specialty == "Iqtisodiyot"
    assert candidate.experiences.get().end_date is None
    bad = client.post("/cabinet/profile/", {"form": "education", "education-level": "bachelor",
                                            "education-institution": "X", "education-graduation_year": "1960"})
    assert bad.status_code == 200 and candidate.educations.count() == 1


def test_an_account_without_profile_is_told_what_to_do(client, hr_a):
    client.force_login(User.objects.get(username="hr_a"))
    assert client.get("/cabinet/").status_code == 403
