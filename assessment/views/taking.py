"""The taker's pages: my tests, the attempt page, the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View

from core.audit import client_ip
from core.exceptions import ApplicationError

from ..api import assignment_rows
from ..models import Attempt, AttemptState, TestAssignment
from ..presenters import attempt_payload, result_payload, test_name
from ..selectors import certificate_of_attempt, my_assignments, section_scores_of, taker_attempt
from ..services import attempt_finish, attempt_page_opened, attempt_save_answer, attempt_start


def _own_attempt(request, pk: int) -> Attempt:
    try:
        return taker_attempt(user=request.user, attempt_id=pk)
    except Attempt.DoesNotExist as exc:
        raise Http404 from exc


class MyTestsView(LoginRequiredMixin, TemplateView):
    template_name = "assessment/taking/my_tests.html"

    def get_context_data(self, **kwargs):
        assignments = list(my_assignments(user=self.request.user)[:200])
        rows = assignment_rows(assignments, language=self.request.LANGUAGE_CODE)
        by_id = {a.pk: a for a in assignments}
        for row in rows:
            row["assignment"] = by_id[row["id"]]
        return {**super().get_context_data(**kwargs), "rows": rows, "now": timezone.now()}


class StartAttemptView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        assignment = TestAssignment.objects.filter(pk=pk, user=request.user).select_related("test").first()
        if assignment is None:
            raise Http404
        try:
            attempt = attempt_start(assignment=assignment, user=request.user, ip_address=client_ip(request),
                                    user_agent=request.META.get("HTTP_USER_AGENT", ""),
                                    language=request.LANGUAGE_CODE)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("assessment:my_tests")
        return redirect("assessment:attempt", pk=attempt.pk)


class AttemptView(LoginRequiredMixin, TemplateView):
    """The attempt page. Rendered by the server (works without scripts); ``assessment/js/attempt.js``
    adds autosave, the offline queue, the synced timer and the proctoring events."""

    template_name = "assessment/taking/attempt.html"

    def get(self, request, *args, **kwargs):
        attempt = _own_attempt(request, kwargs["pk"])
        if attempt.state == AttemptState.FINISHED:
            return redirect("assessment:attempt_result", pk=attempt.pk)
        if timezone.now() > attempt.deadline + _grace():
            attempt_finish(attempt=attempt, actor=request.user)
            return redirect("assessment:attempt_result", pk=attempt.pk)
        attempt_page_opened(attempt=attempt, ip_address=client_ip(request),
                            user_agent=request.META.get("HTTP_USER_AGENT", ""))
        self.attempt = attempt
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        payload = attempt_payload(self.attempt, language=self.request.LANGUAGE_CODE)
        config = {
            "attempt": payload["id"], "deadline": payload["deadline"], "serverTime": payload["server_time"],
            "graceSeconds": payload["grace_seconds"],
            "saveUrl": reverse("assessment-api:attempt-answer", args=[self.attempt.pk, 0]).replace("/0/", "/{q}/"),
            "eventsUrl": reverse("assessment-api:attempt-events", args=[self.attempt.pk]),
            "finishUrl": reverse("assessment:attempt_finish", args=[self.attempt.pk]),
            "resultUrl": reverse("assessment:attempt_result", args=[self.attempt.pk]),
            "sequences": {str(q["question_id"]): q["answer"]["sequence"] for q in payload["questions"]},
        }
        return {**super().get_context_data(**kwargs), "attempt": self.attempt, "payload": payload, "config": config,
                "test_name": payload["test"]["name"]}


def _grace():
    from ..services import grace_period

    return grace_period()


class FinishAttemptView(LoginRequiredMixin, View):
    """Finish. Without scripts the attempt form posts here with every answer: each is saved (as the next
    sequence number after the one the page was rendered with, so an answer autosaved since is not
    overwritten by an older form), then the attempt is finished."""

    def post(self, request, pk: int):
        attempt = _own_attempt(request, pk)
        if attempt.state == AttemptState.IN_PROGRESS and request.POST.get("with_answers"):
            self._save_form_answers(request, attempt)
        attempt_finish(attempt=attempt, actor=request.user)
        return redirect("assessment:attempt_result", pk=attempt.pk)

    @staticmethod
    def _save_form_answers(request, attempt: Attempt) -> None:
        for slot in attempt.slots.only("question_id", "sequence"):
            rendered = request.POST.get(f"seq-{slot.question_id}")
            if rendered is None or not rendered.isdigit() or int(rendered) != slot.sequence:
                continue  # saved by the page's script since it was rendered: that answer is newer
            choices = [int(v) for v in request.POST.getlist(f"q-{slot.question_id}") if v.isdigit()]
            try:
                attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=request.user,
                                    choices=choices, sequence=slot.sequence + 1,
                                    flagged=bool(request.POST.get(f"flag-{slot.question_id}")))
            except ApplicationError:
                continue  # past the grace period or an option that is not there: grade what was stored


class AttemptResultView(LoginRequiredMixin, TemplateView):
    template_name = "assessment/taking/result.html"

    def get(self, request, *args, **kwargs):
        self.attempt = _own_attempt(request, kwargs["pk"])
        if self.attempt.state != AttemptState.FINISHED:
            return HttpResponseRedirect(reverse("assessment:attempt", args=[self.attempt.pk]))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        result = result_payload(self.attempt, language=self.request.LANGUAGE_CODE)
        return {**super().get_context_data(**kwargs), "attempt": self.attempt, "result": result,
                "sections": section_scores_of(self.attempt) if result["score_released"] else [],
                "certificate": certificate_of_attempt(self.attempt) if result["score_released"] else None,
                "test_name": test_name(self.attempt, self.request.LANGUAGE_CODE)}
