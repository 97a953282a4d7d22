"""Helpers shared by the vacancies services (package-private)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext as _

from core.access import can_access_organization
from workforce.access import HR_ROLES

from ..errors import VacancyNotFound
from ..models import Vacancy


def fmt(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "…"


def stamp(instance: models.Model, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]


def lock(instance: models.Model) -> None:
    """Row lock on ``instance`` (FOR NO KEY UPDATE) and reload, so checks see committed state."""
    instance.refresh_from_db(from_queryset=type(instance)._default_manager.select_for_update(no_key=True))


def require_hr(actor, vacancy: Vacancy) -> None:
    """``actor`` must hold an HR role covering the vacancy's organisation; ``None`` is a trusted
    caller (commands, tasks acting for the system, the demo seeder). Outside the scope the vacancy
    does not exist for them (404, nothing revealed)."""
    if actor is None:
        return
    if not can_access_organization(actor, vacancy.organization, roles=HR_ROLES):
        raise VacancyNotFound(_("Vacancy not found."))
