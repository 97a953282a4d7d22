"""The Atom feed of published vacancies (``/vacancies/feed/``) and the sitemap entries."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .sanitize import plain_text
from .selectors import public_vacancies

FEED_SIZE = 50


class VacancyFeed(Feed):
    feed_type = Atom1Feed
    title = _("Civil-service vacancies")
    subtitle = _("Open competitions for positions in the state civil service of Uzbekistan.")

    def link(self) -> str:
        return reverse("vacancies:portal")

    def items(self):
        return public_vacancies()[:FEED_SIZE]

    def item_title(self, item) -> str:
        return f"{item.title} — {item.organization.name}"

    def item_description(self, item) -> str:
        closes = item.closes_on.strftime("%d.%m.%Y")
        summary = Truncator(plain_text(item.description)).words(60)
        return f"{item.organization.name}. {_('Applications until')} {closes}. {summary}".strip()

    def item_link(self, item) -> str:
        return reverse("vacancies:detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.code, item.get_competition_type_display()]


class VacancySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        return public_vacancies().select_related(None).only("pk", "updated_at").order_by("pk")

    def location(self, item) -> str:
        return reverse("vacancies:detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class PortalSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["vacancies:portal"]

    def location(self, item) -> str:
        return reverse(item)


SITEMAPS = {"portal": PortalSitemap, "vacancies": VacancySitemap}
