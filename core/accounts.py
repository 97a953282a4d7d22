"""Rules of the login identity that are not Django's own: how often a password reset may be asked for."""

from __future__ import annotations

from django.conf import settings

from .ratelimit import consume, limit_key


def password_reset_allowed_for_address(*, ip: str) -> bool:
    """One reset request from ``ip``; False past ``PASSWORD_RESET_MAX_PER_IP`` in the window."""
    return consume(limit_key("pwreset-ip", ip or "unknown"), limit=settings.PASSWORD_RESET_MAX_PER_IP,
                   window_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS)


def password_reset_allowed_for_account(*, email: str) -> bool:
    """One reset mail to ``email``; False past ``PASSWORD_RESET_MAX_PER_ACCOUNT`` in the window.

    Counted per address asked for, whether or not an account uses it, so the answer never tells
    whether the account exists."""
    return consume(limit_key("pwreset-email", email), limit=settings.PASSWORD_RESET_MAX_PER_ACCOUNT,
                   window_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS)
