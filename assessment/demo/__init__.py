"""Demo data of the assessment app (``manage.py seed_demo``, after workforce's seeder).

- the national question bank: 200+ questions in Uzbek and Russian across the nine sections;
- two published tests: the 2026 attestation test and a competition test for specialist posts;
- an attestation campaign over the Ministry of Economy and Finance run by ``hr.minfin``, assigned to
  the ``servant`` login (not started) and to up to 100 civil servants of the ministry who get accounts here
  (``imv.001``..., no password),
  most of whom have finished with a realistic spread of scores (so the item analysis has data);
- a finished, passed competition test of ``servant`` (a banked score, with its review);
- the demo test author ``author`` (keeps the national bank).

Deterministic (the given random generator), idempotent (existing rows are found and kept) and fast:
questions are written in bulk; attempts go through the real engine (start, save, finish)."""

from __future__ import annotations

import datetime
import math
import random
from decimal import Decimal
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import (
    Attempt,
    AttemptState,
    Campaign,
    Certificate,
    CertificateStatus,
    Question,
    QuestionKind,
    Section,
    Test,
    TestStatus,
)
from ..roles import TEST_AUTHOR
from ..services import (
    ChoiceData,
    QuestionData,
    SectionLine,
    attempt_finish,
    attempt_save_answer,
    attempt_start,
    campaign_create,
    certificates_issue_pending,
    question_fingerprint,
    question_validate,
    questions_create_bulk,
    test_assign,
    test_create,
    test_publish,
    test_sections_set,
    test_update,
)
from .content import Item, all_items

AUTHOR = ("author", "Shahnoza", "Mirzayeva")
CAMPAIGN_ORG = "IMV"
CAMPAIGN_NAME = "Attestatsiya — 2026 (Iqtisodiyot va moliya vazirligi)"
TAKERS = 100
"""Civil servants of the ministry given an account to sit the campaign (a third of those in service, so
small demos stay small; the number depends on the data, not on the command's options, so re-running
changes nothing)."""
TESTS = {
    "attestatsiya-2026": {
        "name_uz": "Davlat fuqarolik xizmatchilarini attestatsiyadan oʻtkazish testi — 2026",
        "name_ru": "Тест аттестации государственных гражданских служащих — 2026",
        "name_en": "Civil servants' attestation test — 2026",
        "description_uz": "25 ta savol, 40 daqiqa. Javoblar har bir tanlovda saqlanadi.",
        "description_ru": "25 вопросов, 40 минут. Ответы сохраняются при каждом выборе.",
        "time_limit_minutes": 40, "attempts_allowed": 1, "results_shown": "after_finish",
        "answers_shown": "after_close",
        "lines": [("legislation", 5), ("state_language", 5), ("logic", 5), ("computer", 5), ("history", 5)],
    },
    "tanlov-mutaxassis": {
        "name_uz": "Mutaxassis lavozimlari uchun tanlov testi",
        "name_ru": "Конкурсный тест на должности специалистов",
        "name_en": "Competition test for specialist posts",
        "description_uz": "Soha bilimlari, qonunchilik, davlat tili, mantiq va chet tili. 45 daqiqa.",
        "description_ru": "Отраслевые знания, законодательство, государственный язык, логика и иностранный язык. 45 минут.",
        "time_limit_minutes": 45, "attempts_allowed": 2, "results_shown": "after_finish",
        "answers_shown": "after_finish", "banking_group": "mutaxassis-umumiy",
        "lines": [("sector", 8), ("legislation", 6), ("state_language", 4), ("logic", 4), ("foreign_language", 3)],
    },
}


def _question_data(item: Item, sections: dict[str, Section]) -> QuestionData:
    return QuestionData(
        section=sections[item.section], kind=item.kind, difficulty=item.difficulty, tags=item.tags,
        texts={"uz": item.uz, "ru": item.ru}, true_answer=item.truth,
        choices=[ChoiceData(texts=dict(texts), fraction=fraction) for texts, fraction in item.options],
    )


def seed_bank(rng: random.Random) -> int:
    sections = {s.code: s for s in Section.objects.all()}
    existing = set(Question.objects.filter(owner_organization=None).values_list("fingerprint", flat=True))
    new = []
    for item in all_items(rng):
        data = _question_data(item, sections)
        errors = question_validate(data)
        if errors:
            raise ValueError(f"demo question is invalid: {item.uz[:60]} — {errors[0].message}")
        fingerprint = question_fingerprint(data)
        if fingerprint not in existing:
            existing.add(fingerprint)
            new.append(data)
    if new:
        questions_create_bulk(items=new, owner_organization=None, actor=None)
    return len(new)


