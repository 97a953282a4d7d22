"""The vacancy and its lifecycle: draft → published → closed → in competition → completed / cancelled."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.models import User
from core.services import model_update
from core.text import collapse_spaces, search_key
from workforce.models import PositionGroup, StaffPosition
from workforce.selectors import staff_position_units_committed

from ..errors import VacancyConflict, VacancyError, VacancyErrorCode
from ..models import (
    OPEN_STATUSES,
    CompetitionType,
    EmploymentType,
    InterviewCriterion,
    Stage,
    Vacancy,
    VacancyStatus,
)
from ..sanitize import clean_html, plain_text
from ._common import fmt, lock, require_hr, stamp

__all__ = [
    "DEFAULT_CRITERIA",
    "competition_type_for",
    "criterion_add",
    "criterion_remove",
    "staff_position_vacant_units",
    "vacancies_close_due",
    "vacancy_cancel",
    "vacancy_close",
    "vacancy_create",
    "vacancy_publish",
    "vacancy_search_text",
    "vacancy_start_competition",
    "vacancy_update",
]

# The interview score sheet every new vacancy starts with (HR may change it before interviews).
DEFAULT_CRITERIA: tuple[tuple[str, str, str, int, int], ...] = (
    ("Kasbiy bilim va malaka", "Профессиональные знания и квалификация", "Professional knowledge", 40, 10),
    ("Muammolarni hal qilish va tahlil", "Решение проблем и анализ", "Problem solving and analysis", 25, 10),
    ("Muloqot va jamoada ishlash", "Коммуникация и работа в команде", "Communication and teamwork", 20, 10),
    ("Davlat xizmatiga motivatsiya", "Мотивация к государственной службе", "Motivation for public service", 15, 10),
)

UPDATABLE_FIELDS = frozenset({
    "title_uz", "title_ru", "title_en", "description_uz", "description_ru", "description_en", "min_education",
    "min_experience_years", "specialty", "languages", "salary_min", "salary_max", "employment_type", "opens_on",
    "closes_on", "test_weight", "interview_weight", "competition_type", "test",
})
_HTML_FIELDS = ("description_uz", "description_ru", "description_en")
_TEXT_FIELDS = ("title_uz", "title_ru", "title_en", "specialty")
_SEARCHED = frozenset({"title_uz", "title_ru", "title_en", "specialty"})
LANGUAGE_CODE_MAX = 8
PORTAL_CHANGES = frozenset({"published", "updated", "closed", "cancelled", "completed"})


def _portal_changed() -> None:
    from ..selectors import portal_choices_changed

    portal_choices_changed()


def competition_type_for(staff_position: StaffPosition) -> str:
    """Management positions: internal competition; specialist positions: external (ZRU-788)."""
    return CompetitionType.INTERNAL if staff_position.group == PositionGroup.MANAGEMENT else CompetitionType.EXTERNAL


def staff_position_vacant_units(staff_position: StaffPosition, *, on: datetime.date | None = None) -> Decimal:
    """Units of ``staff_position`` not held on ``on`` or later. The one place vacancies asks workforce
    about occupancy (the lead switches it to workforce's consolidated occupancy selector)."""
    on = on or timezone.localdate()
    return staff_position.rate_units - staff_position_units_committed(staff_position, from_date=on)


def vacancy_search_text(vacancy: Vacancy) -> str:
    """Titles in every language, the organisation's names, region, specialty and description words,
    folded by ``core.text.search_key`` so "Тошкент", "Toshkent" and "Tosh'kent" match alike."""
    organization = vacancy.organization
    region = vacancy.region
    parts = [vacancy.title_uz, vacancy.title_ru, vacancy.title_en, vacancy.specialty,
             organization.name_uz, organization.name_ru, organization.name_en, organization.code]
    if region is not None:
        parts += [region.name_uz, region.name_ru]
    words = search_key(" ".join(p for p in parts if p))
    description = search_key(plain_text(vacancy.description_uz))[:600]
    return f"{words} | {description}"[:2048] if description else words[:2048]


def _normalized(name: str, value: Any) -> Any:
    if name in _HTML_FIELDS:
        return clean_html(value)
    if name in _TEXT_FIELDS:
        return collapse_spaces(value)
    if name == "languages":
        if isinstance(value, str):
            value = value.replace(";", ",").split(",")
        return list(dict.fromkeys(collapse_spaces(code).lower() for code in value or () if collapse_spaces(code)))
    return value


def _check(vacancy: Vacancy) -> None:
    """Every single-vacancy rule, with a message naming the field and what is expected."""
    position = vacancy.staff_position
    if position.group == PositionGroup.POLITICAL:
        raise VacancyError(_("«%(position)s» is a political post: it is filled by appointment, not by competition.")
                           % {"position": position.name},
                           code=VacancyErrorCode.POSITION_POLITICAL, field="staff_position")
    expected = competition_type_for(position)
    if vacancy.competition_type != expected:
        labels = dict(CompetitionType.choices)
        raise VacancyError(
            _("«%(position)s» (group “%(group)s”) is filled by “%(expected)s”, not by “%(given)s”.")
            % {"position": position.name, "group": position.get_group_display(),
               "expected": labels[expected], "given": labels[vacancy.competition_type]},
            code=VacancyErrorCode.COMPETITION_TYPE_MISMATCH, field="competition_type")
    if vacancy.closes_on < vacancy.opens_on:
        raise VacancyError(_("The last day for applications (%(closes)s) is before the first (%(opens)s).")
                           % {"closes": fmt(vacancy.closes_on), "opens": fmt(vacancy.opens_on)},
                           code=VacancyErrorCode.WINDOW_INVALID, field="closes_on")
    if vacancy.salary_max is not None and vacancy.salary_max < vacancy.salary_min:
        raise VacancyError(_("The highest salary (%(max)s) is below the lowest (%(min)s).")
                           % {"max": vacancy.salary_max, "min": vacancy.salary_min},
                           code=VacancyErrorCode.SALARY_INVALID, field="salary_max")
    if vacancy.test_weight + vacancy.interview_weight != 100:
        raise VacancyError(_("The weights of the test (%(test)s %%) and the interview (%(interview)s %%) must add "
                             "up to 100 %%.") % {"test": vacancy.test_weight, "interview": vacancy.interview_weight},
                           code=VacancyErrorCode.WEIGHTS_INVALID, field="test_weight")
    if vacancy.test is not None and vacancy.test.status != "published":
        raise VacancyError(_("The test “%(test)s” is not published; choose a published test.")
                           % {"test": vacancy.test.name}, code=VacancyErrorCode.TEST_NOT_PUBLISHED, field="test")
    known = dict(settings.LANGUAGES)
    for code in vacancy.languages:
        if len(code) > LANGUAGE_CODE_MAX or not code.replace("-", "").isalpha():
            raise VacancyError(_("“%(code)s” is not a language code (e.g. uz, ru, en).") % {"code": code},
                               code=VacancyErrorCode.LANGUAGE_UNKNOWN, field="languages", extra={"known": list(known)})
    clean_or_raise(vacancy, exclude=["search_text", "staff_position", "organization", "region", "category"],
                   validate_unique=False, validate_constraints=False)


def _require_vacant(staff_position: StaffPosition) -> None:
    if not staff_position.is_active:
        raise VacancyConflict(_("Position «%(position)s» (%(code)s) is closed in the staffing table.")
                              % {"position": staff_position.name, "code": staff_position.code},
                              code=VacancyErrorCode.POSITION_INACTIVE, field="staff_position")
    if staff_position_vacant_units(staff_position) <= 0:
        raise VacancyConflict(
            _("Position «%(position)s» (%(code)s) is filled: a vacancy is opened only for a vacant position.")
            % {"position": staff_position.name, "code": staff_position.code},
            code=VacancyErrorCode.POSITION_NOT_VACANT, field="staff_position")


def _has_open(staff_position: StaffPosition) -> VacancyConflict:
    return VacancyConflict(
        _("Position «%(position)s» (%(code)s) already has an open vacancy; finish or cancel it first.")
        % {"position": staff_position.name, "code": staff_position.code},
        code=VacancyErrorCode.POSITION_HAS_OPEN_VACANCY, field="staff_position")


def _require_status(vacancy: Vacancy, *allowed: str) -> None:
    if vacancy.status not in allowed:
        raise VacancyConflict(
            _("The vacancy «%(title)s» is “%(status)s”: this step is not possible now.")
            % {"title": vacancy.title, "status": vacancy.get_status_display()},
            code=VacancyErrorCode.WRONG_STATUS, field="status")


def _audit(verb: str, vacancy: Vacancy, actor: User | None, **data: Any) -> None:
    if verb in PORTAL_CHANGES:
        transaction.on_commit(_portal_changed)
    audit_log(f"vacancies.vacancy.{verb}", actor=actor, target=vacancy,
              data={"status": vacancy.status, "organization": vacancy.organization.code, **data})


@transaction.atomic
def vacancy_create(
    *,
    staff_position: StaffPosition,
    opens_on: datetime.date,
    closes_on: datetime.date,
    salary_min: int,
    salary_max: int | None = None,
    title_uz: str = "",
    title_ru: str = "",
    title_en: str = "",
    description_uz: str = "",
    description_ru: str = "",
    description_en: str = "",
    competition_type: str | None = None,
    min_education: str = "",
    min_experience_years: int = 0,
    specialty: str = "",
    languages: Iterable[str] = (),
    employment_type: str = EmploymentType.FULL_TIME,
    test_weight: int = 50,
    interview_weight: int = 50,
    test: Any = None,
    actor: User | None,
) -> Vacancy:
    """A draft vacancy for a vacant ``staff_position`` (never a filled one). The competition type
    follows the position's group unless given, and a mismatch is refused; titles default to the
    position's names. The interview score sheet starts with ``DEFAULT_CRITERIA``."""
    lock(staff_position)  # vacancies of one position are opened one at a time
    organization = staff_position.organization
    vacancy = Vacancy(staff_position=staff_position, organization=organization, region=organization.region,
                      group=staff_position.group, category=staff_position.category, created_by=actor
                      if getattr(actor, "is_authenticated", False) else None)
    require_hr(actor, vacancy)
    _require_vacant(staff_position)
    fields = {
        "title_uz": title_uz or staff_position.name_uz, "title_ru": title_ru or staff_position.name_ru,
        "title_en": title_en or staff_position.name_en, "description_uz": description_uz,
        "description_ru": description_ru, "description_en": description_en,
        "competition_type": competition_type or competition_type_for(staff_position),
        "min_education": min_education, "min_experience_years": min_experience_years, "specialty": specialty,
        "languages": languages, "salary_min": salary_min, "salary_max": salary_max,
        "employment_type": employment_type, "opens_on": opens_on, "closes_on": closes_on,
        "test_weight": test_weight, "interview_weight": interview_weight, "test": test,
    }
    for name, value in fields.items():
        setattr(vacancy, name, _normalized(name, value))
    _check(vacancy)
    if Vacancy.objects.filter(staff_position=staff_position, status__in=OPEN_STATUSES).exists():
        raise _has_open(staff_position)
    vacancy.search_text = vacancy_search_text(vacancy)
    stamp(vacancy, actor)
    try:
        with transaction.atomic():
            vacancy.save()
    except IntegrityError as exc:
        raise _has_open(staff_position) from exc
    InterviewCriterion.objects.bulk_create([
        InterviewCriterion(vacancy=vacancy, name_uz=uz, name_ru=ru, name_en=en, weight=weight, max_points=points,
                           ordering=index)
        for index, (uz, ru, en, weight, points) in enumerate(DEFAULT_CRITERIA, start=1)
    ])
    _audit("created", vacancy, actor, staff_position=staff_position.code)
    return vacancy


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, actor: User | None, **fields: Any) -> Vacancy:
    """Change a draft (any field) or a published vacancy (texts, salary and a later deadline only)."""
    lock(vacancy)
    require_hr(actor, vacancy)
    if vacancy.status == VacancyStatus.PUBLISHED:
        allowed = {"title_uz", "title_ru", "title_en", "description_uz", "description_ru", "description_en",
                   "salary_min", "salary_max", "closes_on", "test"}
        locked = sorted(name for name in set(fields) - allowed
                        if _normalized(name, fields[name]) != getattr(vacancy, name))
        if locked or ("closes_on" in fields and fields["closes_on"] < vacancy.closes_on):
            raise VacancyConflict(_("A published vacancy keeps its requirements and window; only texts, salary "
                                    "and a later deadline may change."),
                                  code=VacancyErrorCode.NOT_EDITABLE, field=(locked or ["closes_on"])[0])
        fields = {name: value for name, value in fields.items() if name in allowed}
    elif vacancy.status != VacancyStatus.DRAFT:
        _require_status(vacancy, VacancyStatus.DRAFT)
    changes = model_update(instance=vacancy, allowed=UPDATABLE_FIELDS,
                           data={name: _normalized(name, value) for name, value in fields.items()})
    if not changes:
        return vacancy
    _check(vacancy)
    update_fields = [*changes, "updated_at"]
    if _SEARCHED & set(changes) or "description_uz" in changes:
        vacancy.search_text = vacancy_search_text(vacancy)
        update_fields.append("search_text")
    stamp(vacancy, actor)
    vacancy.save(update_fields=update_fields)
    _audit("updated", vacancy, actor, fields=sorted(changes))
    return vacancy


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, actor: User | None) -> Vacancy:
    """Open a draft to applications. The deadline must not have passed and the position must still be vacant."""
    lock(vacancy)
    require_hr(actor, vacancy)
    _require_status(vacancy, VacancyStatus.DRAFT)
    today = timezone.localdate()
    if vacancy.closes_on < today:
        raise VacancyError(_("The last day for applications (%(day)s) has passed; set a later one first.")
                           % {"day": fmt(vacancy.closes_on)}, code=VacancyErrorCode.DEADLINE_IN_PAST,
                           field="closes_on")
    _require_vacant(vacancy.staff_position)
    if not vacancy.criteria.exists():
        raise VacancyError(_("Add at least one interview criterion before publishing."),
                           code=VacancyErrorCode.NO_CRITERIA, field="criteria")
    vacancy.status = VacancyStatus.PUBLISHED
    vacancy.published_at = timezone.now()
    stamp(vacancy, actor)
    vacancy.save(update_fields=["status", "published_at", "updated_at"])
    _audit("published", vacancy, actor, closes_on=vacancy.closes_on.isoformat())
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, actor: User | None) -> Vacancy:
    """Stop accepting applications (the deadline task calls this too). Closing a closed vacancy is a no-op."""
    lock(vacancy)
    require_hr(actor, vacancy)
    if vacancy.status == VacancyStatus.CLOSED:
        return vacancy
    _require_status(vacancy, VacancyStatus.PUBLISHED)
    vacancy.status = VacancyStatus.CLOSED
    vacancy.closed_at = timezone.now()
    stamp(vacancy, actor)
    vacancy.save(update_fields=["status", "closed_at", "updated_at"])
    _audit("closed", vacancy, actor, by_deadline=actor is None)
    return vacancy


