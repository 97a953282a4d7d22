"""The candidate's side: sign-up, activation, profile, applying and the personal cabinet."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from core.audit import client_ip
from core.exceptions import ApplicationError
from core.mixins import apply_application_error
from workforce.selectors import person_is_serving

from ..checks import LANGUAGE_NAMES, candidate_snapshot, reason_messages, requirement_reasons
from ..forms import DocumentForm, EducationForm, ExperienceForm, ProfileForm, SignupForm
from ..models import Application, CandidateDocument, CandidateEducation, CandidateExperience, Stage, VacancyStatus
from ..selectors import candidate_applications, candidate_documents, candidate_test_status, public_vacancy
from ..services import (
    MAX_ACTIVE_APPLICATIONS,
    application_submit,
    application_withdraw,
    candidate_activate,
    candidate_document_add,
    candidate_document_remove,
    candidate_education_add,
    candidate_education_remove,
    candidate_experience_add,
    candidate_experience_remove,
    candidate_for_user,
    candidate_signup,
    candidate_update,
)
from ..services.applications import WITHDRAWABLE
from ..stages import next_step


def _rate_limited(request, bucket: str, limit: int, window: int = 3600) -> bool:
    """True when this client address made more than ``limit`` requests of ``bucket`` in ``window`` s."""
    key = f"vacancies:rate:{bucket}:{client_ip(request) or 'unknown'}"
    added = cache.add(key, 1, window)
    count = 1 if added else cache.incr(key)
    return count > limit


class SignupView(FormView):
    template_name = "vacancies/cabinet/signup.html"
    form_class = SignupForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("vacancies:cabinet")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if _rate_limited(self.request, "signup", settings.VACANCY_SIGNUP_RATE):
            form.add_error(None, _("Too many sign-ups from your network in the last hour. Try again later."))
            return self.form_invalid(form)
        data = form.cleaned_data
        activation = self.request.build_absolute_uri(reverse("vacancies:activate", args=["UID", "TOKEN"]))
        try:
            candidate_signup(
                email=data["email"], password=data["password1"], pinfl=data["pinfl"], passport=data["passport"],
                last_name=data["last_name"], first_name=data["first_name"], middle_name=data["middle_name"],
                phone=data["phone"], activation_url=activation.replace("UID", "{uid}").replace("TOKEN", "{token}"),
                login_url=self.request.build_absolute_uri(reverse("login")))
        except ApplicationError as error:
            apply_application_error(form, error)
            return self.form_invalid(form)
        # The same answer whatever happened: nobody learns here whether a PINFL or address is registered.
        return HttpResponseRedirect(reverse("vacancies:signup_sent"))


class SignupSentView(TemplateView):
    template_name = "vacancies/cabinet/signup_sent.html"


def activate(request, uidb64: str, token: str):
    user = candidate_activate(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "vacancies/cabinet/activation_failed.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your account is active. Add your education and experience, then apply."))
    return redirect("vacancies:profile")


class CandidateMixin(LoginRequiredMixin):
    """The page needs the account's candidate profile (a civil servant's is created from their record)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.candidate = candidate_for_user(request.user)
        if self.candidate is None:
            return render(request, "vacancies/cabinet/no_profile.html", status=403)
        return super().dispatch(request, *args, **kwargs)


class CabinetView(CandidateMixin, TemplateView):
    template_name = "vacancies/cabinet/cabinet.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        applications = list(candidate_applications(candidate=self.candidate))
        tests = candidate_test_status(applications, user=self.request.user)
        for application in applications:
            application.next_step = next_step(application)
            application.assignment, application.outcome = tests.get(application.pk, (None, None))
            application.reasons = reason_messages(application.check_reasons)
            application.can_withdraw = application.stage in WITHDRAWABLE
        active = sum(1 for a in applications if a.is_active)
        context.update(candidate=self.candidate, applications=applications, active=active,
                       limit=MAX_ACTIVE_APPLICATIONS, serving=person_is_serving(self.candidate.employee))
        return context


