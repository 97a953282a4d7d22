from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from .models import Notification, NotificationPreference
from .registry import registered_events

ORDERS = ("unread", "newest")


def notifications_of(*, user: Any, order: str = "unread") -> QuerySet[Notification]:
    """The user's own notifications: unread first (then newest), or newest first."""
    queryset = Notification.objects.filter(recipient=user).select_related("recipient")
    if order == "newest":
        return queryset.order_by("-created_at", "-id")
    return queryset.order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")


def notification_of(*, user: Any, pk: Any) -> Notification | None:
    """The notification if it is the user's own, else ``None`` (a 404 for anyone else)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Notification.objects.filter(recipient=user, pk=pk).select_related("recipient").first()


def unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_count_for_request(request: Any) -> int:
    """The bell's number: one count query per request, whatever asks for it."""
    cached = getattr(request, "_notifications_unread", None)
    if cached is None:
        cached = request._notifications_unread = unread_count(user=request.user)
    return cached


def notification_preferences(*, user: Any) -> list[dict[str, Any]]:
    """Every registered event with the user's e-mail choice (the event's default when not chosen)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("event", "email"))
    return [{"event": event.key, "label": str(event.label), "description": str(event.description),
             "email": chosen.get(event.key, event.email)} for event in registered_events()]
