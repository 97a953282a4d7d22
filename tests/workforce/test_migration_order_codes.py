"""The move of HR orders onto ``core.VerifiableDocument`` (workforce 0017-0019) keeps every code
already printed: an order issued before the move verifies afterwards with the same code. Run on
SQLite and on PostgreSQL (``DATABASE_URL``)."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from core.verification import VerifiableDocument
from tests.factories import hire, make_employee, make_position
from workforce.models import HROrder

BEFORE = ("workforce", "0017_order_verifiable")
MIGRATION = import_module("workforce.migrations.0018_orders_onto_verifiable_documents")

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def _latest():
    executor = MigrationExecutor(connection)
    return next(key for key in executor.loader.graph.leaf_nodes() if key[0] == "workforce")


@pytest.fixture
def back_to_latest():
    yield
    _migrate(_latest())


def test_codes_of_existing_orders_still_verify_after_the_migration(tree, client, monkeypatch, back_to_latest):
    monkeypatch.setattr(MIGRATION, "BATCH", 2)  # several batches with five orders
    employees = [make_employee(last_name=f"Familiya{n}", first_name="Aziz", middle_name="", organization=tree["A"])
                 for n in range(5)]
    orders = [hire(employee, make_position(tree["A"])).start_order for employee in employees]
    latest = _latest()

    # Back to the state before the move: the codes return onto the orders, the documents go.
    old_apps = _migrate(BEFORE)
    OldOrder = old_apps.get_model("workforce", "HROrder")
    assert not VerifiableDocument.objects.filter(kind="workforce.hr_order").exists()
    assert dict(OldOrder.objects.values_list("pk", "verification_code")) == {
        order.pk: order.verifiable.code for order in orders}
    # Orders as they were printed before the move: codes of the old format, no document yet.
    printed = {order.pk: f"legacyCode{order.pk:06d}" for order in orders}
    for pk, code in printed.items():
        OldOrder.objects.filter(pk=pk).update(verification_code=code)

    _migrate(latest)
    for order in HROrder.objects.filter(pk__in=printed).select_related("verifiable", "employee"):
        assert order.verifiable.code == printed[order.pk]
        assert (order.verifiable.kind, order.verifiable.source_id) == ("workforce.hr_order", str(order.pk))
        assert order.verifiable.subject_summary == f"{order.employee.last_name} A."
        response = client.get(reverse("verify", args=[printed[order.pk]]))
        assert response.status_code == 200
        page = response.content.decode()
        assert 'data-testid="verify-ok"' in page and order.number in page
        assert order.employee.pinfl not in page
    assert VerifiableDocument.objects.filter(kind="workforce.hr_order").count() == len(orders)
