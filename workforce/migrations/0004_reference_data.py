"""Reference data every installation needs: position categories, qualification levels, the rank
ladder and the configurable policy defaults of DOMAIN.md. Administrators may change all of it."""

import datetime
from decimal import Decimal

from django.db import migrations

CATEGORIES = [
    # code, group, uz, ru, en
    ("P-1", "political", "Siyosiy lavozimlar", "Политические должности", "Political posts"),
    ("M-1", "management", "Davlat organi rahbari", "Руководитель государственного органа", "Head of a state body"),
    ("M-2", "management", "Rahbar oʻrinbosari", "Заместитель руководителя", "Deputy head"),
    ("M-3", "management", "Departament / boshqarma boshligʻi", "Начальник департамента / управления", "Head of department"),
    ("M-4", "management", "Boʻlim / sektor boshligʻi", "Начальник отдела / сектора", "Head of division or sector"),
    ("S-1", "specialist", "Bosh mutaxassis", "Главный специалист", "Chief specialist"),
    ("S-2", "specialist", "Yetakchi mutaxassis", "Ведущий специалист", "Leading specialist"),
    ("S-3", "specialist", "Katta mutaxassis", "Старший специалист", "Senior specialist"),
    ("S-4", "specialist", "Mutaxassis", "Специалист", "Specialist"),
]
LEVELS = [
    ("QL-1", "1-malaka darajasi", "1-й квалификационный уровень", "Qualification level 1"),
    ("QL-2", "2-malaka darajasi", "2-й квалификационный уровень", "Qualification level 2"),
    ("QL-3", "3-malaka darajasi", "3-й квалификационный уровень", "Qualification level 3"),
    ("QL-4", "4-malaka darajasi", "4-й квалификационный уровень", "Qualification level 4"),
    ("QL-5", "5-malaka darajasi", "5-й квалификационный уровень", "Qualification level 5"),
]
RANKS = [
    ("R-01", "3-darajali referent", "Референт 3-го класса", "Referent, 3rd class"),
    ("R-02", "2-darajali referent", "Референт 2-го класса", "Referent, 2nd class"),
    ("R-03", "1-darajali referent", "Референт 1-го класса", "Referent, 1st class"),
    ("R-04", "3-darajali maslahatchi", "Советник 3-го класса", "Adviser, 3rd class"),
    ("R-05", "2-darajali maslahatchi", "Советник 2-го класса", "Adviser, 2nd class"),
    ("R-06", "1-darajali maslahatchi", "Советник 1-го класса", "Adviser, 1st class"),
    ("R-07", "3-darajali davlat maslahatchisi", "Государственный советник 3-го класса", "State adviser, 3rd class"),
    ("R-08", "2-darajali davlat maslahatchisi", "Государственный советник 2-го класса", "State adviser, 2nd class"),
    ("R-09", "1-darajali davlat maslahatchisi", "Государственный советник 1-го класса", "State adviser, 1st class"),
    ("R-10", "Haqiqiy davlat maslahatchisi", "Действительный государственный советник", "Actual state adviser"),
]
POLICY = [
    ("pension_age_male", Decimal(60), "Pension age, men"),
    ("pension_age_female", Decimal(55), "Pension age, women"),
    ("rotation_pension_window", Decimal(3), "ZRU-788: no rotation within 3 years of pension age"),
    ("first_contract_months", Decimal(12), "ZRU-788: 1-year contract for first-time entrants from 2026-01-01"),
    ("reserve_term_months", Decimal(36), "Default term of a personnel reserve entry"),
    ("sanction_term_months", Decimal(12), "A disciplinary sanction is in force for a year"),
]


def create(apps, schema_editor):
    Category = apps.get_model("workforce", "PositionCategory")
    Level = apps.get_model("workforce", "QualificationLevel")
    Rank = apps.get_model("workforce", "QualificationRank")
    Policy = apps.get_model("workforce", "PolicyParameter")
    for order, (code, group, uz, ru, en) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(code=code, defaults={"group": group, "name_uz": uz, "name_ru": ru,
                                                               "name_en": en, "ordering": order})
    for order, (code, uz, ru, en) in enumerate(LEVELS, start=1):
        Level.objects.update_or_create(code=code, defaults={"name_uz": uz, "name_ru": ru, "name_en": en,
                                                            "ordering": order})
    for order, (code, uz, ru, en) in enumerate(RANKS, start=1):
        Rank.objects.update_or_create(code=code, defaults={"name_uz": uz, "name_ru": ru, "name_en": en,
                                                           "ordering": order})
    for key, value, note in POLICY:
        Policy.objects.get_or_create(key=key, effective_from=datetime.date(2022, 11, 8),
                                     defaults={"value": value, "note": note})


class Migration(migrations.Migration):
    dependencies = [("workforce", "0003_employee_record")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
