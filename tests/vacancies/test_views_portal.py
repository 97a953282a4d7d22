"""The public portal: list with filters and folded keyword search, detail with JSON-LD, the Atom feed,
the sitemap, no drafts anywhere, and a bounded number of queries."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_organization, make_vacancy
from workforce.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_choices():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal(tree):
    samarqand = Region.objects.get(soato="1718")
    toshkent = Region.objects.get(soato="1726")
    org_sam = make_organization(code="SAM-ADL", name="Samarqand viloyati adliya boshqarmasi", region=samarqand)
    org_tsh = make_organization(code="TSH-SOL", name="Toshkent shahar soliq boshqarmasi", region=toshkent)
    return {
        "jurist": make_vacancy(org_sam, title="Bosh yuriskonsult", specialty="Huquqshunoslik", salary_min=7_000_000,
                               salary_max=9_000_000),
        "inspector": make_vacancy(org_tsh, title="Katta soliq inspektori", category_code="S-3",
                                  salary_min=5_000_000, salary_max=6_000_000),
        "manager": make_vacancy(org_tsh, title="Boʻlim boshligʻi", category_code="M-4", salary_min=12_000_000,
                                salary_max=None),
        "draft": make_vacancy(org_tsh, title="Qoralama lavozim", status="draft"),
    }


def _titles(response) -> list[str]:
    return re.findall(r'class="vacancy-card__title"[^>]*>([^<]+)<', response.content.decode())


def test_list_shows_published_only_without_login(client, portal):
    response = client.get("/vacancies/")
    assert response.status_code == 200
    assert sorted(_titles(response)) == sorted(["Bosh yuriskonsult", "Katta soliq inspektori", "Boʻlim boshligʻi"])
    assert "Qoralama" not in response.content.decode()
    assert "---------" not in response.content.decode()


@pytest.mark.parametrize("query, expected", [
    ({"region": "1718"}, ["Bosh yuriskonsult"]),
    ({"group": "management"}, ["Boʻlim boshligʻi"]),
    ({"salary_from": "8000000"}, ["Bosh yuriskonsult", "Boʻlim boshligʻi"]),
    ({"competition_type": "internal"}, ["Boʻlim boshligʻi"]),
    ({"q": "Тошкент инспектор"}, ["Katta soliq inspektori"]),  # Cyrillic finds Latin
    ({"q": "bolim boshligi"}, ["Boʻlim boshligʻi"]),  # no apostrophes finds ʻ
    ({"q": "Bo'lim"}, ["Boʻlim boshligʻi"]),
    ({"q": "huquqshunos"}, ["Bosh yuriskonsult"]),  # the specialty is searched too
])
def test_filters_and_keyword_search(client, portal, query, expected):
    response = client.get("/vacancies/", query)
    assert sorted(_titles(response)) == sorted(expected)


def test_organisation_filter_offers_only_organisations_with_vacancies(client, portal, tree):
    html = client.get("/vacancies/").content.decode()
    assert "Samarqand viloyati adliya boshqarmasi" in html
    assert "Vazirlik B" not in html  # no published vacancy there
    org = portal["jurist"].organization_id
    assert _titles(client.get("/vacancies/", {"organization": org})) == ["Bosh yuriskonsult"]


def test_detail_carries_a_job_posting(client, portal):
    vacancy = portal["jurist"]
    response = client.get(f"/vacancies/{vacancy.pk}/")
    assert response.status_code == 200
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    data = json.loads(match.group(1))
    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    assert data["title"] == "Bosh yuriskonsult"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["datePosted"])
    assert data["validThrough"].startswith(vacancy.closes_on.isoformat() + "T23:59:59")
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Samarqand viloyati adliya boshqarmasi"}
    assert data["jobLocation"]["@type"] == "Place"
    assert data["jobLocation"]["address"]["addressCountry"] == "UZ"
    assert data["jobLocation"]["address"]["addressRegion"] == "Samarqand viloyati"
    assert data["baseSalary"] == {"@type": "MonetaryAmount", "currency": "UZS", "value": {
        "@type": "QuantitativeValue", "unitText": "MONTH", "minValue": 7_000_000, "maxValue": 9_000_000}}
    assert data["employmentType"] == "FULL_TIME"
    assert data["url"].endswith(f"/vacancies/{vacancy.pk}/")


def test_a_title_cannot_break_out_of_the_json_ld(client, tree):
    vacancy = make_vacancy(tree["A"], title="</script><script>alert(1)</script>")
    html = client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and json.loads(block)["title"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_drafts_and_cancelled_vacancies_are_not_public(client, portal):
    from vacancies.services import vacancy_cancel

    assert client.get(f"/vacancies/{portal['draft'].pk}/").status_code == 404
    vacancy_cancel(vacancy=portal["inspector"], reason="Shtat qisqardi", actor=None)
    assert client.get(f"/vacancies/{portal['inspector'].pk}/").status_code == 404


def test_description_on_the_page_is_sanitised(client, tree):
    vacancy = make_vacancy(tree["A"], description_uz='<p>Vazifa</p><img src=x onerror="alert(1)"><script>x()</script>')
    html = client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    section = html[html.index('data-testid="vacancy-description"'):]
    assert "<p>Vazifa</p>" in section and "onerror" not in section and "x()" not in section


def test_atom_feed(client, portal):
    response = client.get("/vacancies/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [entry.find("a:title", ns).text for entry in root.findall("a:entry", ns)]
    assert len(titles) == 3 and any(t.startswith("Bosh yuriskonsult") for t in titles)
    links = [entry.find("a:link", ns).get("href") for entry in root.findall("a:entry", ns)]
    assert all(re.search(r"/vacancies/\d+/$", link) for link in links)


def test_sitemap_lists_published_vacancies(client, portal):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith("/vacancies/") for loc in locs)
    assert any(loc.endswith(f"/vacancies/{portal['jurist'].pk}/") for loc in locs)
    assert not any(loc.endswith(f"/vacancies/{portal['draft'].pk}/") for loc in locs)


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_portal_in_every_language(client, portal, language):
    client.cookies["hr_language"] = language
    response = client.get("/vacancies/")
    assert response.status_code == 200 and f'lang="{language}"' in response.content.decode()


def test_list_queries_do_not_grow_with_the_page(client, tree):
    for _ in range(3):
        make_vacancy(tree["A"])
    client.get("/vacancies/")  # fill the choices cache
    with CaptureQueriesContext(connection) as few:
        client.get("/vacancies/?page=1")  # a query not cached yet
    for _ in range(15):
        make_vacancy(tree["B"])
    cache.clear()
    client.get("/vacancies/")
    with CaptureQueriesContext(connection) as many:
        client.get("/vacancies/?page=1")
    assert len(many) == len(few) <= 4


def test_the_list_body_is_cached_and_dropped_when_a_vacancy_is_published(client, tree,
                                                                         django_capture_on_commit_callbacks):
    make_vacancy(tree["A"], title="Birinchi")
    client.get("/vacancies/")
    with CaptureQueriesContext(connection) as cached:
        assert _titles(client.get("/vacancies/")) == ["Birinchi"]
    assert len(cached) == 0
    with django_capture_on_commit_callbacks(execute=True):
        make_vacancy(tree["A"], title="Ikkinchi")
    assert sorted(_titles(client.get("/vacancies/"))) == ["Birinchi", "Ikkinchi"]


def test_a_newly_published_vacancy_is_filterable_at_once(client, portal, django_capture_on_commit_callbacks):
    client.get("/vacancies/")  # the choices are cached now
    bukhara = make_organization(code="BUX-H", name="Buxoro viloyati hokimligi", region=Region.objects.get(soato="1706"))
    with django_capture_on_commit_callbacks(execute=True):
        make_vacancy(bukhara, title="Yetakchi mutaxassis")
    assert _titles(client.get("/vacancies/", {"region": "1706"})) == ["Yetakchi mutaxassis"]
