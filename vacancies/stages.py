"""What the candidate reads about each stage: the result and the next step, in their language."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from .models import Application, Stage


def next_step(application: Application) -> str:
    stage = application.stage
    # The score as the reader's language writes numbers (80,00 in Uzbek and Russian).
    score = formats.number_format(application.test_score, 2) if application.test_score is not None else "…"
    if stage == Stage.SUBMITTED:
        if application.check_passed:
            return _("Your data meets the requirements. The HR service confirms the admission.")
        return _("Your data does not meet every requirement (see below). The HR service decides on admission.")
    if stage == Stage.ADMITTED:
        return _("You are admitted to the competition. You will be invited to the test.")
    if stage == Stage.REJECTED:
        return _("You are not admitted: %(reason)s") % {
            "reason": application.rejection_reason or _("the requirements are not met.")}
    if stage == Stage.TESTING and application.vacancy.test_id is not None:
        return _("You are invited to the test. Take it from your cabinet (“Take the test”); your result moves the "
                 "application on by itself.")
    if stage == Stage.TESTING:
        return _("You are invited to the test. Take it before the deadline the HR service gives you.")
    if stage == Stage.TEST_PASSED:
        if application.test_banked:
            return _("Your banked test score of %(score)s (from the last 3 months) passed this stage by itself. "
                     "Wait for the interview invitation.") % {"score": score}
        return _("Test passed with %(score)s points. Wait for the interview invitation.") % {"score": score}
    if stage == Stage.TEST_FAILED:
        return _("Test score %(score)s is below the pass mark of 56.") % {"score": score}
    if stage == Stage.INTERVIEW:
        return _("You are invited to the interview with the competition commission.")
    if stage == Stage.WINNER:
        return _("You won the competition. The HR service prepares your appointment order.")
    if stage == Stage.RESERVE and not application.is_active:
        return _("The competition is completed; you finished in place %(rank)s of the ranking.") % {
            "rank": application.rank}
    if stage == Stage.RESERVE:
        return _("You are in the ranked reserve, place %(rank)s. If the winner declines, the next in the ranking "
                 "is appointed.") % {"rank": application.rank}
    if stage == Stage.APPOINTED:
        return _("You are appointed by order No. %(order)s.") % {"order": application.appointment_order}
    if stage == Stage.DECLINED:
        return _("You declined the appointment.")
    if stage == Stage.WITHDRAWN:
        return _("You withdrew this application.")
    if stage == Stage.CANCELLED:
        return _("The competition was cancelled: %(reason)s") % {"reason": application.vacancy.cancel_reason}
    return ""
