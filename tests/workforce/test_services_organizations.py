import pytest

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import make_organization
from workforce.errors import WorkforceErrorCode
from workforce.models import Organization
from workforce.services import organization_move, organization_update


@pytest.mark.django_db
def test_create_places_organization_in_tree(tree):
    assert tree["A"].path == f"/{tree['A'].pk}/"
    assert tree["A-DIST"].path == f"/{tree['A'].pk}/{tree['A-DEPT'].pk}/{tree['A-DIST'].pk}/"
    assert tree["A-DIST"].depth == 2
    # The creation's history row carries the final path too.
    assert tree["A-DIST"].history.first().path == tree["A-DIST"].path


@pytest.mark.django_db
def test_duplicate_code_is_a_clear_error(tree):
    with pytest.raises(ApplicationError) as error:
        make_organization(code="A")
    assert error.value.code == WorkforceErrorCode.ORGANIZATION_CODE_TAKEN
    assert error.value.field == "code"
    assert "A" in error.value.message


@pytest.mark.django_db
def test_move_rewrites_whole_subtree(tree, admin_user):
    organization_move(organization=tree["A-DEPT"], new_parent=tree["B"], actor=admin_user)
    dist = Organization.objects.get(code="A-DIST")
    dept = Organization.objects.get(code="A-DEPT")
    assert dept.path == f"/{tree['B'].pk}/{dept.pk}/"
    assert dist.path == f"{dept.path}{dist.pk}/"
    assert dist.depth == 2
    assert set(Organization.objects.filter(path__startswith=tree["B"].path).values_list("code", flat=True)) == {
        "B", "B-DEPT", "A-DEPT", "A-DIST"
    }
    assert AuditEvent.objects.filter(action="workforce.organization.moved", actor=admin_user).exists()


@pytest.mark.django_db
def test_move_to_top_level(tree, admin_user):
    organization_move(organization=tree["A-DEPT"], new_parent=None, actor=admin_user)
    dist = Organization.objects.get(code="A-DIST")
    assert dist.depth == 1
    assert dist.path == f"/{tree['A-DEPT'].pk}/{dist.pk}/"


@pytest.mark.django_db
def test_move_under_own_unit_is_refused(tree, admin_user):
    with pytest.raises(ApplicationError) as error:
        organization_move(organization=tree["A"], new_parent=tree["A-DIST"], actor=admin_user)
    assert error.value.code == WorkforceErrorCode.ORGANIZATION_CYCLE
    assert Organization.objects.get(code="A").parent is None


@pytest.mark.django_db
def test_update_keeps_history_and_search_text(tree, admin_user):
    organization_update(organization=tree["B"], name_uz_cyrl="Вазирлик Б", actor=admin_user)
    b = Organization.objects.get(code="B")
    assert "vazirlik b" in b.search_text
    assert b.history.count() == 2
