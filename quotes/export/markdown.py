"""Markdown quote sheets: a heading per speaker (or article), each quote a block quote with its citation
and the sentence around it. Every character Markdown gives a meaning to is escaped in data, so a quote
cannot open a link, an image, raw HTML, a heading or a list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

import regex

from quotes.export.groups import (
    article_details,
    article_label,
    evidence_text,
    group_of,
    one_line,
    speaker_details,
    speaker_label,
)
from quotes.export.sheet import GroupBy, SheetHeader, SheetQuote
from quotes.export.text import safe_url, visible

# Inline syntax: emphasis, code, links and images, raw HTML and entities, tables, strikethrough, headings
_INLINE = regex.compile(r"([\\`*_\[\]<>!|~&#()])")
# What opens a block at the start of a line: a list or a setext underline ("- ", "+ ", "= "), or "1." "1)"
_LINE_START = regex.compile(r"^([\-+=])|^(\d+)([.)])", regex.MULTILINE)
_SAFE_AUTOLINK = regex.compile(r"[^\s<>\\`]+\Z")


def escape(text: str) -> str:
    """`text` as literal Markdown text: controls made visible, then every special character escaped."""
    escaped = _INLINE.sub(r"\\\1", visible(text))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def inline(text: str) -> str:
    """A one-line field (a name, a title) escaped: line breaks become spaces."""
    return escape(one_line(text))


def link(url: str | None) -> str:
    """An http(s) URL as an autolink, anything else as escaped text."""
    if url is None:
        return ""
    safe = safe_url(url)
    if safe is not None and _SAFE_AUTOLINK.match(safe):
        return f"<{safe}>"
    return inline(url)


def block_quote(text: str) -> list[str]:
    """The quote's lines behind `> `, each trimmed so none turns into indented code or a hard break."""
    return [f"> {line}".rstrip() for line in (part.strip() for part in escape(text).split("\n"))]


def citation(quote: SheetQuote) -> str:
    """`— Name (roles); *Title*, Outlet, date, <url>`."""
    row = quote.row
    who = inline(speaker_label(quote))
    details = speaker_details(quote)
    if details:
        who += f" ({'; '.join(inline(detail) for detail in details)})"
    source = [f"*{inline(article_label(quote))}*", *(inline(part) for part in article_details(quote))]
    if row.url:
        source.append(link(row.url))
    return f"\u2014 {who}; {', '.join(source)}"


def write(quotes: Iterable[SheetQuote], out: TextIO, header: SheetHeader, group_by: GroupBy | None) -> int:
    """Write a Markdown sheet; returns the number of quotes."""
    out.write("# Quote sheet\n\n")
    out.write(f"Exported {header.exported_at:%Y-%m-%d %H:%M %Z}".rstrip())
    if header.database:
        out.write(f" from {inline(header.database)}")
    out.write(f".  \nFilters: {inline(header.filter_text())}.\n")
    count = 0
    current: tuple[str, int] | None = None
    for quote in quotes:
        if group_by is not None:
            group = group_of(quote, group_by)
            if group.key != current:
                current = group.key
                out.write(f"\n## {inline(group.title)}\n")
                if group.details:
                    out.write(f"\n{'; '.join(inline(detail) for detail in group.details)}\n")
        out.write("\n" + "\n".join(block_quote(quote.row.text)) + "\n\n")
        out.write(citation(quote) + "  \n")
        out.write(escape(evidence_text(quote)) + "\n")
        if quote.context:
            out.write(f"\nContext: {inline(quote.context)}\n")
        count += 1
    out.write(f"\n---\n\n{count} quote{'' if count == 1 else 's'}.\n")
    return count
