"""The folded search text of records (see core.text.search_key)."""

from __future__ import annotations

from core.text import search_key


def employee_search_text(
    *, last_name: str, first_name: str, middle_name: str = "", last_name_cyrl: str = "",
    first_name_cyrl: str = "", middle_name_cyrl: str = "",
) -> str:
    """Latin and Cyrillic names folded to one key; the Cyrillic part is added only when it folds
    to something different (a Russian spelling such as "Гулямов" for "Gʻulomov")."""
    latin = search_key(f"{last_name} {first_name} {middle_name}")
    cyrillic = search_key(f"{last_name_cyrl} {first_name_cyrl} {middle_name_cyrl}")
    if cyrillic and cyrillic != latin:
        return f"{latin} | {cyrillic}"[:512]
    return latin[:512]
