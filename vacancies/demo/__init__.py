"""Demo data of the vacancies app (called by ``manage.py seed_demo`` after workforce's seeder).

Everything is made through the services, as a user would: vacancies opened for vacant staff
positions, candidates who apply, HR decisions, test results, commission scores, a ranking, an
appointment. Deterministic for a seed; a second run leaves existing vacancies alone and only makes
sure the demo logins have their candidate profiles."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TextIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from workforce.demo.organizations import ORGANIZATIONS
from workforce.demo.people import SPECIALTIES, TITLES, PinflAllocator, make_person
from workforce.models import Organization, PositionCategory, Role, RoleGrant
from workforce.selectors import employee_list, staffing_table
from workforce.services import employee_link_user, staff_position_create

from ..models import OPEN_STATUSES, Application, Candidate, CandidateEducation, CandidateExperience, Stage, Vacancy
from ..services import (
    application_admit,
    application_decline,
    application_invite_to_interview,
    application_invite_to_test,
    application_record_test_result,
    application_reject,
    application_submit,
    application_withdraw,
    candidate_document_add,
    candidate_for_user,
    commission_member_add,
    competition_rank,
    conflict_declare,
    interview_scores_submit,
    staff_position_vacant_units,
    stage_emails_off,
    vacancy_appoint_winner,
    vacancy_cancel,
    vacancy_close,
    vacancy_create,
    vacancy_publish,
    vacancy_start_competition,
)
from .texts import DUTIES, description

PUBLISHED_POOL = 66
DEMO_CANDIDATES = 36
SALARY_BY_CATEGORY = {"M-2": 22_000_000, "M-3": 17_000_000, "M-4": 13_500_000, "S-1": 10_500_000,
                      "S-2": 8_800_000, "S-3": 7_200_000, "S-4": 5_900_000}
CATEGORY_WEIGHTS = {"M-3": 0.04, "M-4": 0.14, "S-1": 0.2, "S-2": 0.24, "S-3": 0.23, "S-4": 0.15}
LANGUAGES = (("uz",), ("uz", "ru"), ("uz", "ru"), ("uz", "ru", "en"))
EMPLOYERS = ("“Hamkorbank” ATB", "“Uzbektelecom” AK", "“Artel Electronics” MChJ", "Toshkent davlat iqtisodiyot "
             "universiteti", "“KPMG Audit” MChJ", "“Oʻzbekiston temir yoʻllari” AJ", "Xususiy advokatlik byurosi",
             "“Ipoteka-bank” ATB", "“Korzinka” MChJ", "Mahalla fuqarolar yigʻini")
JOB_TITLES = ("Iqtisodchi", "Yurist", "Buxgalter", "Dasturchi", "Menejer", "Tahlilchi", "Maslahatchi",
              "Oʻqituvchi")


class Demo:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.today = timezone.localdate()
        self.User = get_user_model()
        self.admin = self.User.objects.filter(is_superuser=True).order_by("pk").first()
        codes = [code for code, *_ in ORGANIZATIONS]
        self.organizations = Organization.objects.in_bulk(codes, field_name="code")
        self.categories = {c.code: c for c in PositionCategory.objects.all()}
        self.allocator = PinflAllocator(taken=set(Candidate.objects.values_list("pinfl", flat=True)))
        self.serial = 0

    # --- positions and vacancies -------------------------------------------------------------------
    def vacant_positions(self, organization: Organization) -> list:
        if self.admin is None:
            return []
        taken = set(Vacancy.objects.filter(organization=organization, status__in=OPEN_STATUSES)
                    .values_list("staff_position_id", flat=True))
        # Vacant from today on: a line whose winner starts next month is no longer vacant.
        return [row.staff_position for row in staffing_table(organization=organization, user=self.admin)
                if row.vacant > 0 and row.staff_position.group != "political" and row.staff_position.pk not in taken
                and staff_position_vacant_units(row.staff_position) > 0]

    def new_position(self, organization: Organization, category_code: str):
        self.serial += 1
        uz, ru, en = self.rng.choice(TITLES[category_code])
        category = self.categories[category_code]
        return staff_position_create(organization=organization, code=f"VAK-{self.serial:03d}", name_uz=uz,
                                     name_ru=ru, name_en=en, group=category.group, category=category,
                                     rate_units=Decimal("1.00"), actor=None)

    def open(self, organization: Organization, *, category_code: str | None = None, position=None,
             status: str = "published", days_open: int | None = None, specialty: str | None = None, test=None):
        rng = self.rng
        if position is None:
            category_code = category_code or rng.choices(list(CATEGORY_WEIGHTS), weights=CATEGORY_WEIGHTS.values())[0]
            position = self.new_position(organization, category_code)
        code = position.category.code
        management = position.group == "management"
        specialty = specialty or rng.choice([s for s in SPECIALTIES if s in DUTIES])
        uz, ru, en = description(specialty, organization_uz=organization.name_uz, organization_ru=organization.name_ru,
                                 organization_en=organization.name_en, management=management)
        base = SALARY_BY_CATEGORY.get(code, 8_000_000)
        opened = self.today - datetime.timedelta(days=days_open if days_open is not None else rng.randint(1, 20))
        test_weight = rng.choice((40, 50, 60))
        vacancy = vacancy_create(
            staff_position=position, opens_on=opened, closes_on=self.today + datetime.timedelta(days=rng.randint(6, 30)),
            salary_min=base, salary_max=(base + rng.choice((1_500_000, 2_500_000))) if rng.random() < 0.7 else None,
            description_uz=uz, description_ru=ru, description_en=en,
            min_education="master" if management else "bachelor",
            min_experience_years=rng.choice((3, 5)) if management else rng.choice((0, 1, 2, 3)), specialty=specialty,
            languages=["uz", "ru"] if rng.random() < 0.5 else ["uz"], test_weight=test_weight,
            interview_weight=100 - test_weight, test=test, actor=None)
        if status == "draft":
            return vacancy
        vacancy = vacancy_publish(vacancy=vacancy, actor=None)
        # Published on the day applications opened (the service stamps "now").
        Vacancy.objects.filter(pk=vacancy.pk).update(
            published_at=timezone.make_aware(datetime.datetime.combine(opened, datetime.time(9, 0))))
        vacancy.refresh_from_db()
        return vacancy

    def finish_window(self, vacancy: Vacancy, *, start: bool = True) -> Vacancy:
        """The deadline passes: applications close (and the competition starts)."""
        Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=self.today - datetime.timedelta(days=1))
        vacancy.refresh_from_db()
        vacancy = vacancy_close(vacancy=vacancy, actor=None)
        return vacancy_start_competition(vacancy=vacancy, actor=None) if start else vacancy

    # --- people ------------------------------------------------------------------------------------
    def candidate(self, username: str, *, person=None, first_name: str = "", last_name: str = "",
                  years: int | None = None) -> Candidate:
        rng = self.rng
        person = person or make_person(rng, category=rng.choice(("S-2", "S-3", "S-4")), as_of=self.today)
        user, _created = self.User.objects.get_or_create(username=username)
        names = person.names
        user.first_name, user.last_name = first_name or names["first_name"], last_name or names["last_name"]
        user.email = user.email or f"{username}@demo.hr.uz"
        if _created:
            user.set_unusable_password()
        user.save()
        candidate = Candidate.objects.create(
            user=user, pinfl=self.allocator.allocate(person.birth_date, person.sex, 300 + rng.randint(1, 400)),
            passport=f"A{rng.choice('ABCDEF')}{rng.randint(1_000_000, 9_999_999)}", last_name=user.last_name,
            first_name=user.first_name, middle_name=names["middle_name"], birth_date=person.birth_date,
            sex=person.sex, phone=f"+99890{rng.randint(1_000_000, 9_999_999)}", languages=list(rng.choice(LANGUAGES)))
        for level, institution, specialty, year in person.educations:
            CandidateEducation.objects.create(candidate=candidate, level=level, institution=institution,
                                              specialty=specialty, graduation_year=year)
        years = years if years is not None else rng.randint(0, 12)
        if years:
            start = self.today - datetime.timedelta(days=int(years * 365.25) + 30)
            CandidateExperience.objects.create(candidate=candidate, employer=rng.choice(EMPLOYERS),
                                               position=rng.choice(JOB_TITLES), start_date=start)
        return candidate

    def servants(self, organization: Organization, count: int) -> list[Candidate]:
        """Civil servants of ``organization`` who apply as themselves (their record gets an account)."""
        if self.admin is None:
            return []
        found = []
        for employee in employee_list(user=self.admin).filter(organization=organization, status="active",
                                                              user__isnull=True)[:count]:
            user, _created = self.User.objects.get_or_create(
                username=f"xodim.{employee.pk}", defaults={"first_name": employee.first_name,
                                                          "last_name": employee.last_name,
                                                          "email": f"xodim.{employee.pk}@demo.hr.uz"})
            user.set_unusable_password()
            user.save()
            employee_link_user(employee=employee, user=user, actor=None)
            found.append(candidate_for_user(user))
        return found

    def commission_user(self, username: str, organization: Organization, first: str, last: str):
        user, created = self.User.objects.get_or_create(username=username, defaults={
            "first_name": first, "last_name": last, "email": f"{username}@demo.hr.uz"})
        if created:
            user.set_unusable_password()
            user.save()
        RoleGrant.objects.get_or_create(user=user, role=Role.COMMISSION, organization=organization)
        return user

    # --- competition steps ---------------------------------------------------------------------------
    def apply(self, vacancy: Vacancy, candidate: Candidate) -> Application | None:
        from core.exceptions import ApplicationError

        try:
            return application_submit(vacancy=vacancy, candidate=candidate, actor=candidate.user)
        except ApplicationError:
            return None

    def admit(self, application: Application) -> None:
        from vacancies.services import application_override

        if application.check_passed:
            application_admit(application=application, actor=None)
        else:
            application_override(application=application, admit=True, actor=None,
                                 reason="Ilmiy unvoni talab qilingan tajribaga tenglashtirildi")

    def test(self, application: Application, score: int) -> None:
        application_invite_to_test(application=application, actor=None)
        application.refresh_from_db()
        application_record_test_result(application=application, score=Decimal(score), passed=score >= 56,
                                       actor=None)

    def score(self, vacancy: Vacancy, applications: list[Application], members: list) -> None:
        criteria = list(vacancy.criteria.all())
        for member in members:
            for application in applications:
                conflict_declare(application=application, has_conflict=False, actor=member)
                interview_scores_submit(application=application, actor=member, points={
                    c.pk: Decimal(self.rng.randint(max(1, c.max_points // 2), c.max_points)) for c in criteria})


@transaction.atomic
def seed(*, rng: random.Random, employees: int, stdout: TextIO) -> str:
    # Every stage change below notifies its candidate in-app (the inboxes of the demo logins fill up as
    # they would); invented people get no e-mail.
    with stage_emails_off():
        return _seed(rng=rng, employees=employees, stdout=stdout)


def _seed(*, rng: random.Random, employees: int, stdout: TextIO) -> str:
    demo = Demo(rng)
    if Vacancy.objects.exists():
        _ensure_logins(demo)
        return f"{Vacancy.objects.count()} vacancies already present (kept as they are)"
    orgs = demo.organizations
    if not orgs:
        return "no demo organisations (run the workforce seeder first)"
    login = _candidate_login(demo)
    people = [demo.candidate(f"nomzod{n:02d}") for n in range(1, DEMO_CANDIDATES + 1)]
    pool_people = iter(people)

    # 1. Ministry of Justice: interviews ready for the `commission` login.
    commission = demo.User.objects.filter(username="commission").first()
    av = demo.open(orgs["AV"], category_code="S-1", specialty="Huquqshunoslik", days_open=35)
    if commission is not None:
        commission_member_add(vacancy=av, user=commission, is_chair=True, actor=None)
    av_people = [next(pool_people) for _ in range(5)]
    av_apps = [demo.apply(av, c) for c in av_people]
    av = demo.finish_window(av)
    for application, score in zip(av_apps, (88, 74, 67, 61, None), strict=True):
        application.refresh_from_db()
        demo.admit(application)
        if score is None:
            application_invite_to_test(application=application, actor=None)
            continue
        demo.test(application, score)
        application_invite_to_interview(application=application, actor=None)

    # 2. Ministry of Economy and Finance: ranked; the winner declined, the next one awaits appointment.
    kom_imv = [demo.commission_user("kom.imv1", orgs["IMV"], "Rustam", "Xolmatov"),
               demo.commission_user("kom.imv2", orgs["IMV"], "Gulnora", "Sattorova")]
    imv = demo.open(orgs["IMV"], category_code="S-2", specialty="Iqtisodiyot", days_open=40)
    for member in kom_imv:
        commission_member_add(vacancy=imv, user=member, actor=None)
    imv_people = [next(pool_people) for _ in range(5)]
    imv_apps = [demo.apply(imv, c) for c in [*imv_people, login]]
    imv = demo.finish_window(imv)
    interviewed = []
    for application, score in zip(imv_apps, (91, 84, None, 47, 79, 76), strict=True):
        application.refresh_from_db()
        if score is None:
            application_reject(application=application, actor=None,
                               reason="Diplom nusxasi va mehnat daftarchasi taqdim etilmagan")
            continue
        demo.admit(application)
        demo.test(application, score)
        if score >= 56:
            application_invite_to_interview(application=application, actor=None)
            interviewed.append(application)
    demo.score(imv, interviewed, kom_imv)
    ranking = competition_rank(vacancy=imv, actor=None)
    # Keep the demo candidate in the ranked reserve: the first place declines.
    application_decline(application=ranking[0], reason="Nomzod boshqa tashkilotdagi lavozimni tanladi", actor=None)

    # 3. Treasury Committee: completed, the winner appointed (an external candidate becomes an employee).
    gq = demo.open(orgs["IMV-GQ"], category_code="S-3", specialty="Moliya va moliyaviy texnologiyalar",
                   days_open=45)
    for member in kom_imv:
        commission_member_add(vacancy=gq, user=member, actor=None)
    gq_apps = [demo.apply(gq, next(pool_people)) for _ in range(3)]
    gq = demo.finish_window(gq)
    for application, score in zip(gq_apps, (86, 72, 64), strict=True):
        application.refresh_from_db()
        demo.admit(application)
        demo.test(application, score)
        application_invite_to_interview(application=application, actor=None)
    demo.score(gq, gq_apps, kom_imv)
    winner = competition_rank(vacancy=gq, actor=None)[0]
    vacancy_appoint_winner(vacancy=gq, application=winner, start_date=demo.today + datetime.timedelta(days=7),
                           actor=None)

    # 4. Samarkand: testing under way on the assessment engine (the demo candidate is invited and can take
    # the competition test from the cabinet), and a second one past the test.
    sam = demo.open(orgs["SA-H"], category_code="S-2", days_open=30, test=_competition_test())
    sam_apps = [demo.apply(sam, c) for c in [login, *[next(pool_people) for _ in range(4)]]]
    sam = demo.finish_window(sam)
    for index, application in enumerate(sam_apps):
        application.refresh_from_db()
        demo.admit(application)
        if index in (0, 2):
            application_invite_to_test(application=application, actor=None)
        elif index >= 3:
            demo.test(application, 58 + index * 7)
    sam2 = demo.open(orgs["SA-SAM"], category_code="S-3", days_open=28)
    sam2_apps = [demo.apply(sam2, c) for c in [login, *[next(pool_people) for _ in range(3)]]]
    sam2 = demo.finish_window(sam2)
    for application, score in zip(sam2_apps, (83, 69, 52, 77), strict=True):
        application.refresh_from_db()
        demo.admit(application)
        demo.test(application, score)
    sam2_apps[3].refresh_from_db()
    application_invite_to_interview(application=sam2_apps[3], actor=None)

    # 5. Tashkent City Finance: closed, being checked (the demo candidate was not admitted).
    tsh = demo.open(orgs["IMV-TSH"], category_code="S-4", days_open=25)
    tsh_apps = [demo.apply(tsh, c) for c in [login, *[next(pool_people) for _ in range(3)]]]
    tsh = demo.finish_window(tsh, start=False)
    tsh_apps[0].refresh_from_db()
    application_reject(application=tsh_apps[0], actor=None,
                       reason="Talab qilingan ixtisoslik boʻyicha maʼlumot topilmadi")

    # 6. Fergana: cancelled after reorganisation.
    far = demo.open(orgs["FA-H"], category_code="S-3", days_open=15)
    for _ in range(2):
        demo.apply(far, next(pool_people))
    vacancy_cancel(vacancy=far, reason="Tashkiliy tuzilma oʻzgargani sababli lavozim qisqartirildi", actor=None)

    # 7. The published pool across every organisation and region, and a draft.
    pool_orgs = sorted(orgs.values(), key=lambda o: o.code)
    published = []
    existing = {org.pk: demo.vacant_positions(org) for org in pool_orgs}
    for n in range(PUBLISHED_POOL):
        organization = pool_orgs[n % len(pool_orgs)]
        positions = existing[organization.pk]
        # Existing vacant lines first (mostly specialists: management posts are fewer and internal).
        fit = [p for p in positions if p.group == "specialist" or rng.random() < 0.25]
        position = fit[0] if fit and rng.random() < 0.6 else None
        if position is not None:
            positions.remove(position)
        published.append(demo.open(organization, position=position))
    demo.open(orgs["SQ"], category_code="S-2", status="draft")
    external = [v for v in published if v.competition_type == "external"]
    first, second = external[0], external[1]
    demo.apply(first, login)
    withdrawn = demo.apply(second, login)
    if withdrawn is not None:
        application_withdraw(application=withdrawn, actor=login.user)
    for candidate in people:
        for vacancy in rng.sample(external, k=rng.randint(0, 3)):
            demo.apply(vacancy, candidate)
    # Civil servants apply to internal competitions of their own organisations.
    for vacancy in [v for v in published if v.competition_type == "internal"][:12]:
        for servant in demo.servants(vacancy.organization, rng.randint(1, 2)):
            demo.apply(vacancy, servant)
    _ensure_logins(demo)
    stages = {stage: Application.objects.filter(stage=stage).count() for stage in Stage.values}
    return (f"{Vacancy.objects.filter(status='published').count()} published vacancies "
            f"({Vacancy.objects.filter(status='published', competition_type='internal').count()} internal), "
            f"{Vacancy.objects.count()} in all, {Application.objects.count()} applications "
            f"({', '.join(f'{k} {v}' for k, v in stages.items() if v)}); logins: candidate, commission, servant")


def _candidate_login(demo: Demo) -> Candidate:
    existing = Candidate.objects.filter(user__username="candidate").first()
    if existing:
        return existing
    person = make_person(random.Random("candidate"), category="S-2", as_of=demo.today)
    person.sex = "F"
    person.birth_date = datetime.date(1993, 6, 21)
    person.names["middle_name"] = "Baxtiyorovna"
    person.educations = [("bachelor", "Toshkent davlat yuridik universiteti", "Huquqshunoslik", 2015),
                         ("master", "Toshkent davlat iqtisodiyot universiteti", "Iqtisodiyot", 2017)]
    candidate = demo.candidate("candidate", person=person, first_name="Nilufar", last_name="Saidova", years=8)
    candidate.languages = ["uz", "ru", "en"]
    candidate.save(update_fields=["languages"])
    return candidate


def _competition_test():
    """The assessment demo's published competition test, when the assessment seeder ran."""
    from django.apps import apps

    Test = apps.get_model("assessment", "Test")
    return Test.objects.filter(code="tanlov-mutaxassis", status="published").first()


