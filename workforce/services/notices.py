"""What workforce tells people through ``core.notifications`` (events registered in
``WorkforceConfig.ready``, templates in ``templates/workforce/notifications/<event>/``):

- ``workforce.order_issued``: the employee concerned (their linked account) of every HR order about
  them, from the one path that issues orders (``assignments._common._issue_order``);
- ``workforce.employee_left_by_appointment``: the HR officers of the organisation a civil servant
  leaves when another organisation appoints them (``employee_appoint``); it names neither the new
  organisation nor the new position;
- ``workforce.import_finished``: the uploader (and whoever started it) when an import job ends,
  and the uploader's HR colleagues when it has written the record.

Contexts are snapshots: texts that follow the reader's language go in every language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.i18n import localized_value
from core.notifications import in_every_language, notify

from ..models import Employee, HROrder, ImportJob, ImportKind, ImportStatus, OrderKind, Organization, Role, RoleGrant

ORDER_ISSUED = "workforce.order_issued"
EMPLOYEE_LEFT = "workforce.employee_left_by_appointment"
IMPORT_FINISHED = "workforce.import_finished"

# The states in which an import job waits for nobody: its uploader is told.
IMPORT_ENDS = frozenset({ImportStatus.VALIDATED, ImportStatus.INVALID, ImportStatus.DONE, ImportStatus.FAILED})


def names_in_every_language(obj: Any, field: str = "name") -> dict[str, str]:
    """``obj.<field>`` in each language of the site (Uzbek Cyrillic transliterated when not kept)."""
    return {code: localized_value(obj, field, language=code) for code, _name in settings.LANGUAGES}


def order_notify_employee(order: HROrder, *, actor: Any = None) -> None:
    """Tell the employee an order about them was issued (in-app, and an e-mail queued in their
    language). Nothing when the record has no linked account."""
    employee: Employee = order.employee
    if not employee.user_id:
        return
    notify([employee.user], ORDER_ISSUED,
           {"number": order.number, "kind": in_every_language(OrderKind(order.kind).label),
            "order_date": order.order_date, "effective_date": order.effective_date,
            "organization": names_in_every_language(order.organization), "basis": order.basis_label},
           link=reverse("workforce:my_profile"), actor=actor)


def order_notify_employee_on_commit(order: HROrder, *, actor: Any = None) -> None:
    """:func:`order_notify_employee` once the order's transaction commits, reading the order and
    the record afresh: an account linked later in the same transaction (a competition's winner put
    on record and hired) is notified too, and a rolled-back order notifies nobody."""
    order_id = order.pk

    def send() -> None:
        committed = HROrder.objects.select_related("employee__user", "organization").filter(pk=order_id).first()
        if committed is not None:
            order_notify_employee(committed, actor=actor)

    transaction.on_commit(send)


def departure_notify_source(*, order: HROrder, source: Organization, hr_officers: list[Any], actor: Any) -> None:
    """Tell ``source``'s HR officers that their employee left for another organisation by
    appointment (``order`` is the source's own release order). The new organisation is not named."""
    employee = order.employee
    notify(hr_officers, EMPLOYEE_LEFT,
           {"employee": employee.full_name, "number": order.number, "last_day": order.details.get("last_day"),
            "organization": names_in_every_language(source), "basis": order.basis_label},
           link=reverse("workforce:employee_detail", args=[employee.pk]), actor=actor)


def _hr_colleagues(user: Any) -> list[Any]:
    """HR officers holding a grant on an organisation where ``user`` holds an HR role."""
    today = timezone.localdate()
    current = RoleGrant.objects.filter(valid_until__isnull=True) | RoleGrant.objects.filter(valid_until__gte=today)
    organizations = current.filter(user=user, role__in=(Role.HR_OFFICER, Role.ADMIN),
                                   organization__isnull=False).values("organization")
    grants = (current.filter(role=Role.HR_OFFICER, organization__in=organizations, user__is_active=True)
              .exclude(user=user).select_related("user").order_by("user_id"))
    return list({grant.user_id: grant.user for grant in grants}.values())


def import_notify_finished(job: ImportJob) -> None:
    """Tell the uploader (and the starter) that ``job`` ended (checked, refused, imported, failed),
    with a link to its report; when it wrote the record, tell the uploader's HR colleagues too."""
    if job.status not in IMPORT_ENDS:
        return
    context = {"file_name": job.original_name, "kind": in_every_language(ImportKind(job.kind).label),
               "status": in_every_language(ImportStatus(job.status).label), "created": job.created_count,
               "updated": job.updated_count, "unchanged": job.unchanged_count, "errors": job.error_count}
    owners = [user for user in (job.created_by, job.started_by) if user is not None]
    notify(owners, IMPORT_FINISHED, context, link=reverse("workforce:import_job", args=[job.pk]))
    if job.status == ImportStatus.DONE and job.created_by is not None:
        colleagues = [user for user in _hr_colleagues(job.created_by) if user.pk != job.started_by_id]
        notify(colleagues, IMPORT_FINISHED, {**context, "uploaded_by": job.created_by.get_full_name()
                                             or job.created_by.get_username()})
