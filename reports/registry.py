"""The registry of reports. Each installed app may have an ``analytics.py`` listing its report
classes in ``REPORTS`` (``core.reporting.Report`` subclasses); :func:`autodiscover` (run when the
app registry is ready) collects them. Apps never import ``reports``: the dependency points from
here to them."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from core.access import user_roles
from core.exceptions import NotFoundError
from core.reporting import Report

from .errors import ReportErrorCode

_REPORTS: dict[str, Report] = {}


def register_report(cls: type[Report]) -> type[Report]:
    if not cls.identifier or len(cls.identifier) > 80:
        raise ValueError(f"{cls.__name__}.identifier must be set (at most 80 characters)")
    if not cls.required_roles:
        raise ValueError(f"{cls.__name__}.required_roles must name who may read it")
    _REPORTS[cls.identifier] = cls()
    return cls


def autodiscover() -> None:
    """Import ``<app>.analytics`` of every installed app that has one and register its ``REPORTS``."""
    for config in apps.get_app_configs():
        module_name = f"{config.name}.analytics"
        if find_spec(module_name) is None:
            continue
        for cls in getattr(import_module(module_name), "REPORTS", ()):
            register_report(cls)


def registered_reports() -> list[Report]:
    return sorted(_REPORTS.values(), key=lambda report: (report.order, report.identifier))


def reports_for(user: Any, *, dashboard: str | None = None) -> list[Report]:
    """The reports ``user`` may read (on ``dashboard`` when given), in their order."""
    roles = user_roles(user)
    return [report for report in registered_reports() if roles & set(report.required_roles)
            and (dashboard is None or report.dashboard == dashboard)]


def get_report(identifier: str) -> Report:
    report = _REPORTS.get(identifier)
    if report is None:
        raise NotFoundError(_("There is no report called “%(identifier)s”.") % {"identifier": identifier[:80]},
                            code=ReportErrorCode.UNKNOWN, field="identifier")
    return report
