"""Helpers for data kept in several languages (names of regions, organisations, categories)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Order in which a missing translation falls back.
FALLBACK_LANGUAGES = ("uz", "ru", "en")


def language_suffix(language: str | None = None) -> str:
    code = (language or get_language() or "uz").lower()
    if code.startswith("uz-cyrl") or code == "uz_cyrl":
        return "uz_cyrl"
    return code.split("-")[0].split("_")[0]


def localized_value(obj: object, field: str, language: str | None = None) -> str:
    """``obj.<field>_<lang>`` for the active language, falling back to uz, ru, en."""
    suffixes = (language_suffix(language), *FALLBACK_LANGUAGES)
    for suffix in suffixes:
        value = getattr(obj, f"{field}_{suffix}", "")
        if value:
            return value
    return ""


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
