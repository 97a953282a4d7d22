"""Demo notifications: the inbox of the demo civil servant (an HR order about them) and of the
demo HR officer (finished imports), so the bell has something to show. In-app only (no e-mail);
re-running adds nothing."""

from __future__ import annotations

import datetime
import random
from typing import TextIO

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from core.notifications import in_every_language, notify
from core.notifications.models import Notification

from ..models import Employee, ImportKind, ImportStatus, OrderKind


def seed(*, rng: random.Random, employees: int, stdout: TextIO) -> str:
    users = get_user_model().objects.in_bulk(["servant", "hr.minfin"], field_name="username")
    created = 0
    servant, hr = users.get("servant"), users.get("hr.minfin")
    if servant is not None and not Notification.objects.filter(recipient=servant, context__demo=True).exists():
        employee = Employee.objects.select_related("organization").filter(user=servant).first()
        organization = employee.organization.name_uz if employee and employee.organization else "Iqtisodiyot va " \
            "moliya vazirligi"
        hired = employee.hired_on if employee and employee.hired_on else datetime.date(2024, 9, 2)
        orders = (
            (OrderKind.HIRE, hired, "00412"),
            (OrderKind.RANK_CHANGE, datetime.date(2026, 10, 1), "01187"),
        )
        for kind, date, serial in orders:
            notify([servant], "workforce.order_issued",
                   {"number": f"IMV/{date.year}/{serial}", "kind": in_every_language(kind.label),
                    "order_date": date.isoformat(), "effective_date": date.isoformat(),
                    "organization": organization, "demo": True},
                   link=reverse("workforce:my_profile"), email=False)
            created += 1
    if hr is not None and not Notification.objects.filter(recipient=hr, context__demo=True).exists():
        imports = (
            ("xodimlar_oktabr.xlsx", ImportStatus.DONE, 148, 12, 0),
            ("shtat_jadvali_2027.xlsx", ImportStatus.INVALID, 0, 0, 7),
        )
        for file_name, status, created_rows, updated, errors in imports:
            notify([hr], "workforce.import_finished",
                   {"file_name": file_name, "kind": in_every_language(ImportKind.EMPLOYEES.label),
                    "status": in_every_language(status.label), "created": created_rows, "updated": updated,
                    "unchanged": 0, "errors": errors, "demo": True},
                   link=reverse("workforce:import_upload"), email=False)
            created += 1
        # The older one already read, as in a real inbox.
        oldest = Notification.objects.filter(recipient=hr, context__demo=True).order_by("created_at", "id").first()
        Notification.objects.filter(pk=oldest.pk).update(read_at=timezone.now())
    return f"{created} demo notifications"
