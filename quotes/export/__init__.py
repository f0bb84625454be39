"""Quote sheets: the quotes a QuoteQuery matches, written as Markdown, HTML, CSV, JSON or JSON Lines.

`FORMATS[name].write(quotes, out, header, group_by=...)` writes SheetQuotes to a text stream;
`export_quotes(session, query, name, out, ...)` reads them from the database (streamed, memory flat) and
writes them: the code behind `quotes export` and the terminal UI's export action.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import chain
from typing import TextIO

from sqlalchemy.orm import Session

from quotes.db.repo import QuoteQuery, QuoteSort, iter_quotes
from quotes.export import csv as csv_sheet
from quotes.export import html as html_sheet
from quotes.export import json as json_sheet
from quotes.export import markdown as markdown_sheet
from quotes.export.sheet import (
    FIELDS,
    SCHEMA_VERSION,
    GroupBy,
    SheetHeader,
    SheetQuote,
    query_filters,
    quote_record,
    sheet_quotes,
)

__all__ = [
    "FIELDS",
    "FORMATS",
    "SCHEMA_VERSION",
    "GroupBy",
    "SheetFormat",
    "SheetHeader",
    "SheetQuote",
    "export_quotes",
    "peek",
    "query_filters",
    "quote_record",
    "sheet_stream",
]

Writer = Callable[[Iterable[SheetQuote], TextIO, SheetHeader, GroupBy | None], int]


@dataclass(frozen=True, slots=True)
class SheetFormat:
    """One output format: its writer (returns how many quotes it wrote) and what it needs."""

    name: str
    write: Writer
    suffix: str  # file name suffix, e.g. ".md"
    context: bool  # shows the sentence around each quote (reads article texts)
    description: str


FORMATS: dict[str, SheetFormat] = {
    "md": SheetFormat("md", markdown_sheet.write, ".md", True, "Markdown: headings, block quotes, citations"),
    "html": SheetFormat("html", html_sheet.write, ".html", True, "one printable HTML file with contents"),
    "csv": SheetFormat("csv", csv_sheet.write, ".csv", False, "one row per quote, every field (UTF-8)"),
    "json": SheetFormat("json", json_sheet.write_json, ".json", False, "one JSON document (schema v1)"),
    "jsonl": SheetFormat("jsonl", json_sheet.write_jsonl, ".jsonl", False, "one JSON object per line"),
}


def sheet_query(query: QuoteQuery, group_by: GroupBy | None) -> QuoteQuery:
    """The query in the order a grouped sheet needs (by speaker then article, or by article date);
    with no grouping the query's own order is kept."""
    if group_by is GroupBy.SPEAKER:
        return replace(query, sort=QuoteSort.SPEAKER, descending=False)
    if group_by is GroupBy.ARTICLE:
        return replace(query, sort=QuoteSort.DATE, descending=False)
    return query


def sheet_stream(
    session: Session, query: QuoteQuery, *, group_by: GroupBy | None, context: bool
) -> Iterator[SheetQuote]:
    """The sheet's quotes in its order, read a page at a time."""
    return sheet_quotes(session, iter_quotes(session, sheet_query(query, group_by)), context=context)


def peek(quotes: Iterator[SheetQuote]) -> tuple[SheetQuote | None, Iterator[SheetQuote]]:
    """The first quote (None when there is none) and the same stream from its start."""
    first = next(quotes, None)
    return first, (quotes if first is None else chain([first], quotes))


def export_quotes(
    session: Session,
    query: QuoteQuery,
    format: str,
    out: TextIO,
    *,
    group_by: GroupBy | None = GroupBy.SPEAKER,
    header_info: SheetHeader | None = None,
) -> int:
    """Write every quote `query` matches to `out` as a `format` sheet; returns how many were written.

    `header_info` says where the quotes come from; without it the header names no database and gives the
    current time and the query's filters. An empty result still writes an (empty) sheet.
    """
    sheet_format = FORMATS[format]
    header = header_info or SheetHeader("", datetime.now(UTC), query_filters(query))
    quotes = sheet_stream(session, query, group_by=group_by, context=sheet_format.context)
    return sheet_format.write(quotes, out, header, group_by)
