"""Item analysis: facility, discrimination and distractor rates from SQL sums, flags below 0.2."""

from __future__ import annotations

import math
import random
from decimal import Decimal

import pandas as pd
import pytest

from assessment.analytics import item_figure, item_frame, option_rates
from assessment.models import AttemptSlot
from assessment.selectors import item_sums, option_counts, section_averages_by_organization
from assessment.services import attempt_finish, attempt_save_answer, attempt_start, campaign_create
from tests.assessment.factories import make_bank, make_test
from tests.factories import UserFactory, grant, make_staffed_employee
from workforce.services import employee_link_user


def test_discrimination_matches_the_textbook_formula():
    # Five takers, one item: credit x and rest-of-score y; the correlation computed by hand.
    x = [1, 1, 0, 1, 0]
    y = [0.9, 0.7, 0.3, 0.8, 0.2]
    rows = [{"question_id": 1, "section_id": 1, "n": 5, "sum_x": sum(x), "sum_xx": sum(v * v for v in x),
             "sum_y": sum(y), "sum_yy": sum(v * v for v in y), "sum_xy": sum(a * b for a, b in zip(x, y)),
             "full": 3}]
    mean_x, mean_y = sum(x) / 5, sum(y) / 5
    expected = sum((a - mean_x) * (b - mean_y) for a, b in zip(x, y)) / math.sqrt(
        sum((a - mean_x) ** 2 for a in x) * sum((b - mean_y) ** 2 for b in y))
    frame = item_frame(rows)
    assert frame.loc[0, "facility"] == pytest.approx(0.6)
    assert frame.loc[0, "discrimination"] == pytest.approx(expected)
    assert not frame.loc[0, "flagged"]


def test_too_few_answers_or_no_spread_gives_no_discrimination():
    frame = item_frame([
        {"question_id": 1, "section_id": 1, "n": 3, "sum_x": 2, "sum_xx": 2, "sum_y": 1.5, "sum_yy": 0.9, "sum_xy": 1.1,
         "full": 2},
        {"question_id": 2, "section_id": 1, "n": 8, "sum_x": 8, "sum_xx": 8, "sum_y": 4, "sum_yy": 2.5, "sum_xy": 4,
         "full": 8},  # everybody right: credit does not vary
    ])
    assert frame["discrimination"].isna().all() and not frame["flagged"].any()
    assert item_frame([]).empty
    assert item_figure(item_frame([]))["data"]


@pytest.mark.django_db
def test_item_analysis_on_real_attempts(tree, client):
    """Strong takers answer the good question right and the weak ones wrong; a bad question is answered
    right by the weak and wrong by the strong: it is flagged, the good one is not."""
    officer = UserFactory()
    grant(officer, "hr_officer", tree["A"])
    author = UserFactory()
    grant(author, "test_author", None)
    make_bank("legislation", 6, options=3)
    test = make_test(lines=[("legislation", 6)], shuffle_options=False)
    takers = []
    for n in range(12):
        user = UserFactory(username=f"t{n}")
        employee_link_user(employee=make_staffed_employee(tree["A-DEPT"] if n % 2 else tree["A"]), user=user,
                           actor=None)
        takers.append(user)
    import datetime

    from django.utils import timezone

    campaign = campaign_create(name="C", test=test, organization=tree["A"], actor=officer,
                               deadline=timezone.now() + datetime.timedelta(days=3))
    questions = sorted(test.sections.get().section.questions.values_list("pk", flat=True))
    good, bad = questions[0], questions[1]
    rng = random.Random(3)
    for rank, user in enumerate(takers):
        strong = rank >= 6
        attempt = attempt_start(assignment=campaign.assignments.get(user=user), user=user, rng=rng)
        for slot in attempt.slots.all():
            right = [int(k) for k, v in slot.key.items() if Decimal(v) > 0]
            wrong = [o for o in slot.option_ids if o not in right]
            if slot.question_id == good:
                choice = right if strong else [wrong[0]]
            elif slot.question_id == bad:
                choice = [wrong[1]] if strong else right
            else:
                choice = right if strong or rng.random() < 0.3 else [wrong[0]]
            attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=user, choices=choice,
                                sequence=1)
        attempt_finish(attempt=attempt, actor=user)
    frame = item_frame(item_sums(user=author)).set_index("question_id")
    assert frame.loc[good, "n"] == 12 and frame.loc[good, "facility"] == pytest.approx(0.5)
    assert frame.loc[good, "discrimination"] > 0.8 and not frame.loc[good, "flagged"]
    assert frame.loc[bad, "discrimination"] < 0 and frame.loc[bad, "flagged"]
    rates = option_rates(option_counts(user=author), frame.reset_index())
    slot = AttemptSlot.objects.filter(question_id=good).first()
    wrong = [o for o in slot.option_ids if Decimal(slot.key[str(o)]) <= 0]
    assert rates[good][wrong[0]] == pytest.approx(0.5) and wrong[1] not in rates[good]
    averages = section_averages_by_organization(user=author)
    assert {row["attempt__organization_id"] for row in averages} == {tree["A"].pk, tree["A-DEPT"].pk}
    # an author of another ministry sees none of these questions
    other = UserFactory()
    grant(other, "test_author", tree["B"])
    assert item_sums(user=other) == []
    assert section_averages_by_organization(user=other) == []

    # Registered as a report: the same figures through GET /api/v1/reports/<identifier>/, scoped.
    from reports.registry import get_report

    report = get_report("assessment.item_analysis")
    client.force_login(author)
    response = client.get("/api/v1/reports/assessment.item_analysis/")
    assert response.status_code == 200
    body = response.json()
    rows = {row["question_id"]: row for row in body["rows"]}
    assert rows[bad]["flagged"] is True and rows[good]["flagged"] is False
    assert body["rows"][0]["question_id"] == bad  # flagged questions first
    assert rows[good]["n"] == 12 and rows[good]["facility"] == pytest.approx(0.5)
    assert rows[good]["section"] == "legislation" and rows[good]["question"].startswith("Savol")
    assert body["flag_below"] == 0.2
    option_rate = {(o["question_id"], o["choice_id"]): o["rate"] for o in body["options"]}
    assert option_rate[(good, wrong[0])] == pytest.approx(0.5)
    assert client.get(f"/api/v1/reports/assessment.item_analysis/?test={test.code}").json()["rows"]
    refused = client.get("/api/v1/reports/assessment.item_analysis/?test=no-such-test")
    assert (refused.status_code, refused.json()["field"]) == (400, "test")
    last_year = client.get("/api/v1/reports/assessment.item_analysis/?from=2020-01-01&to=2020-12-31").json()
    assert last_year["rows"] == []
    figure = report.figure(pd.DataFrame(body["rows"]))
    assert figure["data"][0]["type"] == "scatter"
    client.force_login(officer)  # an HR officer keeps no bank
    assert client.get("/api/v1/reports/assessment.item_analysis/").status_code == 403
    client.force_login(other)
    assert client.get("/api/v1/reports/assessment.item_analysis/").json()["rows"] == []
