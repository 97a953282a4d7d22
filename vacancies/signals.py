"""Receivers of other apps' signals. Wave 2: ``assessment.signals.attempt_finished`` arrives here after
commit and calls ``services.application_record_test_result`` with the outcome read from
``assessment.selectors.assignment_outcome``."""
