"""The taker's API: own attempts only, saves with sequence numbers, the deadline, and no answer key in
any response before the attempt is finished."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from assessment.models import Attempt, AttemptSlot, QuestionKind
from tests.assessment.factories import assign, make_bank, make_question, make_test
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def test(db):
    make_bank("legislation", 4)
    make_question(section_code="computer", kind=QuestionKind.MULTIPLE, options=4, fractions=["0.5", "0.5", "-0.5", "0"])
    make_question(section_code="computer", kind=QuestionKind.TRUE_FALSE)
    return make_test(lines=[("legislation", 3), ("computer", 2)], shuffle_options=True)


@pytest.fixture
def taker():
    return UserFactory(username="taker")


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def start(client, test):
    return client.post(reverse("assessment-api:attempt-list"), {"test": test.pk}, format="json")


def answer_url(attempt_id, question_id):
    return reverse("assessment-api:attempt-answer", args=[attempt_id, question_id])


def test_start_resume_and_read(test, taker):
    assign(test, taker)
    client = client_for(taker)
    first = start(client, test)
    assert first.status_code == 201, first.content
    body = first.json()
    assert len(body["questions"]) == 5
    assert body["deadline"] and body["server_time"] and body["grace_seconds"] == 60
    again = start(client, test)
    assert (again.status_code, again.json()["id"]) == (200, body["id"])
    read = client.get(reverse("assessment-api:attempt-detail", args=[body["id"]]))
    assert read.status_code == 200 and read.json()["questions"][0]["answer"] == {"choices": [], "flagged": False,
                                                                                 "sequence": 0}


def test_start_without_an_assignment_is_not_found(test, taker):
    response = start(client_for(taker), test)
    assert (response.status_code, response.json()["code"]) == (404, "attempt_not_found")


def test_another_persons_attempt_is_404_everywhere(test, taker):
    assign(test, taker)
    attempt_id = start(client_for(taker), test).json()["id"]
    slot = AttemptSlot.objects.filter(attempt_id=attempt_id).first()
    stranger = client_for(UserFactory())
    urls = [
        ("get", reverse("assessment-api:attempt-detail", args=[attempt_id]), None),
        ("put", answer_url(attempt_id, slot.question_id), {"choices": [slot.option_ids[0]], "sequence": 1}),
        ("post", reverse("assessment-api:attempt-finish", args=[attempt_id]), None),
        ("get", reverse("assessment-api:attempt-result", args=[attempt_id]), None),
        ("post", reverse("assessment-api:attempt-events", args=[attempt_id]), {"events": [{"kind": "tab_hidden"}]}),
    ]
    for method, url, data in urls:
        response = getattr(stranger, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.content)
        assert response.json()["code"] == "attempt_not_found"
    assert Attempt.objects.get(pk=attempt_id).state == "in_progress"
    slot.refresh_from_db()
    assert slot.sequence == 0


def test_save_statuses_and_errors(test, taker, django_assert_max_num_queries):
    assign(test, taker)
    client = client_for(taker)
    attempt_id = start(client, test).json()["id"]
    slot = AttemptSlot.objects.filter(attempt_id=attempt_id, kind="single").first()
    url = answer_url(attempt_id, slot.question_id)
    a, b = slot.option_ids[0], slot.option_ids[1]
    with django_assert_max_num_queries(4):  # read the slot, one UPDATE (+ savepoint on some backends)
        saved = client.put(url, {"choices": [a], "sequence": 2}, format="json")
    assert saved.status_code == 200 and saved.json()["status"] == "saved"
    assert client.put(url, {"choices": [b], "sequence": 1}, format="json").json()["status"] == "stale"
    assert client.put(url, {"choices": [a], "sequence": 2}, format="json").json()["status"] == "duplicate"
    conflict = client.put(url, {"choices": [b], "sequence": 2}, format="json")
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "answer_sequence_conflict"
    assert conflict.json()["details"] == {"sequence": 2, "choices": [a], "flagged": False}
    invalid = client.put(url, {"choices": [10**9], "sequence": 3}, format="json")
    assert (invalid.status_code, invalid.json()["code"], invalid.json()["field"]) == (400, "answer_choice_invalid",
                                                                                      "choices")
    bad_sequence = client.put(url, {"choices": [a], "sequence": 0}, format="json")
    assert (bad_sequence.status_code, bad_sequence.json()["field"]) == (400, "sequence")


def test_saves_after_the_grace_period_are_refused(test, taker):
    assign(test, taker)
    client = client_for(taker)
    attempt_id = start(client, test).json()["id"]
    slot = AttemptSlot.objects.filter(attempt_id=attempt_id).first()
    now = timezone.now()
    Attempt.objects.filter(pk=attempt_id).update(started_at=now - datetime.timedelta(hours=1),
                                                 deadline=now - datetime.timedelta(seconds=30))
    within = client.put(answer_url(attempt_id, slot.question_id), {"choices": [slot.option_ids[0]], "sequence": 1},
                        format="json")
    assert within.status_code == 200
    Attempt.objects.filter(pk=attempt_id).update(deadline=now - datetime.timedelta(seconds=61))
    late = client.put(answer_url(attempt_id, slot.question_id), {"choices": [slot.option_ids[1]], "sequence": 2},
                      format="json")
    assert (late.status_code, late.json()["code"]) == (409, "attempt_deadline_passed")


def test_finish_twice_and_result(test, taker):
    assign(test, taker, available_until=timezone.now() + datetime.timedelta(days=1))
    client = client_for(taker)
    attempt_id = start(client, test).json()["id"]
    early = client.get(reverse("assessment-api:attempt-result", args=[attempt_id]))
    assert (early.status_code, early.json()["code"]) == (409, "attempt_not_finished")
    finish_url = reverse("assessment-api:attempt-finish", args=[attempt_id])
    first = client.post(finish_url)
    second = client.post(finish_url)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    result = client.get(reverse("assessment-api:attempt-result", args=[attempt_id])).json()
    assert result["score_released"] is True and result["score"] == "0.00" and result["passed"] is False
    assert result["answers_released"] is False and result["review"] is None  # default: after the window closes
    later = timezone.now() + datetime.timedelta(days=2)
    from assessment.presenters import result_payload

    review = result_payload(Attempt.objects.get(pk=attempt_id), now=later)["review"]
    assert review and all(any(o["correct"] for o in item["options"]) for item in review)


def _leak_markers(attempt_id: int) -> list[str]:
    """Strings that would reveal the key: each option's stored fraction next to its id, and the words
    the result uses for the key."""
    markers = ["fraction", '"correct"', "is-correct", "is_correct", "data-correct", '"key"']
    for slot in AttemptSlot.objects.filter(attempt_id=attempt_id):
        for option_id, fraction in slot.key.items():
            markers.append(f'"{option_id}": "{fraction}"')
            markers.append(f'"{option_id}":"{fraction}"')
    return markers


def test_no_response_reveals_the_answers_before_finishing(test, taker, client):
    """Every page and API response the taker gets while the attempt is open is scanned for the key."""
    assignment = assign(test, taker)
    client.force_login(taker)
    api = client_for(taker)
    bodies: list[str] = []

    def keep(response):
        assert response.status_code < 500
        bodies.append(response.content.decode())
        return response

    keep(client.get(reverse("assessment:my_tests")))
    started = client.post(reverse("assessment:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get(user=taker)
    assert started.status_code == 302
    keep(client.get(reverse("assessment:attempt", args=[attempt.pk])))
    keep(api.get(reverse("assessment-api:attempt-detail", args=[attempt.pk])))
    keep(api.get(reverse("assessment-api:attempt-list")))
    keep(api.get(reverse("assessment-api:assignment-list")))
    for n, slot in enumerate(AttemptSlot.objects.filter(attempt=attempt)):
        for sequence, choice in enumerate(slot.option_ids, start=1):
            keep(api.put(answer_url(attempt.pk, slot.question_id), {"choices": [choice], "sequence": sequence},
                         format="json"))
        keep(api.put(answer_url(attempt.pk, slot.question_id), {"choices": [slot.option_ids[0]], "sequence": 1},
                     format="json"))  # stale: echoes the stored answer
        keep(api.put(answer_url(attempt.pk, slot.question_id), {"choices": [slot.option_ids[-1]],
                                                                 "sequence": len(slot.option_ids)}, format="json"))
        if n == 0:
            keep(api.put(answer_url(attempt.pk, slot.question_id), {"choices": [10**9], "sequence": 99}, format="json"))
    keep(api.post(reverse("assessment-api:attempt-events", args=[attempt.pk]), {"events": [{"kind": "focus_lost"}]},
                  format="json"))
    keep(api.get(reverse("assessment-api:attempt-result", args=[attempt.pk])))
    keep(client.get(reverse("assessment:attempt_result", args=[attempt.pk]), follow=True))
    keep(client.get(reverse("home")))
    markers = _leak_markers(attempt.pk)
    for body in bodies:
        for marker in markers:
            assert marker not in body, f"{marker!r} leaked in a response"
    # every option of every question is shown (not only the right ones), in the order frozen at the start
    detail = json.loads(bodies[2])
    for question in detail["questions"]:
        slot = AttemptSlot.objects.get(attempt=attempt, question_id=question["question_id"])
        assert [o["id"] for o in question["options"]] == slot.option_ids
    page = bodies[1]
    assert len(re.findall(r'name="q-\d+"', page)) == sum(len(s.option_ids) for s in AttemptSlot.objects.filter(
        attempt=attempt))
    assert Decimal(1) in {Decimal(v) for s in AttemptSlot.objects.filter(attempt=attempt) for v in s.key.values()}


def test_events_are_recorded_for_the_proctor(test, taker):
    assign(test, taker)
    client = client_for(taker)
    attempt_id = start(client, test).json()["id"]
    response = client.post(reverse("assessment-api:attempt-events", args=[attempt_id]),
                           {"events": [{"kind": "tab_hidden", "at": "2026-03-02T10:00:00Z"}, {"kind": "bogus"},
                                       {"kind": "focus_back"}]}, format="json", REMOTE_ADDR="10.1.2.3")
    assert response.json() == {"recorded": 2}
    events = Attempt.objects.get(pk=attempt_id).events.order_by("id")
    assert [e.kind for e in events] == ["started", "tab_hidden", "focus_back"]
    assert events[1].ip_address == "10.1.2.3"


def test_the_api_is_in_the_openapi_schema(admin_client):
    schema = admin_client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ("/api/v1/assessment/attempts/", "/api/v1/assessment/attempts/{id}/",
                 "/api/v1/assessment/attempts/{id}/answers/{question_id}/", "/api/v1/assessment/attempts/{id}/finish/",
                 "/api/v1/assessment/attempts/{id}/result/"):
        assert path in schema
