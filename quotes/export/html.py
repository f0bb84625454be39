"""HTML quote sheets: one standalone file (inline CSS, no script, no external asset) that reads well on a
screen and prints cleanly, with a header saying what was exported and a table of contents by group.

Every piece of data goes through `html.escape` after its control characters are made visible. The body is
written to a spooled temporary file first, so the contents and the counts can come before it while the
quotes still stream (memory holds one entry per group, not the quotes)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from html import escape
from typing import TextIO

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

_SPOOL_BYTES = 8 * 1024 * 1024

STYLE = """\
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, nav, .about, .cite, .meta { font-family: "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; margin-top: 2.5rem; }
.about { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem; }
.about dt { color: #555; } .about dd { margin: 0; overflow-wrap: anywhere; }
nav { font-size: .95rem; } nav ol { padding-left: 1.5rem; } nav .n { color: #555; }
.details { color: #444; font-style: italic; margin-top: 0; }
.quote { margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: 0; padding: .25rem 0 .25rem 1rem; border-left: 4px solid #888; font-size: 1.1rem; }
blockquote p { margin: 0; white-space: pre-line; }
.cite { margin: .35rem 0 0 1rem; font-size: .9rem; }
.meta { margin: .1rem 0 0 1rem; font-size: .8rem; color: #555; }
.context { margin: .35rem 0 0 1rem; font-size: .9rem; color: #333; }
.context::before { content: "Context: "; font-weight: bold; font-family: Arial, sans-serif; }
a { color: #1a4f8b; overflow-wrap: anywhere; }
footer { margin-top: 3rem; font-size: .8rem; color: #555; border-top: 1px solid #ccc; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  .cite a[href]::after { content: " <" attr(href) ">"; font-size: .8em; }
  nav { page-break-after: always; break-after: page; }
  h2 { break-after: avoid; page-break-after: avoid; }
  blockquote { border-left-color: #000; }
}
"""


def text(value: str) -> str:
    """Data as HTML text: control and bidi characters made visible, then escaped (quotes included)."""
    return escape(visible(value), quote=True)


def line(value: str) -> str:
    """A one-line field (a name, a title) as HTML text: line breaks become spaces."""
    return escape(one_line(value), quote=True)


def link(url: str | None) -> str:
    """An http(s) URL as a link showing itself; anything else as text."""
    if url is None:
        return ""
    safe = safe_url(url)
    if safe is None:
        return line(url)
    return f'<a href="{escape(safe, quote=True)}">{text(safe)}</a>'


def citation(quote: SheetQuote) -> str:
    who = line(speaker_label(quote))
    details = speaker_details(quote)
    if details:
        who += f" ({'; '.join(line(detail) for detail in details)})"
    source = [f"<cite>{line(article_label(quote))}</cite>", *map(line, article_details(quote))]
    if quote.row.url:
        source.append(link(quote.row.url))
    return f"\u2014 {who}; {', '.join(source)}"


def quote_html(quote: SheetQuote) -> str:
    lines = [
        f'<div class="quote" id="q{quote.row.id}">',
        f"<blockquote><p>{text(quote.row.text)}</p></blockquote>",
        f'<p class="cite">{citation(quote)}</p>',
        f'<p class="meta">{text(evidence_text(quote))}</p>',
    ]
    if quote.context:
        lines.append(f'<p class="context">{line(quote.context)}</p>')
    lines.append("</div>")
    return "\n".join(lines) + "\n"


def write(quotes: Iterable[SheetQuote], out: TextIO, header: SheetHeader, group_by: GroupBy | None) -> int:
    """Write an HTML sheet; returns the number of quotes."""
    contents: list[tuple[str, int]] = []  # each group's heading and its number of quotes
    speakers: set[int] = set()
    articles: set[int] = set()
    count = 0
    with tempfile.SpooledTemporaryFile(_SPOOL_BYTES, mode="w+", encoding="utf-8", newline="") as body:
        current: tuple[str, int] | None = None
        for quote in quotes:
            if group_by is not None:
                group = group_of(quote, group_by)
                if group.key != current:
                    if current is not None:
                        body.write("</section>\n")
                    current = group.key
                    contents.append((group.title, 0))
                    body.write(f'<section id="g{len(contents)}">\n<h2>{line(group.title)}</h2>\n')
                    if group.details:
                        details = "; ".join(line(detail) for detail in group.details)
                        body.write(f'<p class="details">{details}</p>\n')
                contents[-1] = (contents[-1][0], contents[-1][1] + 1)
            body.write(quote_html(quote))
            count += 1
            articles.add(quote.row.article_id)
            if quote.row.speaker_id is not None:
                speakers.add(quote.row.speaker_id)
        if current is not None:
            body.write("</section>\n")
        _head(out, header, count, len(speakers), len(articles))
        _contents(out, contents, group_by)
        out.write("<main>\n")
        body.seek(0)
        shutil.copyfileobj(body, out)
    out.write("</main>\n<footer><p>Written by quotes export. Offsets count characters of the stored "
              "article text; paragraphs count from 1.</p></footer>\n</body>\n</html>\n")
    return count


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _head(out: TextIO, header: SheetHeader, count: int, speakers: int, articles: int) -> None:
    summary = f"{_plural(count, 'quote')} by {_plural(speakers, 'speaker')} in {_plural(articles, 'article')}"
    when = f"{header.exported_at:%Y-%m-%d %H:%M %Z}".rstrip()
    out.write(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Quote sheet: {text(summary)}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
        "<header>\n<h1>Quote sheet</h1>\n<dl class=\"about\">\n"
        f"<dt>Exported</dt><dd>{text(when)}</dd>\n"
    )
    if header.database:
        out.write(f"<dt>Database</dt><dd>{text(header.database)}</dd>\n")
    out.write(f"<dt>Filters</dt><dd>{text(header.filter_text())}</dd>\n")
    out.write(f"<dt>Contains</dt><dd>{text(summary)}</dd>\n</dl>\n</header>\n")


def _contents(out: TextIO, contents: list[tuple[str, int]], group_by: GroupBy | None) -> None:
    if not contents:
        return
    label = "speaker" if group_by is GroupBy.SPEAKER else "article"
    out.write(f"<nav>\n<h2>Contents by {label}</h2>\n<ol>\n")
    for number, (title, quotes) in enumerate(contents, 1):
        count = _plural(quotes, "quote")
        out.write(f'<li><a href="#g{number}">{line(title)}</a> <span class="n">({count})</span></li>\n')
    out.write("</ol>\n</nav>\n")
