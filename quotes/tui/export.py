"""Export the quotes on screen as a quote sheet, through `quotes.export` (the code behind `quotes export`).

The format follows the file name's suffix (.md, .html, .csv, .json, .jsonl). The sheet is written to a
temporary file beside the target and renamed into place, so a failed export leaves nothing half-written;
an existing file is never overwritten.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session
from textual.app import App
from textual.content import Content

from quotes.db.repo import QuoteQuery
from quotes.export import FORMATS, GroupBy, SheetHeader, export_quotes, query_filters
from quotes.tui.messages import Exported
from quotes.tui.screens.dialogs import PromptScreen
from quotes.tui.work import run_db

BY_SUFFIX = {sheet.suffix: name for name, sheet in FORMATS.items()}


def write_sheet(session: Session, query: QuoteQuery, path: Path, database: str) -> str:
    """Write the sheet; what was done, in words. Raises ValueError for a name it cannot write."""
    sheet_format = BY_SUFFIX.get(path.suffix.lower())
    if sheet_format is None:
        raise ValueError(f"{path.name}: end the name in one of {', '.join(sorted(BY_SUFFIX))}")
    if path.exists():
        raise ValueError(f"{path} exists already: choose another name")
    header = SheetHeader(database, datetime.now(UTC), query_filters(query))
    partial = path.with_name(f".{path.name}.part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = export_quotes(session, query, sheet_format, out, group_by=GroupBy.SPEAKER, header_info=header)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return f"exported {count} quotes to {path} ({sheet_format})"


def export_view(app: App[Any], query: QuoteQuery | None, database: str) -> None:
    """Ask for a file name, then write the quotes `query` matches there as a sheet."""
    if query is None:
        app.notify("Nothing to export here: open a list of quotes first", markup=False)
        return

    def answered(name: str | None) -> None:
        if not name or not name.strip():
            return
        path = Path(name.strip()).expanduser().resolve()

        def work(session: Session) -> Exported:
            return Exported(write_sheet(session, query, path, database))

        run_db(app, "export", work)

    question = Content(
        "Export these quotes as a quote sheet. File name (.md, .html, .csv, .json or .jsonl):"
    )
    app.push_screen(PromptScreen(question, value="quotes.md"), answered)
