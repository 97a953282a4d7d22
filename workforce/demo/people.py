"""Plausible civil servants and staffing tables, generated without touching the database (used by
``seed_demo`` and by ``bench/employee_list.py``).

The shapes follow public descriptions of the Uzbek civil service: most staff are specialists; men
hold about 60 % of management posts and the balance shifts toward women among specialists; ages run
from 22 to 63 with managers older; almost everyone has higher education (bachelor or master), a few
a PhD or DSc, some specialised secondary; qualification ranks grow with length of service.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from ..validators import make_pinfl
from .names import random_person_names, to_cyrillic

# category -> (share of headcount, P(male), mean age, sd of age, salary grade)
CATEGORY_PROFILE: dict[str, tuple[float, float, float, float, int]] = {
    "P-1": (0.000, 0.85, 52, 6, 22),
    "M-1": (0.000, 0.80, 50, 7, 20),
    "M-2": (0.020, 0.70, 48, 7, 18),
    "M-3": (0.035, 0.62, 46, 8, 16),
    "M-4": (0.075, 0.58, 43, 8, 14),
    "S-1": (0.160, 0.52, 40, 9, 12),
    "S-2": (0.200, 0.49, 37, 9, 10),
    "S-3": (0.240, 0.46, 34, 8, 8),
    "S-4": (0.270, 0.44, 30, 7, 6),
}
MANAGEMENT = ("P-1", "M-1", "M-2", "M-3", "M-4")

# Titles of staffing-table lines per category: (uz, ru, en). The Uzbek Cyrillic name is derived.
TITLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "P-1": (("Rahbar", "Руководитель", "Head"),),
    "M-1": (("Boshliq", "Начальник", "Head of the body"),),
    "M-2": (("Birinchi oʻrinbosar", "Первый заместитель", "First deputy head"),
            ("Oʻrinbosar", "Заместитель", "Deputy head")),
    "M-3": (("Departament direktori", "Директор департамента", "Director of a department"),
            ("Boshqarma boshligʻi", "Начальник управления", "Head of a directorate")),
    "M-4": (("Boʻlim boshligʻi", "Начальник отдела", "Head of a division"),
            ("Sektor mudiri", "Заведующий сектором", "Head of a sector")),
    "S-1": (("Bosh mutaxassis", "Главный специалист", "Chief specialist"),
            ("Bosh yuriskonsult", "Главный юрисконсульт", "Chief legal counsel"),
            ("Bosh buxgalter", "Главный бухгалтер", "Chief accountant")),
    "S-2": (("Yetakchi mutaxassis", "Ведущий специалист", "Leading specialist"),
            ("Yetakchi iqtisodchi", "Ведущий экономист", "Leading economist")),
    "S-3": (("Katta mutaxassis", "Старший специалист", "Senior specialist"),
            ("Katta inspektor", "Старший инспектор", "Senior inspector")),
    "S-4": (("Mutaxassis", "Специалист", "Specialist"),
            ("Inspektor", "Инспектор", "Inspector")),
}
GROUP_OF = {"P-1": "political", **dict.fromkeys(MANAGEMENT[1:], "management"),
            **dict.fromkeys(("S-1", "S-2", "S-3", "S-4"), "specialist")}

# education level -> weight, for management and for specialists
EDUCATION_WEIGHTS = {
    "management": {"secondary": 0.0, "vocational": 0.01, "bachelor": 0.36, "master": 0.49, "phd": 0.10, "dsc": 0.04},
    "specialist": {"secondary": 0.005, "vocational": 0.065, "bachelor": 0.55, "master": 0.34, "phd": 0.03,
                   "dsc": 0.01},
}
UNIVERSITIES = (
    "Oʻzbekiston Milliy universiteti", "Toshkent davlat iqtisodiyot universiteti", "Toshkent davlat yuridik universiteti",
    "Toshkent moliya instituti", "Jahon iqtisodiyoti va diplomatiya universiteti",
    "Muhammad al-Xorazmiy nomidagi Toshkent axborot texnologiyalari universiteti", "Samarqand davlat universiteti",
    "Fargʻona davlat universiteti", "Buxoro davlat universiteti", "Andijon davlat universiteti",
    "Namangan davlat universiteti", "Qoraqalpoq davlat universiteti", "Toshkent davlat texnika universiteti",
    "Toshkent davlat agrar universiteti", "Urganch davlat universiteti",
)
GRADUATE_SCHOOLS = (
    "Oʻzbekiston Respublikasi Prezidenti huzuridagi Davlat boshqaruvi akademiyasi",
    "Toshkent davlat iqtisodiyot universiteti", "Toshkent davlat yuridik universiteti",
    "Oʻzbekiston Milliy universiteti", "Jahon iqtisodiyoti va diplomatiya universiteti",
)
COLLEGES = ("Toshkent moliya kolleji", "Samarqand iqtisodiyot va servis kolleji", "Fargʻona axborot texnologiyalari "
            "texnikumi", "Andijon buxgalteriya hisobi kolleji", "Buxoro xizmat koʻrsatish texnikumi")
SCHOOLS = ("Toshkent shahridagi 110-umumiy oʻrta taʼlim maktabi", "Samarqand shahridagi 37-maktab",
           "Andijon shahridagi 5-maktab", "Fargʻona shahridagi 12-maktab")
SPECIALTIES = ("Iqtisodiyot", "Moliya va moliyaviy texnologiyalar", "Huquqshunoslik", "Buxgalteriya hisobi va audit",
               "Davlat boshqaruvi", "Axborot tizimlari va texnologiyalari", "Xalqaro munosabatlar",
               "Soliqlar va soliqqa tortish", "Agronomiya", "Pedagogika", "Menejment", "Statistika")
STREETS = ("Amir Temur koʻchasi", "Mustaqillik shoh koʻchasi", "Navoiy koʻchasi", "Bobur koʻchasi",
           "Mirzo Ulugʻbek koʻchasi", "Istiqlol koʻchasi", "Bunyodkor shoh koʻchasi", "Shota Rustaveli koʻchasi")
LANGUAGE_SETS = ((("uz", "ru"), 0.55), (("uz",), 0.15), (("uz", "ru", "en"), 0.25), (("uz", "en"), 0.03),
                 (("uz", "ru", "en", "de"), 0.02))


def weighted(rng: random.Random, weights: dict[str, float]) -> str:
    point = rng.random() * sum(weights.values())
    for key, weight in weights.items():
        point -= weight
        if point < 0:
            return key
    return key


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class PinflAllocator:
    """Unique, valid PINFLs: digits 2-7 are the birth date, the first digit century and sex, and the
    serial number counts people born the same day (district codes vary like real ones do)."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self._next: dict[tuple[datetime.date, str], int] = {}
        self._taken = taken or set()

    def allocate(self, birth_date: datetime.date, sex: str, district: int) -> str:
        key = (birth_date, sex)
        while True:
            n = self._next.get(key, 0)
            self._next[key] = n + 1
            pinfl = make_pinfl(birth_date, sex, district + n // 999, n % 999 + 1)
            if pinfl not in self._taken:
                self._taken.add(pinfl)
                return pinfl


@dataclass(slots=True)
class Person:
    sex: str
    birth_date: datetime.date
    names: dict[str, str]
    category: str
    education_level: str
    educations: list[tuple[str, str, str, int]]
    civil_service_start: datetime.date
    rank_order: int | None
    languages: list[str] = field(default_factory=list)


def make_person(rng: random.Random, *, category: str, as_of: datetime.date) -> Person:
    """One civil servant who holds (or held) a post of ``category`` on ``as_of``."""
    _, p_male, mean_age, sd_age, _ = CATEGORY_PROFILE[category]
    sex = "M" if rng.random() < p_male else "F"
    age = rng.gauss(mean_age, sd_age)
    while not 22.0 <= age < 64.0:  # a normal shape cut to the ages of service
        age = rng.gauss(mean_age, sd_age)
    birth_date = as_of - datetime.timedelta(days=int(age * 365.25))
    group = "management" if category in MANAGEMENT else "specialist"
    level = weighted(rng, EDUCATION_WEIGHTS[group])
    educations = _educations(rng, level, birth_date.year, age)
    # Service starts after studies (a year or a few later, sometimes much later after other work).
    first_job_age = 21.5 + rng.expovariate(1 / 3.5) if level not in ("secondary", "vocational") else 20 + rng.random() * 8
    first_job_age = min(first_job_age, age - 0.05)
    start = birth_date + datetime.timedelta(days=int(first_job_age * 365.25))
    service_years = (as_of - start).days / 365.25
    rank_order = _rank(rng, service_years, category)
    languages = list(_choose_languages(rng))
    return Person(sex=sex, birth_date=birth_date, names=random_person_names(rng, sex), category=category,
                  education_level=level, educations=educations, civil_service_start=start, rank_order=rank_order,
                  languages=languages)


def _choose_languages(rng: random.Random) -> tuple[str, ...]:
    point = rng.random()
    for languages, weight in LANGUAGE_SETS:
        point -= weight
        if point < 0:
            return languages
    return ("uz",)


def _educations(rng: random.Random, level: str, birth_year: int, age: float) -> list[tuple[str, str, str, int]]:
    """(level, institution, specialty, graduation year), oldest first."""
    specialty = rng.choice(SPECIALTIES)
    if level == "secondary":
        return [("secondary", rng.choice(SCHOOLS), "", birth_year + 17)]
    if level == "vocational":
        return [("vocational", rng.choice(COLLEGES), specialty, birth_year + 19)]
    entries = [("bachelor", rng.choice(UNIVERSITIES), specialty, birth_year + 22)]
    if level in ("master", "phd", "dsc"):
        entries.append(("master", rng.choice(GRADUATE_SCHOOLS), rng.choice(SPECIALTIES), birth_year + 24))
    if level in ("phd", "dsc"):
        entries.append(("phd", rng.choice(GRADUATE_SCHOOLS), specialty, birth_year + min(int(age) - 1, 30 + rng.randint(0, 6))))
    if level == "dsc":
        entries.append(("dsc", rng.choice(GRADUATE_SCHOOLS), specialty, birth_year + min(int(age), 42 + rng.randint(0, 8))))
    return entries


# The highest ladder step a post of each category usually reaches.
RANK_CEILING = {"P-1": 10, "M-1": 10, "M-2": 9, "M-3": 8, "M-4": 7, "S-1": 6, "S-2": 5, "S-3": 4, "S-4": 3}


def _rank(rng: random.Random, service_years: float, category: str) -> int | None:
    """Ladder step 1..10: about one step every four years of service, a head start for senior posts,
    capped by what the post's category usually reaches."""
    if service_years < 1 and rng.random() < 0.6:
        return None  # not yet granted
    bonus = {"P-1": 4, "M-1": 3, "M-2": 2, "M-3": 1, "M-4": 1}.get(category, 0)
    step = 1 + int(service_years / 4) + bonus + (1 if rng.random() < 0.2 else 0) - (1 if rng.random() < 0.15 else 0)
    return max(1, min(RANK_CEILING[category], step))


@dataclass(slots=True)
class PositionSpec:
    code: str
    category: str
    group: str
    name_uz: str
    name_uz_cyrl: str
    name_ru: str
    name_en: str
    salary_grade: int
    holders: int  # people who should hold it (one unit each)
    rate_units: Decimal = Decimal("1.00")


def staffing_plan(rng: random.Random, *, headcount: int, political_head: bool) -> list[PositionSpec]:
    """The lines of one organisation's staffing table for ``headcount`` people: one head, deputies,
    heads of departments and divisions, and specialist lines of several units each. ``rate_units``
    is set by the caller once it knows how many units are filled (a few stay vacant)."""
    head = "P-1" if political_head else "M-1"
    counts = {head: 1 if headcount else 0}
    remaining = max(0, headcount - counts[head])
    for category in ("M-2", "M-3", "M-4", "S-1", "S-2", "S-3"):
        share = CATEGORY_PROFILE[category][0]
        counts[category] = min(remaining, round(headcount * share) if headcount > 20 else
                               int(rng.random() < share * headcount))
        remaining -= counts[category]
    counts["S-4"] = remaining
    if political_head:
        counts.setdefault("M-1", 0)
    specs: list[PositionSpec] = []
    serial = 0
    for category in CATEGORY_PROFILE:
        if category not in counts:
            continue
        titles = TITLES[category]
        total = counts[category]
        if total == 0 and category not in (head, "M-2"):
            continue  # a small body has no line for it (the head and a deputy always have one)
        # Bigger groups are split over several titles (about six people or more each).
        lines = titles[: max(1, min(len(titles), total // 6))]
        shares = _split(rng, total, len(lines))
        grade = CATEGORY_PROFILE[category][4]
        for (uz, ru, en), holders in zip(lines, shares, strict=True):
            serial += 1
            specs.append(PositionSpec(
                code=f"{category}-{serial:03d}", category=category, group=GROUP_OF[category], name_uz=uz,
                name_uz_cyrl=to_cyrillic(uz), name_ru=ru, name_en=en, salary_grade=grade + rng.randint(0, 1),
                holders=holders,
            ))
    return specs


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    if parts == 1:
        return [total]
    weights = [0.5 + rng.random() for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(w * scale) for w in weights]
    shares[0] += total - sum(shares)
    return shares


def vacant_units(rng: random.Random, filled: int) -> int:
    """A few units of a line stay vacant (about 4 % overall; most lines fully staffed)."""
    if filled == 0:
        return 1
    if rng.random() < 0.6:
        return 0
    return max(1, round(filled * rng.uniform(0.02, 0.12)))
