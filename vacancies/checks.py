"""The automatic check of an application against the vacancy's requirements, and what a candidate
declared when applying (the snapshot the check reads).

Reasons are stored as ``{"code", "params"}`` and rendered in the reader's language by
:func:`reason_message`, so the candidate reads them in Uzbek and the HR officer in Russian."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import search_key
from workforce.models import EDUCATION_RANK, EducationLevel

from .models import Candidate, Vacancy

LANGUAGE_NAMES = {"uz": "Oʻzbek", "ru": "Русский", "en": "English", "kaa": "Qaraqalpaq", "tg": "Тоҷикӣ",
                  "kk": "Қазақ", "ky": "Кыргыз", "tr": "Türkçe", "de": "Deutsch", "fr": "Français",
                  "zh": "中文", "ko": "한국어", "ja": "日本語", "ar": "العربية"}


class ReasonCode:
    EDUCATION = "education_too_low"
    EXPERIENCE = "experience_too_short"
    SPECIALTY = "specialty_missing"
    LANGUAGE = "language_missing"


def _merged_days(intervals: list[tuple[datetime.date, datetime.date]]) -> int:
    """Days covered by the union of inclusive intervals (parallel jobs are not counted twice)."""
    total, current_start, current_end = 0, None, None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end + datetime.timedelta(days=1):
            if current_end is not None:
                total += (current_end - current_start).days + 1
            current_start, current_end = start, end
        elif end > current_end:
            current_end = end
    if current_end is not None:
        total += (current_end - current_start).days + 1
    return total


def experience_years(candidate: Candidate, *, on: datetime.date | None = None) -> int:
    """Whole years of work: the declared experience and, for a civil servant, the service since
    ``civil_service_start`` on the record, overlaps counted once."""
    on = on or timezone.localdate()
    intervals = [(e.start_date, min(e.end_date or on, on)) for e in candidate.experiences.all() if e.start_date <= on]
    employee = candidate.employee
    if employee is not None and employee.civil_service_start and employee.civil_service_start <= on:
        intervals.append((employee.civil_service_start, on))
    return int(_merged_days(intervals) // 365.25)


def candidate_snapshot(candidate: Candidate, *, educations: list[dict[str, Any]] | None = None,
                       is_civil_servant: bool = False) -> dict[str, Any]:
    """What the application keeps of the candidate (names, education, experience, languages)."""
    if educations is None:
        educations = [{"level": e.level, "institution": e.institution, "specialty": e.specialty,
                       "graduation_year": e.graduation_year} for e in candidate.educations.all()]
    levels = [e["level"] for e in educations if e["level"] in EDUCATION_RANK]
    return {
        "full_name": candidate.full_name,
        "birth_date": candidate.birth_date.isoformat(),
        "education": educations,
        "highest_education": max(levels, key=EDUCATION_RANK.__getitem__, default=""),
        "experience_years": experience_years(candidate),
        "languages": list(candidate.languages or []),
        "is_civil_servant": is_civil_servant,
    }


def requirement_reasons(vacancy: Vacancy, snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """Every requirement of ``vacancy`` the snapshot does not meet (empty: the candidate meets them all)."""
    reasons: list[dict[str, Any]] = []
    if vacancy.min_education:
        highest = snapshot.get("highest_education") or ""
        if EDUCATION_RANK.get(highest, -1) < EDUCATION_RANK[vacancy.min_education]:
            reasons.append({"code": ReasonCode.EDUCATION,
                            "params": {"required": vacancy.min_education, "declared": highest}})
    years = int(snapshot.get("experience_years") or 0)
    if years < vacancy.min_experience_years:
        reasons.append({"code": ReasonCode.EXPERIENCE,
                        "params": {"required": vacancy.min_experience_years, "declared": years}})
    if vacancy.specialty:
        wanted = search_key(vacancy.specialty)
        specialties = [search_key(e.get("specialty")) for e in snapshot.get("education", [])]
        if not any(s and (wanted in s or s in wanted) for s in specialties):
            reasons.append({"code": ReasonCode.SPECIALTY, "params": {"required": vacancy.specialty}})
    known = set(snapshot.get("languages") or [])
    missing = [code for code in vacancy.languages if code not in known]
    if missing:
        reasons.append({"code": ReasonCode.LANGUAGE, "params": {"missing": missing}})
    return reasons


def _education_label(code: str) -> str:
    return str(dict(EducationLevel.choices).get(code, "—")) if code else _("none declared")


def reason_message(reason: dict[str, Any]) -> str:
    """One reason in the active language."""
    code, params = reason.get("code"), reason.get("params", {})
    if code == ReasonCode.EDUCATION:
        return _("Education: “%(required)s” or higher is required; declared: %(declared)s.") % {
            "required": _education_label(params.get("required", "")),
            "declared": _education_label(params.get("declared", ""))}
    if code == ReasonCode.EXPERIENCE:
        return _("Experience: at least %(required)s years are required; declared: %(declared)s.") % params
    if code == ReasonCode.SPECIALTY:
        return _("Specialty: an education in “%(required)s” is required.") % params
    if code == ReasonCode.LANGUAGE:
        names = ", ".join(LANGUAGE_NAMES.get(c, c) for c in params.get("missing", []))
        return _("Languages: knowledge of %(languages)s is required.") % {"languages": names}
    return str(code)


def reason_messages(reasons: list[dict[str, Any]]) -> list[str]:
    return [reason_message(reason) for reason in reasons or []]
