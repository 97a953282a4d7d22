"""Progress of long jobs (imports, exports, workbooks) for the page that polls it.

A job's work often runs inside one transaction the polling page cannot see into, so progress goes
to the cache at once; ``persist`` (optional) also writes it to the job's own row when that is
possible (outside the transaction). The page reads :func:`progress_read`, falling back to the row::

    progress = JobProgress(key=f"exports:{job.pk}", status="running", total=rows,
                           persist=lambda processed, total: ExportJob.objects.filter(pk=job.pk).update(...))
    for i, row in enumerate(rows):
        ...
        progress((i + 1) / rows)
    progress_clear(progress.key)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection

PROGRESS_TTL = 6 * 3600


class JobProgress:
    """Callable with the fraction done (0..1); throttled to one write per ``interval`` seconds."""

    def __init__(self, *, key: str, status: str, total: int = 0,
                 persist: Callable[[int, int], Any] | None = None, interval: float = 0.5) -> None:
        self.key = key
        self.status = status
        self.total = total
        self.persist = persist
        self.interval = interval
        self._last = 0.0

    def set_total(self, rows: int) -> None:
        self.total = rows
        self(0.0, force=True)

    def __call__(self, fraction: float, force: bool = False) -> None:
        now = time.monotonic()
        if not force and fraction < 1.0 and now - self._last < self.interval:
            return
        self._last = now
        fraction = min(max(fraction, 0.0), 1.0)
        processed = round(fraction * self.total)
        cache.set(self.key, {"status": self.status, "processed": processed, "total": self.total,
                             "percent": round(100 * fraction)}, PROGRESS_TTL)
        if self.persist is not None and not connection.in_atomic_block:
            # Inside the job's transaction the row would only show at commit; the cache already does.
            self.persist(processed, self.total)


def progress_read(key: str) -> dict[str, Any] | None:
    """``{"status", "processed", "total", "percent"}`` last written under ``key``, or None."""
    return cache.get(key)


def progress_clear(key: str) -> None:
    cache.delete(key)
