from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .rendering import render_part
from .selectors import ORDERS, notification_of, notification_preferences, notifications_of
from .services import notification_mark_read, notification_preferences_set, notifications_mark_all_read

PAGE_SIZE = 20


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return default


class InboxView(LoginRequiredMixin, TemplateView):
    """The user's own notifications, rendered in the viewer's language."""

    template_name = "core/notifications/inbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.request.GET.get("order")
        order = order if order in ORDERS else "unread"
        page = Paginator(notifications_of(user=self.request.user, order=order), PAGE_SIZE) \
            .get_page(self.request.GET.get("page"))
        context.update(order=order, page_obj=page,
                       items=[(notification, *_lines(render_part(notification, "inapp")))
                              for notification in page.object_list])
        return context


def _lines(text: str) -> tuple[str, str]:
    """The inbox text as a headline (its first line) and the rest."""
    headline, _newline, rest = text.partition("\n")
    return headline.strip(), rest.strip()


class NotificationOpenView(LoginRequiredMixin, View):
    """Follow a notification's link, marking it read on the way."""

    def get(self, request, pk: int):
        notification = notification_of(user=request.user, pk=pk)
        if notification is None:
            raise Http404
        notification_mark_read(notification=notification, user=request.user)
        return HttpResponseRedirect(notification.link or reverse("notifications:inbox"))


class NotificationReadView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        notification = notification_of(user=request.user, pk=pk)
        if notification is None:
            raise Http404
        notification_mark_read(notification=notification, user=request.user)
        return HttpResponseRedirect(_safe_next(request, reverse("notifications:inbox")))


class NotificationReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        count = notifications_mark_all_read(user=request.user)
        if count:
            messages.success(request, _("All notifications are marked read."))
        return HttpResponseRedirect(_safe_next(request, reverse("notifications:inbox")))


class PreferencesForm(forms.Form):
    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        for item in preferences:
            self.fields[item["event"]] = forms.BooleanField(
                label=item["label"], help_text=item["description"], required=False, initial=item["email"])


class NotificationPreferencesView(LoginRequiredMixin, TemplateView):
    """Which kinds of notification also come by e-mail (all of them always reach the inbox)."""

    template_name = "core/notifications/preferences.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PreferencesForm(preferences=notification_preferences(user=self.request.user)))
        context["has_email"] = bool(self.request.user.email)
        return context

    def post(self, request):
        form = PreferencesForm(request.POST, preferences=notification_preferences(user=request.user))
        if form.is_valid():
            notification_preferences_set(user=request.user, email_by_event=form.cleaned_data)
            messages.success(request, _("Your notification settings are saved."))
            return HttpResponseRedirect(reverse("notifications:preferences"))
        return self.render_to_response(self.get_context_data(form=form), status=400)
