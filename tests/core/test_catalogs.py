"""Every string people can see is translated: our catalogs (every app's, found by walking the
project, so a new app's catalogs are covered without editing this test) have no untranslated or
fuzzy entry, keep their placeholders and are compiled; and the strings of Django, its admin, Django
REST framework, django-filter and simple-history are covered in Uzbek and Russian (their own catalogs
plus our supplement in ``locale/``), and Uzbek is written with the letters oʻ gʻ and ʼ."""

from __future__ import annotations

import re
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", "staticfiles", "node_modules", ".git", "media", ".pytest-media"}
SOURCE_LANGUAGE = "en"
"""msgids are English: an English catalog may leave msgstr empty (gettext then shows the msgid)."""


def our_catalogs() -> list[Path]:
    found = []
    for path in ROOT.rglob("LC_MESSAGES/*.po"):
        parts = path.relative_to(ROOT).parts
        if SKIP_DIRS & set(parts) or parts[-4] != "locale":
            continue
        found.append(path)
    return sorted(found)


def language_of(path: Path) -> str:
    return path.parts[-3]


CATALOGS = our_catalogs()
# django-celery-beat builds English plurals from pieces ("{0} task{1} {2} successfully {3}", with {1}
# "s" and {2} "was/were"): other languages rightly leave those two pieces out.
ENGLISH_PLURAL_PIECES = {"{0} task{1} {2} successfully run", "{0} task{1} {2} successfully {3}"}
PLACEHOLDER = re.compile(r"%\((?P<named>\w+)\)[sdifr]|(?<!%)(?P<positional>%[sdifr])|\{(?P<brace>[^{}]*)\}")


def test_the_walk_finds_every_apps_catalogs():
    apps = {path.relative_to(ROOT).parts[0] for path in CATALOGS}
    assert {"core", "workforce", "locale"} <= apps
    for app in apps - {"locale"}:
        languages = {language_of(p) for p in CATALOGS if p.relative_to(ROOT).parts[0] == app}
        assert {translation.to_locale(code) for code, _ in settings.LANGUAGES} <= languages, app


@pytest.mark.parametrize("path", CATALOGS, ids=[str(p.relative_to(ROOT)) for p in CATALOGS])
def test_catalog_is_complete_and_not_fuzzy(path):
    po = polib.pofile(str(path))
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not fuzzy, f"{path}: fuzzy entries {fuzzy[:5]}"
    if language_of(path) != SOURCE_LANGUAGE:
        untranslated = [e.msgid for e in po.untranslated_entries()]
        assert not untranslated, f"{path}: untranslated entries {untranslated[:5]}"


@pytest.mark.parametrize("path", CATALOGS, ids=[str(p.relative_to(ROOT)) for p in CATALOGS])
def test_translations_keep_the_placeholders(path):
    def names(text: str) -> list[str]:
        return sorted(f"{kind}:{value}" for m in PLACEHOLDER.finditer(text)
                      for kind, value in m.groupdict().items() if value is not None)

    po = polib.pofile(str(path))
    only_one_in_form_zero = re.sub(r"\s", "", po.metadata.get("Plural-Forms", "")).endswith("plural=(n!=1);")
    wrong = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            # Every form keeps the named placeholders of the plural; where form 0 serves only n == 1
            # (uz, en: "n != 1") it may say "one" and keep just those of the singular instead.
            plural = {n for n in names(entry.msgid_plural) if not n.startswith("positional")}
            singular = {n for n in names(entry.msgid) if not n.startswith("positional")}
            for index, form in entry.msgstr_plural.items():
                expected = singular if index == 0 and only_one_in_form_zero else plural
                if not expected <= set(names(form)):
                    wrong.append(entry.msgid)
                    break
        elif names(entry.msgid) != names(entry.msgstr) and entry.msgid not in ENGLISH_PLURAL_PIECES:
            wrong.append(entry.msgid)
    assert not wrong, f"{path}: placeholders differ in {wrong[:5]}"


def translated_messages(po) -> dict:
    messages = {}
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        key = (entry.msgctxt, entry.msgid)
        if entry.msgid_plural:
            if all(entry.msgstr_plural.values()):
                messages[key] = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        elif entry.msgstr:
            messages[key] = entry.msgstr
    return messages


