"""The taker's API (DRF, in the OpenAPI schema). Own attempts only: another person's attempt, or an id
that does not exist, is the same 404. Errors are ``{"code", "message", "field"?, "details"?}``.

The answer save (``PUT attempts/{id}/answers/{question_id}/``) is the hot path: it authenticates,
validates the body and calls ``attempt_save_answer`` (two statements); nothing else touches the
database."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.audit import client_ip

from .errors import AssessmentConflict, AssessmentErrorCode, AssessmentNotFound
from .models import Attempt, AttemptState, TestAssignment
from .presenters import attempt_payload, attempt_summary, result_payload
from .selectors import assignment_outcomes, my_assignments, result_visibility, taker_attempt
from .serializers import (
    AttemptAnswerSerializer,
    AttemptEventsResultSerializer,
    AttemptEventsSerializer,
    AttemptResultSerializer,
    AttemptSaveResultSerializer,
    AttemptSerializer,
    AttemptStartSerializer,
    AttemptSummarySerializer,
    TestAssignmentSerializer,
)
from .services import attempt_finish, attempt_record_events, attempt_save_answer, attempt_start

ERRORS = {400: OpenApiResponse(description="Invalid input (code, message, field)"),
          404: OpenApiResponse(description="Not one of your attempts"),
          409: OpenApiResponse(description="Finished, past the deadline, or a sequence conflict")}


def _attempt_or_404(request: Request, pk: int) -> Attempt:
    try:
        return taker_attempt(user=request.user, attempt_id=pk)
    except Attempt.DoesNotExist as exc:
        raise AssessmentNotFound(_("No such attempt among yours."), code=AssessmentErrorCode.ATTEMPT_NOT_FOUND) from exc


def _user_agent(request: Request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:255]


class AttemptListView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=AttemptSummarySerializer(many=True), summary="Your attempts, newest first")
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        paginator.page_size = 20
        attempts = Attempt.objects.filter(user=request.user).select_related("test").order_by("-started_at", "-id")
        page = paginator.paginate_queryset(attempts, request, view=self)
        return paginator.get_paginated_response([attempt_summary(a, language=request.LANGUAGE_CODE) for a in page])

    @extend_schema(request=AttemptStartSerializer, responses={201: AttemptSerializer, 200: AttemptSerializer, **ERRORS},
                   summary="Start an attempt (or resume the one open for the same assignment)")
    def post(self, request: Request) -> Response:
        serializer = AttemptStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = self._assignment(request, serializer.validated_data)
        before = Attempt.objects.filter(assignment=assignment, state=AttemptState.IN_PROGRESS).values_list(
            "pk", flat=True).first()
        attempt = attempt_start(assignment=assignment, user=request.user, ip_address=client_ip(request),
                                user_agent=_user_agent(request), language=request.LANGUAGE_CODE)
        code = status.HTTP_200_OK if before == attempt.pk else status.HTTP_201_CREATED
        return Response(attempt_payload(attempt), status=code)

    @staticmethod
    def _assignment(request: Request, data: dict) -> TestAssignment:
        mine = TestAssignment.objects.filter(user=request.user).select_related("test")
        if data.get("assignment"):
            assignment = mine.filter(pk=data["assignment"]).first()
        else:
            now = timezone.now()
            assignment = (mine.filter(test_id=data["test"])
                          .filter(Q(available_until__isnull=True) | Q(available_until__gt=now))
                          .order_by("-created_at", "-id").first())
        if assignment is None:
            raise AssessmentNotFound(_("You are not assigned this test."), code=AssessmentErrorCode.ATTEMPT_NOT_FOUND,
                                     field="assignment" if data.get("assignment") else "test")
        return assignment


class AttemptDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: AttemptSerializer, 404: ERRORS[404]},
                   summary="The attempt's questions (never the answers), the deadline and the server's time")
    def get(self, request: Request, pk: int) -> Response:
        return Response(attempt_payload(_attempt_or_404(request, pk), language=request.LANGUAGE_CODE))


class AnswerView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=AttemptAnswerSerializer, responses={200: AttemptSaveResultSerializer, **ERRORS},
                   summary="Save the answer to one question (idempotent per sequence number)")
    def put(self, request: Request, pk: int, question_id: int) -> Response:
        serializer = AttemptAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = attempt_save_answer(attempt_id=pk, question_id=question_id, user=request.user,
                                     choices=data["choices"], sequence=data["sequence"], flagged=data.get("flagged"))
        return Response({"status": result.status, "sequence": result.sequence, "choices": result.choices,
                         "flagged": result.flagged, "server_time": timezone.now().isoformat()})


class FinishView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses={200: AttemptResultSerializer, 404: ERRORS[404]},
                   summary="Finish the attempt (finishing twice is harmless)")
    def post(self, request: Request, pk: int) -> Response:
        attempt = _attempt_or_404(request, pk)
        attempt = attempt_finish(attempt=attempt, actor=request.user)
        return Response(result_payload(attempt, language=request.LANGUAGE_CODE))


class ResultView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: AttemptResultSerializer, 404: ERRORS[404], 409: ERRORS[409]},
                   summary="The result, as far as the test releases it")
    def get(self, request: Request, pk: int) -> Response:
        attempt = _attempt_or_404(request, pk)
        if attempt.state != AttemptState.FINISHED:
            raise AssessmentConflict(_("The attempt is not finished yet."),
                                     code=AssessmentErrorCode.ATTEMPT_NOT_FINISHED)
        return Response(result_payload(attempt, language=request.LANGUAGE_CODE))


class EventsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=AttemptEventsSerializer, responses={200: AttemptEventsResultSerializer, 404: ERRORS[404]},
                   summary="Report focus and tab events for the proctor")
    def post(self, request: Request, pk: int) -> Response:
        serializer = AttemptEventsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        recorded = attempt_record_events(attempt_id=pk, user=request.user, events=serializer.validated_data["events"],
                                         ip_address=client_ip(request), user_agent=_user_agent(request))
        return Response({"recorded": recorded})


class MyAssignmentsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=TestAssignmentSerializer(many=True),
                   summary="Tests you are assigned, with where you stand")
    def get(self, request: Request) -> Response:
        assignments = list(my_assignments(user=request.user)[:200])
        return Response(assignment_rows(assignments, language=request.LANGUAGE_CODE))


def _window_open(assignment: TestAssignment, now) -> bool:
    ends = [m for m in (assignment.available_until, assignment.test.available_until) if m is not None]
    starts = assignment.test.available_from
    return (not ends or now < min(ends)) and (starts is None or now >= starts)


def assignment_rows(assignments: list[TestAssignment], *, language: str | None = None) -> list[dict]:
    """Assignments with their outcome, as the taker may see it (no score the test does not release)."""
    now = timezone.now()
    outcomes = assignment_outcomes(assignments, now=now)
    attempt_ids = [o.attempt_id for o in outcomes.values() if o.attempt_id]
    attempts = Attempt.objects.in_bulk(attempt_ids)
    rows = []
    for assignment in assignments:
        outcome = outcomes[assignment.pk]
        attempt = attempts.get(outcome.attempt_id) if outcome.attempt_id else None
        released = bool(attempt and attempt.user_id == assignment.user_id and result_visibility(attempt)[0])
        rows.append({
            "id": assignment.pk,
            "test": {"id": assignment.test_id, "code": assignment.test.code, "name": assignment.test.name},
            "source_label": assignment.source_label, "available_until": assignment.available_until,
            "status": outcome.status, "score": outcome.score if released else None,
            "passed": outcome.passed if released or outcome.banked else None, "banked": outcome.banked,
            "attempt_id": outcome.attempt_id if (attempt and attempt.assignment_id == assignment.pk) else None,
            "attempts_used": outcome.attempts_used,
            "can_start": _window_open(assignment, now) and (outcome.status == "not_started" or (
                outcome.status == "finished" and not outcome.passed
                and outcome.attempts_used < assignment.test.attempts_allowed)),
        })
    return rows


