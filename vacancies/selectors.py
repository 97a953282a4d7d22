"""Reads of the vacancies app. Public reads show only what is public; HR reads are scoped through the
one scoping helper (``core.access.scope_queryset``); a candidate reads only their own applications."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.access import scope_queryset
from core.i18n import language_suffix
from workforce.access import HR_ROLES
from workforce.models import Organization, PositionCategory, Region

from .checks import reason_messages
from .models import (
    PUBLIC_STATUSES,
    Application,
    ApplicationEvent,
    Candidate,
    CandidateDocument,
    CommissionMember,
    Stage,
    Vacancy,
    VacancyStatus,
)
from .services.commission import COMMISSION_ROLES

__all__ = [
    "FUNNEL_STEPS",
    "applicant_rows",
    "candidate_applications",
    "candidate_documents",
    "candidate_test_status",
    "commission_vacancies",
    "competition_funnel",
    "funnel_step_labels",
    "hr_applications",
    "hr_vacancies",
    "portal_cache_version",
    "portal_choices_changed",
    "portal_filter_choices",
    "public_vacancies",
    "public_vacancy",
]

_PUBLIC_COLUMNS = ("organization", "region", "category")


def public_vacancies() -> QuerySet[Vacancy]:
    """Published vacancies (the portal list, the feed, the sitemap and the public API): never drafts,
    never personal data. Newest first."""
    return (Vacancy.objects.filter(status=VacancyStatus.PUBLISHED).select_related(*_PUBLIC_COLUMNS)
            .order_by("-published_at", "-id"))


def public_vacancy(pk: int) -> Vacancy | None:
    """A vacancy whose page is public (published, closed, in competition or completed)."""
    return Vacancy.objects.select_related(*_PUBLIC_COLUMNS, "staff_position").filter(
        pk=pk, status__in=PUBLIC_STATUSES).first()


_CHOICES_VERSION = "vacancies:portal-choices:version"


def portal_choices_changed() -> None:
    """Forget the cached filter choices (the services call this after a vacancy is published or leaves
    the portal, once the transaction has committed)."""
    try:
        cache.incr(_CHOICES_VERSION)
    except ValueError:
        cache.set(_CHOICES_VERSION, 2, None)


def portal_cache_version() -> int:
    """Bumped whenever the set of published vacancies changes: part of every portal cache key."""
    return cache.get(_CHOICES_VERSION, 1)


def portal_filter_choices() -> dict[str, list[tuple[Any, str]]]:
    """Regions, organisations and categories that have published vacancies, in the active language;
    cached for ``VACANCY_CHOICES_CACHE_SECONDS`` and dropped when a vacancy is published or closed."""
    language = language_suffix(get_language())
    key = f"vacancies:portal-choices:{portal_cache_version()}:{language}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    published = Vacancy.objects.filter(status=VacancyStatus.PUBLISHED)
    regions = Region.objects.filter(pk__in=published.values("region")).order_by("ordering")
    organizations = Organization.objects.filter(pk__in=published.values("organization"))
    categories = PositionCategory.objects.filter(pk__in=published.values("category")).order_by("ordering")
    choices = {
        "region": [(r.pk, r.name) for r in regions],
        "organization": sorted(((o.pk, o.name) for o in organizations), key=lambda item: item[1]),
        "category": [(c.pk, f"{c.code} — {c.name}") for c in categories],
    }
    cache.set(key, choices, settings.VACANCY_CHOICES_CACHE_SECONDS)
    return choices


def hr_vacancies(*, user, roles: Iterable[str] = HR_ROLES) -> QuerySet[Vacancy]:
    """Vacancies of the organisations in the user's HR subtrees (any status), with applicant counts."""
    queryset = Vacancy.objects.select_related("organization", "region", "category", "staff_position", "test").annotate(
        applicants=Count("applications"),
        active_applicants=Count("applications", filter=Q(applications__is_active=True)),
    )
    return scope_queryset(queryset, user=user, roles=roles).order_by("-created_at", "-id")


