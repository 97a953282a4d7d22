"""Counting requests in the cache: "at most N per window" for actions that send mail or cost work.

The counter of a key starts with its first hit and lives one window; ``cache.add`` + ``incr`` are
atomic on Redis and on the local-memory cache, so parallel requests cannot slip past the limit.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def limit_key(scope: str, value: str) -> str:
    """A cache key for ``value`` (an address, an e-mail): hashed, so no personal data sits in the cache."""
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def consume(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit on ``key``; False when this hit goes beyond ``limit`` in the current window."""
    if cache.add(key, 1, timeout=window_seconds):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
