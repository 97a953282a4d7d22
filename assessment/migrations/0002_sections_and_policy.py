"""The diagnostic domains of DOMAIN.md as sections, and the dated policy defaults (pass mark 56,
banking for 3 months) in force since Law ZRU-788 (8 November 2022)."""

import datetime
from decimal import Decimal

from django.db import migrations

SECTIONS = [
    # code, uz, uz_cyrl, ru, en
    ("sector", "Soha bilimlari", "Соҳа билимлари", "Отраслевые знания", "Sector knowledge"),
    ("state_language", "Davlat tili", "Давлат тили", "Государственный язык", "State language"),
    ("logic", "Analitik va mantiqiy fikrlash", "Аналитик ва мантиқий фикрлаш", "Аналитическое и логическое мышление",
     "Analytical and logical reasoning"),
    ("leadership", "Yetakchilik va muloqot", "Етакчилик ва мулоқот", "Лидерство и коммуникация",
     "Leadership and communication"),
    ("computer", "Kompyuter savodxonligi", "Компьютер саводхонлиги", "Компьютерная грамотность", "Computer literacy"),
    ("legislation", "Yangi qonunchilik", "Янги қонунчилик", "Новое законодательство", "Recent legislation"),
    ("history", "Oʻzbekiston tarixi", "Ўзбекистон тарихи", "История Узбекистана", "History of Uzbekistan"),
    ("foreign_language", "Chet tili", "Чет тили", "Иностранный язык", "Foreign language"),
    ("iq", "Intellektual salohiyat (IQ)", "Интеллектуал салоҳият (IQ)", "Интеллектуальный потенциал (IQ)",
     "General reasoning (IQ)"),
]

POLICY = [
    ("pass_mark", Decimal(56), "ZRU-788; DOMAIN.md: a score of 56 or more out of 100 passes"),
    ("banking_months", Decimal(3), "A passed score is banked for 3 months for tests with matching requirements"),
]
IN_FORCE_FROM = datetime.date(2022, 11, 8)


def create(apps, schema_editor):
    Section = apps.get_model("assessment", "Section")
    for ordering, (code, uz, uz_cyrl, ru, en) in enumerate(SECTIONS, start=1):
        Section.objects.update_or_create(
            code=code, defaults={"name_uz": uz, "name_uz_cyrl": uz_cyrl, "name_ru": ru, "name_en": en,
                                 "ordering": ordering},
        )
    Policy = apps.get_model("assessment", "AssessmentPolicy")
    for key, value, note in POLICY:
        Policy.objects.get_or_create(key=key, effective_from=IN_FORCE_FROM, defaults={"value": value, "note": note})


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
