"""Attestation campaigns: who gets the test, scope, newcomers, reminders."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from assessment.errors import AssessmentErrorCode
from assessment.models import TestAssignment
from assessment.selectors import assignments_needing_reminder, campaign_participants, campaign_progress
from assessment.services import (
    assignment_remind,
    attempt_finish,
    attempt_start,
    campaign_close,
    campaign_create,
    campaign_sync,
)
from assessment.tasks import campaign_reminders_send_task, campaigns_sync_task
from core.exceptions import ApplicationError
from core.notifications import render_part
from core.notifications.models import EmailStatus, Notification
from tests.assessment.factories import make_bank, make_test
from tests.factories import UserFactory, grant, make_staffed_employee
from workforce.models import EmployeeStatus, Role
from workforce.services import employee_link_user

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def servant(organization, username, **fields):
    employee = make_staffed_employee(organization, **fields)
    user = UserFactory(username=username, email=f"{username}@example.uz")
    employee_link_user(employee=employee, user=user, actor=None)
    return user


@pytest.fixture
def test(db):
    make_bank("legislation", 5)
    return make_test(lines=[("legislation", 5)])


@pytest.fixture
def people(tree):
    return {
        "a": servant(tree["A"], "a1"),
        "a_dist": servant(tree["A-DIST"], "a2"),
        "b": servant(tree["B"], "b1"),
        "a_no_account": make_staffed_employee(tree["A"]),
    }


def make_campaign(test, organization, actor, days=14):
    return campaign_create(name="2026 attestatsiyasi", test=test, organization=organization, actor=actor,
                           deadline=NOW + datetime.timedelta(days=days))


def test_assigns_every_civil_servant_with_an_account_in_the_subtree(test, tree, hr_a, people):
    campaign = make_campaign(test, tree["A"], hr_a)
    assigned = set(campaign.assignments.values_list("user__username", flat=True))
    assert assigned == {"a1", "a2"}
    row = campaign.assignments.get(user=people["a_dist"])
    assert (row.organization, row.available_until, row.accepts_banked) == (tree["A-DIST"], campaign.deadline, False)


def test_campaign_outside_the_officers_subtree_is_refused(test, tree, hr_a, people):
    with pytest.raises(ApplicationError) as error:
        make_campaign(test, tree["B"], hr_a)
    assert error.value.code == AssessmentErrorCode.CAMPAIGN_OUT_OF_SCOPE
    assert not TestAssignment.objects.exists()


def test_a_test_author_runs_campaigns_in_their_subtree(test, tree, people):
    author = UserFactory()
    grant(author, "test_author", tree["A-DEPT"])
    campaign = make_campaign(test, tree["A-DEPT"], author)
    assert list(campaign.assignments.values_list("user__username", flat=True)) == ["a2"]


def test_newcomers_and_new_accounts_are_added_by_the_sync_while_open(test, tree, hr_a, people):
    campaign = make_campaign(test, tree["A"], hr_a)
    assert campaign_sync(campaign=campaign) == 0  # idempotent
    servant(tree["A-DEPT"], "a3")
    dismissed = servant(tree["A"], "a4")
    from workforce.models import Employee

    Employee.objects.filter(user=dismissed).update(status=EmployeeStatus.DISMISSED)
    assert campaigns_sync_task() == 1
    assert campaign.assignments.filter(user__username="a3").exists()
    campaign_close(campaign=campaign, actor=hr_a)
    servant(tree["A"], "a5")
    assert campaign_sync(campaign=campaign) == 0


def test_progress_per_organisation_and_participants(test, tree, hr_a, people, django_assert_max_num_queries):
    campaign = make_campaign(test, tree["A"], hr_a)
    assignment = campaign.assignments.get(user=people["a"])
    attempt = attempt_start(assignment=assignment, user=people["a"], now=NOW)
    attempt_finish(attempt=attempt, actor=people["a"], now=NOW + datetime.timedelta(minutes=5))
    with django_assert_max_num_queries(4):
        progress = campaign_progress(campaign=campaign, user=hr_a)
    by_code = {row["organization"].code: row for row in progress}
    assert (by_code["A"]["assigned"], by_code["A"]["finished"], by_code["A"]["passed"]) == (1, 1, 0)
    assert (by_code["A-DIST"]["assigned"], by_code["A-DIST"]["started"]) == (1, 0)
    finished = list(campaign_participants(campaign=campaign, user=hr_a, status="finished"))
    assert [a.user.username for a in finished] == ["a1"]
    assert finished[0].best_attempt_id == attempt.pk
    # An HR officer of the district sees the district only.
    district_officer = UserFactory()
    grant(district_officer, Role.HR_OFFICER, tree["A-DIST"])
    assert [row["organization"].code for row in campaign_progress(campaign=campaign, user=district_officer)] == \
        ["A-DIST"]


def test_reminders_go_to_those_who_have_not_finished_near_the_deadline(test, tree, hr_a, people, mailoutbox,
                                                                       django_capture_on_commit_callbacks):
    soon = make_campaign(test, tree["A"], hr_a, days=3)
    make_campaign(test, tree["A"], hr_a, days=30)  # too early to remind
    done = soon.assignments.get(user=people["a"])
    attempt_finish(attempt=attempt_start(assignment=done, user=people["a"], now=NOW), actor=people["a"],
                   now=NOW + datetime.timedelta(minutes=1))
    due = list(assignments_needing_reminder(now=NOW))
    assert [a.user.username for a in due] == ["a2"]
    Notification.objects.all().delete()  # the "assigned" ones
    with django_capture_on_commit_callbacks(execute=True):
        assert campaign_reminders_send_task() == 1
    # Through the platform's notifications: an inbox entry and its e-mail, in the taker's language.
    reminder = Notification.objects.get()
    assert (reminder.recipient, reminder.event, reminder.link) == (people["a_dist"], "assessment.test_reminder",
                                                                   "/assessment/")
    assert reminder.email_status == EmailStatus.SENT
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["a2@example.uz"]
    assert "2026 attestatsiyasi" in mailoutbox[0].body and "/assessment/" in mailoutbox[0].body
    assert test.name_uz in mailoutbox[0].subject
    assert timezone.localtime(soon.deadline).strftime("%d.%m.%Y %H:%M") in mailoutbox[0].body
    assignment = soon.assignments.get(user=people["a_dist"])
    assert assignment.reminders_sent == 1 and assignment.last_reminded_at is not None
    # not again within the interval; again after it; a stale copy of the row reminds nobody twice
    assert list(assignments_needing_reminder(now=NOW)) == []
    assert len(list(assignments_needing_reminder(now=NOW + datetime.timedelta(hours=49)))) == 1
    stale = due[0]
    assert assignment_remind(assignment=stale, now=NOW) is False
    assert Notification.objects.count() == 1


def test_the_campaign_notifies_each_taker_it_assigns(test, tree, hr_a, people, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = make_campaign(test, tree["A"], hr_a)
    assigned = Notification.objects.filter(event="assessment.test_assigned")
    assert set(assigned.values_list("recipient__username", flat=True)) == {"a1", "a2"}
    assert {m.to[0] for m in mailoutbox} == {"a1@example.uz", "a2@example.uz"}
    assert "2026 attestatsiyasi" in mailoutbox[0].body
    headline = render_part(assigned.first(), "inapp", language="uz")
    assert test.name_uz in headline
    # a newcomer added later is told too, once
    servant(tree["A-DEPT"], "a3")
    with django_capture_on_commit_callbacks(execute=True):
        assert campaign_sync(campaign=campaign) == 1
        assert campaign_sync(campaign=campaign) == 0
    assert list(assigned.filter(recipient__username="a3").values_list("event", flat=True)) == \
        ["assessment.test_assigned"]


def test_deadline_in_the_past_is_refused(test, tree, hr_a):
    with pytest.raises(ApplicationError) as error:
        make_campaign(test, tree["A"], hr_a, days=-1)
    assert error.value.code == AssessmentErrorCode.CAMPAIGN_DEADLINE_PAST
