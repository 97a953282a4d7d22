"""Receivers of other apps' signals.

``assessment.signals.attempt_finished`` arrives here after commit (connected in
``VacanciesConfig.ready``) and moves the application's stage through
``services.application_test_finished``, which reads the outcome from
``assessment.selectors.assignment_outcome``."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def on_attempt_finished(sender, *, source_app: str = "", source_id: str = "", **kwargs) -> None:
    from .services.applications import TEST_SOURCE, application_test_finished

    if source_app != TEST_SOURCE or not str(source_id).isdigit():
        return
    try:
        application_test_finished(application_id=int(source_id))
    except Exception:  # the taker's finish is committed; never fail their request over our bookkeeping
        logger.exception("Test result of application %s could not be recorded", source_id)


def connect() -> None:
    from assessment.signals import attempt_finished

    attempt_finished.connect(on_attempt_finished, dispatch_uid="vacancies.on_attempt_finished")
