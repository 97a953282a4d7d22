"""Role-aware navigation. `core` knows no domain app: each app registers a provider in
``settings.NAVIGATION_PROVIDERS`` that returns the menu items the requesting user may use."""

from __future__ import annotations

from collections.abc import Iterable
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


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    testid: str = ""


def guide_panel(*, key: str, title: str, intro: str, items: Iterable[NavItem] = (), figures: Iterable[Figure] = (),
                note: str = "") -> HomePanel:
    """A home-page panel that tells a role what it finds here: a sentence, headline figures, and
    the places to go (an item without ``url`` is announced but not there yet). Any app can return
    one from its ``HOME_PANEL_PROVIDERS`` entry (the reports app adds the leadership dashboard so)."""
    return HomePanel("core/panels/guide.html", {"key": key, "title": title, "intro": intro, "items": list(items),
                                                 "figures": list(figures), "note": note})
