"""Admin: reference data (sections, dated policy) is edited here; the bank, blueprints, campaigns and
attempts are read-only (they change through the assessment pages and services, which keep the rules)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin

from .models import (
    AssessmentPolicy,
    Attempt,
    AttemptEvent,
    Campaign,
    Certificate,
    Question,
    Section,
    Test,
    TestAssignment,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("ordering", "code", "name_uz", "name_ru", "is_active")
    list_editable = ("is_active",)


@admin.register(AssessmentPolicy)
class AssessmentPolicyAdmin(admin.ModelAdmin):
    """Add a row with a new effective date rather than editing the old one: results already earned keep
    the rule of their day."""

    list_display = ("key", "value", "effective_from", "note")
    list_filter = ("key",)


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("id", "section", "kind", "difficulty", "owner_organization", "version", "is_active")
    list_filter = ("section", "kind", "difficulty", "is_active")
    search_fields = ("text_uz", "text_ru")
    list_select_related = ("section", "owner_organization")


@admin.register(Test)
class TestAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    __test__ = False
    list_display = ("code", "name_uz", "status", "time_limit_minutes", "pass_mark", "requirements_key")
    list_filter = ("status",)


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "test", "organization", "deadline", "status")
    list_select_related = ("test", "organization")


@admin.register(TestAssignment)
class TestAssignmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    __test__ = False
    list_display = ("test", "user", "source_app", "source_id", "available_until")
    list_filter = ("source_app",)
    list_select_related = ("test", "user")
    raw_id_fields = ("user",)


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "test", "user", "state", "started_at", "deadline", "score", "passed")
    list_filter = ("state", "passed")
    list_select_related = ("test", "user")
    exclude = ("settings_snapshot",)


@admin.register(AttemptEvent)
class AttemptEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("attempt", "kind", "occurred_at", "ip_address")
    list_filter = ("kind",)


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("number", "holder_name", "issued_on", "status")
    list_filter = ("status",)
