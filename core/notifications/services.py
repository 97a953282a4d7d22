"""Sending notifications, reading them, and the e-mail preferences."""

from __future__ import annotations

import datetime
import json
import logging
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.errors import CoreErrorCode
from core.exceptions import ApplicationError, NotFoundError

from .models import EmailStatus, Notification, NotificationPreference
from .registry import event_definition, is_registered
from .rendering import render_email

logger = logging.getLogger(__name__)


def _snapshot_value(value: Any) -> Any:
    if isinstance(value, Promise):
        raise TypeError("notify() context: pass plain strings, not lazy translations (texts are translated "
                        "in the templates, in the recipient's language)")
    if isinstance(value, Model):
        raise TypeError(f"notify() context: pass the values to show, not the {type(value).__name__} object "
                        "(a notification states what was true when it was sent)")
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"notify() context: {type(value).__name__} is not a JSON snapshot value")


def snapshot(context: Mapping[str, Any]) -> dict[str, Any]:
    """``context`` as JSON values (dates become ISO strings); objects and lazy texts are refused."""
    return json.loads(json.dumps(dict(context), default=_snapshot_value))


def in_every_language(text: Any) -> dict[str, str]:
    """A translatable text (``gettext_lazy``, a choice label) in every language of the site, for a
    notification's context; the template shows the reader's with ``{{ value|localized }}``."""
    result = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            result[code] = str(text)
    return result


def _check_link(link: str) -> str:
    link = link or ""
    if link and (not link.startswith("/") or not url_has_allowed_host_and_scheme(link, allowed_hosts=set())):
        raise ValueError(f"notify() link must be a path on this site ('/...'), got {link!r}")
    return link


def email_wanted(*, user: Any, event: str, default: bool) -> bool:
    preference = NotificationPreference.objects.filter(user=user, event=event).values_list("email", flat=True).first()
    return default if preference is None else preference


@transaction.atomic
def notify(recipients: Iterable[Any], event: str, context: Mapping[str, Any], link: str = "", *,
           actor: Any = None, email: bool = True) -> list[Notification]:
    """Write one in-app notification per recipient (each user once; inactive users skipped) and
    queue, after commit, one e-mail per recipient who has an address and has not switched this
    event off. ``context`` holds snapshot values for the templates; ``link`` is a path on this site.
    ``email=False`` writes in-app notifications only (e.g. demo data). An unknown ``event`` raises
    :class:`UnknownEventError`."""
    definition = event_definition(event)
    context = snapshot(context)
    link = _check_link(link)
    users: dict[int, Any] = {}
    for user in recipients:
        if user is not None and getattr(user, "pk", None) and user.is_active:
            users.setdefault(user.pk, user)
    if not users:
        return []
    preferences = dict(NotificationPreference.objects.filter(user__in=list(users), event=event)
                       .values_list("user_id", "email"))
    rows = []
    for user in users.values():
        wanted = email and preferences.get(user.pk, definition.email)
        status = EmailStatus.OFF if not wanted else EmailStatus.QUEUED if user.email else EmailStatus.NO_ADDRESS
        rows.append(Notification(recipient=user, event=event, context=context, link=link,
                                 actor=actor if getattr(actor, "pk", None) else None, email_status=status))
    created = Notification.objects.bulk_create(rows)
    queued = [n.pk for n in created if n.email_status == EmailStatus.QUEUED]
    if queued:
        from core.tasks import notification_email_task

        transaction.on_commit(lambda: [notification_email_task.delay(pk) for pk in queued])
    return created


def notification_email_send(*, notification_id: int) -> str:
    """Send the e-mail of one notification in the recipient's language (the Celery task's body).

    Idempotent: only a notification still ``queued`` is sent, and it is claimed first, so a task
    delivered twice sends once. Returns the resulting e-mail status."""
    claimed = Notification.objects.filter(pk=notification_id, email_status=EmailStatus.QUEUED) \
        .update(email_status=EmailStatus.SENDING)
    if not claimed:
        return "skipped"
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    definition = event_definition(notification.event)
    if not email_wanted(user=recipient, event=notification.event, default=definition.email) or not recipient.is_active:
        status = EmailStatus.OFF
    elif not recipient.email:
        status = EmailStatus.NO_ADDRESS
    else:
        subject, body = render_email(notification)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
        except Exception:
            logger.exception("E-mail of notification %s could not be sent", notification_id)
            status = EmailStatus.FAILED
        else:
            status = EmailStatus.SENT
    Notification.objects.filter(pk=notification_id).update(
        email_status=status, emailed_at=timezone.now() if status == EmailStatus.SENT else None)
    return status


def notification_mark_read(*, notification: Notification, user: Any) -> Notification:
    """Mark the user's own notification read (idempotent). Someone else's is "not found"."""
    if notification.recipient_id != user.pk:
        raise NotFoundError(_("Notification not found."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of ``user`` read; returns how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(*, user: Any, email_by_event: Mapping[str, bool]) -> dict[str, bool]:
    """Switch e-mail on or off per event for ``user``; in-app notifications are always written.
    An event no app registers is refused (code ``notification_event_unknown``)."""
    for event in email_by_event:
        if not is_registered(event):
            raise ApplicationError(_("There is no kind of notification called “%(event)s”.") % {"event": event},
                                   code=CoreErrorCode.NOTIFICATION_EVENT_UNKNOWN, field="event")
    for event, wanted in email_by_event.items():
        NotificationPreference.objects.update_or_create(user=user, event=event, defaults={"email": bool(wanted)})
    return dict(NotificationPreference.objects.filter(user=user).values_list("event", "email"))
