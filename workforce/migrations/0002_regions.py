"""The 14 first-level regions of Uzbekistan, keyed by SOATO (DOMAIN.md)."""

from django.db import migrations

REGIONS = [
    # soato, iso, uz (Latin), uz (Cyrillic), ru, en
    ("1735", "UZ-QR", "Qoraqalpogʻiston Respublikasi", "Қорақалпоғистон Республикаси", "Республика Каракалпакстан", "Republic of Karakalpakstan"),
    ("1703", "UZ-AN", "Andijon viloyati", "Андижон вилояти", "Андижанская область", "Andijan Region"),
    ("1706", "UZ-BU", "Buxoro viloyati", "Бухоро вилояти", "Бухарская область", "Bukhara Region"),
    ("1708", "UZ-JI", "Jizzax viloyati", "Жиззах вилояти", "Джизакская область", "Jizzakh Region"),
    ("1710", "UZ-QA", "Qashqadaryo viloyati", "Қашқадарё вилояти", "Кашкадарьинская область", "Kashkadarya Region"),
    ("1712", "UZ-NW", "Navoiy viloyati", "Навоий вилояти", "Навоийская область", "Navoiy Region"),
    ("1714", "UZ-NG", "Namangan viloyati", "Наманган вилояти", "Наманганская область", "Namangan Region"),
    ("1718", "UZ-SA", "Samarqand viloyati", "Самарқанд вилояти", "Самаркандская область", "Samarkand Region"),
    ("1722", "UZ-SU", "Surxondaryo viloyati", "Сурхондарё вилояти", "Сурхандарьинская область", "Surkhandarya Region"),
    ("1724", "UZ-SI", "Sirdaryo viloyati", "Сирдарё вилояти", "Сырдарьинская область", "Syrdarya Region"),
    ("1727", "UZ-TO", "Toshkent viloyati", "Тошкент вилояти", "Ташкентская область", "Tashkent Region"),
    ("1726", "UZ-TK", "Toshkent shahri", "Тошкент шаҳри", "город Ташкент", "Tashkent City"),
    ("1730", "UZ-FA", "Fargʻona viloyati", "Фарғона вилояти", "Ферганская область", "Fergana Region"),
    ("1733", "UZ-XO", "Xorazm viloyati", "Хоразм вилояти", "Хорезмская область", "Khorezm Region"),
]


def create_regions(apps, schema_editor):
    Region = apps.get_model("workforce", "Region")
    for order, (soato, iso, uz, uz_cyrl, ru, en) in enumerate(REGIONS, start=1):
        Region.objects.update_or_create(
            soato=soato,
            defaults={"iso_code": iso, "name_uz": uz, "name_uz_cyrl": uz_cyrl, "name_ru": ru, "name_en": en,
                      "ordering": order},
        )


def remove_regions(apps, schema_editor):
    apps.get_model("workforce", "Region").objects.filter(soato__in=[r[0] for r in REGIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]
    operations = [migrations.RunPython(create_regions, remove_regions)]
