"""Texts in several languages inside one string (Moodle's multilang spans), and HTML to plain text."""

from __future__ import annotations

import html
import re

LANG_ALIASES = {"uz": "uz", "uz_latn": "uz", "uz-latn": "uz", "ru": "ru", "en": "en", "uz_cyrl": "uz_cyrl",
                "uz-cyrl": "uz_cyrl", "uzc": "uz_cyrl"}
ORDER = ("uz", "ru", "uz_cyrl", "en")

_SPAN = re.compile(
    r"<span\b(?=[^>]*\bclass\s*=\s*[\"']multilang[\"'])(?=[^>]*\blang\s*=\s*[\"']([\w-]+)[\"'])[^>]*>(.*?)</span>",
    re.IGNORECASE | re.DOTALL)
_MLANG = re.compile(r"\{mlang\s+([\w-]+)\}(.*?)\{mlang\}", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<\s*br\s*/?\s*>|</\s*p\s*>|</\s*div\s*>|</\s*li\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(value: str) -> str:
    text = _BREAK.sub("\n", value or "")
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def split_languages(value: str, *, default_language: str = "uz", is_html: bool = True) -> dict[str, str]:
    """``{"uz": ..., "ru": ...}`` from multilang spans (or ``{mlang xx}`` blocks); a text without them is in
    ``default_language``."""
    found: dict[str, str] = {}
    for pattern in (_SPAN, _MLANG):
        for lang, inner in pattern.findall(value or ""):
            code = LANG_ALIASES.get(lang.lower())
            if code and code not in found:
                found[code] = html_to_text(inner) if is_html else inner.strip()
    if found:
        return found
    text = html_to_text(value) if is_html else (value or "").strip()
    return {default_language: text} if text else {}


def join_languages(texts: dict[str, str]) -> str:
    """Multilang spans (HTML) for every language present; one language is written as it is."""
    present = [(lang, texts[lang]) for lang in ORDER if texts.get(lang)]
    if len(present) == 1:
        return html.escape(present[0][1]).replace("\n", "<br>")
    return "".join(f'<span lang="{lang if lang != "uz_cyrl" else "uz_cyrl"}" class="multilang">'
                   f'{html.escape(text).replace(chr(10), "<br>")}</span>' for lang, text in present)
