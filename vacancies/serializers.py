"""API representations. Public ones carry no personal data and never a draft."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workforce.models import PositionGroup
from workforce.serializers import NamedChoiceField

from .checks import reason_messages
from .models import Application, CompetitionType, EmploymentType, Stage, Vacancy, VacancyStatus
from .stages import next_step


class _Named(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PublicVacancySerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    organization = serializers.SerializerMethodField()
    region = serializers.SerializerMethodField()
    category = serializers.SerializerMethodField()
    group = NamedChoiceField(PositionGroup)
    competition_type = NamedChoiceField(CompetitionType)
    employment_type = NamedChoiceField(EmploymentType)
    status = NamedChoiceField(VacancyStatus)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Vacancy
        fields = ["id", "title", "organization", "region", "group", "category", "competition_type",
                  "employment_type", "salary_min", "salary_max", "opens_on", "closes_on", "status", "published_at",
                  "url"]

    @extend_schema_field(_Named)
    def get_organization(self, obj: Vacancy) -> dict:
        return {"id": obj.organization_id, "name": obj.organization.name}

    @extend_schema_field({"type": "object", "nullable": True, "properties": {
        "soato": {"type": "string"}, "name": {"type": "string"}}})
    def get_region(self, obj: Vacancy) -> dict | None:
        return {"soato": obj.region_id, "name": obj.region.name} if obj.region_id else None

    @extend_schema_field({"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}}})
    def get_category(self, obj: Vacancy) -> dict:
        return {"code": obj.category.code, "name": obj.category.name}

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Vacancy) -> str:
        request = self.context.get("request")
        path = reverse("vacancies:detail", args=[obj.pk])
        return request.build_absolute_uri(path) if request else path


class PublicVacancyDetailSerializer(PublicVacancySerializer):
    description = serializers.SerializerMethodField(help_text="Sanitised HTML.")
    min_education = serializers.CharField(read_only=True)
    min_experience_years = serializers.IntegerField(read_only=True)
    specialty = serializers.CharField(read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    test_weight = serializers.IntegerField(read_only=True)
    interview_weight = serializers.IntegerField(read_only=True)

    class Meta(PublicVacancySerializer.Meta):
        fields = [*PublicVacancySerializer.Meta.fields, "description", "min_education", "min_experience_years",
                  "specialty", "languages", "test_weight", "interview_weight"]

    def get_description(self, obj: Vacancy) -> str:
        return str(obj.safe_description)


class ApplicationSerializer(serializers.ModelSerializer):
    vacancy = serializers.SerializerMethodField()
    candidate = serializers.SerializerMethodField()
    stage = NamedChoiceField(Stage)
    check_reasons = serializers.SerializerMethodField()
    next_step = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = ["id", "vacancy", "candidate", "stage", "is_active", "submitted_at", "stage_changed_at",
                  "check_passed", "check_reasons", "test_score", "test_banked", "interview_score", "final_score",
                  "rank", "appointment_order", "next_step"]

    @extend_schema_field({"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"}}})
    def get_vacancy(self, obj: Application) -> dict:
        return {"id": obj.vacancy_id, "title": obj.vacancy.title}

    @extend_schema_field({"type": "object", "properties": {"id": {"type": "integer"},
                                                           "full_name": {"type": "string"}}})
    def get_candidate(self, obj: Application) -> dict:
        return {"id": obj.candidate_id, "full_name": obj.candidate.full_name}

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"}}}})
    def get_check_reasons(self, obj: Application) -> list[dict]:
        messages = reason_messages(obj.check_reasons)
        return [{"code": r.get("code"), "message": m} for r, m in zip(obj.check_reasons or [], messages, strict=True)]

    def get_next_step(self, obj: Application) -> str:
        return next_step(obj)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class OverrideSerializer(serializers.Serializer):
    admit = serializers.BooleanField()
    reason = serializers.CharField(max_length=2000)


class BulkSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["admit", "invite_to_test", "invite_to_interview"])
    applications = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=500)


class DeclarationSerializer(serializers.Serializer):
    has_conflict = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ScoresSerializer(serializers.Serializer):
    points = serializers.DictField(child=serializers.DecimalField(max_digits=5, decimal_places=2),
                                   help_text="Points per criterion id, e.g. {\"12\": 8.5, \"13\": 7}.")


class AppointSerializer(serializers.Serializer):
    start_date = serializers.DateField()
