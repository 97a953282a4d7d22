"""Attestation campaign pages (HR officers and test authors) and the proctor view (HR officers)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from core.audit import audit_log
from core.exceptions import ApplicationError
from core.mixins import RoleRequiredMixin, apply_application_error, querystring_without
from workforce.selectors import organization_list

from ..forms import CampaignForm
from ..models import TestStatus
from ..roles import CAMPAIGN_ROLES, PROCTOR_ROLES
from ..selectors import (
    attempt_events,
    campaign_list,
    campaign_participants,
    campaign_progress,
    campaign_totals,
    certificate_of_attempt,
    proctored_attempts,
    section_scores_of,
)
from ..services import campaign_close, campaign_create, campaign_sync

STATUSES = (("", gettext_lazy("All")), ("not_started", gettext_lazy("Not started")),
            ("in_progress", gettext_lazy("In progress")), ("finished", gettext_lazy("Finished")),
            ("passed", gettext_lazy("Passed")), ("failed", gettext_lazy("Not passed")))


def _campaign_or_404(request, pk: int):
    campaign = campaign_list(user=request.user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


class CampaignListView(RoleRequiredMixin, TemplateView):
    required_roles = CAMPAIGN_ROLES
    template_name = "assessment/campaigns/list.html"

    def get_context_data(self, **kwargs):
        page = Paginator(campaign_list(user=self.request.user), 30).get_page(self.request.GET.get("page"))
        return {**super().get_context_data(**kwargs), "page_obj": page,
                "querystring_without_page": querystring_without(self.request, "page")}


class CampaignCreateView(RoleRequiredMixin, FormView):
    required_roles = CAMPAIGN_ROLES
    template_name = "assessment/campaigns/form.html"
    form_class = CampaignForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        visible = organization_list(user=self.request.user, roles=CAMPAIGN_ROLES)
        form.fields["test"].queryset = form.fields["test"].queryset.filter(
            Q(owner_organization__isnull=True) | Q(owner_organization__in=visible.values("pk")),
            status=TestStatus.PUBLISHED)
        return form

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            campaign = campaign_create(name=data["name"], test=data["test"], organization=data["organization"],
                                       deadline=data["deadline"], actor=self.request.user)
        except ApplicationError as error:
            apply_application_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The campaign is open: %(count)s civil servants were assigned the test.")
                         % {"count": campaign.assignments.count()})
        return redirect("assessment:campaign_detail", pk=campaign.pk)


class CampaignDetailView(RoleRequiredMixin, TemplateView):
    required_roles = CAMPAIGN_ROLES
    template_name = "assessment/campaigns/detail.html"

    def get_context_data(self, **kwargs):
        campaign = _campaign_or_404(self.request, kwargs["pk"])
        progress = campaign_progress(campaign=campaign, user=self.request.user)
        status = self.request.GET.get("status", "")
        participants = campaign_participants(campaign=campaign, user=self.request.user, status=status)
        page = Paginator(participants, 50).get_page(self.request.GET.get("page"))
        audit_log("assessment.campaign.viewed", actor=self.request.user, target=campaign, request=self.request,
                  data={"status": status, "page": page.number})
        return {**super().get_context_data(**kwargs), "campaign": campaign, "progress": progress,
                "totals": campaign_totals(progress), "page_obj": page, "status": status, "statuses": STATUSES,
                "querystring_without_page": querystring_without(self.request, "page")}


class CampaignActionView(RoleRequiredMixin, View):
    required_roles = CAMPAIGN_ROLES

    def post(self, request, pk: int):
        campaign = _campaign_or_404(request, pk)
        try:
            if request.POST.get("action") == "close":
                campaign_close(campaign=campaign, actor=request.user)
                messages.success(request, _("The campaign is closed: nobody else will be added."))
            else:
                added = campaign_sync(campaign=campaign)
                messages.success(request, _("%(count)s newcomers were assigned the test.") % {"count": added})
        except ApplicationError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(reverse("assessment:campaign_detail", args=[pk]))


class ProctorAttemptView(RoleRequiredMixin, TemplateView):
    """What happened during one attempt: when it was opened and from which addresses, focus losses and
    tab switches, and the result. Viewing it is logged (personal data)."""

    required_roles = PROCTOR_ROLES
    template_name = "assessment/campaigns/proctor.html"

    def get_context_data(self, **kwargs):
        attempt = proctored_attempts(user=self.request.user).filter(pk=kwargs["pk"]).first()
        if attempt is None:
            raise Http404
        events = list(attempt_events(attempt))
        addresses: dict[str, int] = {}
        for event in events:
            if event.ip_address:
                addresses[event.ip_address] = addresses.get(event.ip_address, 0) + 1
        counts: dict[str, int] = {}
        for event in events:
            counts[event.kind] = counts.get(event.kind, 0) + 1
        audit_log("assessment.attempt.proctored", actor=self.request.user, target=attempt, request=self.request)
        return {**super().get_context_data(**kwargs), "attempt": attempt, "events": events,
                "addresses": sorted(addresses.items(), key=lambda item: -item[1]), "counts": counts,
                "sections": section_scores_of(attempt) if attempt.score is not None else [],
                "certificate": certificate_of_attempt(attempt)}
