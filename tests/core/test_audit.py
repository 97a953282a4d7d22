import pytest

from core.audit import audit_log, mask_sensitive
from core.models import AuditEvent
from tests.factories import UserFactory


def test_mask_sensitive_hides_secrets_and_keeps_identifier_tail():
    masked = mask_sensitive({
        "password": "hunter2hunter2", "pinfl": "40712966350029", "name": "Aziz",
        "nested": {"passport": "AA5265040", "api_token": "abc"}, "items": [{"phone": "+998901234567"}],
    })
    assert masked["password"] == "***"
    assert masked["pinfl"] == "***29"
    assert masked["name"] == "Aziz"
    assert masked["nested"] == {"passport": "***40", "api_token": "***"}
    assert masked["items"] == [{"phone": "***67"}]


@pytest.mark.django_db
def test_audit_log_records_actor_target_and_masked_data():
    user = UserFactory()
    event = audit_log("core.user.tested", actor=user, target=user, data={"password": "x", "reason": "ok"})
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == user
    assert stored.target_type == "core.user"
    assert stored.target_id == str(user.pk)
    assert stored.data == {"password": "***", "reason": "ok"}


@pytest.mark.django_db
def test_audit_action_must_be_namespaced():
    with pytest.raises(ValueError, match="namespaced"):
        audit_log("created")
