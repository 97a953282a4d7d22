"""An HR officer of organisation A gets 404 for anything of organisation B: pages and API."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_org_pages_of_b_are_404_for_hr_of_a(client, tree, hr_a):
    client.force_login(hr_a)
    for code in ("B", "B-DEPT"):
        pk = tree[code].pk
        assert client.get(reverse("workforce:organization_detail", args=[pk])).status_code == 404
        assert client.get(reverse("workforce:organization_children", args=[pk])).status_code == 404
    assert client.get(reverse("workforce:organization_detail", args=[tree["A-DIST"].pk])).status_code == 200


@pytest.mark.django_db
def test_org_tree_shows_only_own_roots(client, tree, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("workforce:organization_tree")).content.decode()
    assert "Vazirlik A" in page
    assert "Vazirlik B" not in page
    children = client.get(reverse("workforce:organization_children", args=[tree["A"].pk])).content.decode()
    assert "A boshqarmasi" in children


@pytest.mark.django_db
def test_org_search_is_scoped_and_script_blind(client, tree, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("workforce:organization_tree"), {"q": "бошқармаси"}).content.decode()
    assert "A boshqarmasi" in page
    assert "B boshqarmasi" not in page


@pytest.mark.django_db
def test_org_api_list_and_detail_are_scoped(client, tree, hr_a):
    client.force_login(hr_a)
    listed = client.get("/api/v1/organizations/").json()
    assert sorted(o["code"] for o in listed["results"]) == ["A", "A-DEPT", "A-DIST"]
    response = client.get(f"/api/v1/organizations/{tree['B'].pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    within_b = client.get("/api/v1/organizations/", {"within": tree["B"].pk}).json()
    assert within_b["count"] == 0


@pytest.mark.django_db
def test_user_without_roles_is_refused_org_pages(client, tree):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("workforce:organization_tree")).status_code == 403


@pytest.mark.django_db
def test_anonymous_api_is_refused(client, tree):
    response = client.get("/api/v1/organizations/")
    assert response.status_code in (401, 403)
    assert "code" in response.json()
