"""Commission members: the competitions they sit on, conflict-of-interest declarations and scores."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.exceptions import ApplicationError
from core.mixins import RoleRequiredMixin

from ..models import Stage
from ..selectors import commission_seat, commission_vacancies
from ..services import COMMISSION_ROLES, conflict_declare, interview_scores_submit


class CommissionListView(RoleRequiredMixin, TemplateView):
    required_roles = COMMISSION_ROLES
    template_name = "vacancies/commission/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(vacancies=commission_vacancies(user=self.request.user), **kwargs)


class CommissionScoringView(RoleRequiredMixin, TemplateView):
    required_roles = COMMISSION_ROLES
    template_name = "vacancies/commission/scoring.html"

    def get_vacancy(self):
        return get_object_or_404(commission_vacancies(user=self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vacancy = self.get_vacancy()
        seat = commission_seat(vacancy=vacancy, user=self.request.user)
        criteria = list(vacancy.criteria.all())
        applications = list(vacancy.applications.filter(stage=Stage.INTERVIEW).select_related("candidate")
                            .order_by("submitted_at", "id"))
        declarations = {d.application_id: d for d in seat.declarations.filter(application__in=applications)}
        given: dict[int, dict[int, Decimal]] = {}
        for score in seat.scores.filter(application__in=applications):
            given.setdefault(score.application_id, {})[score.criterion_id] = score.points
        rows = []
        for application in applications:
            points = given.get(application.pk, {})
            rows.append({"application": application, "declaration": declarations.get(application.pk),
                         "criteria": [(c, points.get(c.pk)) for c in criteria],
                         "scored": len(points) == len(criteria)})
        context.update(vacancy=vacancy, seat=seat, rows=rows, criteria=criteria,
                       done=sum(1 for r in rows if r["scored"] or (r["declaration"] and r["declaration"].has_conflict)))
        return context

    def post(self, request, pk: int):
        vacancy = self.get_vacancy()
        application = get_object_or_404(vacancy.applications, pk=request.POST.get("application"))
        try:
            if request.POST.get("action") == "declare":
                conflict_declare(application=application, has_conflict=request.POST.get("has_conflict") == "1",
                                 note=request.POST.get("note", ""), actor=request.user)
                messages.success(request, _("Declaration recorded."))
            else:
                points = {}
                for criterion in vacancy.criteria.all():
                    raw = (request.POST.get(f"criterion_{criterion.pk}") or "").replace(",", ".").strip()
                    if raw:
                        try:
                            points[criterion.pk] = Decimal(raw)
                        except InvalidOperation:
                            points[criterion.pk] = raw
                interview_scores_submit(application=application, points=points, actor=request.user)
                messages.success(request, _("Scores of %(name)s saved.") % {"name": application.candidate.full_name})
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("vacancies:commission_scoring", pk=vacancy.pk)
