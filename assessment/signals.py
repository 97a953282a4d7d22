"""Signals other apps listen to (they never query the assessment models).

``attempt_finished`` is sent **after the transaction commits** when an attempt is finished, by its
taker or by the deadline task, exactly once per attempt, with keyword arguments::

    attempt_id: int, user_id: int, test_id: int, source_app: str, source_id: str,
    passed: bool, score: Decimal

``source_app``/``source_id`` are those the assignment was made with (``test_assign``), so the
vacancies app can move the application's stage through its own service::

    @receiver(attempt_finished)
    def on_test_finished(sender, *, source_app, source_id, passed, score, **kwargs):
        if source_app == "vacancies":
            application_test_result(application_id=int(source_id), passed=passed, score=score)
"""

from django.dispatch import Signal

attempt_finished = Signal()
