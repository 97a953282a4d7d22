"""The commission, the ranking with its tie-break, and the appointment: only the winner (or the next
in the ranking after a decline), refused attempts logged, the staff position filled."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import UserFactory, grant, make_staffed_employee, make_vacancy
from vacancies.errors import VacancyErrorCode
from vacancies.models import Stage, VacancyStatus
from vacancies.services import (
    application_add_to_reserve,
    application_decline,
    application_withdraw,
    commission_member_add,
    competition_rank,
    conflict_declare,
    interview_scores_submit,
    vacancy_appoint_winner,
)
from workforce.models import Assignment, Employee, ReserveEntry, Role
from workforce.selectors import staff_position_occupancy

from .conftest import make_candidate, score_all, take_to_interview

pytestmark = pytest.mark.django_db
FULL = [10, 10, 10, 10]


def _code(call) -> str:
    with pytest.raises(ApplicationError) as error:
        call()
    return error.value.code


@pytest.fixture
def competition(tree, commission_a):
    vacancy = make_vacancy(tree["A"], test_weight=40, interview_weight=60)
    for user in commission_a:
        commission_member_add(vacancy=vacancy, user=user, actor=None)
    candidates = [make_candidate(last_name=name) for name in ("Aliyeva", "Botirov", "Qodirova")]
    vacancy, applications = take_to_interview(vacancy, candidates, scores=(80, 60, 90))
    return vacancy, applications, commission_a


def test_members_need_the_commission_role_on_the_organisation(tree):
    vacancy = make_vacancy(tree["A"])
    outsider = UserFactory(username="kom_b")
    grant(outsider, Role.COMMISSION, tree["B"])
    assert _code(lambda: commission_member_add(vacancy=vacancy, user=outsider, actor=None)) == \
        VacancyErrorCode.MEMBER_NO_ROLE
    below = UserFactory(username="kom_dept")
    grant(below, Role.COMMISSION, tree["A-DEPT"])  # a subtree below the vacancy's organisation
    assert _code(lambda: commission_member_add(vacancy=vacancy, user=below, actor=None)) == \
        VacancyErrorCode.MEMBER_NO_ROLE


def test_scoring_needs_a_declaration_first(competition):
    vacancy, applications, members = competition
    criteria = {c.pk: 5 for c in vacancy.criteria.all()}
    assert _code(lambda: interview_scores_submit(application=applications[0], points=criteria, actor=members[0])) \
        == VacancyErrorCode.DECLARATION_REQUIRED
    conflict_declare(application=applications[0], has_conflict=True, actor=members[0])
    assert _code(lambda: interview_scores_submit(application=applications[0], points=criteria, actor=members[0])) \
        == VacancyErrorCode.CONFLICT_DECLARED


def test_points_stay_within_the_criterion_maximum(competition):
    vacancy, applications, members = competition
    conflict_declare(application=applications[0], has_conflict=False, actor=members[0])
    points = {c.pk: 11 for c in vacancy.criteria.all()}
    assert _code(lambda: interview_scores_submit(application=applications[0], points=points, actor=members[0])) \
        == VacancyErrorCode.SCORE_OUT_OF_RANGE


def test_a_non_member_cannot_score(competition, tree):
    _vacancy, applications, _members = competition
    stranger = UserFactory(username="kom_x")
    grant(stranger, Role.COMMISSION, tree["A"])
    assert _code(lambda: conflict_declare(application=applications[0], has_conflict=False, actor=stranger)) == \
        VacancyErrorCode.NOT_FOUND


def test_ranking_needs_every_score(competition):
    vacancy, applications, members = competition
    score_all(vacancy, applications, members, {(0, 0): FULL, (0, 1): FULL, (0, 2): FULL, (1, 0): FULL})
    assert _code(lambda: competition_rank(vacancy=vacancy, actor=None)) == VacancyErrorCode.SCORES_INCOMPLETE


def test_a_declared_conflict_excludes_that_members_scores(competition):
    vacancy, applications, members = competition
    # Member 0 gives Qodirova (test 90) full marks, then declares a conflict: only member 1 counts for her.
    conflict_declare(application=applications[2], has_conflict=False, actor=members[0])
    interview_scores_submit(application=applications[2], actor=members[0],
                            points={c.pk: 10 for c in vacancy.criteria.all()})
    score_all(vacancy, applications, members, {
        (0, 0): [8, 8, 8, 8], (0, 1): [6, 6, 6, 6], (0, 2): None,
        (1, 0): [8, 8, 8, 8], (1, 1): [6, 6, 6, 6], (1, 2): [5, 5, 5, 5],
    })
    ranked = competition_rank(vacancy=vacancy, actor=None)
    by_name = {a.candidate.last_name: a for a in ranked}
    assert by_name["Qodirova"].interview_score == Decimal("50.00")  # member 1 alone
    assert by_name["Aliyeva"].interview_score == Decimal("80.00")
    # final = 0.4 test + 0.6 interview: Aliyeva 80, Qodirova 66, Botirov 60
    assert [a.candidate.last_name for a in ranked] == ["Aliyeva", "Qodirova", "Botirov"]
    assert [a.stage for a in ranked] == [Stage.WINNER, Stage.RESERVE, Stage.RESERVE]
    assert by_name["Qodirova"].final_score == Decimal("66.00")


def test_tie_break_interview_then_test_then_earlier_application(tree, commission_a):
    vacancy = make_vacancy(tree["A"], test_weight=50, interview_weight=50)
    for user in commission_a:
        commission_member_add(vacancy=vacancy, user=user, actor=None)
    candidates = [make_candidate(last_name=n) for n in ("Birinchi", "Ikkinchi", "Uchinchi")]
    # Final scores all 70: (test 60, interview 80), (test 80, interview 60), (test 60, interview 80).
    vacancy, applications = take_to_interview(vacancy, candidates, scores=(60, 80, 60))
    score_all(vacancy, applications, commission_a, {
        (m, a): points for m in (0, 1) for a, points in ((0, [8] * 4), (1, [6] * 4), (2, [8] * 4))})
    ranked = competition_rank(vacancy=vacancy, actor=None)
    assert {a.final_score for a in ranked} == {Decimal("70.00")}
    # Higher interview first (Birinchi and Uchinchi, 80), of those the earlier application; Ikkinchi last.
    assert [a.candidate.last_name for a in ranked] == ["Birinchi", "Uchinchi", "Ikkinchi"]


@pytest.fixture
def ranked(competition):
    vacancy, applications, members = competition
    score_all(vacancy, applications, members, {
        (m, a): points for m in (0, 1) for a, points in ((0, [9] * 4), (1, [6] * 4), (2, [7] * 4))})
    ranking = competition_rank(vacancy=vacancy, actor=None)
    vacancy.refresh_from_db()
    return vacancy, ranking


def test_only_the_winner_is_appointed_and_refusals_are_logged(ranked, hr_a):
    vacancy, ranking = ranked
    winner, runner_up = ranking[0], ranking[1]
    start = datetime.date.today() + datetime.timedelta(days=7)
    assert _code(lambda: vacancy_appoint_winner(vacancy=vacancy, application=runner_up, start_date=start,
                                                actor=hr_a)) == VacancyErrorCode.NOT_THE_WINNER
    refused = AuditEvent.objects.get(action="vacancies.appointment.refused")
    assert refused.actor == hr_a and refused.data["application"] == runner_up.pk
    assert not Employee.objects.filter(pinfl=runner_up.candidate.pinfl).exists()

    order = vacancy_appoint_winner(vacancy=vacancy, application=winner, start_date=start, actor=hr_a)
    vacancy.refresh_from_db()
    winner.refresh_from_db()
    assert vacancy.status == VacancyStatus.COMPLETED and winner.stage == Stage.APPOINTED
    employee = Employee.objects.get(pinfl=winner.candidate.pinfl)
    assert winner.employee == employee and employee.user == winner.candidate.user
    assert Assignment.objects.get(employee=employee).staff_position == vacancy.staff_position
    assert f"No. {vacancy.pk}" in order.reason or str(vacancy.pk) in order.reason
    assert staff_position_occupancy(vacancy.staff_position, on=start) == Decimal("1.00")
    # The runners-up no longer hold one of their 5 slots.
    runner_up.refresh_from_db()
    assert runner_up.stage == Stage.RESERVE and not runner_up.is_active
    assert _code(lambda: vacancy_appoint_winner(vacancy=vacancy, application=winner, start_date=start,
                                                actor=hr_a)) == VacancyErrorCode.ALREADY_APPOINTED


def test_after_a_decline_the_next_in_the_ranking_is_appointed(ranked):
    vacancy, ranking = ranked
    winner, second = ranking[0], ranking[1]
    start = datetime.date.today() + datetime.timedelta(days=3)
    assert _code(lambda: application_decline(application=winner, reason="", actor=None)) == \
        VacancyErrorCode.REASON_REQUIRED
    promoted = application_decline(application=winner, reason="Boshqa ishga oʻtdi", actor=None)
    assert promoted.pk == second.pk and promoted.stage == Stage.WINNER
    winner.refresh_from_db()
    assert winner.stage == Stage.DECLINED and winner.decline_reason == "Boshqa ishga oʻtdi"
    assert _code(lambda: vacancy_appoint_winner(vacancy=vacancy, application=winner, start_date=start,
                                                actor=None)) == VacancyErrorCode.NOT_THE_WINNER
    vacancy_appoint_winner(vacancy=vacancy, application=promoted, start_date=start, actor=None)
    promoted.refresh_from_db()
    assert promoted.stage == Stage.APPOINTED


def test_a_withdrawing_winner_hands_over_to_the_next(ranked):
    _vacancy, ranking = ranked
    application_withdraw(application=ranking[0], actor=ranking[0].candidate.user)
    ranking[1].refresh_from_db()
    assert ranking[1].stage == Stage.WINNER


def _servant_wins_a_management_competition(tree, commission_a, employee):
    """``employee`` applies alone to a management competition of A and comes first."""
    vacancy = make_vacancy(tree["A"], category_code="M-4")
    for user in commission_a:
        commission_member_add(vacancy=vacancy, user=user, actor=None)
    candidate = make_candidate(employee=employee)
    vacancy, applications = take_to_interview(vacancy, [candidate], scores=(75,))
    score_all(vacancy, applications, commission_a, {(0, 0): [7] * 4, (1, 0): [8] * 4})
    competition_rank(vacancy=vacancy, actor=None)
    vacancy.refresh_from_db()
    return vacancy, applications, candidate


def test_a_serving_civil_servant_winner_is_transferred(tree, commission_a, hr_a):
    from workforce.models import OrderKind

    employee = make_staffed_employee(tree["A-DEPT"])
    vacancy, applications, _candidate = _servant_wins_a_management_competition(tree, commission_a, employee)
    order = vacancy_appoint_winner(vacancy=vacancy, application=applications[0],
                                   start_date=datetime.date.today() + datetime.timedelta(days=1), actor=hr_a)
    assert order.kind == OrderKind.TRANSFER and order.employee == employee
    employee.refresh_from_db()
    assert employee.staff_position == vacancy.staff_position


def test_a_winner_serving_in_another_ministry_is_moved_across(tree, commission_a, hr_a, hr_b):
    """The internal competition: B's civil servant wins A's competition. B releases them by its own
    order and is told; A appoints them citing the competition."""
    from core.models import Notification
    from workforce.models import HROrder, OrderKind

    employee = make_staffed_employee(tree["B"])
    vacancy, applications, candidate = _servant_wins_a_management_competition(tree, commission_a, employee)
    order = vacancy_appoint_winner(vacancy=vacancy, application=applications[0],
                                   start_date=datetime.date.today() + datetime.timedelta(days=14), actor=hr_a)
    assert order.organization == tree["A"] and order.basis_app == "vacancies"
    assert order.basis_object_id == str(vacancy.pk)
    release = HROrder.objects.get(organization=tree["B"], kind=OrderKind.TRANSFER)
    assert Assignment.objects.get(employee=employee, organization=tree["B"]).end_order == release
    employee.refresh_from_db()
    assert employee.organization == tree["A"] and employee.user == candidate.user
    assert Notification.objects.filter(recipient=hr_b, event="workforce.employee_left_by_appointment").exists()


def test_runners_up_enter_the_personnel_reserve(tree, commission_a):
    vacancy = make_vacancy(tree["A"], category_code="M-4")
    for user in commission_a:
        commission_member_add(vacancy=vacancy, user=user, actor=None)
    servants = [make_candidate(employee=make_staffed_employee(tree["A"])) for _ in range(2)]
    vacancy, applications = take_to_interview(vacancy, servants, scores=(90, 70))
    score_all(vacancy, applications, commission_a, {(m, a): [8] * 4 for m in (0, 1) for a in (0, 1)})
    ranking = competition_rank(vacancy=vacancy, actor=None)
    entry = application_add_to_reserve(application=ranking[1], actor=None)
    assert entry.employee == servants[1].employee and entry.source == "competition"
    assert ReserveEntry.objects.count() == 1
    assert _code(lambda: application_add_to_reserve(application=ranking[0], actor=None)) == \
        VacancyErrorCode.RESERVE_NOT_RUNNER_UP
