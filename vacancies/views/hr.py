"""HR officer pages: vacancies of their subtrees and every competition stage, with bulk actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from core.access import scope_queryset
from core.exceptions import ApplicationError
from core.exporters import export_respond
from core.mixins import RoleRequiredMixin, apply_application_error, querystring_without
from core.pagination import CappedCountPaginator
from workforce.access import HR_ROLES, organizations_for
from workforce.models import Role, RoleGrant

from ..checks import reason_messages
from ..filters import HRVacancyFilter
from ..forms import AppointForm, CriterionForm, MemberForm, OverrideForm, ReasonForm, VacancyForm, VacantPositionForm
from ..models import Stage, VacancyStatus
from ..selectors import candidate_documents, competition_funnel, funnel_step_labels, hr_applications, hr_vacancies
from ..services import (
    application_add_to_reserve,
    application_decline,
    application_override,
    application_reject,
    applications_bulk,
    commission_member_add,
    commission_member_remove,
    competition_rank,
    criterion_add,
    criterion_remove,
    vacancy_appoint_winner,
    vacancy_cancel,
    vacancy_close,
    vacancy_create,
    vacancy_publish,
    vacancy_start_competition,
    vacancy_update,
)
from ..stages import next_step


class HRMixin(RoleRequiredMixin):
    required_roles = HR_ROLES

    def get_vacancy(self):
        if not hasattr(self, "_vacancy"):
            self._vacancy = get_object_or_404(hr_vacancies(user=self.request.user), pk=self.kwargs["pk"])
        return self._vacancy


class HRApplicantsExportView(HRMixin, View):
    """The applicants of one vacancy through the platform exporter (``vacancies.applicants``): the file
    at once when small, else a job. Another organisation's vacancy is a 404."""

    def get(self, request, pk: int):
        vacancy = self.get_vacancy()
        return export_respond(request, "vacancies.applicants",
                              {"vacancy": vacancy.pk, "format": request.GET.get("format", "xlsx")})


class HRVacancyListView(HRMixin, TemplateView):
    template_name = "vacancies/hr/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = HRVacancyFilter(self.request.GET or None, queryset=hr_vacancies(user=self.request.user))
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        page = CappedCountPaginator(queryset, 50, deferred_rows=False).get_page(self.request.GET.get("page"))
        context.update(filterset=filterset, page_obj=page, vacancies=page.object_list,
                       querystring_without_page=querystring_without(self.request, "page"))
        return context


class HRVacancyCreateView(HRMixin, TemplateView):
    """Step 1: organisation and vacant position (GET); step 2: the vacancy itself (POST)."""

    template_name = "vacancies/hr/form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pick = kwargs.get("pick") or VacantPositionForm(self.request.GET or None, user=self.request.user)
        position = pick.cleaned_data.get("position") if pick.is_bound and pick.is_valid() else None
        form = kwargs.get("form") or (VacancyForm(initial=_defaults(position)) if position else None)
        context.update(pick=pick, position=position, form=form, creating=True)
        return context

    def post(self, request, *args, **kwargs):
        pick = VacantPositionForm(request.POST, user=request.user)
        form = VacancyForm(request.POST)
        if pick.is_valid() and form.is_valid() and pick.cleaned_data["position"] is not None:
            try:
                vacancy = vacancy_create(staff_position=pick.cleaned_data["position"], actor=request.user,
                                         **form.service_fields())
            except ApplicationError as error:
                apply_application_error(form, error)
            else:
                messages.success(request, _("Draft saved. Check it and publish it."))
                return redirect("vacancies:hr_detail", pk=vacancy.pk)
        return self.render_to_response(self.get_context_data(pick=pick, form=form))


def _defaults(position) -> dict:
    from django.utils import timezone

    from ..services import competition_type_for

    today = timezone.localdate()
    return {"title_uz": position.name_uz, "title_ru": position.name_ru, "title_en": position.name_en,
            "competition_type": competition_type_for(position), "opens_on": today,
            "closes_on": today + timezone.timedelta(days=30), "test_weight": 50, "interview_weight": 50,
            "min_education": "bachelor", "languages": ["uz"]}


