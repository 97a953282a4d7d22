"""Data kept in four scripts shows in the script chosen: regions, organisations (with a Cyrillic
name, or transliterated from Latin rather than shown in Russian) and people's names."""

import pytest
from django.urls import reverse

from tests.factories import hire, make_employee, make_organization, make_position
from workforce.models import Region


def _in_cyrillic(client):
    client.cookies["hr_language"] = "uz-cyrl"
    return client


@pytest.mark.django_db
def test_regions_are_named_in_cyrillic_in_the_api(client, hr_a):
    client.force_login(hr_a)
    rows = _in_cyrillic(client).get("/api/v1/regions/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    names = {row["soato"]: row["name"] for row in rows}
    assert names["1726"] == "Тошкент шаҳри"
    assert names["1735"] == "Қорақалпоғистон Республикаси"
    client.cookies["hr_language"] = "uz"
    rows = client.get("/api/v1/regions/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert {row["soato"]: row["name"] for row in rows}["1726"] == "Toshkent shahri"


@pytest.mark.django_db
def test_every_region_name_of_the_register_matches_the_transliteration():
    """The official Cyrillic names (DOMAIN.md) are what the tool gives for the Latin ones."""
    from core.translit import to_cyrillic

    regions = list(Region.objects.all())
    assert len(regions) == 14
    for region in regions:
        assert to_cyrillic(region.name_uz) == region.name_uz_cyrl, region.soato


@pytest.mark.django_db
def test_an_organisation_without_a_cyrillic_name_is_transliterated_not_russian(client, tree, hr_a):
    tree["A"].name_uz, tree["A"].name_uz_cyrl = "Adliya vazirligi", ""
    tree["A"].save()
    client.force_login(hr_a)
    detail = _in_cyrillic(client).get(f"/api/v1/organizations/{tree['A'].pk}/").json()
    assert detail["name"] == "Адлия вазирлиги"
    page = client.get(reverse("workforce:organization_detail", args=[tree["A"].pk])).content.decode()
    assert "<h1>Адлия вазирлиги</h1>" in page
    assert "Организация A" not in page.split("<h1>", 1)[1].split("</h1>", 1)[0]


@pytest.mark.django_db
def test_the_employee_list_shows_names_and_organisation_filter_in_cyrillic(client, tree, hr_a):
    dept = make_organization(code="A-IT", parent=tree["A"], name="Axborot texnologiyalari boshqarmasi")
    position = make_position(dept, code="IT-1", rate_units="2")
    recorded = make_employee(last_name="Gʻulomov", first_name="Sardor", middle_name="Anvar oʻgʻli",
                             last_name_cyrl="Гулямов", first_name_cyrl="Сардор")
    latin_only = make_employee(last_name="Yoʻldosheva", first_name="Shahnoza", middle_name="Ergash qizi")
    hire(recorded, position)
    hire(latin_only, position)
    client.force_login(hr_a)

    page = _in_cyrillic(client).get(reverse("workforce:employee_list")).content.decode()

    assert "Гулямов Сардор Анвар ўғли" in page  # the Cyrillic spelling on record, the rest transliterated
    assert "Йўлдошева Шаҳноза Эргаш қизи" in page
    assert "Yoʻldosheva Shahnoza Ergash qizi" in page  # the Latin name under it
    assert "Ахборот технологиялари бошқармаси" in page  # the organisation select

    client.cookies["hr_language"] = "uz"
    page = client.get(reverse("workforce:employee_list")).content.decode()
    assert "Yoʻldosheva Shahnoza Ergash qizi" in page and "Йўлдошева" not in page


@pytest.mark.django_db
def test_the_profile_heads_with_the_cyrillic_name_and_keeps_the_latin_one(client, tree, hr_a):
    employee = make_employee(last_name="Eshmatov", first_name="Elbek", middle_name="Shavkatovich")
    hire(employee, make_position(tree["A"], code="A-9"))
    client.force_login(hr_a)
    page = _in_cyrillic(client).get(reverse("workforce:employee_detail", args=[employee.pk])).content.decode()
    assert '<h1 data-testid="profile-name">Эшматов Элбек Шавкатович</h1>' in page
    assert "Eshmatov Elbek Shavkatovich" in page  # Name (Latin), as in the passport


@pytest.mark.django_db
def test_an_export_in_uzbek_cyrillic_has_cyrillic_headers_and_organisation_names(client, tree, hr_a):
    import io

    from openpyxl import load_workbook

    dept = make_organization(code="A-KAD", parent=tree["A"], name="Kadrlar boʻlimi")
    hire(make_employee(last_name="Qodirov", first_name="Jasur"), make_position(dept, code="K-1"))
    client.force_login(hr_a)

    response = _in_cyrillic(client).get(reverse("workforce:export_employees"), {"format": "xlsx"})

    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
                .iter_rows(values_only=True))
    header, row = rows[0], rows[1]
    assert "Фамилия" in header and "Ташкилот номи" in header
    assert row[header.index("Ташкилот номи")] == "Кадрлар бўлими"
    assert row[header.index("Фамилия")] == "Qodirov"  # the record itself is exported as kept
