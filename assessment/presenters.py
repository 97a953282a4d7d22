"""What a taker's page and the API show of an attempt, built in one place so both show the same and
neither can show the answer key: the open attempt is read through ``attempt_slots_for_taker`` (which
never selects ``AttemptSlot.key``); the key is read only for a finished attempt whose test releases
the answers."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.i18n import language_suffix, localized_value
from core.verification import verification_url

from .models import Attempt, AttemptState, Certificate, Section
from .selectors import (
    attempt_review,
    attempt_slots_for_taker,
    certificate_of_attempt,
    pick_text,
    result_visibility,
    section_scores_of,
)

TEXT_ORDER = ("uz", "ru", "uz_cyrl", "en")


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _sections() -> dict[int, Section]:
    return {section.pk: section for section in Section.objects.all()}


def attempt_payload(attempt: Attempt, *, language: str | None = None,
                    now: datetime.datetime | None = None) -> dict[str, Any]:
    """The attempt as its taker sees it: questions as shown (in the taker's language, with the other
    languages of the snapshot), their answers and sequence numbers, the server's deadline and clock."""
    now = now or timezone.now()
    language = language_suffix(language)
    sections = _sections()
    questions = []
    for slot in attempt_slots_for_taker(attempt):
        section = sections.get(slot["section_id"])
        texts = slot["snapshot"]["text"]
        questions.append({
            "question_id": slot["question_id"],
            "position": slot["position"],
            "section": {"code": section.code if section else "", "name": section.name if section else ""},
            "kind": slot["kind"],
            "text": pick_text(texts, language),
            "texts": {lang: texts[lang] for lang in TEXT_ORDER if texts.get(lang)},
            "options": [{"id": option["id"], "text": pick_text(option["text"], language),
                         "texts": {lang: option["text"][lang] for lang in TEXT_ORDER if option["text"].get(lang)}}
                        for option in slot["snapshot"]["options"]],
            "answer": {"choices": list(slot["selected"]), "flagged": slot["flagged"], "sequence": slot["sequence"]},
        })
    finished = attempt.state == AttemptState.FINISHED
    return {
        "id": attempt.pk,
        "test": {"id": attempt.test_id, "code": attempt.test.code,
                 "name": localized_value(_Names(attempt.settings_snapshot.get("name", {})), "name", language)},
        "state": attempt.state,
        "number": attempt.number,
        "language": attempt.language,
        "started_at": _iso(attempt.started_at),
        "deadline": _iso(attempt.deadline),
        "server_time": _iso(now),
        "grace_seconds": settings.ASSESSMENT_GRACE_SECONDS,
        "time_limit_minutes": attempt.settings_snapshot.get("time_limit_minutes"),
        "answered": sum(1 for q in questions if q["answer"]["choices"]),
        "questions": questions,
        "result_url": reverse("assessment-api:attempt-result", args=[attempt.pk]) if finished else None,
    }


def attempt_summary(attempt: Attempt, *, language: str | None = None) -> dict[str, Any]:
    """An attempt in a list: no questions (open the attempt for those)."""
    finished = attempt.state == AttemptState.FINISHED
    return {
        "id": attempt.pk, "test": {"id": attempt.test_id, "code": attempt.test.code,
                                   "name": test_name(attempt, language)},
        "state": attempt.state, "number": attempt.number, "started_at": _iso(attempt.started_at),
        "deadline": _iso(attempt.deadline), "finished_at": _iso(attempt.finished_at),
        "result_url": reverse("assessment-api:attempt-result", args=[attempt.pk]) if finished else None,
    }


class _Names:
    def __init__(self, names: dict[str, str]) -> None:
        for lang, value in names.items():
            setattr(self, f"name_{lang}", value)

    def __getattr__(self, item: str) -> str:
        return ""


def test_name(attempt: Attempt, language: str | None = None) -> str:
    return localized_value(_Names(attempt.settings_snapshot.get("name", {})), "name", language)


test_name.__test__ = False


def certificate_payload(certificate: Certificate | None) -> dict[str, Any] | None:
    """The certificate as its holder sees it: number, status, date, the PDF and the public check."""
    if certificate is None:
        return None
    return {"number": certificate.number, "status": certificate.status, "issued_on": certificate.issued_on.isoformat(),
            "pdf_url": reverse("assessment:certificate_pdf", args=[certificate.pk]),
            "verification_url": verification_url(certificate.verification_code)}


def result_payload(attempt: Attempt, *, language: str | None = None,
                   now: datetime.datetime | None = None) -> dict[str, Any]:
    """The result as the taker may see it now: the score when the test releases it, the review with
    the correct options only when it releases the answers too."""
    score_shown, answers_shown = result_visibility(attempt, now)
    payload: dict[str, Any] = {
        "id": attempt.pk, "state": attempt.state, "finished_at": _iso(attempt.finished_at),
        "finish_reason": attempt.finish_reason, "score_released": score_shown, "answers_released": answers_shown,
        "score": None, "passed": None, "pass_mark": None, "sections": [], "review": None, "certificate": None,
    }
    if not score_shown:
        return payload
    payload.update(score=str(attempt.score), passed=attempt.passed, pass_mark=str(attempt.pass_mark),
                   sections=[{"code": row.section.code, "name": row.section.name, "score": str(row.score)}
                             for row in section_scores_of(attempt)],
                   certificate=certificate_payload(certificate_of_attempt(attempt)))
    if answers_shown:
        payload["review"] = [
            {"position": item.position, "text": item.text, "credit": str(item.credit),
             "options": [{"id": o["id"], "text": o["text"], "chosen": o["chosen"], "correct": o["correct"]}
                         for o in item.options]}
            for item in attempt_review(attempt, language=language)
        ]
    return payload
