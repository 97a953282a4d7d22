"""Notifications: one per recipient, e-mail after commit in the recipient's language and only when
wanted, the inbox and the API show a user their own notifications only."""

import datetime

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.errors import CoreErrorCode
from core.exceptions import ApplicationError
from core.models import EmailStatus, Notification, NotificationPreference
from core.notifications import (
    UnknownEventError,
    in_every_language,
    notification_email_send,
    notification_preferences_set,
    notify,
    render_part,
)
from tests.factories import UserFactory
from workforce.models import OrderKind

EVENT = "workforce.order_issued"


def order_context(**overrides):
    return {"number": "IMV/2026/00412", "kind": in_every_language(OrderKind.TRANSFER.label),
            "order_date": "2026-11-02", "effective_date": datetime.date(2026, 11, 9),
            "organization": "Iqtisodiyot va moliya vazirligi", **overrides}


@pytest.mark.django_db
def test_one_notification_per_recipient_and_only_to_them(client):
    alice, bob, stranger = UserFactory(), UserFactory(), UserFactory()
    created = notify([alice, bob, alice, None], EVENT, order_context(), link="/workforce/me/")
    assert len(created) == 2
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {alice.pk, bob.pk}
    client.force_login(stranger)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "IMV/2026/00412" not in page
    notification = Notification.objects.get(recipient=alice)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 404
    assert client.get(f"/api/v1/notifications/{notification.pk}/").status_code == 404
    assert client.post(f"/api/v1/notifications/{notification.pk}/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
def test_context_is_a_snapshot():
    user = UserFactory()
    notification = notify([user], EVENT, order_context())[0]
    assert notification.context["effective_date"] == "2026-11-09"
    with pytest.raises(TypeError, match="not the User object"):
        notify([user], EVENT, {"who": user})
    from django.utils.translation import gettext_lazy

    with pytest.raises(TypeError, match="lazy"):
        notify([user], EVENT, {"kind": gettext_lazy("Transfer")})


@pytest.mark.django_db
def test_unknown_event_raises():
    with pytest.raises(UnknownEventError):
        notify([UserFactory()], "workforce.no_such_event", {})


@pytest.mark.django_db
def test_links_stay_on_this_site():
    with pytest.raises(ValueError):
        notify([UserFactory()], EVENT, order_context(), link="https://evil.example/")
    for link in ("//evil.example/", "/\\evil.example/", "javascript:alert(1)"):
        with pytest.raises(ValueError):
            notify([UserFactory()], EVENT, order_context(), link=link)


@pytest.mark.django_db
def test_email_goes_after_commit_in_the_recipients_language(django_capture_on_commit_callbacks):
    uz_user = UserFactory(preferred_language="uz", email="sardor@example.uz")
    ru_user = UserFactory(preferred_language="ru", email="ivan@example.uz")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([uz_user, ru_user], EVENT, order_context(), link="/workforce/me/")
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {"sardor@example.uz": "Kadrlar boʻyicha buyruq IMV/2026/00412: Boshqa ishga oʻtkazish",
                        "ivan@example.uz": "Кадровый приказ IMV/2026/00412: Перевод"}
    body = next(m.body for m in mail.outbox if m.to == ["ivan@example.uz"])
    assert "09.11.2026" in body and "/workforce/me/" in body and "&quot;" not in body
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


@pytest.mark.django_db
def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    user = UserFactory(email="a@example.uz")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify([user], EVENT, order_context())
                raise RuntimeError("the order failed")
        except RuntimeError:
            pass
    assert mail.outbox == [] and not Notification.objects.exists()


@pytest.mark.django_db
def test_email_respects_the_preference(django_capture_on_commit_callbacks):
    off, on = UserFactory(email="off@example.uz"), UserFactory(email="on@example.uz")
    notification_preferences_set(user=off, email_by_event={EVENT: False})
    with django_capture_on_commit_callbacks(execute=True):
        notify([off, on], EVENT, order_context())
    assert [m.to for m in mail.outbox] == [["on@example.uz"]]
    # In-app notifications are always written.
    assert Notification.objects.filter(recipient=off).get().email_status == EmailStatus.OFF


@pytest.mark.django_db
def test_switching_off_after_queueing_still_stops_the_email(django_capture_on_commit_callbacks):
    user = UserFactory(email="late@example.uz")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([user], EVENT, order_context())
    notification_preferences_set(user=user, email_by_event={EVENT: False})
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    assert Notification.objects.get().email_status == EmailStatus.OFF


@pytest.mark.django_db
def test_the_email_task_sends_once(django_capture_on_commit_callbacks):
    user = UserFactory(email="once@example.uz")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify([user], EVENT, order_context())[0]
    assert notification_email_send(notification_id=notification.pk) == "skipped"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_no_address_no_email(django_capture_on_commit_callbacks):
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], EVENT, order_context())
    assert mail.outbox == [] and Notification.objects.get().email_status == EmailStatus.NO_ADDRESS


