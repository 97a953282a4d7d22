"""Staffing tables, occupancy and assignments."""

from __future__ import annotations

__all__: list[str] = []
