"""`quotes export`: quote sheets (Markdown, HTML, CSV, JSON, JSON Lines) to stdout or a file."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import click

from quotes.cli.common import (
    CONTEXT,
    QuoteFilters,
    database_errors,
    database_url,
    db_option,
    open_db,
    quote_filter_options,
    warn,
)
from quotes.display import printable

FORMAT_NAMES = ("md", "html", "csv", "json", "jsonl")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json",
            ".jsonl": "jsonl"}  # fmt: skip


@click.command(context_settings=CONTEXT, short_help="Write a quote sheet: md, html, csv, json or jsonl.")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(FORMAT_NAMES),
    help="md: headings and block quotes; html: one printable file; csv: one row per quote; json: one "
    "document; jsonl: one quote per line. Default: from the -o file's suffix, else md.",
)
@quote_filter_options
@click.option(
    "--group-by",
    type=click.Choice(("speaker", "article")),
    default="speaker",
    show_default=True,
    help="Group under speaker headings (by name) or article headings (by date); csv and json follow "
    "the same order.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout ('-' is stdout).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.option(
    "--write-empty",
    is_flag=True,
    help="When no quote matches, still write a sheet (headers only). Without it nothing is written.",
)
@db_option
def export(
    format_name: str | None,
    filters: QuoteFilters,
    group_by: str,
    output: str | None,
    force: bool,
    write_empty: bool,
    db: str | None,
) -> None:
    """Write the quotes that match the filters as a quote sheet, each with its speaker (name, roles,
    anonymity), its article (title, outlet, date, URL), where it stands (paragraph, character offsets)
    and how it was attributed (method, rule, confidence, corrected by hand); md and html add the
    sentence around each quote.

    Writes to stdout unless -o FILE is given, and never overwrites FILE without --force (the file
    appears whole or not at all). When no quote matches it says so on stderr and exits 0.

    \b
    Example:
      quotes export --speaker "Jane Hale" --format md > hale.md
      quotes export --since 2024-01-01 --min-confidence 0.8 -o sheet.html
      quotes export --search "city budget" --format csv -o budget.csv --force
    """
    from quotes.db.engine import display_name
    from quotes.export import FORMATS, GroupBy, SheetHeader, peek, query_filters, sheet_stream

    to_stdout = output is None or output == "-"
    target = None if to_stdout else Path(str(output))
    chosen = format_name or (SUFFIXES.get(target.suffix.lower()) if target else None) or "md"
    if target is not None:
        check_target(target, force=force)
    sheet_format = FORMATS[chosen]
    factory = open_db(db)
    with factory() as session, database_errors():
        query = filters.query(session)
        header = SheetHeader(display_name(database_url(db)), datetime.now(UTC), query_filters(query))
        grouping = GroupBy(group_by)
        first, quotes = peek(sheet_stream(session, query, group_by=grouping, context=sheet_format.context))
        if first is None:
            skipped = "" if write_empty else "; nothing written (--write-empty writes an empty sheet)"
            warn(f"no quotes match{skipped}")
            if not write_empty:
                return
        if target is None:
            count = sheet_format.write(quotes, sys.stdout, header, grouping)
        else:
            with output_file(target, force=force) as out:
                count = sheet_format.write(quotes, out, header, grouping)
    if target is not None:
        warn(f"wrote {count} quote{'' if count == 1 else 's'} to {printable(str(target))}")


def check_target(target: Path, *, force: bool) -> None:
    """Refuse a FILE that is a folder, sits in a missing folder, or exists without --force."""
    if target.is_dir():
        raise click.ClickException(f"{printable(str(target))} is a folder: give a file name")
    if not target.parent.is_dir():
        raise click.ClickException(f"no folder {printable(str(target.parent))} for {printable(target.name)}")
    if target.exists() and not force:
        raise click.ClickException(f"{printable(str(target))} exists: add --force to overwrite it")


@contextmanager
def output_file(target: Path, *, force: bool) -> Iterator[TextIO]:
    """A file written beside `target` and moved into place only when complete: an error leaves nothing
    half-written, and without `force` an existing file (even one created meanwhile) is never replaced."""
    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    partial = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(partial, 0o666 & ~umask)  # the mode a plain open() would give, not mkstemp's 0600
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
        if force:
            os.replace(partial, target)
        else:
            try:
                os.link(partial, target)  # fails if the target exists, unlike a rename
            except FileExistsError as error:
                message = f"{printable(str(target))} exists: add --force to overwrite it"
                raise click.ClickException(message) from error
    finally:
        partial.unlink(missing_ok=True)
