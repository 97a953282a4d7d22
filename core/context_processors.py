from django.http import HttpRequest

from .navigation import menu_for


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": menu_for(request)}


def notifications(request: HttpRequest) -> dict:
    """``notifications_unread`` for the bell: counted once per request, and only when a template
    shows it (a callable: the template engine calls it on first use)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    from .notifications.selectors import unread_count_for_request

    return {"notifications_unread": lambda: unread_count_for_request(request)}
