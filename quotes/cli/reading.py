"""`quotes list` (stored quotes, filtered) and `quotes extract` (the parser over files, no database)."""

from __future__ import annotations

import sys

import click

from quotes.cli.common import (
    QuoteFilters,
    database_errors,
    db_option,
    echo_stream,
    json_array,
    min_confidence_option,
    open_db,
    quote_filter_options,
    warn,
)
from quotes.display import json_text, printable, quote_lines


@click.command("list", short_help="List stored quotes with their speakers.")
@quote_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of text.")
@db_option
def list_command(filters: QuoteFilters, as_json: bool, db: str | None) -> None:
    """List stored quotes with their speakers, in article order (with --search: best match first, or
    newest first when more than 1,000 quotes match).

    \b
    Example:
      quotes list --speaker "Jane Hale" --since 2024-01-01 --json
    """
    from dataclasses import replace

    from quotes.db.repo import QuoteSort, iter_quotes

    with open_db(db)() as session, database_errors():
        query = filters.query(session)
        if query.search is not None:
            query = replace(query, sort=QuoteSort.RELEVANCE)
        rows = iter_quotes(session, query)  # streamed: the first quotes print while the rest are read
        if as_json:
            echo_stream(json_array(row.to_json() for row in rows))
            return
        printed = echo_stream(quote_lines(rows))
    if not printed:
        warn("no quotes found")


@click.command(short_help="Print the quotes found in articles (no database).")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "text"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per quote piece, for tools; text: the quote, the speaker and why.",
)
@click.option(
    "--kinds",
    default="speech,partial,nested,unclosed",
    show_default=True,
    help="Comma-separated kinds to print (speech, partial, nested, unclosed, term), or 'all'. Terms (scare "
    "quotes, titles, search terms) are not quotations, so they are left out unless asked for; unclosed "
    "quotes (the closing mark is missing: never attributed, cut at the end of their sentence) are shown.",
)
@min_confidence_option
def extract(paths: tuple[str, ...], output_format: str, kinds: str, min_confidence: float) -> None:
    """Find the quotes in articles and print them, without touching the database.

    PATH is a .txt, .md or .html file (its id is the path as given), a .jsonl file of {"id", "text", ...}
    objects, a folder of them, or - for stdin. Exits 1 if any article could not be read or parsed.

    \b
    Example:
      quotes extract article.txt --format text
      quotes extract articles.jsonl --kinds all > quotes.jsonl
    """
    from quotes.memory import settle
    from quotes.parse import QuoteKind, parse_article
    from quotes.parse.records import quote_record, quote_text_block, warning_lines
    from quotes.sources import SourceError, read_articles

    valid = {str(kind) for kind in QuoteKind}
    wanted = valid if kinds.strip() == "all" else {k.strip() for k in kinds.split(",") if k.strip()}
    if not wanted or wanted - valid:
        raise click.BadParameter(f"choose from {', '.join(sorted(valid))} or 'all'", param_hint="--kinds")
    settle()
    failed = False
    for source in read_articles(paths):
        if isinstance(source, SourceError):
            warn(f"{printable(source.label)}: {printable(source.message)}")
            failed = failed or not source.skipped
            continue
        try:
            parse = parse_article(source.text, min_confidence)
        except Exception as error:  # noqa: BLE001  (one article's parser failure must not stop the others)
            warn(f"{printable(source.label)}: parser failed: {type(error).__name__}: {printable(str(error))}")
            failed = True
            continue
        shown = [quote for quote in parse.quotes if str(quote.kind) in wanted]
        if output_format == "jsonl":
            for quote in shown:
                click.echo(json_text(quote_record(source.source_id, parse, quote)))
        else:
            click.echo(f"== {printable(source.source_id)}: {len(shown)} quotes")
            for quote in shown:
                click.echo(printable(quote_text_block(parse, quote), keep_newlines=True))
            for line in warning_lines(parse):
                click.echo(printable(line))
    if failed:
        sys.exit(1)
