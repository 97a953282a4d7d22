"""Cell cleaners: whatever Excel or a CSV export put in a cell -> the value the record stores.

Each cleaner takes a raw cell (``str``, ``float``, ``int``, ``bool``, ``date``/``datetime`` from
calamine, ``str`` from CSV) that is not empty and returns the clean value or raises
:class:`~workforce.importing.errors.CellError`. Word lists (sex, education, languages...) are
matched with :func:`core.text.search_key`, so script, case, apostrophes and punctuation do not
matter ("Эркак", "erkak", "Мужской" and "M" are all a man).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from core.text import search_key

from ..models import ContractType, EducationLevel, EmployeeStatus, OrganizationLevel, Sex
from .errors import CellError, ImportErrorCode

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug included)
MAX_EXCEL_SERIAL = 2958465  # 9999-12-31
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_DMY_RE = re.compile(r"(\d{1,2})[./\-](\d{1,2})[./\-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_YMD_RE = re.compile(r"(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-z]")


def text(value: object) -> str:
    """Trimmed text with runs of white space (NBSP, tabs, line breaks) collapsed to one space.

    Numbers become their plain digits (``40712966350029.0`` -> ``"40712966350029"``), dates
    DD.MM.YYYY, and the ``'`` our exports put before a formula-like value is taken off again."""
    if type(value) is str:
        s = value
    elif value is None:
        return ""
    elif type(value) is float:
        s = str(int(value)) if value.is_integer() else repr(value)  # type: ignore[attr-defined]
    elif type(value) is bool:
        s = "1" if value else "0"
    elif type(value) is int:
        s = str(value)
    elif isinstance(value, datetime.datetime):
        s = value.strftime("%d.%m.%Y") if value.time() == datetime.time(0) else value.strftime("%d.%m.%Y %H:%M")
    elif isinstance(value, datetime.date):
        s = value.strftime("%d.%m.%Y")
    else:
        s = str(value)
    if s[:1] == "'" and s[1:2] in FORMULA_PREFIXES:
        s = s[1:]
    if not s.isascii() and _INVISIBLE_RE.search(s):
        s = s.translate(_INVISIBLE)
    # str.split() splits on every Unicode space, NBSP (U+00A0) and narrow NBSP included.
    parts = s.split()
    return parts[0] if len(parts) == 1 else " ".join(parts)


def has_cyrillic(value: str) -> bool:
    return _CYRILLIC_RE.search(value) is not None


def has_latin(value: str) -> bool:
    return _LATIN_RE.search(value) is not None


def require_latin(value: str) -> str:
    if _CYRILLIC_RE.search(value):
        raise CellError(ImportErrorCode.LATIN_EXPECTED)
    return value


def require_cyrillic(value: str) -> str:
    if _LATIN_RE.search(value):
        raise CellError(ImportErrorCode.CYRILLIC_EXPECTED)
    return value


def max_length(value: str, limit: int) -> str:
    if len(value) > limit:
        raise CellError(ImportErrorCode.TOO_LONG, max=limit)
    return value


def digits(value: object) -> str:
    """An identifier written with digits only: PINFL stored as a number (``4.0712966350029E+13``,
    ``40712966350029.0``), as text with spaces, or with the apostrophe Excel users type first."""
    if type(value) is float:
        if not value.is_integer():  # type: ignore[attr-defined]
            raise CellError(ImportErrorCode.NUMBER_INVALID)
        return str(int(value))  # type: ignore[call-overload]
    if type(value) is int:
        return str(value)
    s = text(value).lstrip("'").replace(" ", "")
    if s.isdigit():
        return s
    if s.lower().count("e") == 1 or s.endswith((".0", ",0")):
        try:
            number = Decimal(s.replace(",", "."))
        except InvalidOperation:
            return s
        if number == number.to_integral_value() and number >= 0:
            return str(int(number))
    return s


