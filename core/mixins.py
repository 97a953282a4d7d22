"""View helpers every app's HTML pages use."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from .access import user_roles


class RoleRequiredMixin(LoginRequiredMixin):
    """Allow the view to users holding one of ``required_roles`` somewhere; what they then see
    is narrowed by the scoped selectors, so an object outside their subtrees is a 404."""

    required_roles: Iterable[str] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not (user_roles(request.user) & set(self.required_roles)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def querystring_without(request, *names: str) -> str:
    """The current query string minus ``names``, ending with '&' when not empty (for page links)."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def apply_application_error(form, error) -> None:
    """Show a service's ApplicationError on the form: on its field when the form has it."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
    for name, messages_ in (error.extra or {}).items():
        if name != error.field and name in form.fields and isinstance(messages_, list):
            for message in messages_:
                form.add_error(name, message)