def hr_applications(*, user, roles: Iterable[str] = HR_ROLES) -> QuerySet[Application]:
    """Applications to vacancies of the user's HR subtrees."""
    queryset = Application.objects.select_related("candidate", "candidate__user", "vacancy",
                                                  "vacancy__organization")
    return scope_queryset(queryset, user=user, roles=roles, org_field="vacancy__organization").order_by(
        "vacancy_id", "rank", "submitted_at", "id")


def candidate_applications(*, candidate: Candidate) -> QuerySet[Application]:
    """The candidate's own applications, newest first, with their timeline."""
    return (Application.objects.filter(candidate=candidate)
            .select_related("vacancy", "vacancy__organization", "vacancy__region", "vacancy__test")
            .prefetch_related("events").order_by("-submitted_at", "-id"))


def candidate_documents(*, candidate: Candidate) -> QuerySet[CandidateDocument]:
    """The candidate's documents that still exist (not past their retention), with their file rows."""
    return (CandidateDocument.objects.filter(candidate=candidate).select_related("document")
            .filter(Q(document__expires_at__isnull=True) | Q(document__expires_at__gt=timezone.now())))


def candidate_test_status(applications: Iterable[Application], *, user) -> dict[int, tuple[Any, Any]]:
    """``{application id: (assessment assignment, outcome)}`` for ``user``'s applications whose test was
    assigned through the assessment engine, in a fixed number of queries."""
    from assessment.selectors import assignment_outcomes, my_assignments

    applications = [a for a in applications if a.vacancy.test_id is not None]
    if not applications:
        return {}
    by_id = {str(a.pk): a for a in applications}
    assignments = [assignment for assignment in my_assignments(user=user).filter(
        source_app="vacancies", source_id__in=list(by_id))
        if assignment.test_id == by_id[assignment.source_id].vacancy.test_id]
    outcomes = assignment_outcomes(assignments)
    return {int(a.source_id): (a, outcomes[a.pk]) for a in assignments}


def commission_vacancies(*, user) -> QuerySet[Vacancy]:
    """Competitions the user sits on, within the organisations they hold the commission role on."""
    queryset = Vacancy.objects.filter(commission__user=user).select_related("organization").annotate(
        interviewing=Count("applications", filter=Q(applications__stage=Stage.INTERVIEW), distinct=True))
    return scope_queryset(queryset, user=user, roles=COMMISSION_ROLES).order_by("-closes_on", "-id")


def commission_seat(*, vacancy: Vacancy, user) -> CommissionMember | None:
    return CommissionMember.objects.filter(vacancy=vacancy, user=user).first()


def applicant_rows(*, vacancy: Vacancy, user) -> Iterator[dict[str, Any]]:
    """The applicants of ``vacancy`` as export rows (wave 2 feeds them to the platform exporters).
    Yields nothing when the vacancy is outside the user's HR scope. Reasons are in the active language."""
    applications = hr_applications(user=user).filter(vacancy=vacancy).order_by("rank", "submitted_at", "id")
    for application in applications.iterator(chunk_size=500):
        candidate = application.candidate
        snapshot = application.snapshot or {}
        yield {
            "application": application.pk,
            "full_name": candidate.full_name,
            "email": candidate.user.email,
            "phone": candidate.phone,
            "submitted_at": timezone.localtime(application.submitted_at).strftime("%d.%m.%Y %H:%M"),
            "stage": str(application.get_stage_display()),
            "highest_education": snapshot.get("highest_education", ""),
            "experience_years": snapshot.get("experience_years", 0),
            "check_passed": application.check_passed,
            "check_reasons": "; ".join(reason_messages(application.check_reasons)),
            "test_score": application.test_score,
            "interview_score": application.interview_score,
            "final_score": application.final_score,
            "rank": application.rank,
        }