class HRVacancyEditView(HRMixin, FormView):
    template_name = "vacancies/hr/form.html"
    form_class = VacancyForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_vacancy()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(vacancy=self.get_vacancy(), **kwargs)

    def form_valid(self, form):
        vacancy = self.get_vacancy()
        fields = dict(form.cleaned_data.items())
        try:
            vacancy_update(vacancy=vacancy, actor=self.request.user, **fields)
        except ApplicationError as error:
            apply_application_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Vacancy saved."))
        return HttpResponseRedirect(reverse("vacancies:hr_detail", args=[vacancy.pk]))


class HRVacancyDetailView(HRMixin, TemplateView):
    template_name = "vacancies/hr/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vacancy = self.get_vacancy()
        applications = list(hr_applications(user=self.request.user).filter(vacancy=vacancy)
                            .order_by("rank", "submitted_at", "id"))
        for application in applications:
            application.reasons = reason_messages(application.check_reasons)
        members = list(vacancy.commission.select_related("user"))
        eligible = get_user_model().objects.filter(
            pk__in=scope_queryset(RoleGrant.objects.filter(role=Role.COMMISSION), user=self.request.user,
                                  roles=HR_ROLES).values("user")).exclude(pk__in=[m.user_id for m in members])
        eligible = [u for u in eligible.order_by("last_name", "first_name")
                    if _covers(u, vacancy.organization)]
        stage_counts: dict[str, int] = {}
        for application in applications:
            stage_counts[application.stage] = stage_counts.get(application.stage, 0) + 1
        context.update(
            vacancy=vacancy, applications=applications, members=members, criteria=list(vacancy.criteria.all()),
            member_form=MemberForm(candidates=eligible), criterion_form=CriterionForm(), reason_form=ReasonForm(),
            stage_counts=[(Stage(s).label, n) for s, n in stage_counts.items()],
            winner=next((a for a in applications if a.stage == Stage.WINNER), None),
            appoint_form=AppointForm(), statuses=VacancyStatus,
            can_rank=vacancy.status == VacancyStatus.IN_COMPETITION and vacancy.ranked_at is None
            and any(a.stage == Stage.INTERVIEW for a in applications),
        )
        return context


def _covers(user, organization) -> bool:
    from core.access import can_access_organization

    return can_access_organization(user, organization, roles=(Role.COMMISSION,))


class HRVacancyActionView(HRMixin, View):
    """The lifecycle buttons: publish, close, start, cancel, rank; commission and criteria."""

    def post(self, request, pk: int, action: str):
        vacancy = self.get_vacancy()
        user = request.user
        try:
            if action == "publish":
                vacancy_publish(vacancy=vacancy, actor=user)
                messages.success(request, _("Published: the vacancy is on the portal."))
            elif action == "close":
                vacancy_close(vacancy=vacancy, actor=user)
                messages.success(request, _("Applications closed."))
            elif action == "start":
                vacancy_start_competition(vacancy=vacancy, actor=user)
                messages.success(request, _("The competition has started: invite admitted candidates to the test."))
            elif action == "cancel":
                vacancy_cancel(vacancy=vacancy, reason=request.POST.get("reason", ""), actor=user)
                messages.success(request, _("The vacancy is cancelled."))
            elif action == "rank":
                ranking = competition_rank(vacancy=vacancy, actor=user)
                messages.success(request, _("Ranking made: the winner is %(name)s.") % {
                    "name": ranking[0].candidate.full_name})
            elif action == "add_member":
                form = MemberForm(request.POST, candidates=get_user_model().objects.filter(pk=request.POST.get("user")))
                if form.is_valid():
                    member_user = get_object_or_404(get_user_model(), pk=form.cleaned_data["user"])
                    commission_member_add(vacancy=vacancy, user=member_user, is_chair=form.cleaned_data["is_chair"],
                                          actor=user)
                    messages.success(request, _("Member added."))
                else:
                    messages.error(request, _("Choose a member."))
            elif action == "remove_member":
                member = get_object_or_404(vacancy.commission, pk=request.POST.get("member"))
                commission_member_remove(member=member, actor=user)
                messages.success(request, _("Member removed."))
            elif action == "add_criterion":
                form = CriterionForm(request.POST)
                if form.is_valid():
                    criterion_add(vacancy=vacancy, actor=user, **form.cleaned_data)
                    messages.success(request, _("Criterion added."))
                else:
                    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            elif action == "remove_criterion":
                criterion_remove(criterion=get_object_or_404(vacancy.criteria, pk=request.POST.get("criterion")),
                                 actor=user)
                messages.success(request, _("Criterion removed."))
            else:
                raise Http404
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("vacancies:hr_detail", pk=vacancy.pk)


