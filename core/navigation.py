"""Role-aware navigation. `core` knows no domain app: each app registers a provider in
``settings.NAVIGATION_PROVIDERS`` that returns the menu items the requesting user may use."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    description: str = ""
    icon: str = ""
    children: tuple[NavItem, ...] = field(default_factory=tuple)


def menu_for(request: HttpRequest) -> list[NavItem]:
    cached = getattr(request, "_nav_items", None)
    if cached is not None:
        return cached
    items: list[NavItem] = []
    for dotted in getattr(settings, "NAVIGATION_PROVIDERS", ()):
        items.extend(import_string(dotted)(request))
    request._nav_items = items
    return items


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page: ``template`` rendered with ``data``."""

    template: str
    data: dict = field(default_factory=dict)


def home_panels(request: HttpRequest) -> list[HomePanel]:
    panels: list[HomePanel] = []
    for dotted in getattr(settings, "HOME_PANEL_PROVIDERS", ()):
        panels.extend(import_string(dotted)(request))
    return panels
