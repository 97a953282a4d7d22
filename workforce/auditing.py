"""What bulk reads of personal data write to the audit log (pages, API and exports alike)."""

from __future__ import annotations

from collections.abc import Mapping

from .filters import PASSPORT_RE, PINFL_RE


def audited_filters(query_params: Mapping[str, str]) -> dict[str, str]:
    """The list's filters for the audit log; a searched PINFL or passport goes under a key the
    audit log masks (core.audit)."""
    data: dict[str, str] = {}
    for key, value in query_params.items():
        if key in ("page", "page_size", "format"):
            continue
        if key == "q" and PINFL_RE.fullmatch(value.strip()):
            key = "q_pinfl"
        elif key == "q" and PASSPORT_RE.fullmatch(value.strip()):
            key = "q_passport"
        data[key] = value
    return data
