from __future__ import annotations

from typing import Any

from core.access import user_roles

from .base import Exporter, unknown_exporter_error

_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(cls: type[Exporter]) -> type[Exporter]:
    """Register an exporter class (in ``AppConfig.ready()``; usable as a class decorator)."""
    if not cls.identifier or "." not in cls.identifier or len(cls.identifier) > 80:
        raise ValueError(f"{cls.__name__}.identifier must be namespaced as 'app.name' (at most 80 characters)")
    if not cls.required_roles:
        raise ValueError(f"{cls.__name__}.required_roles must name who may export (personal data is never public)")
    _EXPORTERS[cls.identifier] = cls()
    return cls


def get_exporter(identifier: str) -> Exporter:
    """The registered exporter; an unknown identifier raises a NotFoundError (code ``export_unknown``)."""
    exporter = _EXPORTERS.get(identifier)
    if exporter is None:
        raise unknown_exporter_error(identifier)
    return exporter


def registered_exporters() -> list[Exporter]:
    return list(_EXPORTERS.values())


def exporters_for(user: Any) -> list[Exporter]:
    roles = user_roles(user)
    return [exporter for exporter in _EXPORTERS.values() if roles & set(exporter.required_roles)]


def unregister_exporter(identifier: str) -> None:
    _EXPORTERS.pop(identifier, None)
