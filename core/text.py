"""Text normalisation for search: one key for every script and apostrophe variant.

Uzbek is written in Latin (official) and Cyrillic, Russian in Cyrillic, and real data mixes
the apostrophe letters (ʻ ʼ ' ‘ ’ `). ``search_key`` folds all of them, so "Тошкентов" finds
"Toshkentov" and "Gʻulomov", "G'ulomov", "G‘ulomov" and "Ғуломов" are one name.
"""

from __future__ import annotations

import re
import unicodedata

# Uzbek Cyrillic -> Uzbek Latin (also covers Russian letters used in Uzbek names).
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "o", "қ": "q", "ғ": "g",
    "ҳ": "h", "і": "i",
}  # fmt: skip
_TRANSLATION = str.maketrans(_CYRILLIC_TO_LATIN)
# Every apostrophe-like character that appears in Uzbek Latin text (oʻ gʻ and the tutuq belgisi ʼ).
APOSTROPHES = "ʻʼ'‘’`´ʹʽ′"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_NON_WORD_RE = re.compile(r"[^0-9a-z ]+")
_SPACES_RE = re.compile(r"\s+")


def normalize_apostrophes(text: str) -> str:
    """Write every apostrophe variant as the official letters: ʻ after o/g (oʻ, gʻ), ʼ elsewhere."""
    def fix(match: re.Match[str]) -> str:
        start = match.start()
        previous = match.string[start - 1 : start].lower()
        return "ʻ" if previous in ("o", "g") else "ʼ"

    return _APOSTROPHE_RE.sub(fix, text)


def search_key(text: str | None) -> str:
    """Fold ``text`` to lowercase Latin without apostrophes or punctuation, for matching."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).lower().translate(_TRANSLATION)
    folded = _APOSTROPHE_RE.sub("", folded)
    # Strip accents that slip in from other keyboards (e.g. "ö"), then anything not a letter/digit.
    folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    folded = _NON_WORD_RE.sub(" ", folded)
    return _SPACES_RE.sub(" ", folded).strip()


def collapse_spaces(text: str | None) -> str:
    """Trim and collapse runs of white space (including non-breaking spaces from Excel)."""
    if text is None:
        return ""
    return _SPACES_RE.sub(" ", str(text).replace("\xa0", " ")).strip()


# Uzbek Cyrillic -> the official Latin alphabet (1995, with oʻ gʻ and ʼ), for writing a name
# given in Cyrillic in Latin letters. Е is "ye" at the start of a word and after a vowel or a
# sign, ц is "ts" after a vowel (Rus. "Кузнецова" -> "Kuznetsova", "Цой" -> "Soy").
_LATIN_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "s", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "ʼ", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "oʻ", "қ": "q", "ғ": "gʻ",
    "ҳ": "h", "і": "i",
}  # fmt: skip
_VOWELS_AND_SIGNS = set("аеёиоуэюяўыъь")


def cyrillic_to_latin(text: str) -> str:
    """``text`` (Uzbek or Russian in Cyrillic letters) written in Uzbek Latin letters:
    "Ғуломова Шаҳло" -> "Gʻulomova Shahlo", "ЮСУПОВ" -> "YUSUPOV"."""
    out: list[str] = []
    for i, char in enumerate(text):
        lower = char.lower()
        latin = _LATIN_LETTERS.get(lower)
        if latin is None:
            out.append(char)
            continue
        previous = text[i - 1].lower() if i else ""
        if lower == "е" and (not previous.isalpha() or previous in _VOWELS_AND_SIGNS):
            latin = "ye"
        elif lower == "ц" and previous in _VOWELS_AND_SIGNS:
            latin = "ts"
        if char != lower and latin:  # a capital: "Ш" -> "Sh" in a word, "SH" in capitals
            following = text[i + 1] if i + 1 < len(text) else ""
            whole_word_upper = following.isupper() or (not following.isalpha() and previous.isupper())
            latin = latin.upper() if whole_word_upper else latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)
