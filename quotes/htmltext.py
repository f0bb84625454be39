"""A news page's main text and metadata, through trafilatura.

Scripts, styles, navigation, comments and other boilerplate are dropped; what the page says as text
(`&lt;script&gt;` included) is kept as plain characters, never markup. Paragraphs become lines, which is how
the parser reads paragraphs. trafilatura is imported only when an HTML page is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A charset declared in the first bytes of a page: <meta charset="..."> or the http-equiv form.
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
META_SNIFF_BYTES = 4096
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


class NoMainText(ValueError):
    """A page with no article text that trafilatura could find."""


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    author: str | None
    outlet: str | None
    url: str | None
    published: date | None
    language: str | None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start, if any."""
    found = META_CHARSET.search(data[:META_SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None


def looks_like_html(text: str) -> bool:
    """Whether text starts as an HTML document does (a doctype or an <html> tag)."""
    return _HTML_START.match(text[:4096]) is not None


def extract_page(html: str) -> Page:
    """The main text of a page and its metadata; raises NoMainText when there is none."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(document, "text", None) if document is not None else None
    if not isinstance(text, str) or not text.strip():
        raise NoMainText("no article text found in the page")
    return Page(
        text=text,
        title=_field(document, "title"),
        author=_field(document, "author"),
        outlet=_field(document, "sitename") or _field(document, "hostname"),
        url=_field(document, "url"),
        published=_date(_field(document, "date")),
        language=_field(document, "language"),
    )


def _field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