def seed_tests() -> dict[str, Test]:
    sections = {s.code: s for s in Section.objects.all()}
    tests = {}
    for code, spec in TESTS.items():
        fields = {k: v for k, v in spec.items() if k != "lines"}
        test = Test.objects.filter(code=code).first()
        test = test_update(test=test, actor=None, **fields) if test else \
            test_create(code=code, owner_organization=None, actor=None, **fields)
        lines = [SectionLine(sections[section], count) for section, count in spec["lines"]]
        current = [(line.section.code, line.question_count) for line in test.sections.select_related("section")]
        if current != spec["lines"]:
            test_sections_set(test=test, lines=lines, actor=None)
        if test.status != TestStatus.PUBLISHED:
            test = test_publish(test=test, actor=None)
        tests[code] = test
    return tests


def seed_author() -> str:
    from workforce.models import RoleGrant
    from workforce.services import role_grant_create

    User = get_user_model()
    username, first, last = AUTHOR
    user, created = User.objects.get_or_create(username=username, defaults={
        "first_name": first, "last_name": last, "email": f"{username}@demo.hr.uz"})
    if created or not user.has_usable_password():
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
    if not RoleGrant.objects.filter(user=user, role=TEST_AUTHOR, organization=None).exists():
        role_grant_create(user=user, role=TEST_AUTHOR, organization=None)
    return username


def seed_takers(rng: random.Random, organization, officer) -> int:
    """Accounts for a third of the ministry's civil servants, at most ``TAKERS`` of the ministry (no password: nobody logs in as
    them; they exist so the campaign has takers), linked to their records through the workforce service.
    Who gets one and the login names (``imv.001``...) do not depend on primary keys, so the same seed
    gives the same people."""
    from workforce.models import EmployeeStatus
    from workforce.selectors import employee_list
    from workforce.services import employee_link_user

    User = get_user_model()
    # The ministry's record as its HR officer sees it (the workforce selector, not the model).
    in_ministry = employee_list(user=officer).filter(organization__path__startswith=organization.path).order_by()
    wanted_total = min(TAKERS, in_ministry.filter(status=EmployeeStatus.ACTIVE).count() // 3)
    linked = in_ministry.filter(user__username__startswith="imv.").count()
    # Chosen once: seeders that run later (vacancies appointing winners, the workforce history) change
    # the headcount, and a second run must not add takers because of them.
    wanted = max(0, wanted_total - linked) if not linked else 0
    if not wanted:
        return 0
    candidates = list(in_ministry.filter(user__isnull=True, status=EmployeeStatus.ACTIVE).order_by("pinfl")[: wanted * 3])
    rng.shuffle(candidates)
    created = 0
    for employee in sorted(candidates[:wanted], key=lambda e: e.pinfl):
        while True:
            linked += 1
            username = f"imv.{linked:03d}"
            if not in_ministry.filter(user__username=username).exists():
                break
        user, new = User.objects.get_or_create(username=username, defaults={"email": f"{username}@demo.hr.uz"})
        user.first_name, user.last_name = employee.first_name, employee.last_name
        if new:
            user.set_unusable_password()
        user.save()
        employee_link_user(employee=employee, user=user, actor=None)
        created += 1
    return created


class Taker:
    """A simulated civil servant: ``ability`` on a normal scale; questions get a difficulty and a
    discrimination (a few get none, the weak items the analysis should flag)."""

    def __init__(self, rng: random.Random, ability: float) -> None:
        self.rng, self.ability = rng, ability

    def answer(self, slot, params: tuple[float, float]) -> list[int]:
        rng = self.rng
        if rng.random() < 0.02:
            return []  # left blank
        a, b = params
        p = 0.2 + 0.8 / (1 + math.exp(-1.7 * a * (self.ability - b)))
        correct = [int(k) for k, v in slot.key.items() if Decimal(v) > 0]
        wrong = [option for option in slot.option_ids if option not in correct]
        if rng.random() < p:
            return correct
        if slot.kind == QuestionKind.MULTIPLE:
            keep = [c for c in correct if rng.random() < 0.6]
            return ([*keep, rng.choice(wrong)]) if wrong else keep
        # Distractors are not equally attractive: the first (by id) pulls most.
        ordered = sorted(wrong)
        weights = [3.0, 1.5, 0.4, 0.2][: len(ordered)]
        return [rng.choices(ordered, weights=weights)[0]] if ordered else []


def _item_params(rng: random.Random, question_ids: list[int], difficulty: dict[int, int]) -> dict[int, tuple]:
    params = {}
    for pk in sorted(question_ids):
        weak = rng.random() < 0.08
        a = rng.uniform(-0.3, 0.1) if weak else rng.uniform(0.6, 2.2)
        b = {1: -1.0, 2: 0.0, 3: 1.0}[difficulty[pk]] + rng.gauss(0, 0.4)
        params[pk] = (a, b)
    return params


def simulate_campaign(rng: random.Random, campaign: Campaign, now: datetime.datetime) -> int:
    """Most takers of the campaign sit the test on a day of the last three weeks (the servant does not)."""
    if Attempt.objects.filter(assignment__campaign=campaign).exists():
        return 0
    questions = dict(Question.objects.values_list("pk", "difficulty"))
    params = _item_params(rng, list(questions), questions)
    assignments = list(campaign.assignments.exclude(user__username="servant").select_related("user", "test")
                       .order_by("pk"))
    finished = 0
    for assignment in assignments:
        if rng.random() < 0.12:
            continue  # has not started yet
        taker = Taker(rng, rng.gauss(0.2, 1.0))
        started = now - datetime.timedelta(days=rng.randint(1, 19), hours=rng.randint(0, 8),
                                           minutes=rng.randint(0, 59))
        attempt = attempt_start(assignment=assignment, user=assignment.user, now=started, rng=rng,
                                ip_address=f"10.12.{rng.randint(1, 40)}.{rng.randint(2, 250)}",
                                user_agent="Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0", language="uz")
        moment = started
        for slot in attempt.slots.order_by("position"):
            moment += datetime.timedelta(seconds=rng.randint(25, 95))
            choices = taker.answer(slot, params[slot.question_id])
            attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=assignment.user,
                                choices=choices, sequence=1, now=min(moment, attempt.deadline))
        attempt_finish(attempt=attempt, actor=assignment.user, now=min(moment + datetime.timedelta(minutes=2),
                                                                       attempt.deadline))
        finished += 1
    return finished


