"""The assessment demo data: a real bilingual bank across the nine sections, two published tests, a
campaign the servant login can start, finished attempts with a spread for the item analysis, the
author login; and a second run changes nothing."""

from __future__ import annotations

import io
import statistics
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from assessment.analytics import item_frame
from assessment.models import (
    Attempt,
    AttemptState,
    Campaign,
    Certificate,
    CertificateStatus,
    Question,
    Section,
    Test,
    TestAssignment,
)
from assessment.selectors import OutcomeStatus, assignment_outcome, banked_result_for, item_sums
from core.access import has_role
from core.notifications.models import Notification
from workforce.access import org_scope

pytestmark = pytest.mark.django_db


def seed() -> None:
    call_command("seed_demo", "--employees", "900", "--seed", "11", stdout=io.StringIO())


def test_demo_data_of_the_assessment_app():
    seed()
    questions = Question.objects.all()
    assert questions.count() >= 200
    assert all(q.text_uz and q.text_ru for q in questions)
    per_section = Counter(questions.values_list("section__code", flat=True))
    assert set(per_section) == set(Section.objects.values_list("code", flat=True))
    assert min(per_section.values()) >= 15
    assert {"ʻ"} <= set("".join(questions.values_list("text_uz", flat=True)))  # oʻ/gʻ written with U+02BB
    tests = Test.objects.filter(status="published")
    assert tests.count() == 2

    User = get_user_model()
    author = User.objects.get(username="author")
    assert has_role(author, "test_author") and org_scope(author, ["test_author"]).everything
    servant = User.objects.get(username="servant")
    campaign = Campaign.objects.get()
    mine = TestAssignment.objects.get(campaign=campaign, user=servant)
    assert assignment_outcome(assignment=mine).status == OutcomeStatus.NOT_STARTED
    competition = Test.objects.get(code="tanlov-mutaxassis")
    assert banked_result_for(user=servant, test=competition) is not None

    finished = Attempt.objects.filter(assignment__campaign=campaign, state=AttemptState.FINISHED)
    assert finished.count() >= 5
    scores = [float(s) for s in finished.values_list("score", flat=True)]
    assert statistics.pstdev(scores) > 5 and min(scores) < 56 < max(scores)
    analysis = item_frame(item_sums(user=author))
    assert len(analysis) > 50
    # Every passed attempt has its issued certificate (a verifiable document), no failed one has one;
    # the servant was told about the campaign in the inbox.
    passed = Attempt.objects.filter(state=AttemptState.FINISHED, passed=True)
    assert passed.exists()
    assert Certificate.objects.filter(status=CertificateStatus.ISSUED, document__isnull=False).count() == \
        passed.count() == Certificate.objects.count()
    assert Notification.objects.filter(recipient=servant, event="assessment.test_assigned").count() == 1

    before = (Question.objects.count(), Attempt.objects.count(), TestAssignment.objects.count(),
              User.objects.count())
    seed()
    assert (Question.objects.count(), Attempt.objects.count(), TestAssignment.objects.count(),
            User.objects.count()) == before