@pytest.mark.django_db
def test_inbox_text_is_rendered_in_the_viewers_language_and_escaped():
    user = UserFactory()
    notification = notify([user], EVENT, order_context(organization="<b>Vazirlik</b>"))[0]
    assert render_part(notification, "inapp", language="en").startswith("HR order IMV/2026/00412 of 02.11.2026: Transfer")
    assert "&lt;b&gt;" in render_part(notification, "inapp", language="uz")


@pytest.mark.django_db
def test_unknown_preference_is_refused():
    with pytest.raises(ApplicationError) as caught:
        notification_preferences_set(user=UserFactory(), email_by_event={"nobody.nothing": False})
    assert caught.value.code == CoreErrorCode.NOTIFICATION_EVENT_UNKNOWN


# --- pages ------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_bell_counts_unread_in_one_query(client):
    user = UserFactory()
    notify([user], EVENT, order_context())
    notify([user], EVENT, order_context(number="IMV/2026/00413"))
    client.force_login(user)
    response = client.get(reverse("notifications:preferences"))
    assert 'data-testid="bell-count">2<' in response.content.decode()
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("notifications:preferences"))
    assert sum("core_notification" in q["sql"] and "COUNT" in q["sql"].upper() for q in captured) == 1


@pytest.mark.django_db
def test_inbox_orders_opens_and_marks_read(client):
    user = UserFactory()
    older = notify([user], EVENT, order_context(number="IMV/2026/00001"), link="/workforce/me/")[0]
    newer = notify([user], EVENT, order_context(number="IMV/2026/00002"))[0]
    Notification.objects.filter(pk=newer.pk).update(read_at=datetime.datetime(2026, 11, 3, tzinfo=datetime.UTC))
    client.force_login(user)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert page.index("IMV/2026/00001") < page.index("IMV/2026/00002")  # unread first
    page = client.get(reverse("notifications:inbox"), {"order": "newest"}).content.decode()
    assert page.index("IMV/2026/00002") < page.index("IMV/2026/00001")
    response = client.get(reverse("notifications:open", args=[older.pk]))
    assert response.status_code == 302 and response["Location"] == "/workforce/me/"
    older.refresh_from_db()
    assert older.read_at is not None


@pytest.mark.django_db
def test_mark_all_read(client):
    user, other = UserFactory(), UserFactory()
    notify([user, other], EVENT, order_context())
    notify([user], EVENT, order_context())
    client.force_login(user)
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_inbox_queries_do_not_grow_with_the_notifications(client):
    user = UserFactory()
    client.force_login(user)

    def queries(n):
        for i in range(n):
            notify([user], EVENT, order_context(number=f"N{i}"))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("notifications:inbox")).status_code == 200
        return len(captured)

    assert queries(1) == queries(10)


@pytest.mark.django_db
def test_preferences_page_switches_email_off(client):
    user = UserFactory(email="x@example.uz")
    client.force_login(user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="workforce.order_issued"' in page and "checked" in page
    client.post(reverse("notifications:preferences"), {"workforce.import_finished": "on"})
    assert NotificationPreference.objects.get(user=user, event=EVENT).email is False
    assert NotificationPreference.objects.get(user=user, event="workforce.import_finished").email is True


# --- API --------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_api_lists_own_and_marks_read(client):
    user, other = UserFactory(preferred_language="ru"), UserFactory()
    mine = notify([user], EVENT, order_context())[0]
    notify([other], EVENT, order_context(number="OTHER/1"))
    client.force_login(user)
    client.cookies["hr_language"] = "ru"
    body = client.get("/api/v1/notifications/").json()
    assert body["count"] == 1 and body["unread"] == 1
    assert body["results"][0]["text"].startswith("Кадровый приказ № IMV/2026/00412 от 02.11.2026: Перевод")
    response = client.post(f"/api/v1/notifications/{mine.pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True
    notify([user], EVENT, order_context())
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert client.get("/api/v1/notifications/", {"unread": "1"}).json()["count"] == 0


@pytest.mark.django_db
def test_api_preferences(client):
    user = UserFactory()
    client.force_login(user)
    listed = {item["event"]: item["email"] for item in client.get("/api/v1/notifications/preferences/").json()}
    assert listed[EVENT] is True and listed["core.export_ready"] is False
    response = client.put("/api/v1/notifications/preferences/", [{"event": EVENT, "email": False}],
                          content_type="application/json")
    assert response.status_code == 200
    assert {i["event"]: i["email"] for i in response.json()}[EVENT] is False
    bad = client.put("/api/v1/notifications/preferences/", [{"event": "x.y", "email": False}],
                     content_type="application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "notification_event_unknown"


@pytest.mark.django_db
def test_api_needs_login(client):
    assert client.get("/api/v1/notifications/").status_code in (401, 403)