def _candidate_documents(candidate: Candidate) -> None:
    """A CV and a diploma (small PDFs) in the demo candidate's profile, through core.documents."""
    from reportlab.platypus import Paragraph

    from core.pdf import pdf_styles, render_pdf

    if candidate.documents.exists():
        return
    styles = pdf_styles()
    for kind, title, lines in (
        ("cv", "Rezyume", [candidate.full_name, "Yurist, 8 yillik tajriba", "Tillar: oʻzbek, rus, ingliz"]),
        ("diploma", "Magistr diplomi, 2017", ["Toshkent davlat iqtisodiyot universiteti", "Iqtisodiyot", "2017"]),
    ):
        pdf = render_pdf([Paragraph(title, styles["Title"]), *[Paragraph(line, styles["Normal"]) for line in lines]],
                         title=title)
        candidate_document_add(candidate=candidate, kind=kind, title=title, actor=None,
                               file=ContentFile(pdf, name=f"{kind}.pdf"))


def _ensure_logins(demo: Demo) -> None:
    """The `candidate` login has its profile and documents; the `servant` login becomes a candidate
    from its record."""
    if demo.User.objects.filter(username="candidate").exists():
        _candidate_documents(_candidate_login(demo))
    servant = demo.User.objects.filter(username="servant").first()
    if servant is not None:
        candidate_for_user(servant)