def date_value(value: object) -> datetime.date:
    """A date from a date cell, an Excel serial number, or text: DD.MM.YYYY, DD/MM/YYYY,
    DD-MM-YYYY, YYYY-MM-DD (an optional time part is ignored); also as offices write them:
    "07.12.1996 г.", "07.12.1996y.", "7 декабря 1996 года", "7-dekabr 1996". A two-digit year
    ("07.12.96") is refused: 1927 or 2027 is not ours to guess for a contract end."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if type(value) in (int, float):
        return _from_serial(value)  # type: ignore[arg-type]
    s = text(value)
    match = _DMY_RE.fullmatch(s)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _make_date(year, month, day)
    match = _YMD_RE.fullmatch(s)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day)
    if s.isdigit() and 1 <= len(s) <= 7:  # a serial number stored as text
        return _from_serial(int(s))
    return _loose_date(s)


_YEAR_SUFFIX_RE = re.compile(r"\s*(?:г\.?|гг\.?|года|год|y\.?|yil|yilda|йил|й\.)\s*$", re.IGNORECASE)
_DAY_MONTH_NAME_RE = re.compile(r"(\d{1,2})[\s\-.]*([^\W\d_]+)[\s\-.,]*(\d{4})")
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("январь", "января", "yanvar", "январ", "january", "jan"),
    2: ("февраль", "февраля", "fevral", "феврал", "february", "feb"),
    3: ("март", "марта", "mart", "march", "mar"),
    4: ("апрель", "апреля", "aprel", "апрел", "april", "apr"),
    5: ("май", "мая", "may"),
    6: ("июнь", "июня", "iyun", "июн", "june", "jun"),
    7: ("июль", "июля", "iyul", "июл", "july", "jul"),
    8: ("август", "августа", "avgust", "august", "aug"),
    9: ("сентябрь", "сентября", "sentyabr", "сентябр", "september", "sep"),
    10: ("октябрь", "октября", "oktyabr", "октябр", "october", "oct"),
    11: ("ноябрь", "ноября", "noyabr", "ноябр", "november", "nov"),
    12: ("декабрь", "декабря", "dekabr", "декабр", "december", "dec"),
}
_MONTHS = {search_key(name): month for month, names in MONTH_NAMES.items() for name in names}


def _loose_date(s: str) -> datetime.date:
    """The slow path, for text the patterns above did not take."""
    stripped = _YEAR_SUFFIX_RE.sub("", s).strip()
    if stripped != s and stripped:
        return date_value(stripped)
    match = _DAY_MONTH_NAME_RE.fullmatch(s)
    if match:
        month = _MONTHS.get(search_key(match.group(2)))
        if month is not None:
            return _make_date(int(match.group(3)), month, int(match.group(1)))
    raise CellError(ImportErrorCode.DATE_INVALID)


def _from_serial(serial: float) -> datetime.date:
    if not 1 <= serial <= MAX_EXCEL_SERIAL:
        raise CellError(ImportErrorCode.DATE_INVALID)
    if 1900 <= serial <= 2100:  # a year alone ("1996"), not the serial of a day in 1905
        raise CellError(ImportErrorCode.DATE_INVALID)
    return EXCEL_EPOCH + datetime.timedelta(days=int(serial))


def _make_date(year: int, month: int, day: int) -> datetime.date:
    if year < 1900:
        raise CellError(ImportErrorCode.DATE_INVALID)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(ImportErrorCode.DATE_INVALID) from None


def decimal_value(value: object, places: int = 2) -> Decimal:
    """A decimal number; a comma is read as the decimal separator ("0,5")."""
    if type(value) is bool:
        raise CellError(ImportErrorCode.NUMBER_INVALID)
    if type(value) is float:
        number = Decimal(repr(value))
    elif type(value) is int:
        number = Decimal(value)  # type: ignore[arg-type]
    else:
        s = text(value).replace(" ", "").replace(",", ".")
        try:
            number = Decimal(s)
        except InvalidOperation:
            number = _fraction(s)
    if not number.is_finite():
        raise CellError(ImportErrorCode.NUMBER_INVALID)
    return number.quantize(Decimal(1).scaleb(-places))


_VULGAR_FRACTIONS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75"), "⅓": Decimal("0.33"),
                     "⅔": Decimal("0.67")}
_FRACTION_RE = re.compile(r"(\d+)?([½¼¾⅓⅔])|(\d+)/(\d+)")


def _fraction(s: str) -> Decimal:
    """ "½", "1½", "1/2", "3/4" (how rates are written by hand)."""
    match = _FRACTION_RE.fullmatch(s)
    if match is None:
        raise CellError(ImportErrorCode.NUMBER_INVALID)
    whole, vulgar, numerator, denominator = match.groups()
    if vulgar:
        return Decimal(whole or 0) + _VULGAR_FRACTIONS[vulgar]
    if int(denominator) == 0:
        raise CellError(ImportErrorCode.NUMBER_INVALID)
    return Decimal(numerator) / Decimal(denominator)


def integer_value(value: object) -> int:
    if type(value) is int:
        return value  # type: ignore[return-value]
    if type(value) is float and value.is_integer():  # type: ignore[attr-defined]
        return int(value)  # type: ignore[call-overload]
    s = text(value).replace(" ", "")
    if s.endswith((".0", ",0")):
        s = s[:-2]
    if s.lstrip("-").isdigit():
        return int(s)
    raise CellError(ImportErrorCode.NUMBER_INVALID)


def boolean_value(value: object) -> bool:
    if type(value) is bool:
        return value  # type: ignore[return-value]
    raw = text(value)
    key = search_key(raw) or raw
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(ImportErrorCode.CHOICE_INVALID, choice="yes_no",
                    allowed=_allowed_text(("Ha", "Да", "Yes", "Yoʻq", "Нет", "No")))


# Folded by search_key: "Ҳа" is "ha", "Йўқ" is "yoq", "Да" is "da", "Нет" is "net", "✓" stays itself.
_TRUE = {"1", "ha", "xa", "yes", "y", "da", "true", "x", "v", "ok", "+", "✓", "✔", "istina", "faol", "active",
         "deystvuet", "aktivna", "aktiv"}
_FALSE = {"0", "yoq", "yok", "no", "n", "net", "false", "lozh", "nofaol", "inactive", "ne deystvuet",
          "neaktivna", "yopilgan", "zakrita"}


def _allowed_text(words: Iterable[str]) -> str:
    return ", ".join(words)


class WordMap:
    """Words (in any script and language) -> a code. Built from fixed synonyms plus the labels of
    a model's choices in every language of the site, so whatever our exports wrote (and any label
    translated later) reads back. ``name`` registers it for :func:`allowed_values`: a refusal
    lists the labels in the reader's language (and the short forms, e.g. "M / F")."""

    def __init__(self, synonyms: dict[str, Iterable[str]], choices: object = None, *, allowed: Iterable[str] = (),
                 name: str = "", short: Iterable[str] = ()):
        self._synonyms = synonyms
        self._choices = choices
        self._allowed = tuple(allowed)
        self.short = tuple(short)
        self.name = name
        self._table: dict[str, str] | None = None
        self._cache: dict[object, str] = {}  # raw cell -> code; a column holds few distinct words
        if name:
            WORD_MAPS[name] = self

    @property
    def table(self) -> dict[str, str]:
        if self._table is None:
            table: dict[str, str] = {}
            for code, words in self._synonyms.items():
                table[search_key(code)] = code
                for word in words:
                    table[search_key(word)] = code
            if self._choices is not None:
                for language, _name in settings.LANGUAGES:
                    with translation.override(language):
                        for code, label in self._choices.choices:  # type: ignore[attr-defined]
                            table.setdefault(search_key(str(label)), code)
                            table.setdefault(search_key(code), code)
            self._table = table
        return self._table

    def __call__(self, value: object) -> str:
        cached = self._cache.get(value)  # type: ignore[arg-type]
        if cached is not None:
            return cached
        key = search_key(text(value))
        try:
            code = self.table[key]
        except KeyError:
            raise CellError(ImportErrorCode.CHOICE_INVALID, allowed=self.allowed_text(), choice=self.name) from None
        if len(self._cache) < 10_000:
            self._cache[value] = code  # type: ignore[index]
        return code

    def allowed_text(self) -> str:
        if self._allowed:
            return _allowed_text(self._allowed)
        return _allowed_text(self._synonyms)

    def labels(self) -> str:
        """The allowed values in the active language: the labels, then the short forms."""
        if self._choices is None:
            return self.allowed_text()
        labels = _allowed_text(str(label) for _code, label in self._choices.choices)  # type: ignore[attr-defined]
        if self.short:
            return gettext("%(labels)s (or %(short)s)") % {"labels": labels, "short": " · ".join(self.short)}
        return labels