class ProfileView(CandidateMixin, TemplateView):
    template_name = "vacancies/cabinet/profile.html"
    forms = {"profile": ProfileForm, "education": EducationForm, "experience": ExperienceForm,
             "document": DocumentForm}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        candidate = self.candidate
        for name, form_class in self.forms.items():
            context.setdefault(f"{name}_form", form_class(
                prefix=name, initial={"phone": candidate.phone, "languages": candidate.languages}
                if name == "profile" else None))
        context.update(candidate=candidate, educations=candidate.educations.all(),
                       experiences=candidate.experiences.all(), serving=person_is_serving(candidate.employee),
                       documents=candidate_documents(candidate=candidate),
                       language_names=[LANGUAGE_NAMES.get(c, c) for c in candidate.languages])
        return context

    def post(self, request, *args, **kwargs):
        candidate, which = self.candidate, request.POST.get("form")
        if which == "remove_education":
            education = get_object_or_404(CandidateEducation, pk=request.POST.get("id"), candidate=candidate)
            candidate_education_remove(education=education, actor=request.user)
            return redirect("vacancies:profile")
        if which == "remove_experience":
            experience = get_object_or_404(CandidateExperience, pk=request.POST.get("id"), candidate=candidate)
            candidate_experience_remove(experience=experience, actor=request.user)
            return redirect("vacancies:profile")
        if which == "remove_document":
            document = get_object_or_404(CandidateDocument, pk=request.POST.get("id"), candidate=candidate)
            candidate_document_remove(document=document, actor=request.user)
            messages.success(request, _("Document removed."))
            return redirect("vacancies:profile")
        if which not in self.forms:
            raise Http404
        form = self.forms[which](request.POST, request.FILES, prefix=which)
        if form.is_valid():
            try:
                if which == "profile":
                    candidate_update(candidate=candidate, actor=request.user, **form.cleaned_data)
                elif which == "education":
                    candidate_education_add(candidate=candidate, actor=request.user, **form.cleaned_data)
                elif which == "document":
                    candidate_document_add(candidate=candidate, actor=request.user, **form.cleaned_data)
                else:
                    candidate_experience_add(candidate=candidate, actor=request.user, **form.cleaned_data)
            except ApplicationError as error:
                apply_application_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("vacancies:profile")
        return self.render_to_response(self.get_context_data(**{f"{which}_form": form}))


class ApplyView(CandidateMixin, TemplateView):
    """Confirm and send an application: what will be sent, and how it compares with the requirements."""

    template_name = "vacancies/cabinet/apply.html"

    def get_vacancy(self):
        vacancy = public_vacancy(self.kwargs["pk"])
        if vacancy is None:
            raise Http404
        return vacancy

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vacancy = self.get_vacancy()
        serving = person_is_serving(self.candidate.employee)
        snapshot = candidate_snapshot(self.candidate, is_civil_servant=serving)
        existing = Application.objects.filter(vacancy=vacancy, candidate=self.candidate).first()
        context.update(vacancy=vacancy, candidate=self.candidate, snapshot=snapshot, existing=existing,
                       reasons=reason_messages(requirement_reasons(vacancy, snapshot)), serving=serving,
                       accepting=vacancy.status == VacancyStatus.PUBLISHED,
                       educations=self.candidate.educations.all())
        return context

    def post(self, request, *args, **kwargs):
        vacancy = self.get_vacancy()
        try:
            application_submit(vacancy=vacancy, candidate=self.candidate, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("vacancies:apply", pk=vacancy.pk)
        messages.success(request, _("Your application for «%(title)s» is sent.") % {"title": vacancy.title})
        return redirect("vacancies:cabinet")


class WithdrawView(CandidateMixin, View):
    def post(self, request, pk: int):
        application = get_object_or_404(Application, pk=pk, candidate=self.candidate)
        try:
            application_withdraw(application=application, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Application withdrawn."))
        return redirect("vacancies:cabinet")


__all__ = ["ApplyView", "CabinetView", "ProfileView", "SignupSentView", "SignupView", "Stage", "WithdrawView",
           "activate"]
