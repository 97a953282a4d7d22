"""Dated policy parameters of the assessment app (pass mark, banking term)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ..models import POLICY_DEFAULTS, AssessmentPolicy, AssessmentPolicyKey

__all__ = ["add_months", "banking_months", "default_pass_mark", "policy_value"]


def policy_value(key: str, *, on: datetime.date) -> Decimal:
    """The value of ``key`` in force on ``on`` (the latest ``effective_from`` not after it)."""
    value = (
        AssessmentPolicy.objects.filter(key=key, effective_from__lte=on)
        .order_by("-effective_from").values_list("value", flat=True).first()
    )
    return value if value is not None else POLICY_DEFAULTS[key]


def default_pass_mark(*, on: datetime.date) -> Decimal:
    return policy_value(AssessmentPolicyKey.PASS_MARK, on=on)


def banking_months(*, on: datetime.date) -> int:
    return int(policy_value(AssessmentPolicyKey.BANKING_MONTHS, on=on))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