WORD_MAPS: dict[str, WordMap] = {}


def allowed_values(name: str) -> str:
    """The values a column accepts, in the active language (for a message read now)."""
    if name == "yes_no":
        return f"{gettext('Yes')} / {gettext('No')}"
    word_map = WORD_MAPS.get(name)
    return word_map.labels() if word_map is not None else ""


SEX_WORDS = WordMap(
    {
        "M": ("male", "man", "erkak", "e", "erk", "эркак", "э", "мужской", "муж", "мужск", "мужчина", "м", "m",
              "erkak jinsi", "эркак жинси"),
        "F": ("female", "woman", "w", "ayol", "a", "аёл", "а", "женский", "жен", "женск", "женщина", "ж", "f",
              "ayol jinsi", "аёл жинси"),
    },
    Sex,
    allowed=("Erkak / Ayol", "Эркак / Аёл", "Мужской / Женский", "M / F"),
    name="sex",
    short=("E / A", "Э / А", "М / Ж", "M / F"),
)

EDUCATION_WORDS = WordMap(
    {
        "secondary": ("umumiy oʻrta", "oʻrta", "умумий ўрта", "ўрта", "общее среднее", "среднее общее", "среднее",
                      "general secondary", "secondary school", "secondary", "oʻrta maʼlumotli"),
        "vocational": ("oʻrta maxsus", "oʻrta-maxsus", "oʻrta maxsus kasb-hunar", "ўрта махсус",
                       "ўрта махсус касб-ҳунар",
                       "среднее специальное", "средне-специальное", "среднее-специальное", "ср. спец.", "ср.-спец.",
                       "среднее профессиональное", "средне-профессиональное", "specialised secondary",
                       "specialized secondary", "vocational", "oʻrta maxsus maʼlumotli"),
        "bachelor": ("oliy", "oliy (bakalavr)", "bakalavr", "олий", "бакалавр", "высшее", "высшее (бакалавр)",
                     "высшее (бакалавриат)", "бакалавриат", "высшее профессиональное", "oliy maʼlumotli",
                     "bachelor", "higher", "higher (bachelor)"),
        "master": ("oliy (magistr)", "magistr", "magistratura", "магистр", "высшее (магистр)", "высшее (магистратура)",
                   "магистратура", "master", "higher (master)"),
        "phd": ("falsafa doktori", "фалсафа доктори", "falsafa doktori (phd)", "доктор философии",
                "доктор философии (phd)", "кандидат наук", "fan nomzodi", "фан номзоди", "phd",
                "doctor of philosophy"),
        "dsc": ("fan doktori", "фан доктори", "fan doktori (dsc)", "доктор наук", "dsc", "doctor of science",
                "doctor of sciences"),
    },
    EducationLevel,
    allowed=("Oʻrta", "Oʻrta maxsus", "Oliy (bakalavr)", "Oliy (magistr)", "PhD", "DSc"),
    name="education",
)

