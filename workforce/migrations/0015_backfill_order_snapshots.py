"""Fill ``HROrder.snapshot`` of the orders issued before it existed, as best the history allows: the
person's names and rank, the organisation's and positions' names as their history rows stood when
the order was created (the current row when there is no history), the placements the order opened
and closed, and its sanction. Ranks keep no history: their current names are used."""

from django.db import migrations

BATCH = 500


def _names(row):
    return {"uz": row.name_uz, "uz_cyrl": row.name_uz_cyrl, "ru": row.name_ru, "en": row.name_en}


def backfill(apps, schema_editor):
    HROrder = apps.get_model("workforce", "HROrder")
    Assignment = apps.get_model("workforce", "Assignment")
    Sanction = apps.get_model("workforce", "Sanction")
    Employee = apps.get_model("workforce", "Employee")
    Organization = apps.get_model("workforce", "Organization")
    StaffPosition = apps.get_model("workforce", "StaffPosition")
    QualificationRank = apps.get_model("workforce", "QualificationRank")
    history = {model: apps.get_model("workforce", f"Historical{model.__name__}")
               for model in (Employee, Organization, StaffPosition)}
    ranks = {rank.pk: rank for rank in QualificationRank.objects.all()}
    ranks_by_code = {rank.code: rank for rank in ranks.values()}

    def as_of(model, pk, moment):
        past = history[model].objects.filter(id=pk)
        row = past.filter(history_date__lte=moment).order_by("-history_date", "-history_id").first()
        return row or past.order_by("history_date", "history_id").first() or model.objects.filter(pk=pk).first()

    def organization(pk, moment):
        row = as_of(Organization, pk, moment)
        return {"code": row.code, "name": _names(row)}

    def position(pk, moment):
        row = as_of(StaffPosition, pk, moment)
        return {"code": row.code, "name": _names(row), "organization": organization(row.organization_id, moment)}

    def rank(value):
        found = ranks.get(value) if isinstance(value, int) else ranks_by_code.get(value)
        return {"code": found.code, "name": _names(found)} if found else None

    def snapshot(order):
        moment = order.created_at
        person = as_of(Employee, order.employee_id, moment)
        facts = {"version": 1, "backfilled": True, "organization": organization(order.organization_id, moment),
                 "employee": {name: getattr(person, name) for name in (
                     "last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl",
                     "middle_name_cyrl")} | {"rank": rank(person.qualification_rank_id)}}
        ended = Assignment.objects.filter(end_order=order).order_by("-is_primary", "id").first()
        if ended is not None:
            facts["released"] = {**position(ended.staff_position_id, moment),
                                 "last_day": ended.end_date.isoformat() if ended.end_date else None}
        started = Assignment.objects.filter(start_order=order).order_by("id").first()
        if started is not None:
            facts["appointed"] = {**position(started.staff_position_id, moment), "rate": f"{started.rate:.2f}",
                                  "from": started.start_date.isoformat(), "contract_type": started.contract_type,
                                  "contract_end": started.contract_end_date.isoformat()
                                  if started.contract_end_date else None}
        details = order.details or {}
        if isinstance(details.get("to"), str):  # rank orders (and rank-lowering sanctions) carry rank codes
            facts["rank"] = {"from": rank(details.get("from")), "to": rank(details["to"])}
        sanction = Sanction.objects.filter(order=order).first()
        if sanction is not None:
            facts["sanction"] = {"kind": sanction.kind,
                                 "fine_amount": f"{sanction.fine_amount.normalize():f}" if sanction.fine_amount else None,
                                 "in_force_until": sanction.expires_on.isoformat() if sanction.expires_on else None}
        if details.get("reason_code"):
            facts["dismissal_reason"] = details["reason_code"]
        return facts

    batch = []
    for order in HROrder.objects.filter(snapshot={}).order_by("pk").iterator(chunk_size=BATCH):
        order.snapshot = snapshot(order)
        batch.append(order)
        if len(batch) >= BATCH:
            HROrder.objects.bulk_update(batch, ["snapshot"])
            batch = []
    if batch:
        HROrder.objects.bulk_update(batch, ["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("workforce", "0014_order_snapshot_and_pending")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
