"""The public portal: no login, every language, fast."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import TemplateView

from core.pagination import CappedCountPaginator

from ..checks import LANGUAGE_NAMES
from ..filters import VacancyFilter
from ..jsonld import as_script, job_posting
from ..models import VacancyStatus
from ..selectors import portal_cache_version, public_vacancies, public_vacancy

PAGE_SIZE = 20


CACHE_SECONDS = 60


class PortalListView(TemplateView):
    """The list is the same for every visitor, so its body (filters, count, cards, pages) is rendered
    once per language and query and kept for a minute; publishing or closing a vacancy drops it at once
    (``selectors.portal_choices_changed``). Nothing personal is inside the cached part."""

    template_name = "vacancies/portal/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        query = sorted((k, v) for k, values in request.GET.lists() for v in values)
        digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
        key = f"vacancies:portal-list:{portal_cache_version()}:{get_language()}:{digest}"
        body = cache.get(key)
        if body is None:
            body = render_to_string("vacancies/portal/_list_body.html", self.body_context(), request=request)
            cache.set(key, body, CACHE_SECONDS)
        context["body"] = mark_safe(body)  # noqa: S308 - our own template's output
        return context

    def body_context(self) -> dict:
        request = self.request
        filterset = VacancyFilter(request.GET or None, queryset=public_vacancies())
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        page = CappedCountPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        active = [name for name in filterset.form.fields if request.GET.get(name) and name != "q"]
        return {"filterset": filterset, "page_obj": page, "vacancies": page.object_list,
                "filters_active": bool(active), "detail_prefix": reverse("vacancies:detail", args=[0])[:-2]}


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