CONTRACT_WORDS = WordMap(
    {
        "fixed_term": ("muddatli", "муддатли", "срочный", "срочный договор", "срочный контракт", "fixed-term",
                       "fixed term", "fixed", "muddatli mehnat shartnomasi"),
        "indefinite": ("muddatsiz", "муддатсиз", "бессрочный", "бессрочный договор", "бессрочный контракт",
                       "indefinite", "permanent", "muddatsiz mehnat shartnomasi"),
    },
    ContractType,
    allowed=("Muddatli / Muddatsiz", "Срочный / Бессрочный", "Fixed-term / Indefinite"),
    name="contract",
)

ORGANIZATION_LEVEL_WORDS = WordMap(
    {
        "national": ("milliy", "миллий", "национальный", "общегосударственный"),
        "republican": ("respublika", "respublika darajasidagi", "республика", "республиканский"),
        "territorial": ("hududiy", "ҳудудий", "территориальный", "viloyat", "вилоят", "областной"),
        "district": ("tuman", "туман", "районный", "tuman (shahar)", "shahar", "шаҳар", "городской", "район"),
    },
    OrganizationLevel,
    name="organization_level",
)

EMPLOYEE_STATUS_WORDS = WordMap({}, EmployeeStatus, name="employee_status")

# Language codes with their names in Uzbek (Latin and Cyrillic), Russian and English.
LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "uz": ("uzb", "oʻzbek", "oʻzbekcha", "ўзбек", "узбекский", "узбек", "uzbek"),
    "ru": ("rus", "ruscha", "рус", "русский", "russian"),
    "en": ("eng", "ingliz", "inglizcha", "инглиз", "английский", "english"),
    "kaa": ("qoraqalpoq", "қорақалпоқ", "каракалпакский", "karakalpak"),
    "kk": ("qozoq", "қозоқ", "казахский", "kazakh"),
    "ky": ("qirgʻiz", "қирғиз", "киргизский", "kyrgyz"),
    "tg": ("tojik", "тожик", "таджикский", "tajik"),
    "tk": ("turkman", "туркман", "туркменский", "turkmen"),
    "tr": ("turk", "турк", "турецкий", "turkish"),
    "de": ("nemis", "немис", "немецкий", "german"),
    "fr": ("fransuz", "француз", "французский", "french"),
    "es": ("ispan", "испан", "испанский", "spanish"),
    "it": ("italyan", "итальянский", "italian"),
    "ar": ("arab", "араб", "арабский", "arabic"),
    "fa": ("fors", "форс", "персидский", "persian"),
    "zh": ("xitoy", "хитой", "китайский", "chinese"),
    "ko": ("koreys", "корейс", "корейский", "korean"),
    "ja": ("yapon", "япон", "японский", "japanese"),
    "hi": ("hind", "хинд", "хинди", "hindi"),
}
_LANGUAGE_TABLE = {search_key(word): code for code, words in LANGUAGE_NAMES.items() for word in (code, *words)}
_LANGUAGE_SUFFIXES = (" tili", " language", " yazyk", " yazik")
_LANGUAGE_SPLIT_RE = re.compile(r"[,;/|\n]+")


