"""HR orders move onto ``core.VerifiableDocument`` (step 2 of 3): one document per order, **keeping
the order's code**, so every QR code already printed still verifies.

Batched for large tables (a million orders): the orders are read in batches of 2,000 by primary key,
their documents written with ``bulk_create`` and linked with one ``UPDATE`` per batch (a subquery on
the unique code); memory stays at one batch.
What the document says comes from the order's snapshot, in the site's default language, as the
order service writes it today (``workforce.services.assignments._verifiable``, copied here so this
migration keeps meaning what it meant). Reversible: the way back copies each document's code onto
its order and deletes the documents."""

from django.conf import settings
from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.utils import translation
from django.utils.translation import gettext as _

BATCH = 2000
KIND = "workforce.hr_order"


def _local(names):
    names = names or {}
    for suffix in ("uz", "ru", "en"):
        if names.get(suffix):
            return names[suffix]
    return ""


def _public_name(person):
    initials = "".join(f" {part[0]}." for part in (person.get("first_name"), person.get("middle_name")) if part)
    return f"{person.get('last_name', '')}{initials}".strip()


def _document(Document, order, kinds):
    snapshot = order.snapshot or {}
    return Document(
        kind=KIND, code=order.verification_code, issued_at=order.created_at,
        issuer=(_local(snapshot.get("organization", {}).get("name")) or order.organization.name_uz)[:255],
        subject_summary=_public_name(snapshot.get("employee") or {
            "last_name": order.employee.last_name, "first_name": order.employee.first_name,
            "middle_name": order.employee.middle_name})[:120],
        title=(_("Order № %(number)s of %(date)s: %(kind)s")
               % {"number": order.number, "date": order.order_date.strftime("%d.%m.%Y"),
                  "kind": _(kinds.get(order.kind, order.kind))})[:255],
        facts=[[str(_("Effective date")), order.effective_date.strftime("%d.%m.%Y")]],
        source_app="workforce", source_id=str(order.pk),
    )


def orders_onto_documents(apps, schema_editor):
    HROrder = apps.get_model("workforce", "HROrder")
    Document = apps.get_model("core", "VerifiableDocument")
    kinds = {value: str(label) for value, label in HROrder._meta.get_field("kind").flatchoices}
    orders = (HROrder.objects.filter(verifiable__isnull=True).exclude(verification_code__isnull=True)
              .select_related("organization", "employee").order_by("pk")
              .only("pk", "number", "kind", "order_date", "effective_date", "created_at", "snapshot",
                    "verification_code", "organization__name_uz", "employee__last_name",
                    "employee__first_name", "employee__middle_name"))

    with translation.override(settings.LANGUAGE_CODE):
        last = 0
        while True:
            # Keyset batches (not one cursor kept open while the same rows are updated: SQLite
            # gives no isolation between a cursor and writes on its connection).
            batch = list(orders.filter(pk__gt=last)[:BATCH])
            if not batch:
                break
            Document.objects.bulk_create([_document(Document, order, kinds) for order in batch])
            HROrder.objects.filter(pk__in=[order.pk for order in batch]).update(verifiable_id=Subquery(
                Document.objects.filter(code=OuterRef("verification_code")).values("pk")[:1]))
            last = batch[-1].pk


def documents_back_onto_orders(apps, schema_editor):
    HROrder = apps.get_model("workforce", "HROrder")
    Document = apps.get_model("core", "VerifiableDocument")
    linked = HROrder.objects.filter(verifiable__isnull=False).order_by("pk")
    while True:
        pks = list(linked.values_list("pk", flat=True)[:BATCH])
        if not pks:
            break
        documents = list(HROrder.objects.filter(pk__in=pks).values_list("verifiable_id", flat=True))
        HROrder.objects.filter(pk__in=pks).update(
            verification_code=Subquery(Document.objects.filter(pk=OuterRef("verifiable_id")).values("code")[:1]),
            verifiable_id=None)
        Document.objects.filter(pk__in=documents, kind=KIND).delete()


class Migration(migrations.Migration):
    dependencies = [("workforce", "0017_order_verifiable")]
    operations = [migrations.RunPython(orders_onto_documents, documents_back_onto_orders)]