@pytest.mark.parametrize("path", CATALOGS, ids=[str(p.relative_to(ROOT)) for p in CATALOGS])
def test_compiled_catalog_is_up_to_date(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run make messages"
    assert translated_messages(polib.pofile(str(path))) == translated_messages(polib.mofile(str(compiled))), (
        f"{compiled} is older than its .po: run make messages")


# --- the libraries' strings ----------------------------------------------------------------------
PACKAGES = Path(django.__file__).resolve().parent.parent
LIBRARY_SOURCES = {
    "django": ("django/conf/locale/en/LC_MESSAGES/django.po", "django"),
    "admin": ("django/contrib/admin/locale/en/LC_MESSAGES/django.po", "django"),
    "admin-js": ("django/contrib/admin/locale/en/LC_MESSAGES/djangojs.po", "djangojs"),
    "auth": ("django/contrib/auth/locale/en/LC_MESSAGES/django.po", "django"),
    "contenttypes": ("django/contrib/contenttypes/locale/en/LC_MESSAGES/django.po", "django"),
    "rest_framework": ("rest_framework/locale/en/LC_MESSAGES/django.mo", "django"),
    "django_filters": ("django_filters/locale/ru/LC_MESSAGES/django.po", "django"),
    "simple_history": ("simple_history/locale/ru_RU/LC_MESSAGES/django.po", "django"),
    "axes": ("axes/locale/ru/LC_MESSAGES/django.mo", "django"),
    "django_celery_beat": ("django_celery_beat/locale/ru/LC_MESSAGES/django.po", "django"),
}
# Not covered: django-import-export's strings (our admin does not use its import/export pages).


def has_entry(translation, language: str, key) -> bool:
    """``key`` is in the catalogs of ``language`` (not in the default language's, which Django
    falls back to and would show instead)."""
    current = translation
    while current is not None:
        if isinstance(current, trans_real.DjangoTranslation) and current.language() != language:
            return False
        catalog = getattr(current, "_catalog", None)
        if catalog is not None and catalog.get(key):
            return True
        current = getattr(current, "_fallback", None)
    return False


@pytest.mark.parametrize("language", ["uz", "ru"])
@pytest.mark.parametrize("library", sorted(LIBRARY_SOURCES))
def test_library_strings_are_translated(language, library):
    relative, domain = LIBRARY_SOURCES[library]
    source = PACKAGES / relative
    entries = polib.mofile(str(source)) if source.suffix == ".mo" else polib.pofile(str(source))
    translation = (trans_real.DjangoTranslation(language, domain="djangojs") if domain == "djangojs"
                   else trans_real.translation(language))
    missing = []
    for entry in entries:
        if not entry.msgid or entry.obsolete:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if not has_entry(translation, language, (key, 0) if entry.msgid_plural else key):
            missing.append(entry.msgid)
    assert not missing, f"{library} in {language}: {len(missing)} strings untranslated, e.g. {missing[:5]} " \
                        f"(supply them in locale/{language}/LC_MESSAGES/{domain}.po)"


APOSTROPHE_BETWEEN_LETTERS = re.compile(r"[A-Za-z]['`’‘][A-Za-z]")


@pytest.mark.parametrize("library", ["django", "admin", "auth"])
def test_uzbek_uses_the_letters_oʻ_gʻ_and_tutuq_belgisi_not_ascii_apostrophes(library):
    """Django's catalog types "Qo'shish"; our supplement rewrites it "Qoʻshish"."""
    from django.utils import translation

    relative, _domain = LIBRARY_SOURCES[library]
    entries = polib.pofile(str(PACKAGES / relative))
    with translation.override("uz"):
        shown = [translation.pgettext(e.msgctxt, e.msgid) if e.msgctxt else translation.gettext(e.msgid)
                 for e in entries if e.msgid and not e.msgid_plural]
    ascii_apostrophes = [text for text in shown if APOSTROPHE_BETWEEN_LETTERS.search(text)]
    assert not ascii_apostrophes, ascii_apostrophes[:5]