def languages_value(value: object) -> list[str]:
    """ "uz, ru", "oʻzbek; rus tili", "Русский/Английский" -> ["uz", "ru"] (codes, in the given order)."""
    codes: list[str] = []
    for part in _LANGUAGE_SPLIT_RE.split(text(value)):
        key = search_key(part)
        if not key:
            continue
        for suffix in _LANGUAGE_SUFFIXES:
            if key.endswith(suffix):
                key = key[: -len(suffix)]
        code = _LANGUAGE_TABLE.get(key)
        if code is None:
            raise CellError(ImportErrorCode.LANGUAGE_UNKNOWN, language=part.strip())
        if code not in codes:
            codes.append(code)
    return codes


_COUNTRY_NAMES = {
    "UZ": ("oʻzbekiston", "oʻzbekiston respublikasi", "ўзбекистон", "узбекистан", "uzbekistan", "uzb"),
    "RU": ("rossiya", "россия", "russia"),
    "KZ": ("qozogʻiston", "казахстан", "kazakhstan"),
    "KG": ("qirgʻiziston", "кыргызстан", "киргизия", "kyrgyzstan"),
    "TJ": ("tojikiston", "таджикистан", "tajikistan"),
    "TM": ("turkmaniston", "туркменистан", "turkmenistan"),
}
_COUNTRY_TABLE = {search_key(word): code for code, words in _COUNTRY_NAMES.items() for word in words}
_COUNTRY_CODE_RE = re.compile(r"[A-Za-z]{2}")


def citizenship_value(value: object) -> str:
    s = text(value)
    if _COUNTRY_CODE_RE.fullmatch(s):
        return s.upper()
    code = _COUNTRY_TABLE.get(search_key(s))
    if code is None:
        raise CellError(ImportErrorCode.CITIZENSHIP_INVALID)
    return code


_PASSPORT_RE = re.compile(r"[A-Z]{2}[0-9]{7}")


def passport_value(value: object) -> str:
    s = text(value).replace(" ", "").replace("-", "").upper()
    if not _PASSPORT_RE.fullmatch(s):
        raise CellError(ImportErrorCode.PASSPORT_FORMAT)
    return s


_PHONE_FORMATTING_RE = re.compile(r"[\s\-().]")


def phone_value(value: object) -> str:
    """Kept as written (trimmed); checked to hold 7-15 digits after an optional +."""
    s = text(value)
    bare = _PHONE_FORMATTING_RE.sub("", s)
    if not re.fullmatch(r"\+?[0-9]{7,15}", bare):
        raise CellError(ImportErrorCode.PHONE_INVALID)
    return max_length(s, 20)