class HRBulkView(HRMixin, View):
    """Admit, invite to the test or to the interview the ticked applications; each is checked on its own."""

    def post(self, request, pk: int):
        vacancy = self.get_vacancy()
        action = request.POST.get("action")
        ids = [int(value) for value in request.POST.getlist("application") if value.isdigit()]
        if action not in ("admit", "invite_to_test", "invite_to_interview") or not ids:
            messages.error(request, _("Tick at least one application and choose an action."))
            return redirect("vacancies:hr_detail", pk=vacancy.pk)
        applications = hr_applications(user=request.user).filter(vacancy=vacancy, pk__in=ids)
        result = applications_bulk(action=action, applications=applications, actor=request.user)
        if result.done:
            messages.success(request, _("Done for %(n)s applications.") % {"n": len(result.done)})
        for application, _code, message in result.failed:
            messages.error(request, f"{application.candidate.full_name}: {message}")
        return redirect("vacancies:hr_detail", pk=vacancy.pk)


class HRApplicationMixin(RoleRequiredMixin):
    required_roles = HR_ROLES

    def get_application(self):
        if not hasattr(self, "_application"):
            self._application = get_object_or_404(hr_applications(user=self.request.user), pk=self.kwargs["pk"])
        return self._application


class HRApplicationView(HRApplicationMixin, TemplateView):
    template_name = "vacancies/hr/application.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        scores = application.scores.select_related("member__user", "criterion").order_by(
            "member_id", "criterion__ordering")
        declarations = application.declarations.select_related("member__user")
        context.update(
            application=application, vacancy=application.vacancy, reasons=reason_messages(application.check_reasons),
            events=application.events.select_related("actor"), scores=scores, declarations=declarations,
            next_step=next_step(application), override_form=kwargs.get("override_form") or OverrideForm(),
            reason_form=ReasonForm(), appoint_form=kwargs.get("appoint_form") or AppointForm(),
            documents=candidate_documents(candidate=application.candidate),
        )
        return context

    def post(self, request, pk: int):
        application = self.get_application()
        action = request.POST.get("action")
        try:
            if action == "override":
                form = OverrideForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(override_form=form))
                application_override(application=application, admit=form.cleaned_data["admit"],
                                      reason=form.cleaned_data["override_reason"], actor=request.user)
                messages.success(request, _("Decision recorded."))
            elif action == "reject":
                application_reject(application=application, reason=request.POST.get("reason", ""), actor=request.user)
                messages.success(request, _("Not admitted."))
            elif action == "decline":
                promoted = application_decline(application=application, reason=request.POST.get("reason", ""),
                                               actor=request.user)
                messages.success(request, _("Decline recorded. The next in the ranking is now the winner: %(name)s.")
                                 % {"name": promoted.candidate.full_name} if promoted else
                                 _("Decline recorded. Nobody is left in the ranked reserve."))
            elif action == "appoint":
                form = AppointForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(appoint_form=form))
                order = vacancy_appoint_winner(vacancy=application.vacancy, application=application,
                                               start_date=form.cleaned_data["start_date"], actor=request.user)
                messages.success(request, _("Appointed by order No. %(number)s; the vacancy is completed.")
                                 % {"number": order.number})
            elif action == "reserve":
                application_add_to_reserve(application=application, actor=request.user)
                messages.success(request, _("Added to the personnel reserve."))
            else:
                raise Http404
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("vacancies:hr_application", pk=application.pk)


class FunnelView(RoleRequiredMixin, TemplateView):
    required_roles = HR_ROLES
    template_name = "vacancies/hr/funnel.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organizations = organizations_for(self.request.user, roles=HR_ROLES).order_by("path")
        chosen = self.request.GET.get("organization")
        organization = organizations.filter(pk=chosen).first() if chosen and chosen.isdigit() else None
        funnel = competition_funnel(user=self.request.user, organization=organization)
        labels = funnel_step_labels()
        top = max(funnel["totals"]["applied"], 1)
        context.update(funnel=funnel, organizations=organizations, organization=organization,
                       steps=[(step, labels[step], funnel["totals"][step], round(100 * funnel["totals"][step] / top))
                              for step in funnel["steps"]], labels=labels)
        return context
