"""Uzbek Latin -> Uzbek Cyrillic, by the rules of the two official alphabets.

Used to generate the ``uz_Cyrl`` message catalogs from the Uzbek (Latin) ones
(``manage.py build_uz_cyrl_catalogs``) and to show names kept only in Latin (organisations,
people) in Cyrillic. The rules:

* one letter for one letter (a->а, q->қ, x->х, h->ҳ, j->ж, y->й ...), and the digraphs
  oʻ->ў, gʻ->ғ (with any apostrophe: ʻ ʼ ' ‘ ’ `), sh->ш, ch->ч; ng stays нг;
* yo, yu, ya, ye -> ё, ю, я, е (dunyo->дунё, viloyat->вилоят, Aliyev->Алиев), but yoʻ->йў
  (yoʻl->йўл): ё is y+o, not y+oʻ;
* e -> э at the start of a word and after a vowel (eng->энг, aeroport->аэропорт), else е;
* the tutuq belgisi ʼ -> ъ (taʼlim->таълим); an apostrophe that only separates s and h is
  dropped (Isʼhoq->Исҳоқ);
* ts -> ц where Uzbek Latin writes a Russian ц (tsex->цех, litsey->лицей, -tsiya->-ция,
  abzats->абзац), otherwise тс (ketsa->кетса, aytsin->айтсин): ц at the start of a word,
  before e, before i + vowel, and after a vowel at the end of a word;
* case follows the Latin: Sh and SH -> Ш, an all-capitals word stays in capitals;
* placeholders (%(name)s, %s, {name}, {{ var }}, {% tag %}), HTML tags and entities, URLs,
  e-mail addresses, paths, file names, identifiers with "_", command-line options and date
  format codes are copied untouched, and so are the Latin abbreviations and names in
  :data:`LATIN_KEPT` and words that cannot be Uzbek (with c, w or letters outside the alphabet);
* what the rules cannot know (mostly Russian loanwords: aksiya->акция, sentabr->сентябр,
  kompyuter->компьютер) is in the reviewed list ``core/translit_exceptions.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

EXCEPTIONS_FILE = Path(__file__).with_name("translit_exceptions.txt")

# Every apostrophe-like character real Uzbek Latin text uses for ʻ (oʻ gʻ) and ʼ.
APOSTROPHES = "ʻʼ'‘’`´ʹʽ′"
# The two letters of the official alphabet; after a letter they never close a quotation.
_PROPER_APOSTROPHES = "ʻʼ"

# Latin abbreviations and names written in Latin in Uzbek Cyrillic text as well. Matched as
# whole words, case-sensitively. Add to it rather than to the exceptions when a word must not change.
# Uzbek abbreviations are transliterated like words (JShShIR -> ЖШШИР, BHM -> БҲМ, MB -> МБ), and
# so are Russian ones (SOATO -> СОАТО).
LATIN_KEPT = frozenset({
    # international abbreviations and codes
    "API", "CSV", "DOCX", "DTD", "HR", "HTML", "HTTP", "HTTPS", "ID", "IP", "ISO", "JSON", "KPI",
    "PDF", "PhD", "PINFL", "PNG", "QR", "SMS", "SQL", "SVG", "UI", "URL", "UTF", "UZS", "USD",
    "UUID", "XLS", "XLSX", "XML", "ZIP",
    # date and time masks: DD.MM.YYYY, HH:MM[:ss[.uuuuuu]][TZ]
    "YYYY", "YY", "MM", "DD", "HH", "SS", "ss", "uuuuuu", "TZ",
    # language and country codes people type as they are
    "uz", "ru", "en", "UZ", "RU",
    # names of systems and products, and English technical terms quoted in Uzbek text
    "E-IMZO", "MyID", "OneID", "OpenAPI", "Excel", "Word", "Django", "Redis", "Celery",
    "PostgreSQL", "SQLite", "Swagger", "ReDoc", "Telegram",
    "entity", "slug", "DEBUG", "True", "False", "None", "Referer", "Referrer", "Referrer-Policy",
    "no-referrer", "same-origin",
})

_LETTERS = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж",
    "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с",
    "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з",
}  # fmt: skip
_IOTATED = {"o": "ё", "u": "ю", "a": "я", "e": "е"}
_VOWELS = "aeiou"

# Spans copied untouched, tried in this order at each position.
_PROTECTED = re.compile(
    "|".join(
        (
            # Hyphenated names of the keep-list (E-IMZO), before the words are split at "-".
            *(rf"(?<![\w-]){re.escape(name)}(?![\w-])" for name in sorted(LATIN_KEPT) if "-" in name),
            r"<!--.*?-->",  # HTML comment
            r"</?[A-Za-z][^<>]*>",  # HTML tag with its attributes
            r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);",  # HTML entity
            r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}",  # Django template tag, variable, comment
            r"%(?:\([^()]*\))?[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]",  # %-format
            r"\{[A-Za-z0-9_.!:\[\]]*\}",  # str.format field
            r"\{[^{}]*\}",  # JSON-like examples: {"argument": "value"} (code, not words)
            r"(?:https?|ftp)://[^\s<>\"'«»]+|www\.[^\s<>\"'«»]+",  # URL
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # e-mail address
            r"(?<![\w/])/[A-Za-z0-9_\-.<>{}/]+",  # path: /verify/<code>/
            r"(?<![\w-])--[A-Za-z][A-Za-z0-9-]*(?:=\S*)?",  # command-line option: --dry-run
            r"[\w-]*\.(?:xlsx|xls|csv|pdf|json|txt|zip|png|jpe?g|docx|html|po|mo|py)\b",  # file names
            r"\b[A-Za-z0-9]*_[A-Za-z0-9_]*\b",  # identifiers: last_name, name_uz_cyrl
            r"\b(?=[A-Za-z]*\d)[A-Za-z]+\d[A-Za-z0-9]*\b",  # codes with digits: AA1234567, A4, v1
            r"\b[A-Za-z]{1,3}-\d+\b",  # codes: R-03, S-1
            r"\b(?:YYYY|YY|MM|DD|HH|SS)(?:[.\-/: ]?(?:YYYY|YY|MM|DD|HH|SS))+\b",  # DD.MM.YYYY, DDMMYY
            r"\b(?:yyyy|yy|mm|dd|hh|ss)(?:[.\-/: ](?:yyyy|yy|mm|dd|hh|ss))+\b",
            r"\b[dj][.\-/][mnMF][.\-/][yY]\b|\b[HG]:i(?::s)?\b",  # Django date formats: d.m.Y, H:i
        )
    ),
    re.DOTALL,
)
# A word: letters, with apostrophes inside (oʻzbek, taʼlim) and ʻ/ʼ at its end (manʼ, oʻ).
_WORD = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*[{_PROPER_APOSTROPHES}]?")
_UZBEK_WORD = re.compile(rf"[A-Za-z{APOSTROPHES}]+")
_FOREIGN = re.compile(r"c(?!h)|w", re.IGNORECASE)  # letters Uzbek Latin does not have


@dataclass(frozen=True)
class Exceptions:
    """The reviewed word list: whole words, and stems that may take suffixes."""

    words: dict[str, str]
    stems: tuple[tuple[str, str], ...]  # longest first


def _fold(word: str) -> str:
    """Lowercase with the official apostrophes (ʻ after o/g, ʼ elsewhere): the lookup key."""
    out = []
    for index, char in enumerate(word.lower()):
        if char in APOSTROPHES:
            char = "ʻ" if index and out[-1] in "og" else "ʼ"
        out.append(char)
    return "".join(out)


def parse_exceptions(text: str) -> Exceptions:
    """Read the exceptions format: ``latin = кирилл`` (whole word) or ``latin* = кирилл``
    (stem: the rest of the word is transliterated by the rules)."""
    words: dict[str, str] = {}
    stems: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        latin, separator, cyrillic = (part.strip() for part in line.partition("="))
        if not separator or not latin or not cyrillic:
            raise ValueError(f"{EXCEPTIONS_FILE.name}:{number}: expected 'latin = кирилл', got {raw!r}")
        target = stems if latin.endswith("*") else words
        key = _fold(latin.rstrip("*"))
        if key in target:
            raise ValueError(f"{EXCEPTIONS_FILE.name}:{number}: {latin!r} is listed twice")
        target[key] = cyrillic.lower()
    ordered = tuple(sorted(stems.items(), key=lambda item: (-len(item[0]), item[0])))
    return Exceptions(words=words, stems=ordered)


@lru_cache(maxsize=1)
def exceptions() -> Exceptions:
    return parse_exceptions(EXCEPTIONS_FILE.read_text(encoding="utf-8"))


def _is_apostrophe(char: str) -> bool:
    return bool(char) and char in APOSTROPHES


def _ts_is_tse(word: str, index: int, previous: str) -> bool:
    """Is the "ts" at ``word[index]`` a Russian ц (litsey) rather than t + s (ketsa)?"""
    after = word[index + 2 :].lower()
    if index == 0 and not previous:
        return True  # no Uzbek word starts with t+s: tsex, tsentr
    if after[:1] == "e":
        return True  # litsey, dotsent, protsess
    if after[:1] == "i" and after[1:2] in (*_VOWELS, "y"):
        return True  # -tsiya, -tsion, koeffitsiyent
    before = word[index - 1 : index].lower() if index else previous
    return not after and bool(before) and before in _VOWELS  # abzats, nemets


def _rules(word: str, previous: str = "") -> str:
    """Transliterate one Uzbek Latin word by the rules. ``previous`` is the Latin letter before
    ``word`` when it continues a stem taken from the exceptions."""
    out: list[str] = []
    lower = word.lower()
    i, n = 0, len(word)
    while i < n:
        char, low = word[i], lower[i]
        nxt = lower[i + 1 : i + 2]
        upper = char.isupper()
        before = lower[i - 1] if i else previous
        if low in "og" and _is_apostrophe(word[i + 1 : i + 2]):
            cyr, step = ("ў" if low == "o" else "ғ"), 2
        elif low == "s" and nxt == "h":
            cyr, step = "ш", 2
        elif low == "s" and _is_apostrophe(nxt) and lower[i + 2 : i + 3] == "h":
            cyr, step = "с", 2  # Isʼhoq: the apostrophe only keeps s and h apart
        elif low == "c" and nxt == "h":
            cyr, step = "ч", 2
        elif low == "y" and nxt in _IOTATED and not (nxt == "o" and _is_apostrophe(word[i + 2 : i + 3])):
            cyr, step = _IOTATED[nxt], 2
        elif low == "t" and nxt == "s" and _ts_is_tse(word, i, previous):
            cyr, step = "ц", 2
        elif low == "e":
            at_start = i == 0 and not previous
            cyr, step = ("э" if at_start or before in _VOWELS else "е"), 1
        elif _is_apostrophe(char):
            cyr, step = "ъ", 1
        else:
            cyr, step = _LETTERS.get(low, char), 1
        out.append(cyr.upper() if upper else cyr)
        i += step
    return "".join(out)


def _apply_case(source: str, cyrillic: str) -> str:
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return cyrillic.upper()
    if letters and letters[0].isupper():
        return cyrillic[:1].upper() + cyrillic[1:]
    return cyrillic


def word_to_cyrillic(word: str) -> str:
    """One word (letters and inner apostrophes), with the exceptions and the keep-list."""
    if word in LATIN_KEPT or not _UZBEK_WORD.fullmatch(word) or _FOREIGN.search(word):
        return word
    table = exceptions()
    key = _fold(word)
    if key in table.words:
        return _apply_case(word, table.words[key])
    for stem, cyrillic in table.stems:
        if key.startswith(stem):
            rest = word[len(stem) :]
            return _apply_case(word, cyrillic + _rules(rest, previous=key[-1]).lower())
    cyrillic = _rules(word)
    letters = [c for c in word if c.isalpha()]
    return cyrillic.upper() if len(letters) > 1 and all(c.isupper() for c in letters) else cyrillic


def _plain_to_cyrillic(text: str) -> str:
    parts, last = [], 0
    for match in _WORD.finditer(text):
        parts.append(text[last : match.start()])
        parts.append(word_to_cyrillic(match.group()))
        last = match.end()
    parts.append(text[last:])
    return "".join(parts)


@lru_cache(maxsize=50_000)
def to_cyrillic(text: str) -> str:
    """``text`` in Uzbek Cyrillic; placeholders, markup and Latin abbreviations untouched."""
    if not text:
        return text
    parts: list[str] = []
    last = 0
    for match in _PROTECTED.finditer(text):
        if match.start() == match.end():
            continue
        parts.append(_plain_to_cyrillic(text[last : match.start()]))
        parts.append(match.group())
        last = match.end()
    parts.append(_plain_to_cyrillic(text[last:]))
    return "".join(parts)