def seed_servant_competition(rng: random.Random, test: Test, now: datetime.datetime) -> bool:
    """``servant`` sat the competition test ten days ago and passed: the score is banked for 3 months."""
    user = get_user_model().objects.filter(username="servant").first()
    if user is None:
        return False
    assignment = test_assign(test=test, user=user, source_app="assessment.demo", source_id="servant-sample",
                             source_label="Tanlov testi: Iqtisodiyot va moliya vazirligi, bosh mutaxassis",
                             available_until=None, actor=None)
    if assignment.attempts.filter(state=AttemptState.FINISHED).exists():
        return False
    started = now - datetime.timedelta(days=10, hours=2)
    attempt = attempt_start(assignment=assignment, user=user, now=started, rng=rng, ip_address="10.12.3.17",
                            user_agent="Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0", language="uz")
    moment = started
    for number, slot in enumerate(attempt.slots.order_by("position")):
        moment += datetime.timedelta(seconds=rng.randint(30, 80))
        correct = [int(k) for k, v in slot.key.items() if Decimal(v) > 0]
        wrong = [o for o in slot.option_ids if o not in correct]
        choices = correct if number % 4 != 3 or not wrong else [wrong[0]]  # about 3 in 4 right
        attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=user, choices=choices,
                            sequence=1, now=moment)
    attempt_finish(attempt=attempt, actor=user, now=moment + datetime.timedelta(minutes=1))
    return True


@transaction.atomic
def seed(*, rng: random.Random, employees: int, stdout: TextIO) -> str:
    from workforce.selectors import organization_list

    now = timezone.now()
    added_questions = seed_bank(rng)
    tests = seed_tests()
    author = seed_author()
    User = get_user_model()
    officer = User.objects.filter(username="hr.minfin").first()
    organization = organization_list(user=officer).filter(code=CAMPAIGN_ORG).first() if officer else None
    summary = [f"{Question.objects.count()} questions ({added_questions} new)", f"{len(tests)} tests",
               f"test author login '{author}'"]
    if organization is None or officer is None:
        return "; ".join([*summary, "no campaign (workforce demo data missing)"])
    takers = seed_takers(rng, organization, officer)
    campaign = Campaign.objects.filter(name=CAMPAIGN_NAME, organization=organization).first()
    if campaign is None:
        campaign = campaign_create(name=CAMPAIGN_NAME, test=tests["attestatsiya-2026"], organization=organization,
                                   deadline=(timezone.localtime(now) + datetime.timedelta(days=12)).replace(hour=18, minute=0, second=0,
                                                                                       microsecond=0),
                                   starts_at=now - datetime.timedelta(days=21), actor=officer, now=now,
                                   email=False)  # inbox entries only: no demo e-mails on the console
    finished = simulate_campaign(rng, campaign, now)
    banked = seed_servant_competition(rng, tests["tanlov-mutaxassis"], now)
    # Passed attempts get their certificates as they finish; a database seeded before certificates
    # were documents gets them here.
    backfilled = certificates_issue_pending()
    summary += [f"campaign with {campaign.assignments.count()} takers ({takers} new accounts, {finished} attempts "
                f"finished)", "servant's banked competition result" if banked else "servant's result kept",
                f"{Certificate.objects.filter(status=CertificateStatus.ISSUED).count()} certificates issued"
                + (f" ({backfilled} pending ones completed)" if backfilled else "")]
    return "; ".join(summary)