def vacancies_close_due(*, today: datetime.date | None = None) -> int:
    """Close every published vacancy whose last day has passed (the daily beat task). Idempotent:
    a second run finds nothing to close. Returns how many were closed."""
    today = today or timezone.localdate()
    closed = 0
    for pk in Vacancy.objects.filter(status=VacancyStatus.PUBLISHED, closes_on__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            vacancy = Vacancy.objects.select_for_update(no_key=True).filter(
                pk=pk, status=VacancyStatus.PUBLISHED, closes_on__lt=today).first()
            if vacancy is not None:
                vacancy_close(vacancy=vacancy, actor=None)
                closed += 1
    return closed


@transaction.atomic
def vacancy_start_competition(*, vacancy: Vacancy, actor: User | None) -> Vacancy:
    """After the deadline: testing and interviews may begin."""
    lock(vacancy)
    require_hr(actor, vacancy)
    _require_status(vacancy, VacancyStatus.CLOSED)
    vacancy.status = VacancyStatus.IN_COMPETITION
    stamp(vacancy, actor)
    vacancy.save(update_fields=["status", "updated_at"])
    _audit("competition_started", vacancy, actor)
    return vacancy


@transaction.atomic
def vacancy_cancel(*, vacancy: Vacancy, reason: str, actor: User | None) -> Vacancy:
    """Cancel a vacancy that is not finished, with a written reason; its active applications end as
    "competition cancelled" (which frees the candidates' slots)."""
    from .applications import change_stage

    lock(vacancy)
    require_hr(actor, vacancy)
    reason = (reason or "").strip()
    if not reason:
        raise VacancyError(_("Write why the vacancy is cancelled: candidates read it."),
                           code=VacancyErrorCode.CANCEL_REASON_REQUIRED, field="reason")
    _require_status(vacancy, *OPEN_STATUSES)
    vacancy.status = VacancyStatus.CANCELLED
    vacancy.cancel_reason = reason
    vacancy.completed_at = timezone.now()
    stamp(vacancy, actor)
    vacancy.save(update_fields=["status", "cancel_reason", "completed_at", "updated_at"])
    for application in vacancy.applications.select_for_update(no_key=True).filter(is_active=True):
        change_stage(application, Stage.CANCELLED, actor=actor, note=reason, verb="cancelled")
    _audit("cancelled", vacancy, actor, reason=reason)
    return vacancy


def _require_sheet_editable(vacancy: Vacancy) -> None:
    if vacancy.ranked_at is not None or vacancy.status in (VacancyStatus.COMPLETED, VacancyStatus.CANCELLED):
        _require_status(vacancy, VacancyStatus.DRAFT, VacancyStatus.PUBLISHED, VacancyStatus.CLOSED)
    if vacancy.applications.filter(scores__isnull=False).exists():
        raise VacancyConflict(_("Interview scores are already given: the score sheet can no longer change."),
                              code=VacancyErrorCode.NOT_EDITABLE, field="criteria")


@transaction.atomic
def criterion_add(*, vacancy: Vacancy, name_uz: str, weight: int, max_points: int = 10, name_ru: str = "",
                  name_en: str = "", actor: User | None) -> InterviewCriterion:
    """Add a line to the interview score sheet (before any score is given)."""
    lock(vacancy)
    require_hr(actor, vacancy)
    _require_sheet_editable(vacancy)
    criterion = InterviewCriterion(vacancy=vacancy, name_uz=collapse_spaces(name_uz), name_ru=collapse_spaces(name_ru),
                                   name_en=collapse_spaces(name_en), weight=weight, max_points=max_points,
                                   ordering=vacancy.criteria.count() + 1)
    clean_or_raise(criterion, exclude=["vacancy"])
    criterion.save()
    _audit("criterion_added", vacancy, actor, criterion=criterion.name_uz, weight=weight, max_points=max_points)
    return criterion


@transaction.atomic
def criterion_remove(*, criterion: InterviewCriterion, actor: User | None) -> None:
    vacancy = criterion.vacancy
    lock(vacancy)
    require_hr(actor, vacancy)
    _require_sheet_editable(vacancy)
    name = criterion.name_uz
    criterion.delete()
    _audit("criterion_removed", vacancy, actor, criterion=name)
