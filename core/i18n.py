"""Helpers for data kept in several languages (names of regions, organisations, categories)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _

from .translit import to_cyrillic

# Order in which a missing translation falls back.
FALLBACK_LANGUAGES = ("uz", "ru", "en")
UZBEK_CYRILLIC = "uz-cyrl"
# The name of the fourth language, used by settings.LANGUAGES (which cannot import this module);
# marked here so that `makemessages` puts it in core's catalogs.
gettext_noop("Uzbek (Cyrillic)")


def register_extra_languages() -> None:
    """Teach Django the languages it does not ship (settings.EXTRA_LANG_INFO: uz-cyrl), so that
    ``get_language_info`` and ``{% get_language_info %}`` know their names."""
    from django.conf.locale import LANG_INFO

    for code, info in getattr(settings, "EXTRA_LANG_INFO", {}).items():
        LANG_INFO.setdefault(code, info)


def language_suffix(language: str | None = None) -> str:
    code = (language or get_language() or "uz").lower()
    if code.startswith("uz-cyrl") or code == "uz_cyrl":
        return "uz_cyrl"
    return code.split("-")[0].split("_")[0]


def is_uzbek_cyrillic(language: str | None = None) -> bool:
    """Is ``language`` (default: the active one) Uzbek in Cyrillic script?"""
    return language_suffix(language) == "uz_cyrl"


def language_choices() -> list[tuple[str, str]]:
    """``settings.LANGUAGES`` as model choices: a callable, so adding a language needs no migration."""
    return list(settings.LANGUAGES)


def localized_value(obj: object, field: str, language: str | None = None) -> str:
    """``obj.<field>_<lang>`` for the active language, falling back to uz, ru, en.

    In Uzbek Cyrillic a missing ``<field>_uz_cyrl`` is the transliteration of ``<field>_uz``
    (the same language in the other script), never the Russian name."""
    suffix = language_suffix(language)
    value = getattr(obj, f"{field}_{suffix}", "")
    if value:
        return value
    if suffix == "uz_cyrl":
        latin = getattr(obj, f"{field}_uz", "")
        if latin:
            return to_cyrillic(latin)
    for fallback in FALLBACK_LANGUAGES:
        value = getattr(obj, f"{field}_{fallback}", "")
        if value:
            return value
    return ""


def person_name(latin: str, cyrillic: str = "", language: str | None = None) -> str:
    """A person's name (one part, or the whole) in the script of ``language``: the Cyrillic
    spelling on record in Uzbek Cyrillic, else the Latin one transliterated; Latin otherwise."""
    if is_uzbek_cyrillic(language):
        return cyrillic or to_cyrillic(latin)
    return latin


class TranslatedNameMixin(models.Model):
    """Names in Uzbek Latin (required), Uzbek Cyrillic, Russian and English."""

    name_uz = models.CharField(_("name (Uzbek)"), max_length=255)
    name_uz_cyrl = models.CharField(_("name (Uzbek, Cyrillic)"), max_length=255, blank=True, default="")
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True, default="")
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True, default="")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized_value(self, "name")
