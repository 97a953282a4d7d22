"""An HR order as a document: read from what the order stated when it was issued
(``HROrder.snapshot``, written by the order services), never from today's rows. Names come in the
reader's language, as they were on the day of issue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from core.i18n import FALLBACK_LANGUAGES, language_suffix

from .models import ContractType, HROrder, SanctionKind


def local_name(names: dict[str, str] | None) -> str:
    """``names`` (``{"uz", "uz_cyrl", "ru", "en"}``) in the active language, falling back to uz, ru, en."""
    names = names or {}
    for suffix in (language_suffix(), *FALLBACK_LANGUAGES):
        if names.get(suffix):
            return names[suffix]
    return ""


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _choice_label(choices: Any, value: str | None) -> str:
    return str(choices(value).label) if value in choices.values else (value or "")


@dataclass
class Placement:
    position: str
    code: str
    organization: str
    day: datetime.date | None = None  # the last day (released) or the first day (appointed)
    rate: str = ""
    contract: str = ""
    contract_end: datetime.date | None = None


class OrderDocument:
    """What the printed order and the public check show."""

    def __init__(self, order: HROrder) -> None:
        self.order = order
        self.facts: dict[str, Any] = order.snapshot or {}

    @property
    def organization(self) -> str:
        return local_name(self.facts.get("organization", {}).get("name"))

    def _person(self) -> dict[str, Any]:
        return self.facts.get("employee", {})

    @property
    def employee_name(self) -> str:
        person = self._person()
        return " ".join(p for p in (person.get("last_name"), person.get("first_name"), person.get("middle_name")) if p)

    @property
    def public_name(self) -> str:
        """Surname and initials: what /verify/ may say about the person."""
        person = self._person()
        initials = "".join(f" {part[0]}." for part in (person.get("first_name"), person.get("middle_name")) if part)
        return f"{person.get('last_name', '')}{initials}"

    @property
    def employee_rank(self) -> str:
        return local_name((self._person().get("rank") or {}).get("name"))

    def _placement(self, key: str, day_key: str) -> Placement | None:
        place = self.facts.get(key)
        if not place:
            return None
        return Placement(position=local_name(place.get("name")), code=place.get("code", ""),
                         organization=local_name(place.get("organization", {}).get("name")),
                         day=_day(place.get(day_key)), rate=place.get("rate", ""),
                         contract=_choice_label(ContractType, place.get("contract_type")),
                         contract_end=_day(place.get("contract_end")))

    @property
    def released(self) -> Placement | None:
        return self._placement("released", "last_day")

    @property
    def appointed(self) -> Placement | None:
        return self._placement("appointed", "from")

    @property
    def rank_from(self) -> str:
        return local_name(((self.facts.get("rank") or {}).get("from") or {}).get("name"))

    @property
    def rank_to(self) -> str:
        return local_name(((self.facts.get("rank") or {}).get("to") or {}).get("name"))

    @property
    def sanction(self) -> dict[str, Any] | None:
        sanction = self.facts.get("sanction")
        if not sanction:
            return None
        return {"kind": _choice_label(SanctionKind, sanction.get("kind")), "fine_amount": sanction.get("fine_amount"),
                "in_force_until": _day(sanction.get("in_force_until"))}

    @property
    def dismissal_reason(self) -> str:
        from .services import DismissalReason

        return _choice_label(DismissalReason, self.facts.get("dismissal_reason"))

    @property
    def basis(self) -> str:
        """What authorised the order (e.g. the competition), as printed when it was issued."""
        return (self.facts.get("basis") or {}).get("label", "")

    @property
    def released_by_appointment(self) -> bool:
        """A release order issued because another organisation appointed the person."""
        return bool(self.facts.get("released_by_appointment"))
