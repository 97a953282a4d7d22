"""Rich text of vacancy descriptions: HR officers paste formatted text; only an allow-list of tags and
attributes survives (nh3, the Rust "ammonia" sanitiser). Scripts, event handlers (``onerror``),
``style``, ``javascript:`` links and anything unknown are removed before the text is stored."""

from __future__ import annotations

import html

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "h3", "h4", "blockquote", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_html(value: str | None) -> str:
    """``value`` with only the allowed markup; links get ``rel="noopener noreferrer nofollow"``."""
    if not value:
        return ""
    return nh3.clean(
        value, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer nofollow", strip_comments=True,
    ).strip()


def plain_text(value: str | None) -> str:
    """The text of sanitised HTML without any tag (feeds, search text, meta descriptions)."""
    if not value:
        return ""
    return " ".join(html.unescape(nh3.clean(value, tags=set())).split())
