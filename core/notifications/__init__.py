"""Notifications: an in-app inbox for every user, and e-mails sent by Celery in the recipient's
language. See docs/platform.md.

    from core.notifications import notify, register_event

    register_event("vacancies.stage_changed", label=_("Application stage changed"))     # in ready()
    notify([candidate.user], "vacancies.stage_changed",
           {"vacancy": vacancy.title, "stage": stage_label, "on": today.isoformat()},
           link=reverse("vacancies:application", args=[application.pk]), actor=request.user)
"""

from .registry import (
    EventDefinition,
    UnknownEventError,
    event_definition,
    is_registered,
    register_event,
    registered_events,
    unregister_event,
)
from .rendering import recipient_language, render_email, render_part
from .selectors import (
    notification_of,
    notification_preferences,
    notifications_of,
    unread_count,
    unread_count_for_request,
)
from .services import (
    in_every_language,
    notification_email_send,
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
    notify,
    snapshot,
)

__all__ = [
    "EventDefinition", "UnknownEventError", "event_definition", "in_every_language", "is_registered",
    "notification_email_send", "notification_mark_read", "notification_of", "notification_preferences",
    "notification_preferences_set", "notifications_mark_all_read", "notifications_of", "notify", "recipient_language",
    "register_event", "registered_events", "render_email", "render_part", "snapshot", "unread_count",
    "unread_count_for_request", "unregister_event",
]