FUNNEL_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("applied", (Stage.SUBMITTED,)),
    ("admitted", (Stage.ADMITTED,)),
    ("tested", (Stage.TEST_PASSED, Stage.TEST_FAILED)),
    ("passed", (Stage.TEST_PASSED,)),
    ("interviewed", (Stage.INTERVIEW,)),
    ("winner", (Stage.WINNER,)),
    ("appointed", (Stage.APPOINTED,)),
)
"""Each funnel step counts the applications that ever reached one of its stages (the timeline)."""


def funnel_step_labels() -> dict[str, Any]:
    """The funnel steps' names, for the HR page and the registered report."""
    return {"applied": _("Applied"), "admitted": _("Admitted"), "tested": _("Tested"), "passed": _("Passed"),
            "interviewed": _("Interviewed"), "winner": _("Winner"), "appointed": _("Appointed")}


def competition_funnel(*, user, organization: Organization | None = None, since: datetime.date | None = None,
                       roles: Iterable[str] = HR_ROLES) -> dict[str, Any]:
    """The competition funnel per vacancy and in total, computed by the database (one grouped query
    over the stage timeline), with the time to fill (published → completed) of completed vacancies."""
    vacancies = scope_queryset(Vacancy.objects.exclude(status=VacancyStatus.DRAFT), user=user, roles=roles)
    if organization is not None:
        vacancies = vacancies.filter(organization__path__startswith=organization.path)
    if since is not None:
        vacancies = vacancies.filter(published_at__date__gte=since)
    events = ApplicationEvent.objects.filter(application__vacancy__in=vacancies.values("pk"))
    aggregates = {step: Count("application", filter=Q(to_stage__in=stages), distinct=True)
                  for step, stages in FUNNEL_STEPS}
    per_vacancy = {row.pop("application__vacancy"): row
                   for row in events.values("application__vacancy").annotate(**aggregates)}
    fill = ExpressionWrapper(F("completed_at") - F("published_at"), output_field=DurationField())
    rows = []
    for vacancy in vacancies.select_related("organization").annotate(fill=fill).order_by("organization__code", "-id"):
        counts = per_vacancy.get(vacancy.pk, dict.fromkeys(aggregates, 0))
        days = vacancy.fill.days if vacancy.status == VacancyStatus.COMPLETED and vacancy.fill is not None else None
        rows.append({"vacancy": vacancy, "organization": vacancy.organization, "days_to_fill": days, **counts})
    totals = events.aggregate(**aggregates)
    filled = vacancies.filter(status=VacancyStatus.COMPLETED, published_at__isnull=False).annotate(fill=fill)
    stats = filled.aggregate(avg=Avg("fill"), shortest=Min("fill"), longest=Max("fill"), count=Count("pk"))
    by_organization: dict[int, dict[str, Any]] = {}
    for row in rows:
        entry = by_organization.setdefault(row["organization"].pk, {
            "organization": row["organization"], "vacancies": 0, "filled": 0, "fill_days": [],
            **dict.fromkeys(aggregates, 0)})
        entry["vacancies"] += 1
        for step in aggregates:
            entry[step] += row[step]
        if row["days_to_fill"] is not None:
            entry["filled"] += 1
            entry["fill_days"].append(row["days_to_fill"])
    for entry in by_organization.values():
        days = entry.pop("fill_days")
        entry["avg_days_to_fill"] = round(sum(days) / len(days), 1) if days else None
    return {
        "steps": [step for step, _stages in FUNNEL_STEPS],
        "rows": rows,
        "organizations": sorted(by_organization.values(), key=lambda e: e["organization"].code),
        "totals": {step: totals[step] or 0 for step in aggregates},
        "time_to_fill": {"completed": stats["count"],
                         "avg_days": round(stats["avg"].total_seconds() / 86400, 1) if stats["avg"] else None,
                         "min_days": stats["shortest"].days if stats["shortest"] else None,
                         "max_days": stats["longest"].days if stats["longest"] else None},
    }
