"""CSV quote sheets: a header row, then one row per quote with every field (UTF-8, RFC 4180 line ends).

Spreadsheets run a cell that starts with = + - @, a tab or a carriage return as a formula, so such a cell
gets a leading `'` (OWASP's advice on CSV injection): drop a `'` that is followed by one of those
characters to get the stored text back. Control characters other than tab and newline, and bidi controls,
are written as `\\x1b` / `\\u202e` escapes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from quotes.export.sheet import FIELDS, GroupBy, SheetHeader, SheetQuote, quote_record
from quotes.export.text import visible

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROLE_SEPARATOR = "; "


def cell(value: Any) -> str | int | float:
    """A field as a CSV cell: text made visible and defused, lists joined, booleans true/false, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list):
        value = ROLE_SEPARATOR.join(value)
    shown = visible(str(value))
    return "'" + shown if shown.startswith(FORMULA_STARTS) else shown


def write(quotes: Iterable[SheetQuote], out: TextIO, header: SheetHeader, group_by: GroupBy | None) -> int:
    """Write a CSV sheet (the header row even when no quote matched); returns the number of quotes."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    count = 0
    for quote in quotes:
        record = quote_record(quote)
        writer.writerow([cell(record[name]) for name in FIELDS])
        count += 1
    return count
