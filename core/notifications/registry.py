"""Kinds of notification events. Apps register theirs in ``AppConfig.ready()``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise

KEY_RE = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*")


class UnknownEventError(LookupError):
    """``notify`` was called with an event no app registered: a programming error."""


@dataclass(frozen=True)
class EventDefinition:
    key: str
    label: str | Promise
    description: str | Promise = ""
    email: bool = True

    @property
    def app(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    def template(self, part: str) -> str:
        """``<app>/notifications/<event name>/<part>.txt``."""
        return f"{self.app}/notifications/{self.name}/{part}.txt"


_EVENTS: dict[str, EventDefinition] = {}


def register_event(key: str, *, label: str | Promise, description: str | Promise = "",
                   email: bool = True) -> EventDefinition:
    """Declare an event (``workforce.order_issued``). Its texts are the templates
    ``<app>/notifications/<name>/subject.txt``, ``body.txt`` (e-mail) and ``inapp.txt`` (the inbox).
    ``email`` is whether it is e-mailed by default; each user may switch that off (or on)."""
    if not KEY_RE.fullmatch(key) or len(key) > 80:
        raise ValueError(f"event {key!r} must be namespaced as 'app.event_name' (lowercase, at most 80 characters)")
    definition = EventDefinition(key=key, label=label, description=description, email=email)
    _EVENTS[key] = definition
    return definition


def event_definition(key: str) -> EventDefinition:
    try:
        return _EVENTS[key]
    except KeyError:
        raise UnknownEventError(f"notification event {key!r} is not registered (register_event in "
                                f"AppConfig.ready)") from None


def registered_events() -> list[EventDefinition]:
    return sorted(_EVENTS.values(), key=lambda event: event.key)


def is_registered(key: str) -> bool:
    return key in _EVENTS


def unregister_event(key: str) -> None:
    _EVENTS.pop(key, None)
