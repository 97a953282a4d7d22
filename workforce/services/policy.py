"""Dated policy parameters (DOMAIN.md's configurable rules) and the rules built on them."""

from __future__ import annotations

import bisect
import datetime
from decimal import Decimal

from ..models import POLICY_DEFAULTS, ContractType, PolicyKey, PolicyParameter

__all__ = ["FIRST_CONTRACT_RULE_FROM", "PolicyTimeline", "add_months", "initial_contract", "pension_age",
           "policy_value"]

# Law ZRU-788: from 1 January 2026 a first-time entrant gets a one-year contract.
FIRST_CONTRACT_RULE_FROM = datetime.date(2026, 1, 1)


def policy_value(key: str, *, on: datetime.date) -> Decimal:
    """The value of ``key`` in force on ``on`` (the latest ``effective_from`` not after it)."""
    value = (
        PolicyParameter.objects.filter(key=key, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("value", flat=True)
        .first()
    )
    return value if value is not None else POLICY_DEFAULTS[key]


class PolicyTimeline:
    """Every value ``key`` has had, read in one query: ``timeline.on(day)`` is ``policy_value(key,
    on=day)`` without a query per day (the bulk importer asks for many dates)."""

    def __init__(self, key: str) -> None:
        self.key = key
        rows = PolicyParameter.objects.filter(key=key).order_by("effective_from").values_list("effective_from", "value")
        self._starts = [start for start, _value in rows]
        self._values = [value for _start, value in rows]

    def on(self, day: datetime.date) -> Decimal:
        index = bisect.bisect_right(self._starts, day)
        return self._values[index - 1] if index else POLICY_DEFAULTS[self.key]


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def initial_contract(*, start_date: datetime.date, first_time_entrant: bool) -> tuple[str, datetime.date | None]:
    """Contract type and end date of a hire: fixed-term (default 12 months) for a first-time
    entrant hired on or after 2026-01-01, indefinite otherwise."""
    if first_time_entrant and start_date >= FIRST_CONTRACT_RULE_FROM:
        months = int(policy_value(PolicyKey.FIRST_CONTRACT_MONTHS, on=start_date))
        return ContractType.FIXED_TERM, add_months(start_date, months) - datetime.timedelta(days=1)
    return ContractType.INDEFINITE, None


def pension_age(*, sex: str, on: datetime.date) -> int:
    key = PolicyKey.PENSION_AGE_MALE if sex == "M" else PolicyKey.PENSION_AGE_FEMALE
    return int(policy_value(key, on=on))
