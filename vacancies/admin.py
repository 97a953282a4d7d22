"""Read-mostly admin: every change goes through the services (pages and API), so the admin shows the
records and their history without offering a second way to break the rules."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Application, ApplicationEvent, Candidate, CommissionMember, InterviewCriterion, Vacancy


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vacancy)
class VacancyAdmin(ReadOnlyAdmin):
    list_display = ("title_uz", "organization", "status", "competition_type", "opens_on", "closes_on")
    list_filter = ("status", "competition_type", "region")
    search_fields = ("title_uz", "title_ru", "organization__code")
    list_select_related = ("organization",)


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ("last_name", "first_name", "user", "employee")
    search_fields = ("last_name", "first_name", "user__username")
    list_select_related = ("user", "employee")


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_stage", "to_stage", "actor", "note", "created_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("candidate", "vacancy", "stage", "is_active", "final_score", "rank")
    list_filter = ("stage", "is_active")
    list_select_related = ("candidate", "vacancy")
    inlines = [EventInline]


@admin.register(CommissionMember)
class CommissionMemberAdmin(ReadOnlyAdmin):
    list_display = ("vacancy", "user", "is_chair")
    list_select_related = ("vacancy", "user")


@admin.register(InterviewCriterion)
class InterviewCriterionAdmin(ReadOnlyAdmin):
    list_display = ("vacancy", "name_uz", "weight", "max_points")
