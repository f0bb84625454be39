"""JSON and JSON Lines quote sheets, schema version 1 (quote-sheet.schema.json describes both).

JSON: one document, `{"format": "quote-sheet", "version": 1, "exported_at", "database", "filters",
"group_by", "quotes": [...], "count"}`, one quote per line so large sheets stay diffable. JSON Lines: one
quote object per line, each with `"version": 1`. Text is the stored text: control characters are JSON
escapes (`\\u001b`), which a JSON reader turns back into the same characters.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from typing import Any, TextIO

from quotes.display import json_text
from quotes.export.sheet import SCHEMA_VERSION, GroupBy, SheetHeader, SheetQuote, quote_record

FORMAT_NAME = "quote-sheet"
SCHEMA_FILE = "quote-sheet.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of both sheets (shipped in the package beside this module)."""
    schema: dict[str, Any] = json.loads(resources.files("quotes.export").joinpath(SCHEMA_FILE).read_text("utf-8"))
    return schema


def write_json(
    quotes: Iterable[SheetQuote], out: TextIO, header: SheetHeader, group_by: GroupBy | None
) -> int:
    """Write one JSON document; returns the number of quotes."""
    about = {
        "format": FORMAT_NAME,
        "version": SCHEMA_VERSION,
        "exported_at": header.exported_at.isoformat(),
        "database": header.database,
        "filters": header.filters,
        "group_by": None if group_by is None else str(group_by),
    }
    out.write("{\n")
    out.writelines(f"  {json_text(name)}: {json_text(value)},\n" for name, value in about.items())
    out.write('  "quotes": [')
    count = 0
    for quote in quotes:
        out.write(",\n    " if count else "\n    ")
        out.write(json_text(quote_record(quote)))
        count += 1
    out.write("\n  ],\n" if count else "],\n")
    out.write(f'  "count": {count}\n}}\n')
    return count


def write_jsonl(
    quotes: Iterable[SheetQuote], out: TextIO, header: SheetHeader, group_by: GroupBy | None
) -> int:
    """Write one JSON object per quote per line; returns the number of quotes."""
    count = 0
    for quote in quotes:
        out.write(json_text({"version": SCHEMA_VERSION, **quote_record(quote)}) + "\n")
        count += 1
    return count
