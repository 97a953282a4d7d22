"""The public portal: no login, every language, fast."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from core.pagination import CappedCountPaginator

from ..checks import LANGUAGE_NAMES
from ..filters import VacancyFilter
from ..jsonld import as_script, job_posting
from ..models import VacancyStatus
from ..selectors import public_vacancies, public_vacancy

PAGE_SIZE = 20


class PortalListView(TemplateView):
    template_name = "vacancies/portal/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        filterset = VacancyFilter(request.GET or None, queryset=public_vacancies())
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        page = CappedCountPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        active = [name for name in filterset.form.fields if request.GET.get(name) and name != "q"]
        context.update(filterset=filterset, page_obj=page, vacancies=page.object_list, filters_active=bool(active),
                       detail_prefix=reverse("vacancies:detail", args=[0])[:-2])
        return context


class PortalDetailView(TemplateView):
    template_name = "vacancies/portal/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vacancy = public_vacancy(self.kwargs["pk"])
        if vacancy is None:
            raise Http404
        url = self.request.build_absolute_uri(reverse("vacancies:detail", args=[vacancy.pk]))
        context.update(
            vacancy=vacancy, jsonld=as_script(job_posting(vacancy, url=url)),
            accepting=vacancy.status == VacancyStatus.PUBLISHED,
            language_names=[LANGUAGE_NAMES.get(code, code) for code in vacancy.languages],
        )
        return context
