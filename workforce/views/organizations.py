from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from core.forms import SearchField
from core.mixins import RoleRequiredMixin, querystring_without

from ..access import ALL_ROLES, HR_ROLES, org_scope, organizations_for
from ..selectors import organization_ancestors, organization_children, organization_list, organization_roots


class OrganizationTreeView(RoleRequiredMixin, TemplateView):
    """The tree, opened one level at a time (htmx), or a flat search across the user's subtrees."""

    required_roles = ALL_ROLES
    template_name = "workforce/organization_tree.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=400 if context.get("search_error") else 200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        try:
            query = SearchField(required=False).clean(raw).strip()
        except ValidationError as error:
            context["search_error"] = " ".join(error.messages)
            query = ""
        context["q"] = query or raw.strip()[:200]
        if query:
            page = Paginator(organization_list(user=self.request.user, search=query).order_by("code"), 50)
            context["page_obj"] = page.get_page(self.request.GET.get("page"))
            context["querystring_without_page"] = querystring_without(self.request, "page")
        else:
            context["roots"] = organization_roots(user=self.request.user)
        return context


class OrganizationChildrenView(RoleRequiredMixin, TemplateView):
    required_roles = ALL_ROLES
    template_name = "workforce/includes/organization_nodes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = get_object_or_404(organizations_for(self.request.user, roles=ALL_ROLES), pk=kwargs["pk"])
        context["nodes"] = organization_children(user=self.request.user, parent=parent)
        return context


class OrganizationDetailView(RoleRequiredMixin, TemplateView):
    required_roles = ALL_ROLES
    template_name = "workforce/organization_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = get_object_or_404(
            organizations_for(self.request.user, roles=ALL_ROLES).select_related("region", "parent"), pk=kwargs["pk"]
        )
        context["organization"] = organization
        scope = org_scope(self.request.user, ALL_ROLES)
        context["ancestors"] = [a for a in organization_ancestors(organization) if scope.covers(a)]
        context["children"] = organization_children(user=self.request.user, parent=organization)
        context["can_see_employees"] = org_scope(self.request.user, HR_ROLES).covers(organization)
        return context
